"""The report as JUnit XML: one test case per shape and per check, failed by the results at or above the threshold.

CI servers (Jenkins, GitLab, Azure) show each rule as a test, so a data office sees which rules its data breaks.
"""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from govgraph.validation.formats.text import printable, result_line, summary
from govgraph.validation.report import Severity, ValidationReport
from govgraph.validation.rules import Rule


def render(report: ValidationReport, threshold: Severity = Severity.VIOLATION, *, quiet: bool = False,
           rules: list[Rule] | None = None) -> str:
    """The report as JUnit XML: one test case per shape and per check."""
    by_rule = defaultdict(list)
    for result in report.results:
        by_rule[result.rule].append(result)
    catalog = {rule.id: rule for rule in rules or []}
    for rule_id in by_rule:
        catalog.setdefault(rule_id, Rule(rule_id, rule_id.rsplit("#", 1)[-1]))
    failures = 0
    suite = ET.Element("testsuite", name="govgraph validate")
    for rule in sorted(catalog.values(), key=lambda r: r.id):
        case = ET.SubElement(suite, "testcase", classname="govgraph.validate", name=rule.title)
        case.set("file", rule.id)
        failing = [r for r in by_rule.get(rule.id, []) if r.severity >= threshold]
        passing = [r for r in by_rule.get(rule.id, []) if r.severity < threshold]
        if failing:
            failures += 1
            failure = ET.SubElement(case, "failure", type=failing[0].severity.label,
                                    message=printable(f"{len(failing)} result{'s' if len(failing) != 1 else ''}: "
                                                      f"{failing[0].message('en')}"))
            failure.text = "" if quiet else "\n".join(result_line(r) for r in failing)
        if passing and not quiet:
            ET.SubElement(case, "system-out").text = "\n".join(result_line(r) for r in passing)
    suite.set("tests", str(len(catalog)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    ET.SubElement(suite, "system-out").text = summary(report, threshold)
    suites = ET.Element("testsuites", name="govgraph", tests=str(len(catalog)), failures=str(failures))
    suites.append(suite)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
