"""docs/rules.md: the rule catalogue by category, generated from the rules' own fields, never by hand."""

from __future__ import annotations

from doclint.engine.ruleset import RuleSet
from doclint.engine.schema import CATEGORIES, CATEGORY_NAMES_ZH
from doclint.report.ruledoc import SEVERITY_ZH, rule_markdown

HEADER = """# doclint 规则目录

本文件由 `doclint rules docs --output docs/rules.md` 根据规则自身的字段生成，请勿手工编辑。
每条规则都带有会被标记和不会被标记的示例，`doclint rules test` 会逐一验证。
"""


def render_catalogue(ruleset: RuleSet) -> str:
    rules = [compiled.rule for compiled in ruleset.rules]
    lines = [HEADER, "## 总览", "", "| 编号 | 名称 | 类别 | 级别 | 依据 |", "|---|---|---|---|---|"]
    ordered = sorted(rules, key=lambda r: (CATEGORIES.index(r.category), r.id))
    for rule in ordered:
        basis = "；".join(b.label() for b in rule.basis) or "—"
        lines.append(
            f"| [{rule.id}](#{rule.id.lower()}) | `{rule.name}` | {CATEGORY_NAMES_ZH[rule.category]} | "
            f"{SEVERITY_ZH[rule.severity]} | {basis} |"
        )
    lines.append("")
    for category in CATEGORIES:
        in_category = [r for r in ordered if r.category == category]
        if not in_category:
            continue
        lines += [f"## {CATEGORY_NAMES_ZH[category]}（{category}）", ""]
        for rule in in_category:
            lines.append(rule_markdown(rule, heading="###"))
    return "\n".join(lines).rstrip() + "\n"
