"""A nested docs corpus for the site benchmark: 100+ Markdown pages in folders 2-3 deep.

It looks like the docs a practice brings from another tool: an index.md at the top and in
every folder, relative links between folders (`../sleep/routines.md#a-heading`), images in
each section's images/ folder, tables, admonitions, code, definition lists, and MkDocs front
matter goalsheet does not know (`hide: [toc]`, `description:`). The text is made from a
small vocabulary with a seeded random generator: the same seed gives the same bytes.

One link on one page points at a page that does not exist, on purpose: a link checker that
finds no broken link in either output is not checking.
"""

from __future__ import annotations

import posixpath
import random
import re
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import PurePosixPath

SECTIONS = ["anxiety", "mood", "sleep", "families", "skills", "work-and-study"]
SUBFOLDERS = ["basics", "practice", "setbacks", "planning", "at-home", "with-others"]
DEEPER = ["examples", "worksheets-explained", "questions"]
TOPICS = [
    "breathing", "routines", "worry time", "small steps", "check-ins", "rest", "meals",
    "movement", "values", "conversations", "noticing thoughts", "plans", "rewards",
    "reminders", "reviews", "journals", "boundaries", "mornings", "evenings", "weekends",
]  # fmt: skip
SUBJECTS = [
    "A short walk", "Writing things down", "A regular bedtime", "Talking it through",
    "A weekly review", "Naming the feeling", "A small first step", "Asking for help",
    "Planning the day", "A kind reminder", "Slowing the breath", "Sharing the load",
]  # fmt: skip
VERBS = ["often helps with", "can ease", "makes room for", "gives shape to", "supports",
         "takes the edge off", "tends to steady", "keeps track of"]  # fmt: skip
OBJECTS = [
    "a busy mind", "low mornings", "the first week", "long evenings", "hard conversations",
    "an uneven week", "the return to school", "a change of plan", "tired afternoons",
    "the space between sessions", "an anxious wait", "a good day",
]  # fmt: skip
ENDINGS = [
    "for most people", "when it is practised", "over a few weeks", "with a little support",
    "if it is kept simple", "once it is a habit", "on the days it is hardest", "in time",
]  # fmt: skip
HEADINGS = ["Why it matters", "How to start", "What gets in the way", "Keeping it going",
            "Trying it at home", "When to ask for more help", "A worked example",
            "Questions people ask"]  # fmt: skip


@dataclass
class Doc:
    """One page: where it is, its title and the headings a link may point at."""

    path: PurePosixPath  # relative to the docs folder, e.g. anxiety/basics/breathing.md
    title: str
    headings: list[str] = field(default_factory=list)


def slugify(text: str) -> str:
    """The anchor Python-Markdown's toc extension gives a heading (both tools use it)."""
    kept = "".join(ch for ch in text.lower() if ch.isalnum() or ch in " -")
    return "-".join(kept.split())


def plan(rng: random.Random) -> list[Doc]:
    """Every page's place and title: the top, sections, sub-folders, some a level deeper."""
    docs = [Doc(PurePosixPath("index.md"), "Handouts and guides")]
    docs += [Doc(PurePosixPath(name), title) for name, title in
             [("about.md", "About these pages"), ("glossary.md", "Words we use")]]  # fmt: skip
    for section in SECTIONS:
        top = PurePosixPath(section)
        docs.append(Doc(top / "index.md", section.replace("-", " ").capitalize()))
        docs += _pages(rng, top, 4)
        for depth, sub in enumerate(rng.sample(SUBFOLDERS, 2)):
            folder = top / sub
            docs.append(Doc(folder / "index.md", f"{sub.replace('-', ' ').capitalize()}"))
            docs += _pages(rng, folder, 4)
            if depth == 0:
                deeper = folder / rng.choice(DEEPER)
                docs.append(Doc(deeper / "index.md", deeper.name.replace("-", " ").capitalize()))
                docs += _pages(rng, deeper, 3)
    for doc in docs:
        doc.headings = rng.sample(HEADINGS, rng.randint(3, 5))
    return docs


def _pages(rng: random.Random, folder: PurePosixPath, count: int) -> list[Doc]:
    topics = rng.sample(TOPICS, count)
    return [Doc(folder / f"{topic.replace(' ', '-')}.md", topic.capitalize()) for topic in topics]


def _sentence(rng: random.Random) -> str:
    parts = (rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(ENDINGS))
    return "{} {} {} {}.".format(*parts)


def _paragraph(rng: random.Random, links: list[str]) -> str:
    sentences = [_sentence(rng) for _ in range(rng.randint(3, 6))]
    if links:
        at = rng.randrange(len(sentences))
        sentences[at] = sentences[at][:-1] + f" (see {links.pop()})."
    return " ".join(sentences)


def relative(source: PurePosixPath, target: PurePosixPath) -> str:
    """`target` as a relative link from the page `source` (MkDocs' own form)."""
    up = len(source.parent.parts)
    common = 0
    for a, b in zip(source.parent.parts, target.parent.parts, strict=False):
        if a != b:
            break
        common += 1
    steps = [".."] * (up - common) + list(target.parts[common:])
    return "/".join(steps)


