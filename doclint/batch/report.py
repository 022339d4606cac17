"""The offline HTML report: one self-contained page (Chart.js inlined, no network) rendered from the store.

Conclusions speak the run's mode (备案审查 by default; see doclint.batch.filing), each with its reasons.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2

from doclint import __version__
from doclint.atomic import atomic_write_text
from doclint.batch.exports import export_rows
from doclint.batch.filing import labels, outcome
from doclint.batch.modes import Mode
from doclint.batch.store import Store
from doclint.display import display_path
from doclint.engine.schema import CATEGORY_NAMES_ZH
from doclint.errors import DoclintError
from doclint.model import Finding
from doclint.report.ruledoc import DOC_TYPE_ZH

CHARTJS_VERSION = "4.6.1"
FAILED_LABEL = "无法检查"
ISSUER_LIMIT = 15
UNKNOWN = "（未识别）"
SEVERITIES = ("error", "warning", "info")

TEMPLATES = files("doclint.batch") / "templates"


def _script_json(value: Any) -> str:
    """JSON that is safe inside <script>: no "</script>" or "<!--" can be formed from the data."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _stacked(rows: list[tuple[Any, ...]], names: dict[str, str]) -> dict[str, list[Any]]:
    """(key, error, warning, info) rows → the labels and per-severity series a stacked bar needs."""
    return {
        "keys": [row[0] for row in rows],
        "labels": [names.get(row[0], row[0]) if row[0] else UNKNOWN for row in rows],
        "error": [row[1] for row in rows],
        "warning": [row[2] for row in rows],
        "info": [row[3] for row in rows],
    }


def summary(store: Store, mode: Mode = Mode.filing, today: dt.date | None = None) -> dict[str, Any]:
    """Totals and chart series, computed in SQLite so the report never holds every finding at once."""
    files, failed, errors, warnings, infos = store.query(
        "SELECT count(*), count(error), coalesce(sum(errors), 0), coalesce(sum(warnings), 0),"
        " coalesce(sum(infos), 0) FROM documents")[0]
    # The mode's conclusions (a clean-up's 宣布失效 depends on the facts), counted one row at a time.
    verdicts = Counter(values["conclusion"] for values in export_rows(store, mode, today)
                       if values["error"] is None and values["conclusion"])
    conclusions = labels(mode)
    by_category = store.query(
        "SELECT json_extract(f.value, '$.category') AS category,"
        " sum(json_extract(f.value, '$.severity') = 'error'), sum(json_extract(f.value, '$.severity') = 'warning'),"
        " sum(json_extract(f.value, '$.severity') = 'info')"
        " FROM documents AS d, json_each(d.findings) AS f GROUP BY category ORDER BY count(*) DESC")
    by_issuer = store.query(
        "SELECT issuer, sum(errors), sum(warnings), sum(infos) FROM documents WHERE error IS NULL"
        " GROUP BY issuer ORDER BY sum(errors + warnings + infos) DESC, count(*) DESC LIMIT ?", (ISSUER_LIMIT,))
    by_doc_type = store.query(
        "SELECT doc_type, sum(errors), sum(warnings), sum(infos) FROM documents WHERE error IS NULL"
        " GROUP BY doc_type ORDER BY count(*) DESC")
    rules = [row[0] for row in store.query("SELECT DISTINCT rules_hash FROM documents ORDER BY 1")]
    conclusion_labels = [*conclusions, FAILED_LABEL]
    return {
        "totals": {
            "files": files, "failed": failed, "findings": errors + warnings + infos,
            "errors": errors, "warnings": warnings, "infos": infos,
            "verdicts": [(label, verdicts.get(label, 0)) for label in conclusions],
        },
        "rules_hashes": "、".join(rules) or "无",
        "data": {
            "conclusions": list(conclusions),
            "failed_label": FAILED_LABEL,
            "categories": dict(CATEGORY_NAMES_ZH),
            "doc_types": dict(DOC_TYPE_ZH),
            "by_category": _stacked(by_category, CATEGORY_NAMES_ZH),
            "by_issuer": _stacked(by_issuer, {}),
            "by_doc_type": _stacked(by_doc_type, DOC_TYPE_ZH),
            "by_conclusion": {
                "labels": conclusion_labels,
                "counts": [verdicts.get(label, 0) for label in conclusions] + [failed],
            },
        },
    }


# Formats cheap to read again for the clause around each hit; a .doc or .wps goes through LibreOffice, so
# its findings keep their matched words only.
CONTEXT_SUFFIXES = (".txt", ".md", ".docx", ".html", ".htm")
CONTEXT_CHARS = 80
CLAUSE_BREAKS = "。；！？!?;\n"


