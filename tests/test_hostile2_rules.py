"""A hostile rule pack is exit 3 naming the file (and rule), never a MemoryError (issue 17, point 5)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from doclint.cli import app
from doclint.engine.guards import (
    MAX_REGEX_SIZE,
    RegexSizeError,
    YamlAliasError,
    check_regex_size,
    load_yaml,
    regex_size,
)

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

RULE = """rules:
  - id: VAG901
    name: vague.local-test
    category: vague
    severity: warning
    applies_to: [normative]
    scope: sentence
    what: 本地测试规则
    why: 本地测试规则
    match:
      regex: '{pattern}'
    message: 本句含有「{{match}}」。
    suggestion: 改写。
    examples:
      flag: [摊点应当整洁]
      pass: [本办法自公布之日起施行]
"""


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    lines = ["a: &a [" + ", ".join(['"哈"'] * width) + "]"]
    for level in range(1, levels):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * width) + "]")
    lines.append(f"rules: *{chr(ord('a') + levels - 1)}")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_before_expansion() -> None:
    with pytest.raises(YamlAliasError, match="别名"):
        load_yaml(billion_laughs(), LOADER)


def test_self_referencing_alias_is_refused() -> None:
    with pytest.raises(YamlAliasError, match="自身"):
        load_yaml("a: &a [1, *a]\n", LOADER)


def test_a_few_shared_aliases_still_load() -> None:
    text = "words: &w [摊点, 摊位]\nfirst: *w\nsecond: *w\n"
    assert load_yaml(text, LOADER) == {"words": ["摊点", "摊位"], "first": ["摊点", "摊位"],
                                       "second": ["摊点", "摊位"]}
    assert load_yaml("rules: []\n", LOADER) == {"rules": []}
    assert load_yaml("", LOADER) is None


@pytest.mark.parametrize(("pattern", "size"), [
    ("处(?:以)?\\S{0,12}?罚款", 16),
    ("[a-z]{3,5}\\p{Han}{2}", 7),
    ("(?:ab|cd){10}", 40),
    ("x{", 2),
    ("a{,5}", 5),
])
def test_regex_size_estimates(pattern: str, size: int) -> None:
    assert regex_size(pattern) == size


def test_nested_bounded_repeats_are_refused_before_compiling() -> None:
    with pytest.raises(RegexSizeError, match="过大"):
        check_regex_size("(?:(?:(?:a{100}){100}){100}){100}")
    check_regex_size("(?:摊点.{0,20}){3}")  # ordinary patterns pass
    assert regex_size("(?:(?:a{100}){100}){100}") > MAX_REGEX_SIZE


def write_pack(folder: Path, text: str) -> Path:
    folder.mkdir()
    path = folder / "本地.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_alias_bomb_pack_is_exit_3_naming_the_file(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "规则", billion_laughs())
    draft = tmp_path / "草案.txt"
    draft.write_text("第一条 摊点应当保持整洁。\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--rules-dir", str(pack.parent), str(draft)])
    assert result.exit_code == 3, result.output
    assert str(pack) in result.output and "别名" in result.output


def test_cli_huge_regex_is_exit_3_naming_file_and_rule(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "规则", RULE.format(pattern="(?:(?:(?:a{100}){100}){100}){100}"))
    draft = tmp_path / "草案.txt"
    draft.write_text("第一条 摊点应当保持整洁。\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--rules-dir", str(pack.parent), str(draft)])
    assert result.exit_code == 3, result.output
    assert str(pack) in result.output and "VAG901" in result.output and "过大" in result.output


def test_cli_ordinary_local_rule_still_runs(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "规则", RULE.format(pattern="摊点.{0,4}整洁"))
    draft = tmp_path / "草案.txt"
    draft.write_text("第一条 摊点应当保持整洁。\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--rules-dir", str(pack.parent), "--select", "VAG901",
                                      "--format", "concise", str(draft)])
    assert result.exit_code == 0, result.output  # a warning, below the default --fail-on error
    assert "VAG901" in result.output