def _links(rng: random.Random, doc: Doc, docs: list[Doc]) -> list[str]:
    """3-6 links: to other pages anywhere (some at a heading), and to the folder's index."""
    chosen = rng.sample([d for d in docs if d is not doc], rng.randint(3, 6))
    links = []
    for target in chosen:
        href = relative(doc.path, target.path)
        if rng.random() < 0.5:
            href += "#" + slugify(rng.choice(target.headings))
        links.append(f"[{target.title.lower()}]({href})")
    if doc.path.name != "index.md":
        links.append(
            f"[this section's overview]({relative(doc.path, doc.path.parent / 'index.md')})"
        )
    rng.shuffle(links)
    return links


def _image(rng: random.Random, doc: Doc) -> tuple[str, PurePosixPath] | None:
    """A picture from the section's images/ folder (a page at the top has none)."""
    if len(doc.path.parts) < 2 or rng.random() < 0.6:
        return None
    file = PurePosixPath(doc.path.parts[0]) / "images" / f"figure-{rng.randint(1, 3)}.png"
    return f"![A simple figure for {doc.title.lower()}]({relative(doc.path, file)})", file


def _extras(rng: random.Random, doc: Doc) -> list[str]:
    """Blocks that are not paragraphs: a table, an admonition, code, a definition list."""
    blocks = []
    if rng.random() < 0.5:
        rows = [f"| {rng.choice(TOPICS)} | {rng.randint(1, 7)} | {rng.choice(ENDINGS)} |"
                for _ in range(rng.randint(3, 6))]  # fmt: skip
        blocks.append("| What | Days a week | When |\n|:---|---:|---|\n" + "\n".join(rows))
    if rng.random() < 0.5:
        kind = rng.choice(["note", "tip", "warning"])
        blocks.append(f'!!! {kind} "{rng.choice(SUBJECTS)}"\n    {_sentence(rng)}')
    if rng.random() < 0.3:
        lines = [f"{day}: {rng.choice(TOPICS)}" for day in ("Mon", "Tue", "Wed")]
        blocks.append("```text\n" + "\n".join(lines) + "\n```")
    if rng.random() < 0.3:
        word = rng.choice(TOPICS)
        blocks.append(f"{word.capitalize()}\n:   {_sentence(rng)}")
    return blocks


def _front(rng: random.Random, doc: Doc) -> str:
    keys = []
    if rng.random() < 0.5:
        keys.append("hide:\n  - toc")
    if rng.random() < 0.4:
        keys.append(f"description: {_sentence(rng)}")
    return "---\n" + "\n".join(keys) + "\n---\n\n" if keys else ""


def page_text(rng: random.Random, doc: Doc, docs: list[Doc]) -> tuple[str, list[PurePosixPath]]:
    """The page's Markdown, and the images it shows."""
    links = _links(rng, doc, docs)
    parts = [f"# {doc.title}", _paragraph(rng, links)]
    images = []
    picture = _image(rng, doc)
    if picture is not None:
        parts.append(picture[0])
        images.append(picture[1])
    extras = _extras(rng, doc)
    for number, heading in enumerate(doc.headings):
        parts.append(f"## {heading}")
        parts.append(_paragraph(rng, links))
        if number == 1:
            parts.append(f"### {rng.choice(SUBJECTS)}")
            parts.append(_paragraph(rng, links))
        if extras:
            parts.append(extras.pop())
    if links:
        parts.append("Read on: " + ", ".join(links) + ".")
    return _front(rng, doc) + "\n\n".join(parts) + "\n", images


def png(width: int, height: int, shade: int) -> bytes:
    """A small grey PNG, written by hand so the corpus needs no image library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\0" + bytes([shade]) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) \
        + chunk(b"IEND", b"")  # fmt: skip


def generate(seed: int = 21, flat: bool = False) -> dict[PurePosixPath, bytes]:
    """Every file of the corpus (pages and images), relative to the docs folder; `flat`
    puts every file at the top (anxiety/basics/rest.md -> anxiety-basics-rest.md), its
    links rewritten to match: the same pages for a tool that does not read folders."""
    rng = random.Random(seed)
    docs = plan(rng)
    files: dict[PurePosixPath, bytes] = {}
    for doc in docs:
        text, images = page_text(rng, doc, docs)
        files[doc.path] = text.encode()
        for image in images:
            files[image] = png(48, 32, 96 + 40 * int(image.stem[-1]))
    broken = next(doc.path for doc in docs if doc.path.name == "glossary.md")
    files[broken] += b"\nAn old page, since removed: [old notes](old-notes.md).\n"
    return flatten(files) if flat else files


_LINK = re.compile(r"\]\(([^)#\s]+)")


def _flat(path: PurePosixPath) -> PurePosixPath:
    return PurePosixPath("-".join(path.parts))


def flatten(files: dict[PurePosixPath, bytes]) -> dict[PurePosixPath, bytes]:
    """The corpus with every file at the top and every relative link following it."""
    flat: dict[PurePosixPath, bytes] = {}
    for path, data in files.items():
        if path.suffix == ".md":

            def moved(match: re.Match[str], source: PurePosixPath = path) -> str:
                target = PurePosixPath(posixpath.normpath(source.parent / match.group(1)))
                return "](" + _flat(target).as_posix()

            data = _LINK.sub(moved, data.decode()).encode()
        flat[_flat(path)] = data
    return flat