def clause_texts(row: dict[str, Any], findings: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(before, after) around each finding: the rest of its sentence, read from the file when it is unchanged.

    The store keeps the matched words only; the file is read again (and its hash checked), so a report written
    after the files moved or changed shows the words without context rather than the wrong clause.
    """
    empty = [("", "") for _ in findings]
    path = Path(row["path"])
    if not findings or row["error"] is not None or path.suffix.lower() not in CONTEXT_SUFFIXES:
        return empty
    try:
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != row["content_hash"]:
            return empty
        from doclint.readers import read_bytes

        text = read_bytes(data, str(path)).text
    except (OSError, DoclintError, ValueError):
        return empty
    contexts = []
    for finding in findings:
        start, end = finding.get("start", 0), finding.get("end", 0)
        if text[start:end] != finding.get("excerpt"):
            contexts.append(("", ""))
            continue
        left = max((text.rfind(mark, 0, start) for mark in CLAUSE_BREAKS), default=-1) + 1
        found = [index for mark in CLAUSE_BREAKS if (index := text.find(mark, end)) >= 0]
        right = min(found) + 1 if found else len(text)
        before = text[max(left, start - CONTEXT_CHARS):start].lstrip()
        after = text[end:min(right, end + CONTEXT_CHARS)].rstrip()
        contexts.append((("……" if left < start - CONTEXT_CHARS else "") + before,
                         after + ("……" if right > end + CONTEXT_CHARS else "")))
    return contexts


def _finding_view(finding: dict[str, Any], context: tuple[str, str],
                  precedents: dict[str, list[str]]) -> dict[str, Any]:
    location = finding.get("location") or {}
    return {
        "rule": finding["rule"], "category": finding["category"], "severity": finding["severity"],
        "message": finding["message"], "excerpt": finding["excerpt"], "basis": finding.get("basis", []),
        "before": context[0], "after": context[1], "precedents": precedents.get(finding["rule"], []),
        "suggestion": finding.get("suggestion", ""), "article": location.get("article"),
        "line": location.get("line"),
    }


def documents_json(store: Store, mode: Mode = Mode.filing, today: dt.date | None = None,
                   precedents: dict[str, list[str]] | None = None) -> str:
    """Each document with what the table and the drill-down show, streamed row by row into one JSON array."""
    parts = []
    day = today or dt.date.today()
    known = precedents or {}
    for row in store.rows():
        findings = json.loads(row["findings"])
        result = outcome(mode, row["conclusion"], json.loads(row["facts"]),
                         [Finding.model_validate(f) for f in findings] if row["error"] is None else [], day)
        contexts = clause_texts(row, findings)
        parts.append(_script_json({
            "path": display_path(row["path"]), "title": row["title"], "issuer": row["issuer"],
            "doc_number": row["doc_number"],
            "doc_type": row["doc_type"], "conclusion": result.conclusion if result else None,
            "reasons": result.reasons if result else "", "error": row["error"],
            "errors": row["errors"], "warnings": row["warnings"], "infos": row["infos"],
            "findings": [_finding_view(f, c, known) for f, c in zip(findings, contexts, strict=True)],
        }))
    return "[" + ",".join(parts) + "]"


TITLES = {Mode.filing: "行政规范性文件备案审查报告", Mode.cleanup: "行政规范性文件清理报告",
          Mode.review: "行政规范性文件批量合法性审核报告"}


def render_report(store: Store, title: str | None = None, *, mode: Mode = Mode.filing,
                  today: dt.date | None = None, precedents: dict[str, list[str]] | None = None) -> str:
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = environment.from_string((TEMPLATES / "report.html.j2").read_text(encoding="utf-8"))
    facts = summary(store, mode, today)
    return template.render(
        title=title or TITLES[mode],
        version=__version__,
        generated=datetime.now().strftime("%Y-%m-%d %H:%M"),
        rules_hashes=facts["rules_hashes"],
        totals=facts["totals"],
        issuer_limit=ISSUER_LIMIT,
        data_json=_script_json(facts["data"]),
        docs_json=documents_json(store, mode, today, precedents),
        chartjs_version=CHARTJS_VERSION,
        chartjs=(TEMPLATES / "vendor" / "chart.umd.min.js").read_text(encoding="utf-8"),
        page_js=(TEMPLATES / "report.js").read_text(encoding="utf-8"),
    )


def rule_precedents(rule_dirs: tuple[str, ...] = ()) -> dict[str, list[str]]:
    """Rule id → its precedents' lines, for the rules that carry any."""
    from doclint.engine.ruleset import load_rules

    ruleset = load_rules(rule_dirs)
    return {compiled.rule.id: [p.label() for p in compiled.rule.precedents]
            for compiled in ruleset.rules if compiled.rule.precedents}


def write_report(store: Store, path: Path, *, overwrite: bool, mode: Mode = Mode.filing,
                 rule_dirs: tuple[str, ...] = ()) -> None:
    text = render_report(store, mode=mode, precedents=rule_precedents(rule_dirs))
    atomic_write_text(path, text, overwrite=overwrite)
