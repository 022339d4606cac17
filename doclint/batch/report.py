"""The offline HTML report: one self-contained page (Chart.js inlined, no network) rendered from the store."""

from __future__ import annotations

import json
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2

from doclint import __version__
from doclint.atomic import atomic_write_text
from doclint.batch.store import Store
from doclint.display import display_path
from doclint.engine.schema import CATEGORY_NAMES_ZH
from doclint.policy import CONCLUSIONS, ILLEGAL, LEGAL, NEEDS_REVISION
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


def summary(store: Store) -> dict[str, Any]:
    """Totals and chart series, computed in SQLite so the report never holds every finding at once."""
    files, failed, errors, warnings, infos = store.query(
        "SELECT count(*), count(error), coalesce(sum(errors), 0), coalesce(sum(warnings), 0),"
        " coalesce(sum(infos), 0) FROM documents")[0]
    verdicts = dict(store.query(
        "SELECT conclusion, count(*) FROM documents WHERE error IS NULL GROUP BY conclusion"))
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
    conclusion_labels = [*CONCLUSIONS, FAILED_LABEL]
    return {
        "totals": {
            "files": files, "failed": failed, "findings": errors + warnings + infos,
            "errors": errors, "warnings": warnings, "infos": infos,
            "illegal": verdicts.get(ILLEGAL, 0), "revise": verdicts.get(NEEDS_REVISION, 0),
            "legal": verdicts.get(LEGAL, 0),
        },
        "rules_hashes": "、".join(rules) or "无",
        "data": {
            "conclusions": list(CONCLUSIONS),
            "failed_label": FAILED_LABEL,
            "categories": dict(CATEGORY_NAMES_ZH),
            "doc_types": dict(DOC_TYPE_ZH),
            "by_category": _stacked(by_category, CATEGORY_NAMES_ZH),
            "by_issuer": _stacked(by_issuer, {}),
            "by_doc_type": _stacked(by_doc_type, DOC_TYPE_ZH),
            "by_conclusion": {
                "labels": conclusion_labels,
                "counts": [verdicts.get(label, 0) for label in CONCLUSIONS] + [failed],
            },
        },
    }


def _finding_view(finding: dict[str, Any]) -> dict[str, Any]:
    location = finding.get("location") or {}
    return {
        "rule": finding["rule"], "category": finding["category"], "severity": finding["severity"],
        "message": finding["message"], "excerpt": finding["excerpt"], "basis": finding.get("basis", []),
        "suggestion": finding.get("suggestion", ""), "article": location.get("article"),
        "line": location.get("line"),
    }


def documents_json(store: Store) -> str:
    """Each document with what the table and the drill-down show, streamed row by row into one JSON array."""
    parts = []
    for row in store.rows():
        parts.append(_script_json({
            "path": display_path(row["path"]), "title": row["title"], "issuer": row["issuer"], "doc_number": row["doc_number"],
            "doc_type": row["doc_type"], "conclusion": row["conclusion"], "error": row["error"],
            "errors": row["errors"], "warnings": row["warnings"], "infos": row["infos"],
            "findings": [_finding_view(f) for f in json.loads(row["findings"])],
        }))
    return "[" + ",".join(parts) + "]"


def render_report(store: Store, title: str = "行政规范性文件批量合法性审核报告") -> str:
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = environment.from_string((TEMPLATES / "report.html.j2").read_text(encoding="utf-8"))
    facts = summary(store)
    return template.render(
        title=title,
        version=__version__,
        generated=datetime.now().strftime("%Y-%m-%d %H:%M"),
        rules_hashes=facts["rules_hashes"],
        totals=facts["totals"],
        issuer_limit=ISSUER_LIMIT,
        data_json=_script_json(facts["data"]),
        docs_json=documents_json(store),
        chartjs_version=CHARTJS_VERSION,
        chartjs=(TEMPLATES / "vendor" / "chart.umd.min.js").read_text(encoding="utf-8"),
        page_js=(TEMPLATES / "report.js").read_text(encoding="utf-8"),
    )


def write_report(store: Store, path: Path, *, overwrite: bool) -> None:
    atomic_write_text(path, render_report(store), overwrite=overwrite)
