"""What is private in a project, so it is never read for the public site or a handout.

Private are: goalsheets/ (each client's folder too, wherever a link puts it), the
configured private output folder, goalsheet's cache and any folder named entries/ or
scans/ inside the project. A path is private when it is in one of them, or when it leads
into one through links at any level (the file, a folder above it, a link to a link). A
hard link has no path to follow: it is found by its inode when the other name is still in
a private folder (MAX_INDEXED files are looked at, at most).
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath

from goalsheet.findings import GoalsheetError
from goalsheet.read.yaml_source import read_yaml

# The same names as project.CLIENTS_DIR and site.cache.CACHE_DIR (tests hold them equal):
# this module is read by both, so it cannot import them.
CLIENTS = "goalsheets"
CACHE = ".goalsheet-cache"
CONFIG = "goalsheet.yaml"
PRIVATE_PARTS = frozenset({"entries", "scans"})  # client data, wherever such a folder is
MAX_HOPS = 40  # links followed one after another before giving up (the kernel's own limit)
MAX_INDEXED = 200_000  # files of the private folders looked at for hard links


@dataclass(frozen=True)
class Reached:
    """Where a path leads: the private place, as the user should read it."""

    place: str
    hard_link: bool = False


@dataclass
class PrivatePlaces:
    """The private places of the project at `root`, whose private output folder is
    `private` (goalsheet.yaml's output.private)."""

    root: Path
    private: str = "private"
    _folders: frozenset[Path] | None = field(default=None, repr=False)
    _inodes: dict[tuple[int, int], Path] | None = field(default=None, repr=False)

    @classmethod
    def of_project(cls, root: Path) -> PrivatePlaces:
        """The places of a project whose settings are not loaded yet (its output.private
        read from goalsheet.yaml; the default when that cannot be read)."""
        private = "private"
        with contextlib.suppress(GoalsheetError, OSError):
            data = read_yaml(root / CONFIG, CONFIG).data
            output = data.get("output") if isinstance(data, dict) else None
            value = output.get("private") if isinstance(output, dict) else None
            if isinstance(value, str):
                private = value
        return cls(root, private)

    def reaches(self, path: Path) -> Reached | None:
        """The private place `path` is in or leads to (links followed at every level),
        or None. Nothing is read but the links themselves and the files' inodes."""
        real = self._real(Path(path).absolute())  # as the system reads it ('..' after links)
        return self._on_the_way(path) or self._inside(real) or self._hard_link(real)

    def _on_the_way(self, path: Path) -> Reached | None:
        """A private place that a link on the way from `path` to its file passes through
        (a link to a link that is in goalsheets/, say), even if the end is elsewhere."""
        current = Path(os.path.abspath(path))
        for _hop in range(MAX_HOPS):
            found = self._inside(current)
            if found is not None:
                return found
            try:
                current = current.parent.resolve() / current.name
            except (OSError, RuntimeError):  # a loop of links above it: nothing to read
                return None
            found = self._inside(current)
            if found is not None:
                return found
            try:
                if not current.is_symlink():
                    break
                target = os.readlink(current)
            except OSError:
                return None
            current = Path(os.path.normpath(current.parent / target))
        return None

    def _inside(self, path: Path) -> Reached | None:
        folders = self.folders()  # many clients: look each folder above `path` up
        if path in folders or any(parent in folders for parent in path.parents):
            return Reached(self._show(path))
        for root in self._roots:
            if path.is_relative_to(root) and PRIVATE_PARTS & set(path.relative_to(root).parts):
                return Reached(self._show(path))
        return None

    @cached_property
    def _roots(self) -> tuple[Path, Path]:
        """The root as given and with its links followed."""
        return Path(os.path.abspath(self.root)), self._real(self.root)

    def folders(self) -> frozenset[Path]:
        """The private folders, as written and with their links followed; a client's
        folder, or anything in it, that is a link elsewhere adds where it leads."""
        if self._folders is None:
            root = Path(os.path.abspath(self.root))
            named = [root / CLIENTS, root / CACHE]
            if _proper_subfolder(self.private):
                named.append(root / self.private)
            found = {*named, *(self._real(folder) for folder in named)}
            found.update(self._linked(self._real(root / CLIENTS), depth=2))
            self._folders = frozenset(found)
        return self._folders

    def _linked(self, folder: Path, depth: int) -> set[Path]:
        """Where the links in `folder` (and, `depth` deep, in its folders) lead. A folder
        that is no link is inside `folder` already: only links need following (scandir
        tells without a call per entry, so a thousand clients cost milliseconds)."""
        found: set[Path] = set()
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError:
            return found
        for entry in listed:
            try:
                linked = entry.is_symlink()
                target = self._real(Path(entry.path)) if linked else Path(entry.path)
                if linked:
                    found.add(target)
                if depth > 1 and (linked or entry.is_dir(follow_symlinks=False)):
                    found.update(self._linked(target, depth - 1))
            except OSError:
                continue
        return found

    def _hard_link(self, path: Path) -> Reached | None:
        """The private file that `path` is another name of, if it is a hard link."""
        try:
            info = path.stat()
        except OSError:
            return None
        if info.st_nlink < 2:
            return None
        other = self._linked_files().get((info.st_dev, info.st_ino))
        return Reached(self._show(other), hard_link=True) if other is not None else None

    def _linked_files(self) -> dict[tuple[int, int], Path]:
        """Every file with more than one name in the private folders, by inode."""
        if self._inodes is None:
            self._inodes = {}
            seen = 0
            folders = self.folders()
            tops = [f for f in sorted(folders) if not any(p in folders for p in f.parents)]
            for folder in tops:
                for top, _dirs, files in os.walk(folder):
                    for name in files:
                        seen += 1
                        if seen > MAX_INDEXED:
                            return self._inodes
                        with contextlib.suppress(OSError):
                            info = os.lstat(os.path.join(top, name))
                            if info.st_nlink > 1:
                                self._inodes[(info.st_dev, info.st_ino)] = Path(top, name)
        return self._inodes

    def _show(self, path: Path) -> str:
        for root in self._roots:
            if path.is_relative_to(root):
                return path.relative_to(root).as_posix()
        return path.as_posix()

    @staticmethod
    def _real(path: Path) -> Path:
        try:
            return path.resolve()
        except (OSError, RuntimeError):
            return Path(os.path.abspath(path))


def _proper_subfolder(name: str) -> bool:
    """A relative folder below the root (not the root itself, nothing with '..')."""
    parts = PurePosixPath(name).parts
    return bool(parts) and not PurePosixPath(name).is_absolute() and ".." not in parts


def is_private(path: Path, places: PrivatePlaces) -> bool:
    """Whether `path` is, or leads to, anything private in the project (see the module)."""
    return places.reaches(path) is not None
