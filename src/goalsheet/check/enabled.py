"""Which lint rules run: every registered rule, less those goalsheet.yaml switches off."""

from __future__ import annotations

import difflib

from goalsheet.check import entry_rules, goal_rules, risk_rules
from goalsheet.check.registry import RULES, Rule
from goalsheet.findings import Finding
from goalsheet.language.messages import _
from goalsheet.model.config import Config
from goalsheet.read.yaml_source import SourceMap

# The rule modules register themselves on import.
RULE_MODULES = (goal_rules, entry_rules, risk_rules)

ALWAYS_ON = frozenset(code for code, rule in RULES.items() if rule.always_on)


def rules() -> list[Rule]:
    """Every registered lint rule, in code order."""
    return [RULES[code] for code in sorted(RULES)]


def enabled_rules(config: Config, source: SourceMap) -> tuple[set[str], list[Finding]]:
    """The codes switched on by goalsheet.yaml (`config`, read from `source`), and
    findings for names it does not know."""
    by_name = {rule.name: rule.code for rule in RULES.values()}
    disabled: set[str] = set()
    findings = []
    for index, entry in enumerate(config.lint.disable):
        code = by_name.get(entry, entry.upper())
        if code in RULES and RULES[code].always_on:
            findings.append(
                source.finding(
                    ("lint", "disable", index),
                    "GS013",
                    _(
                        "rule {code} ({name}) cannot be switched off: a critical answer is "
                        "never left unsaid"
                    ).format(code=code, name=RULES[code].name),
                    _("remove it from lint.disable; record a follow-up to clear its warning"),
                )
            )
            continue
        if code in RULES:
            disabled.add(code)
            continue
        known = sorted(RULES) + sorted(by_name)
        close = difflib.get_close_matches(entry, known, n=1, cutoff=0.6)
        findings.append(
            source.finding(
                ("lint", "disable", index),
                "GS013",
                _("unknown lint rule '{rule}'").format(rule=entry),
                _("did you mean '{name}'?").format(name=close[0])
                if close
                else _("`goalsheet list rules` lists them"),
            )
        )
    return set(RULES) - disabled, findings
