"""A fictional caseload of any size, for benchmarks: N clients, each with two goals, three
trackers, eight weeks of diary, GBO ratings and PHQ-9 and GAD-7 every four weeks, and N
handout pages made from the demo's. Seeded, so the same N always gives the same files.

Run on its own: .venv/bin/python benchmarks/caseload.py DIR --clients N [--pages N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
START = dt.date(2026, 9, 7)  # a Monday
WEEKS = 8
AS_OF = START + dt.timedelta(weeks=WEEKS)

SHEET = """\
# Fictional client made by benchmarks/caseload.py.
client:
  id: {id}
  started: {start}
  therapist: Sam Lee
  raters: [client, therapist]
goals:
  - id: outings
    title: Go out with friends more often
    why: I feel more like myself when I see people
    status: active
    measure: {{what: outings, unit: per week, direction: increase, baseline: 0, target: 3,
              tracker: outings}}
    target_date: {target}
    steps:
      - {{text: Message one friend, done: {start}}}
      - {{text: Join the Thursday walk}}
    interventions: [behavioural activation]
  - id: sleep
    title: Sleep through most nights
    why: Everything is easier when I have slept
    status: active
    measure: {{what: settled nights, unit: per week, direction: increase, baseline: 1,
              target: 5, tracker: slept}}
    target_date: {target}
trackers:
  - {{id: mood, label: Mood, kind: rating, min: 1, max: 10, anchors: [very low, great]}}
  - {{id: outings, label: Outings, kind: count, goal: outings}}
  - {{id: slept, label: Slept through, kind: yesno, goal: sleep}}
"""


def generate(root: Path, clients: int, pages: int = 0) -> None:
    """A project at `root` (which must not exist yet) with this many clients and pages."""
    root.mkdir(parents=True)
    shutil.copy(REPO / "goalsheet.yaml", root / "goalsheet.yaml")
    shutil.copytree(REPO / "branding", root / "branding")
    for number in range(1, clients + 1):
        _client(root, f"C-{number:05d}", random.Random(number))
    if pages:
        corpus(root / "content", pages)


def _client(root: Path, client: str, rng: random.Random) -> None:
    folder = root / "goalsheets" / client
    (folder / "entries").mkdir(parents=True)
    target = START + dt.timedelta(weeks=16)
    (folder / "goalsheet.yaml").write_text(SHEET.format(id=client, start=START, target=target))
    mood = rng.randint(2, 5)
    for week in range(WEEKS):
        monday = START + dt.timedelta(weeks=week)
        lines = ["diary:"]
        for day in range(7):
            mood = max(1, min(10, mood + rng.choice((-1, 0, 0, 1, 1))))
            slept = "yes" if rng.random() < 0.3 + week * 0.07 else "no"
            outings = rng.randint(0, 1 + week // 3)
            date = monday + dt.timedelta(days=day)
            lines.append(f"  {date}: {{mood: {mood}, outings: {outings}, slept: {slept}}}")
        if week % 4 == 0:
            lines.append("measures:")
            for measure, items in (("PHQ-9", 9), ("GAD-7", 7)):
                top = max(0, 3 - week // 4)
                answers = ", ".join(str(rng.randint(0, top)) for _ in range(items))
                lines.append(f"  - {{date: {monday}, measure: {measure}, answers: [{answers}]}}")
        lines.append("ratings:")
        for goal in ("outings", "sleep"):
            for rater in ("client", "therapist"):
                score = min(10, 1 + week + rng.randint(0, 2))
                lines.append(f"  - {{date: {monday}, goal: {goal}, rater: {rater}, gbo: {score}}}")
        (folder / "entries" / f"{monday}-diary.yaml").write_text("\n".join(lines) + "\n")


def corpus(folder: Path, pages: int) -> None:
    """`pages` Markdown pages made from the demo handouts; links point at existing copies."""
    sources = sorted((REPO / "content").glob("*.md"))
    folder.mkdir(parents=True)
    names = {f"{sources[i % len(sources)].stem}-{i // len(sources)}" for i in range(pages)}
    for index in range(pages):
        source = sources[index % len(sources)]
        copy = index // len(sources)
        text = source.read_text()
        if copy:
            text = re.sub(r"^order: (\d+)$", rf"order: {index + 1}", text, count=1, flags=re.M)
        (folder / f"{source.stem}-{copy}.md").write_text(_relink(text, copy, names))


def _relink(text: str, copy: int, names: set[str]) -> str:
    """Point `other.md` links at the same copy of `other`, or the first when it has none."""

    def target(match: re.Match[str]) -> str:
        name = f"{match.group(1)}-{copy}"
        return f"]({name if name in names else match.group(1) + '-0'}.md"

    return re.sub(r"\]\(([a-z0-9-]+)\.md", target, text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--pages", type=int, default=0)
    args = parser.parse_args()
    generate(args.folder, args.clients, args.pages)
    print(f"{args.folder}: {args.clients} clients, {args.pages} pages; build --as-of {AS_OF}")


if __name__ == "__main__":
    main()
