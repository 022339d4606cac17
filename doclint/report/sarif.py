"""SARIF 2.1.0 log for code-scanning dashboards (GitHub, Azure DevOps, VS Code SARIF viewer).

Columns and char offsets count Unicode code points of the extracted text (`doclint extract`), as the
run's `columnKind` says. Unreadable files become tool execution notifications, not results.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from doclint import __version__
from doclint.engine.ruleset import RuleSet
from doclint.engine.schema import Rule
from doclint.model import FileResult, Finding
from doclint.report.github import end_position
from doclint.report.ruledoc import rule_markdown

SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL_FOR_SEVERITY = {"error": "error", "warning": "warning", "info": "note"}
# Key under partialFingerprints; versioned so a future change of the fingerprint recipe is not mistaken for it.
FINGERPRINT_KEY = "doclintFingerprint/v1"


def artifact_uri(path: str) -> str:
    """A URI reference: relative paths stay relative (the consumer's checkout root), absolute ones become file: URIs."""
    candidate = Path(path)
    # Bytes, not str: a name that is not UTF-8 (GBK from a Windows archive) is percent-encoded byte for byte.
    quoted = quote(os.fsencode(candidate.as_posix()), safe="/")
    if not candidate.is_absolute():
        return quoted
    return f"file://{quoted}" if quoted.startswith("/") else f"file:///{quoted}"


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    markdown = rule_markdown(rule)
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.what},
        "fullDescription": {"text": rule.why},
        "help": {"text": markdown, "markdown": markdown},
        "defaultConfiguration": {"level": LEVEL_FOR_SEVERITY[rule.severity]},
        "properties": {
            "tags": [rule.category],
            "basis": [basis.label() for basis in rule.basis],
        },
    }


def sarif_result(path: str, finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    end_line, end_column = end_position(finding)
    region = {
        "startLine": finding.location.line,
        "startColumn": finding.location.column,
        "endLine": end_line,
        "endColumn": end_column,
        "charOffset": finding.start,
        "charLength": finding.end - finding.start,
        "snippet": {"text": finding.excerpt},
    }
    result: dict[str, Any] = {"ruleId": finding.rule}
    if finding.rule in rule_index:
        result["ruleIndex"] = rule_index[finding.rule]
    result.update({
        "level": LEVEL_FOR_SEVERITY[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}, "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {
            "article": finding.location.article,
            "paragraph": finding.location.paragraph,
            "basis": finding.basis,
            "suggestion": finding.suggestion,
        },
    })
    return result


def read_failure(result: FileResult) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": result.error or ""},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(result.path)}}}],
    }


def sarif_log(results: list[FileResult], ruleset: RuleSet) -> dict[str, Any]:
    rules = [compiled.rule for compiled in ruleset.rules]
    rule_index = {rule.id: index for index, rule in enumerate(rules)}
    failures = [read_failure(result) for result in results if result.error]
    return {
        "$schema": SARIF_SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "doclint",
                "version": __version__,
                "rules": [rule_descriptor(rule) for rule in rules],
                "properties": {"rulesHash": ruleset.hash},
            }},
            "invocations": [{"executionSuccessful": not failures, "toolExecutionNotifications": failures}],
            "columnKind": "unicodeCodePoints",
            "results": [
                sarif_result(result.path, finding, rule_index)
                for result in results
                for finding in result.findings
            ],
        }],
    }


def render_sarif(results: list[FileResult], ruleset: RuleSet) -> str:
    return json.dumps(sarif_log(results, ruleset), ensure_ascii=False, indent=2) + "\n"
