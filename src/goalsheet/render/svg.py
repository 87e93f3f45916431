"""SVG images from content/ (and the practice's logo) made safe to publish.

An SVG is a document, not only a picture: opened on its own it runs its <script>, its on*
handlers and its javascript: links in the site's origin, and it may pull in other files or
expand entities without end. So every SVG is parsed by defusedxml (no DTD, no entities, no
external references: a file with any is refused) and rebuilt from an allowlist of drawing
elements and attributes; every link or url() must point inside the image itself (#id),
except a raster picture (PNG, JPEG, GIF, WebP) carried inside an <image> as data.
Whatever else was there is dropped and named, so `build` can say so.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
from defusedxml.ElementTree import fromstring  # type: ignore[import-untyped]

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
# Editors' own bookkeeping (Inkscape, Sodipodi, RDF metadata): dropped without a word.
EDITORS = ("inkscape", "sodipodi", "purl.org/dc", "creativecommons", "rdf-syntax", "adobe")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ELEMENTS = _words(
    """svg g defs desc title symbol use switch path rect circle ellipse line polyline polygon
    text tspan textPath linearGradient radialGradient stop pattern clipPath mask marker image
    style filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix
    feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB
    feFuncG feFuncR feGaussianBlur feImage feMerge feMergeNode feMorphology feOffset
    fePointLight feSpecularLighting feSpotLight feTile feTurbulence"""
)
UNWRAPPED = frozenset({"a"})  # a link: its drawing is kept, the link is not
SILENT = frozenset({"metadata"})
ATTRIBUTES = _words(
    """id class style transform x y x1 x2 y1 y2 cx cy r rx ry fx fy fr width height viewBox
    preserveAspectRatio version d points pathLength fill fill-opacity fill-rule stroke
    stroke-width stroke-opacity stroke-linecap stroke-linejoin stroke-miterlimit
    stroke-dasharray stroke-dashoffset opacity color display visibility overflow clip-path
    clip-rule clipPathUnits mask maskUnits maskContentUnits filter filterUnits primitiveUnits
    marker-start marker-mid marker-end markerWidth markerHeight markerUnits refX refY orient
    gradientUnits gradientTransform spreadMethod offset stop-color stop-opacity
    patternUnits patternContentUnits patternTransform font-family font-size font-style
    font-weight font-variant font-stretch text-anchor dominant-baseline alignment-baseline
    baseline-shift letter-spacing word-spacing text-decoration writing-mode direction dx dy
    rotate textLength lengthAdjust startOffset method spacing side href role aria-label
    aria-hidden aria-labelledby aria-describedby focusable lang space
    in in2 result stdDeviation edgeMode operator k1 k2 k3 k4 mode values type tableValues
    slope intercept amplitude exponent order kernelMatrix divisor bias targetX targetY
    preserveAlpha surfaceScale diffuseConstant specularConstant specularExponent
    kernelUnitLength lighting-color flood-color flood-opacity azimuth elevation z
    pointsAtX pointsAtY pointsAtZ limitingConeAngle scale xChannelSelector yChannelSelector
    baseFrequency numOctaves seed stitchTiles radius color-interpolation
    color-interpolation-filters shape-rendering text-rendering image-rendering
    vector-effect paint-order mix-blend-mode isolation media"""
)
RASTER = re.compile(r"data:image/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]*", re.IGNORECASE)
URL_ANY = re.compile(r"url\s*\(", re.IGNORECASE)
URL_INSIDE = re.compile(r"url\s*\(\s*['\"]?\s*#", re.IGNORECASE)
# In CSS: no at-rules (@import), no escapes that could spell a word we look for, no
# expression() or behaviours of old browsers.
CSS_REFUSED = re.compile(r"@|\\|expression|behavior|-moz-binding|javascript:", re.IGNORECASE)


class SvgRefused(Exception):
    """An SVG that cannot be made safe (not XML, or it declares a DTD or entities)."""


@dataclass
class CleanSvg:
    data: bytes
    removed: list[str] = field(default_factory=list)  # what was dropped, once each


def clean_svg(data: bytes) -> CleanSvg:
    """The SVG rebuilt from what is safe in it, and what was dropped; SvgRefused if it
    cannot be read safely."""
    try:
        root = fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise SvgRefused(type(error).__name__) from None
    except (ET.ParseError, ValueError) as error:
        raise SvgRefused(str(error)) from None
    if _local(root.tag) != "svg" or _namespace(root.tag) not in ("", SVG):
        raise SvgRefused(f"<{_local(root.tag)}> is not <svg>")
    removed: dict[str, None] = {}
    clean = ET.Element(f"{{{SVG}}}svg")
    _copy_attributes(root, clean, removed)
    clean.text = root.text
    _copy_children(root, clean, removed)
    ET.register_namespace("", SVG)
    ET.register_namespace("xlink", XLINK)
    text = ET.tostring(clean, encoding="unicode")
    return CleanSvg(text.encode("utf-8"), list(removed))


def _copy_children(source: ET.Element, target: ET.Element, removed: dict[str, None]) -> None:
    for child in source:
        if not isinstance(child.tag, str):  # a comment or processing instruction
            _append_text(target, child.tail)
            continue
        name, space = _local(child.tag), _namespace(child.tag)
        if space in ("", SVG) and name in UNWRAPPED:
            removed[f"<{name}>"] = None
            _append_text(target, child.text)
            _copy_children(child, target, removed)
        elif space in ("", SVG) and name in ELEMENTS:
            copy = ET.SubElement(target, f"{{{SVG}}}{name}")
            _copy_attributes(child, copy, removed)
            if name == "style" and child.text and not _safe_css(child.text):
                removed["<style>"] = None
                copy.text = ""
            else:
                copy.text = child.text
            _copy_children(child, copy, removed)
        elif not (name in SILENT or any(editor in space for editor in EDITORS)):
            removed[f"<{name}>"] = None
        _append_text(target, child.tail)


def _copy_attributes(source: ET.Element, target: ET.Element, removed: dict[str, None]) -> None:
    element = _local(source.tag)
    for key, value in source.attrib.items():
        name, space = _local(key), _namespace(key)
        if space in (XLINK, "") and name == "href":
            if _safe_link(element, value):
                target.set(f"{{{XLINK}}}href" if space else "href", value)
            else:
                removed[f'{name}="{value[:40]}"'] = None
        elif space == XML and name in ("space", "lang"):
            target.set(key, value)
        elif space == "" and name in ATTRIBUTES:
            if _safe_value(name, value):
                target.set(name, value)
            else:
                removed[f'{name}="{value[:40]}"'] = None
        elif not any(editor in space for editor in EDITORS):
            removed[f"{name}="] = None


def _safe_link(element: str, value: str) -> bool:
    """A link inside the image (#id), or a raster picture carried as data in <image>."""
    text = value.strip()
    if text.startswith("#"):
        return True
    return element in ("image", "feImage") and RASTER.fullmatch(text) is not None


def _safe_value(name: str, value: str) -> bool:
    """No url() out of the image, no script or data URL, no CSS tricks in style=""."""
    squeezed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
    if any(scheme in squeezed for scheme in ("javascript:", "vbscript:", "data:")):
        return False
    return _safe_css(value) if name == "style" else _urls_inside(value)


def _safe_css(css: str) -> bool:
    return CSS_REFUSED.search(css) is None and _urls_inside(css)


def _urls_inside(text: str) -> bool:
    """Every url(...) in the text points inside the image (#id)."""
    return len(URL_ANY.findall(text)) == len(URL_INSIDE.findall(text))


def _append_text(element: ET.Element, text: str | None) -> None:
    """Text after a dropped element stays, after the last kept child (or inside)."""
    if not text:
        return
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""
