"""JUnit XML for CI dashboards (Jenkins, GitLab): one testsuite per file, one failing testcase per finding.

A clean file is one passing testcase; an unreadable file is one testcase with an <error>.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from doclint.engine.ruleset import RuleSet
from doclint.model import FileResult, Finding
from doclint.report.concise import READ_ERROR_CODE

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
# Characters XML 1.0 forbids even when escaped; Word text can carry them (vertical tab, form feed).
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def make_xml_safe(root: ET.Element) -> None:
    """Replaces forbidden characters in every attribute and text, so the output always parses."""
    for element in root.iter():
        for key, value in element.attrib.items():
            element.set(key, XML_ILLEGAL.sub("\ufffd", value))
        if element.text:
            element.text = XML_ILLEGAL.sub("\ufffd", element.text)


def failure_details(finding: Finding) -> str:
    lines = [
        f"{SEVERITY_ZH[finding.severity]} {finding.rule} {finding.name}",
        f"位置：第 {finding.location.line} 行第 {finding.location.column} 列"
        + (f"，{finding.location.article}" if finding.location.article else ""),
        f"原文：{finding.excerpt}",
    ]
    if finding.basis:
        lines.append(f"依据：{'；'.join(finding.basis)}")
    if finding.suggestion:
        lines.append(f"建议：{finding.suggestion}")
    return "\n".join(lines)


def finding_case(suite: ET.Element, path: str, finding: Finding) -> None:
    label = finding.location.article or f"第{finding.location.line}行"
    case = ET.SubElement(suite, "testcase", {
        "classname": path,
        "name": f"{finding.rule} {label} [{finding.location.line}:{finding.location.column}]",
        "file": path,
        "line": str(finding.location.line),
    })
    failure = ET.SubElement(case, "failure", {"type": finding.rule, "message": finding.message})
    failure.text = failure_details(finding)


def file_suite(root: ET.Element, result: FileResult) -> tuple[int, int, int]:
    """Adds the file's testsuite; returns (tests, failures, errors)."""
    suite = ET.SubElement(root, "testsuite", {"name": result.path})
    if result.error:
        case = ET.SubElement(suite, "testcase", {"classname": result.path, "name": "读取文件", "file": result.path})
        error = ET.SubElement(case, "error", {"type": READ_ERROR_CODE, "message": result.error})
        error.text = result.error
        counts = (1, 0, 1)
    elif result.findings:
        for finding in result.findings:
            finding_case(suite, result.path, finding)
        counts = (len(result.findings), len(result.findings), 0)
    else:
        ET.SubElement(suite, "testcase", {"classname": result.path, "name": "doclint", "file": result.path})
        counts = (1, 0, 0)
    suite.set("tests", str(counts[0]))
    suite.set("failures", str(counts[1]))
    suite.set("errors", str(counts[2]))
    suite.set("skipped", "0")
    return counts


def render_junit(results: list[FileResult], ruleset: RuleSet) -> str:
    root = ET.Element("testsuites", {"name": "doclint"})
    totals = [0, 0, 0]
    for result in results:
        for index, count in enumerate(file_suite(root, result)):
            totals[index] += count
    root.set("tests", str(totals[0]))
    root.set("failures", str(totals[1]))
    root.set("errors", str(totals[2]))
    make_xml_safe(root)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
