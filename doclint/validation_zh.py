"""Pydantic validation errors as Chinese lines that name the field: rule packs and doclint.toml speak alike."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

_TYPES = {"string_type": "字符串", "int_type": "整数", "int_parsing": "整数", "bool_type": "true 或 false",
          "bool_parsing": "true 或 false", "list_type": "列表", "dict_type": "表（键值对）", "float_type": "数字",
          "float_parsing": "数字", "model_type": "表（键值对）", "model_attributes_type": "表（键值对）",
          "date_type": "日期", "date_parsing": "YYYY-MM-DD 格式的日期", "date_from_datetime_parsing": "YYYY-MM-DD 格式的日期"}

# The schema's patterns in words (rule codes and names; see README「规则」).
PATTERN_NAMES = {r"^[A-Z]{3}[0-9]{3}$": "类别前缀（三个大写字母）加三位数字，如 PEN901",
                 r"^[a-z_]+(\.[a-z0-9-]+)+$": "类别名、点、小写字母和连字符，如 penalty.office-fine"}


def problem_zh(item: Any) -> str:
    """One pydantic error item (a dict from ValidationError.errors()) as a Chinese phrase."""
    kind = item.get("type", "")
    ctx = item.get("ctx") or {}
    if kind == "missing":
        return "缺少必填字段"
    if kind == "extra_forbidden":
        return "未知字段（拼写有误，或放错了层级）"
    if kind in _TYPES:
        return f"应为{_TYPES[kind]}，实际是 {_shown(item.get('input'))}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern"))
        return f"「{item.get('input')}」不符合格式：{PATTERN_NAMES.get(pattern, pattern)}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("' or '", "', '").replace("'", "").replace(", ", "、")
        return f"「{item.get('input')}」不是可用的值，应为 {expected} 之一"
    if kind in ("too_short", "string_too_short"):
        return f"至少需要 {ctx.get('min_length')} 项" if kind == "too_short" else "不能为空"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        sign = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤", "less_than": "<"}[kind]
        bound = ctx.get({"greater_than_equal": "ge", "greater_than": "gt", "less_than_equal": "le",
                         "less_than": "lt"}[kind])
        return f"应 {sign} {bound}，实际是 {_shown(item.get('input'))}"
    if kind in ("value_error", "assertion_error"):
        error = ctx.get("error")
        return str(error) if error is not None else str(item.get("msg", "")).removeprefix("Value error, ")
    return str(item.get("msg", kind))


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def field_path(loc: tuple[Any, ...]) -> str:
    """pydantic's location as a dotted field path (match.any[0].regex); union branch labels left out."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif "[" in str(part) or str(part)[:1].isupper():
            continue  # a branch label such as function-after[...] or a model class name: not a field
        else:
            out += f".{part}" if out else str(part)
    return out


def problems_zh(error: ValidationError) -> list[str]:
    """Every problem of a ValidationError, each as `字段 X：problem` (or just the problem at the top level)."""
    lines = []
    for item in error.errors():
        where = field_path(tuple(item.get("loc", ())))
        problem = problem_zh(item)
        lines.append(f"字段 {where}：{problem}" if where else problem)
    return list(dict.fromkeys(lines))
