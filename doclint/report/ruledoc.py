"""A rule's documentation as Markdown, generated from its own fields (for `rules show` and docs/rules.md)."""

from __future__ import annotations

from doclint.engine.schema import CATEGORY_NAMES_ZH, Rule

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
DOC_TYPE_ZH = {"normative": "行政规范性文件", "rule": "规章", "local_regulation": "地方性法规", "other": "其他文本"}


def rule_markdown(rule: Rule, heading: str = "##") -> str:
    lines = [
        f"{heading} {rule.id} `{rule.name}`",
        "",
        f"- 类别：{CATEGORY_NAMES_ZH.get(rule.category, rule.category)}（{rule.category}）",
        f"- 级别：{SEVERITY_ZH[rule.severity]}",
        f"- 适用于：{'、'.join(DOC_TYPE_ZH[t] for t in rule.applies_to)}",
        f"- 范围：{rule.scope}",
    ]
    if rule.aliases:
        lines.append(f"- 别名：{', '.join(rule.aliases)}")
    lines += ["", "**检查什么**", "", rule.what, "", "**为什么**", "", rule.why, ""]
    if rule.basis:
        lines += ["**依据**", ""] + [f"- {basis.label()}" + _note(basis.note) for basis in rule.basis] + [""]
    if rule.precedents:
        lines += ["**先例**", ""] + [f"- {precedent.label()}" for precedent in rule.precedents] + [""]
    lines += ["**会被标记的写法**", ""] + [f"- {e.text}" for e in rule.examples.flag] + [""]
    lines += ["**不会被标记的写法**", ""] + [f"- {e.text}" for e in rule.examples.pass_] + [""]
    lines += ["**应当怎么写**", "", rule.suggestion, ""]
    return "\n".join(lines) + "\n"


def _note(note: str | None) -> str:
    """「（note）」, or the note as it is when it opens with its own bracket: （五）规范审核程序."""
    if not note:
        return ""
    return note if note.startswith("（") else f"（{note}）"
