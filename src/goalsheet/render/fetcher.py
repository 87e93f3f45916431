"""The only way a rendered document may load anything: files inside allowed folders.

WeasyPrint would otherwise fetch http(s), ftp, data: and any file: URL. Documents built
by goalsheet may load only the project's own files and the package's built-in assets:
no network, no files outside those folders (after resolving `..` and symlinks), no devices,
and nothing of a project's client data (goalsheets/, private/, the cache, entries/ and
scans/ folders, whatever link leads there): no document goalsheet makes needs them (a
report's charts are drawn into it), and a handout or blank worksheet is published.
"""

from __future__ import annotations

import mimetypes
import os
import stat
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from goalsheet.read.private_paths import CONFIG, PrivatePlaces, Reached
from goalsheet.render.svg import SvgRefused, clean_svg

MAX_ASSET_BYTES = 20 * 1024 * 1024


class AssetRefused(FatalURLFetchingError):  # type: ignore[misc]
    """A document asked for something outside the allowed folders."""


class ProjectFetcher(URLFetcher):  # type: ignore[misc]
    """Serves file: URLs under `roots` and refuses everything else."""

    def __init__(
        self,
        roots: list[Path],
        *,
        strict: bool = False,
        private: list[PrivatePlaces] | None = None,
        optional: Path | None = None,
    ) -> None:
        super().__init__(allowed_protocols=["file"])
        self.roots = [root.resolve() for root in roots]
        self.strict = strict  # raise (stop the render) instead of leaving the asset out
        # Missing or refused files asked for under `optional` (a handout's own images, which
        # `check` warns about) are left out even when strict: the document is made without.
        self.optional = optional
        self.refused: list[str] = []
        # Each root that is a project keeps its client data to itself.
        self.private = private if private is not None else _projects(roots)

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        path = self._allowed(url)
        reached = self._private(url) if path is not None else None
        if path is None or reached is not None:
            self.refused.append(url)
            message = f"refused to load {url[:200]}: only files inside the project may be used"
            if reached is not None:
                message = (
                    f"refused to load {url[:200]}: it leads to {reached.place}, which is "
                    "client data and never goes into a document"
                )
            if self.strict and (reached is not None or not self._optional(url)):
                raise AssetRefused(message)
            raise ValueError(message)
        mime, _ = mimetypes.guess_type(path.name)
        body = path.read_bytes()
        if path.suffix.lower() == ".svg":  # as the site publishes it (render/svg.py)
            try:
                body = clean_svg(body).data
            except SvgRefused as error:
                self.refused.append(url)
                raise ValueError(f"refused to load {url[:200]}: {error}") from None
        return URLFetcherResponse(
            url=path.as_uri(),
            body=body,
            headers={"Content-Type": mime or "application/octet-stream"},
        )

    def _allowed(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return None
        try:
            path = Path(unquote(parts.path)).resolve(strict=True)
            info = path.stat()
        except (OSError, RuntimeError):
            return None
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ASSET_BYTES:
            return None
        if not any(path.is_relative_to(root) for root in self.roots):
            return None
        return path

    def _optional(self, url: str) -> bool:
        """Whether the URL, as written (links not followed), is under `optional`."""
        parts = urlsplit(url)
        if self.optional is None or parts.scheme != "file":
            return False
        return Path(os.path.normpath(unquote(parts.path))).is_relative_to(self.optional)

    def _private(self, url: str) -> Reached | None:
        """The client data the URL is in or leads to (links followed), if any."""
        path = Path(unquote(urlsplit(url).path))
        real = path.resolve()
        for places in self.private:
            # Only a file in the project can be its client data (goalsheet's own assets,
            # the fonts, are not looked into: a thousand clients take a moment to list).
            roots = (places.root.absolute(), places.root.resolve())
            if any(p.is_relative_to(r) for p in (path, real) for r in roots):
                reached = places.reaches(path)
                if reached is not None:
                    return reached
        return None


def _projects(roots: list[Path]) -> list[PrivatePlaces]:
    return [PrivatePlaces.of_project(root) for root in roots if (root / CONFIG).is_file()]
