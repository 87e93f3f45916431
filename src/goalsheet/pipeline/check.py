"""`goalsheet check`: every finding for a loaded project, from reading to lint."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from functools import cache

from goalsheet.check import entry_rules, goal_rules, risk_rules
from goalsheet.check.registry import RULES, ClientContext, Rule, run_rules
from goalsheet.findings import Finding, GoalsheetError, Severity, display_path
from goalsheet.language.messages import _
from goalsheet.model.client import Client, ClientSheet
from goalsheet.output_folders import output_findings
from goalsheet.paper.catalogue import CATALOGUE, load_catalogue
from goalsheet.project import Project
from goalsheet.read.yaml_source import (
    MAX_FINDINGS,
    TOO_MANY,
    Position,
    SourceMap,
    too_many,
)
from goalsheet.render.environment import template_dirs
from goalsheet.site import plan as site_plan
from goalsheet.site.cache import MarkdownCache
from goalsheet.site.content import CONTENT_DIR


# A sheet with nothing in it, for checking the entries of a client whose sheet failed to load.
@cache
def _stand_in() -> ClientSheet:
    return ClientSheet(client=Client(id="unloaded", started=dt.date(2000, 1, 1)))


# The rule modules register themselves on import.
_RULE_MODULES = (goal_rules, entry_rules, risk_rules)


@dataclass(frozen=True)
class CheckResult:
    findings: list[Finding]
    files: int

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)


ALWAYS_ON = frozenset(code for code, rule in RULES.items() if rule.always_on)


def rules() -> list[Rule]:
    """Every registered lint rule, in code order."""
    return [RULES[code] for code in sorted(RULES)]


def enabled_rules(project: Project) -> tuple[set[str], list[Finding]]:
    """The codes switched on by goalsheet.yaml, and findings for names it does not know."""
    by_name = {rule.name: rule.code for rule in RULES.values()}
    disabled: set[str] = set()
    findings = []
    source = project.config_source
    for index, entry in enumerate(project.config.lint.disable):
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


def catalogue_findings(project: Project) -> list[Finding]:
    """Problems in the practice's own worksheet catalogue, if it has one."""
    try:
        catalogue = load_catalogue(project.root)
    except GoalsheetError as error:
        return error.findings
    dirs = template_dirs(project.root)
    source = display_path(project.root / "templates" / CATALOGUE, project.root)
    return [
        Finding(
            source,
            1,
            1,
            "GS016",
            _("worksheet '{id}' names a template that does not exist: {template}").format(
                id=sheet.id, template=sheet.template
            ),
            _("add the template under templates/ or correct the path in the catalogue"),
        )
        for sheet in catalogue.values()
        if not any((folder / sheet.template).is_file() for folder in dirs)
    ]


def site_findings(
    project: Project, today: dt.date, site: site_plan.SiteRequest | None = None
) -> list[Finding]:
    """Problems in content/ (pages, links, images) and with the practice's logo; from
    `site` when the caller has read content/ already."""
    if site is None:
        try:
            catalogue = load_catalogue(project.root)
        except GoalsheetError:
            catalogue = load_catalogue(None)
        cache = MarkdownCache(project.root, write=False)
        site = site_plan.site_request(project, catalogue, today, cache=cache)
    return site_plan.site_findings(site, project)


def check_project(
    project: Project, today: dt.date, site: site_plan.SiteRequest | None = None
) -> CheckResult:
    """Validation findings plus every enabled lint rule over every client, as of `today`."""
    enabled, findings = enabled_rules(project)
    findings = [*project.findings, *findings]
    if not project.unreadable.get("templates"):  # else GS019 says why it cannot be read
        findings += catalogue_findings(project)
    findings += output_findings(project)
    findings += site_findings(project, today, site)
    for folder in project.clients:
        loaded = folder.sheet is not None and folder.source is not None
        sheet = folder.sheet or _stand_in()
        source = folder.source or SourceMap(folder.sheet_path)
        context = ClientContext(folder, sheet, source, project.config, project.measures, today)
        findings.extend(run_rules(context, enabled, sheet_loaded=loaded))
    pages = len(list((project.root / CONTENT_DIR).glob("*.md")))
    return CheckResult(capped(findings), project.files + pages)


def capped(findings: list[Finding]) -> list[Finding]:
    """The findings without repeats, sorted, at most MAX_FINDINGS a file and then one GS020
    saying how many more: 150,000 problems in one file are listed as fast as 50."""
    by_file: dict[str, list[Finding]] = {}
    for finding in set(findings):
        by_file.setdefault(finding.path, []).append(finding)
    kept: list[Finding] = []
    for path, found in by_file.items():
        capped_already = any(f.code == TOO_MANY for f in found)  # by the reader or validation
        # Risk findings are never cut: they are kept whatever else the file holds.
        risk = [f for f in found if f.code in ALWAYS_ON]
        found = [f for f in found if f.code not in ALWAYS_ON]
        if len(found) > MAX_FINDINGS and not capped_already:
            found.sort(key=lambda f: (f.line, f.column, f.code, f.message))
            first = found[MAX_FINDINGS]
            more = too_many(path, len(found) - MAX_FINDINGS, Position(first.line, first.column))
            found = [*found[:MAX_FINDINGS], more]
        kept += risk + found
    return sorted(kept)
