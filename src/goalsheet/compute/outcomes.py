"""Outcomes between a first and latest administration (NHS Talking Therapies conventions).

Thresholds come from each measure's data (cut-off, reliable_change), never from here:
- reliable change: a change of at least `reliable_change` points;
- caseness: a total at or above `cutoff` on any measure;
- recovery: a case at the first assessment and below every cut-off at the latest;
- reliable improvement: a reliable improvement on at least one measure, a reliable
  worsening on none; reliable deterioration: a reliable worsening on any;
- reliable recovery: recovery and reliable improvement together.
"""

from __future__ import annotations

from dataclasses import dataclass

from goalsheet.compute.scoring import MeasureScore, is_case
from goalsheet.language.messages import N_
from goalsheet.model.measures import MeasureDefinition


@dataclass(frozen=True)
class MeasureChange:
    measure: str
    first: MeasureScore
    latest: MeasureScore
    change: int  # latest minus first
    reliable_improvement: bool
    reliable_deterioration: bool
    threshold: float | None = None  # the measure's reliable-change value


@dataclass(frozen=True)
class Outcome:
    caseness_first: bool | None
    caseness_latest: bool | None
    reliable_improvement: bool | None
    reliable_deterioration: bool | None
    recovery: bool | None
    reliable_recovery: bool | None

    @property
    def category(self) -> str:
        """One word for a caseload summary: a JSON value in English, marked for the catalogue
        (translate it where it is shown)."""
        if self.reliable_deterioration:
            return N_("reliable deterioration")
        if self.reliable_recovery:
            return N_("reliable recovery")
        if self.recovery:
            return N_("recovery")
        if self.reliable_improvement:
            return N_("reliable improvement")
        if self.reliable_improvement is None:
            return N_("not enough data")
        return N_("no reliable change")


def measure_change(
    definition: MeasureDefinition, scores: list[MeasureScore]
) -> MeasureChange | None:
    """First and latest scored administrations compared; None with fewer than two."""
    scored = sorted((s for s in scores if s.total is not None), key=lambda s: s.date)
    if len(scored) < 2:
        return None
    first, latest = scored[0], scored[-1]
    assert first.total is not None and latest.total is not None
    change = latest.total - first.total
    threshold = definition.reliable_change
    worse = change if definition.higher_is_worse else -change
    reliable = threshold is not None
    return MeasureChange(
        definition.id,
        first,
        latest,
        change,
        reliable and -worse >= (threshold or 0),
        reliable and worse >= (threshold or 0),
        threshold,
    )


def outcome(changes: list[tuple[MeasureDefinition, MeasureChange]]) -> Outcome:
    """The paired outcome over the measures that have a cut-off and a reliable-change value."""
    usable = [(d, c) for d, c in changes if d.cutoff is not None and d.reliable_change is not None]
    if not usable:
        return Outcome(None, None, None, None, None, None)
    case_first = any(is_case(d, c.first.total) for d, c in usable)
    case_latest = any(is_case(d, c.latest.total) for d, c in usable)
    improved = any(c.reliable_improvement for _, c in usable)
    worsened = any(c.reliable_deterioration for _, c in usable)
    reliable_improvement = improved and not worsened
    recovery = case_first and not case_latest
    return Outcome(
        case_first,
        case_latest,
        reliable_improvement,
        worsened,
        recovery,
        recovery and reliable_improvement,
    )
