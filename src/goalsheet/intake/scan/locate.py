"""Finding a page in a picture: its QR code (what the page is), its four corner marks, and
from them the map from the page's plan (mm) onto the image (rotation, scale, perspective)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from goalsheet.intake.scan.source import PAGE_SIDE
from goalsheet.language.messages import _
from goalsheet.paper.scannable.layout import CORNER, QR_SIZE, PagePlan
from goalsheet.paper.scannable.payload import NotOurs, Payload, decode

if TYPE_CHECKING:
    import numpy as np

MAX_SIDE = PAGE_SIDE  # a larger image is scaled down first (a 100-megapixel photo)
FIND_SIDE = 1300  # px: the QR code is looked for on a copy of the page this size first
QUICK_ENLARGE = 400  # px: a cut-out round the code smaller than this is read enlarged too


class Unreadable(ValueError):
    """A page that cannot be read at all: the message says why, for a person."""


def grey(image: Any) -> np.ndarray:
    """The image in grey, no side longer than MAX_SIDE."""
    # heavy: OpenCV loads only when a scan is read
    import cv2

    if image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    side = max(image.shape[:2])
    if side > MAX_SIDE:
        scale = MAX_SIDE / side
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    result: np.ndarray = image
    return result


def find_qr(image: np.ndarray) -> tuple[Payload, np.ndarray]:
    """The page's payload and the QR code's four corners in the image (top left, top right,
    bottom right, bottom left of the code as printed, whichever way up the page is).

    The code is looked for on a small copy of the page first and read from the full-size
    picture around where it was seen (a tenth of the time); only when that fails is the
    whole picture searched, as it is, blurred, equalised and enlarged."""
    # heavy: OpenCV loads only when a scan is read
    import cv2

    quick = _found_quickly(image)
    if quick is not None:
        return _payload(quick[0]), quick[1]
    attempts = [image, cv2.GaussianBlur(image, (3, 3), 0), _equalised(image)]
    if max(image.shape) < 3000:  # a low-resolution scan: small modules read better larger
        larger = cv2.resize(image, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
        attempts.append(larger)
    for detector in (cv2.QRCodeDetector(), cv2.QRCodeDetectorAruco()):
        for attempt in attempts:
            text, points, _straight = detector.detectAndDecode(attempt)
            if text and points is not None:
                scale = image.shape[0] / attempt.shape[0]
                return _payload(text), points.reshape(4, 2) * scale
    raise Unreadable(
        _("no goalsheet code was found on the page (is it a goalsheet page, and is the code "
          "in the picture and in focus?)")
    )  # fmt: skip


def _payload(text: str) -> Payload:
    try:
        return decode(text)
    except NotOurs as error:
        raise Unreadable(str(error)) from None


def _found_quickly(image: np.ndarray) -> tuple[str, np.ndarray] | None:
    """The code's text and corners, found on a copy of the page no larger than FIND_SIDE
    (OpenCV's ArUco-based detector finds the finder patterns there) and read from the
    full-size picture cut round it, or None."""
    # heavy: OpenCV and NumPy load only when a scan is read
    import cv2
    import numpy as np

    scale = min(1.0, FIND_SIDE / max(image.shape[:2]))
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    seen, points = cv2.QRCodeDetectorAruco().detect(small)
    if not seen or points is None:
        return None
    corners = points.reshape(4, 2) / scale
    margin = 0.3 * float(np.ptp(corners, axis=0).max()) + 8
    x0, y0 = (int(v) for v in np.maximum(corners.min(axis=0) - margin, 0))
    x1, y1 = (int(v) + 1 for v in corners.max(axis=0) + margin)
    crop = image[y0:y1, x0:x1]
    if min(crop.shape[:2]) < 21:  # smaller than the smallest code could be
        return None
    for enlarged in (1, 2) if max(crop.shape[:2]) < QUICK_ENLARGE else (1,):
        # A low-resolution scan's small modules may read only enlarged.
        attempt = crop if enlarged == 1 else cv2.resize(
            crop, None, fx=enlarged, fy=enlarged, interpolation=cv2.INTER_CUBIC)  # fmt: skip
        for detector in (cv2.QRCodeDetector(), cv2.QRCodeDetectorAruco()):
            text, found, _straight = detector.detectAndDecode(attempt)
            if text and found is not None:
                return text, found.reshape(4, 2) / enlarged + np.array([x0, y0], np.float32)
    return None


def _equalised(image: np.ndarray) -> np.ndarray:
    # heavy: OpenCV loads only when a scan is read
    import cv2

    return cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8)).apply(image)


def page_transform(image: np.ndarray, plan: PagePlan, qr_points: np.ndarray) -> np.ndarray:
    """The homography from the page (mm) to the image (px), from the four corner marks.

    The QR code's corners place the two top marks (they are close to it); those two place
    the bottom ones, whose search window allows for a photo's perspective. Each mark is the
    dark square of about the right size nearest to where it should be."""
    # heavy: OpenCV and NumPy load only when a scan is read
    import cv2
    import numpy as np

    qx, qy = plan.qr
    qr_mm = np.array([[qx, qy], [qx + QR_SIZE, qy], [qx, qy + QR_SIZE]], dtype=np.float32)
    qr_px = np.asarray(qr_points, dtype=np.float32)[[0, 1, 3]]
    from_qr = cv2.getAffineTransform(qr_mm, qr_px)
    side = CORNER * float(np.linalg.norm(qr_points[1] - qr_points[0])) / QR_SIZE
    centres = np.array(plan.corner_centres, dtype=np.float32)

    def place(matrix: np.ndarray, index: int) -> tuple[float, float]:
        x, y = matrix @ np.array([*centres[index], 1.0])
        return float(x), float(y)

    found: list[tuple[float, float] | None] = [None] * 4
    for index in (0, 1):  # top left, top right
        found[index] = _corner_near(image, place(from_qr, index), side, reach=3.0)
    top = [f for f in found[:2] if f is not None]
    guide = from_qr
    if len(top) == 2:
        guide, _inliers = cv2.estimateAffinePartial2D(centres[:2], np.array(top, np.float32))
    for index in (2, 3):  # bottom right, bottom left
        found[index] = _corner_near(image, place(guide, index), side, reach=6.0)
    if any(f is None for f in found):
        raise Unreadable(
            _("a corner mark is missing: the whole page, with its four black squares, "
              "must be in the picture")
        )  # fmt: skip
    return cv2.getPerspectiveTransform(centres, np.array(found, dtype=np.float32))


def _corner_near(
    image: np.ndarray, point: tuple[float, float], side: float, reach: float
) -> tuple[float, float] | None:
    """The centre of the dark square of about `side` pixels nearest to `point`, looked for
    in a window round it with a threshold of its own (a shadow, a table beside the page)."""
    # heavy: OpenCV and NumPy load only when a scan is read
    import cv2
    import numpy as np

    span = round(reach * side)
    x0, y0 = max(0, round(point[0]) - span), max(0, round(point[1]) - span)
    window = image[y0 : max(0, round(point[1]) + span), x0 : max(0, round(point[0]) + span)]
    if window.size == 0:
        return None
    # The mark may be a small share of the window: its ink is the darkest there is (after
    # a little blur, so one speck of noise is not taken for it), the paper the brightest.
    low = float(cv2.blur(window, (5, 5)).min())
    high = float(np.percentile(window, 99))
    if high - low < 40:
        return None
    dark = (window < low + 0.4 * (high - low)).astype(np.uint8)
    count, _labels, stats, centres = cv2.connectedComponentsWithStats(dark)
    best = None
    for label in range(1, count):
        bx, by, w, h, area = stats[label]
        if not 0.55 * side * side <= area <= 1.7 * side * side:
            continue
        touches = (
            bx + x0 <= 0
            or by + y0 <= 0
            or bx + x0 + w >= image.shape[1]
            or (by + y0 + h >= image.shape[0])
        )
        if touches:  # cut by the edge of the picture: its centre cannot be trusted
            continue
        if not 0.6 < w / max(h, 1) < 1.67 or area < 0.55 * w * h:
            continue
        cx, cy = centres[label][0] + x0, centres[label][1] + y0
        distance = (cx - point[0]) ** 2 + (cy - point[1]) ** 2
        if best is None or distance < best[0]:
            best = (distance, (float(cx), float(cy)))
    return best[1] if best is not None and best[0] <= (reach * side) ** 2 else None
