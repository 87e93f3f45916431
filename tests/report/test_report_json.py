"""`goalsheet report ID --format json`: the documented keys, computed from the demo data."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from helpers.project import REPO

Run = Callable[..., Result]


def report(run: Run, client: str, as_of: str = "2026-11-20") -> dict:  # type: ignore[type-arg]
    result = run("report", client, "--format", "json", "--as-of", as_of, "--project", REPO)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_documented_keys(run: Run) -> None:
    data = report(run, "C-0142")
    assert {"client", "as_of", "measures", "outcome", "goals", "gas_t_score", "review"} <= set(data)
    assert set(data["outcome"]) >= {
        "caseness_first", "caseness_latest", "reliable_improvement",
        "reliable_deterioration", "recovery", "reliable_recovery",
    }  # fmt: skip
    assert set(data["review"]) >= {"last", "next_due", "overdue"}
    for measure in data["measures"]:
        assert set(measure) >= {"measure", "date", "total", "band", "flags"}


def test_reliable_recovery_and_item9_flag(run: Run) -> None:
    data = report(run, "C-0315")
    assert data["outcome"]["reliable_recovery"] is True
    assert data["outcome"]["category"] == "reliable recovery"
    first = next(m for m in data["measures"] if m["measure"] == "PHQ-9")
    assert (first["measure"], first["total"], first["band"], first["flags"]) == (
        "PHQ-9",
        16,
        "moderately severe",
        ["item9"],
    )
    phq = next(c for c in data["changes"] if c["measure"] == "PHQ-9")
    assert (phq["change"], phq["threshold"], phq["reliable_improvement"]) == (-9, 6, True)


def test_gbo_per_rater_shows_disagreement(run: Run) -> None:
    goals = {g["id"]: g for g in report(run, "Y-0207")["goals"]}
    school = goals["school"]["gbo"]

    def change(rater: str) -> tuple[int, int, int]:
        return school[rater]["first"], school[rater]["latest"], school[rater]["change"]

    assert change("client") == (3, 7, 4)
    assert change("parent") == (2, 3, 1)
    assert change("therapist") == (2, 6, 4)
    assert goals["school"]["agreement"] == {
        "latest": {"client": 7, "parent": 3, "therapist": 6},
        "spread": 4,
    }


def test_gas_t_score_uses_latest_ratings_and_weights(run: Run) -> None:
    data = report(run, "C-0142")
    goals = {g["id"]: g for g in data["goals"]}
    assert goals["groups"]["gas"] == {"latest": 1, "weight": 2.0}
    assert data["gas_t_score"] == round(50 + 20 / math.sqrt(0.7 * 5 + 0.3 * 9), 1)


def test_as_of_leaves_out_later_entries(run: Run) -> None:
    data = report(run, "C-0142", as_of="2026-10-01")
    assert {m["date"] for m in data["measures"]} == {"2026-09-08"}
    assert data["outcome"]["reliable_improvement"] is None  # one administration only
    assert data["gas_t_score"] is None
    assert data["review"] == {
        "last": None,
        "next_due": "2026-10-13",
        "overdue": False,
        "cadence": "6 weeks",
    }


def test_no_goals_client(run: Run) -> None:
    data = report(run, "C-0421")
    assert data["goals"] == [] and data["measures"] == []
    assert data["review"]["last"] == "2026-11-12"


def test_unknown_client(run: Run) -> None:
    result = run("report", "C-0000", "--project", REPO)
    assert result.exit_code == 2 and "no client 'C-0000'" in result.output


def test_report_to_a_private_file(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    result = run(
        "report", "C-0388", "--format", "json", "-o", out, "--as-of", "2026-11-20",
        "--project", REPO,
    )  # fmt: skip
    assert result.exit_code == 0
    assert json.loads(out.read_text())["client"] == "C-0388"
    assert out.stat().st_mode & 0o077 == 0


def test_goals_say_whether_they_have_data(run: Run) -> None:
    goals = {g["id"]: g["has_data"] for g in report(run, "C-0456")["goals"]}
    assert goals == {"calls": False, "happy": False, "drink": True, "walk": False}


def summary(run: Run, as_of: str) -> dict:  # type: ignore[type-arg]
    result = run("summary", "--format", "json", "--as-of", as_of, "--project", REPO)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_caseload_summary_is_de_identified_and_exact(run: Run) -> None:
    data = summary(run, "2026-11-20")
    assert data["clients"] == 7
    # C-0142, C-0315 and C-0512 recovered reliably (C-0512: PHQ-9 16 to 6, GAD-7 9 to 4);
    # C-0388 improved reliably but is still a case.
    assert data["outcomes"]["reliable recovery"] == 3
    assert data["outcomes"]["reliable improvement"] == 1
    assert data["outcomes"]["not enough data"] == 3
    assert (data["with_outcome"], data["share_reliable_improvement"], data["share_recovery"]) == (
        4,
        1.0,
        0.75,
    )
    assert data["reviews_overdue"] == 1
    assert (data["active_goals"], data["goals_without_data"]) == (12, 3)
    assert data["latest_flagged"] == 0
    text = json.dumps(data)
    for identifying in ("C-0", "Y-0", "Alex", "Lucía", "Sam Lee", "school", "groups"):
        assert identifying not in text


def test_caseload_flags_a_latest_item9(run: Run) -> None:
    # On 2026-09-10 C-0315's latest PHQ-9 (2026-09-07) still has item 9 above 0.
    assert summary(run, "2026-09-10")["latest_flagged"] == 1


def test_diary_trends_and_progress_toward_target(run: Run) -> None:
    data = report(run, "C-0388")
    panic = next(t for t in data["trends"] if t["tracker"] == "panic")
    # three baseline weeks of roughly one attack a day, then far fewer
    assert [w["level"] for w in panic["weeks"][:3]] == [7.0, 6.0, 7.0]
    assert panic["baseline_mean"] > 0.8 > 0.3 > panic["recent_mean"]
    assert set(panic["by_weekday"]) == {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
    (shops,) = data["goals"]
    expected = round(100 * (panic["recent_mean"] * 7 - 7) / (1 - 7), 1)
    assert abs(shops["toward_target"] - expected) < 1.5  # recent_mean is rounded in the JSON
    assert not any(t["tracker"] == "note" for t in report(run, "C-0421")["trends"])  # text
