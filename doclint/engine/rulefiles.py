"""Reads rule packs and lexicons from YAML and validates them against the schema."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from doclint.engine import guards
from doclint.engine.schema import Lexicon, Rule
from doclint.errors import RuleError
from doclint.validation_zh import problems_zh

if TYPE_CHECKING:  # annotations only: caches.py reads this module's source for its key
    from doclint.engine.caches import YamlCache


def format_validation(error: ValidationError) -> str:
    """A pydantic error as one Chinese line: `字段 where：problem；字段 where：problem`."""
    return "；".join(problems_zh(error))


def _safe_loader() -> Any:
    """libyaml's parser when PyYAML was built with it: the same documents, read about eight times faster.

    Imported on first use: a rule set loaded from its snapshot (or the YAML cache) never parses YAML.
    """
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path, cache: YamlCache | None = None) -> Any:
    try:
        data = path.read_bytes()
        return cache.parsed(data, parse_yaml) if cache is not None else parse_yaml(data.decode("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: 无法读取规则文件（{exc}）") from None
    except guards.YamlAliasError as exc:
        raise RuleError(f"{path}: {exc}") from None
    except ValueError as exc:
        raise RuleError(f"{path}: YAML 语法错误（{exc}）") from None


def parse_yaml(text: str) -> Any:
    """YAML text to Python values (libyaml's loader); a syntax error is a ValueError."""
    import yaml

    try:
        return guards.load_yaml(text, _safe_loader())
    except yaml.YAMLError as exc:  # as ValueError: callers need not import yaml to catch it
        raise ValueError(str(exc)) from None


def load_lexicons(directories: list[Path], cache: YamlCache | None = None) -> dict[str, Lexicon]:
    lexicons: dict[str, Lexicon] = {}
    problems: list[str] = []
    for directory in directories:
        for path in sorted((directory / "lexicons").glob("*.yaml")):
            try:
                raw = _read_yaml(path, cache)
            except RuleError as exc:
                problems.append(str(exc))
                continue
            try:
                lexicon = Lexicon.model_validate(raw)
            except ValidationError as exc:
                problems += [f"{path}: 词表无效：{problem}" for problem in problems_zh(exc)]
                continue
            if lexicon.name in lexicons:
                problems.append(f"{path}: 词表名 {lexicon.name} 重复")
                continue
            lexicons[lexicon.name] = lexicon
    if problems:
        raise RuleError("\n".join(problems))
    return lexicons


def load_rule_models(directories: list[Path], cache: YamlCache | None = None,
                     problems: list[str] | None = None) -> list[tuple[Rule, Path]]:
    """Every valid rule of every pack. All problems of all files are reported together, one a line: raised as
    one RuleError, or, when the caller passes `problems`, added to it (so it can go on to compile the rest)."""
    loaded: list[tuple[Rule, Path]] = []
    seen: dict[str, Path] = {}
    collect = problems is not None
    problems = problems if problems is not None else []
    for directory in directories:
        if not directory.is_dir():
            problems.append(f"{directory}: 规则目录不存在")
            continue
        for path in sorted(directory.glob("*.yaml")):
            try:
                raw = _read_yaml(path, cache)
            except RuleError as exc:
                problems.append(str(exc))
                continue
            if not isinstance(raw, dict) or set(raw) != {"rules"} or not isinstance(raw["rules"], list):
                problems.append(f"{path}: 规则文件顶层应只有一个键 rules，其值为规则列表（每条规则以「- id: …」开头）")
                continue
            for index, raw_rule in enumerate(raw["rules"]):
                rule_id = raw_rule.get("id", f"#{index + 1}") if isinstance(raw_rule, dict) else f"#{index + 1}"
                try:
                    rule = Rule.model_validate(raw_rule)
                except ValidationError as exc:
                    problems += [f"{path}: 规则 {rule_id}: {problem}" for problem in problems_zh(exc)]
                    continue
                if rule.id in seen:
                    problems.append(f"{path}: 规则 {rule.id}: 编号与 {seen[rule.id]} 中的规则重复")
                    continue
                seen[rule.id] = path
                loaded.append((rule, path))
    if problems and not collect:
        raise RuleError("\n".join(problems))
    return loaded
