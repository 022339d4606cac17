"""The procedure rules: their own examples (with facts from the extractor), thresholds and profiles."""

from __future__ import annotations

import pytest

from doclint.config import Config, ProcedureConfig
from doclint.document import Document
from doclint.engine.ruleset import load_rules
from doclint.engine.runner import run_rules
from doclint.errors import ConfigError
from doclint.lint import compute_facts, lint_text
from doclint.review.profiles import available_profiles, load_profile, resolve_thresholds

RULESET = load_rules()
PROCEDURE_RULES = [c for c in RULESET.rules if c.rule.category == "procedure"]


def fires(compiled_id: str, text: str, config: Config | None = None) -> bool:
    compiled = RULESET.by_id[compiled_id]
    doc = Document.from_text(text, name="example.txt")
    compute_facts(doc, config)
    return bool(run_rules(doc, RULESET, [compiled]))


def test_procedure_pack_is_loaded_with_codes_and_names() -> None:
    assert len(PROCEDURE_RULES) >= 7
    for compiled in PROCEDURE_RULES:
        assert compiled.rule.id.startswith("PRO")
        assert compiled.rule.name.startswith("procedure.")
        assert len(compiled.rule.examples.flag) >= 3
        assert len(compiled.rule.examples.pass_) >= 3


@pytest.mark.parametrize("compiled", PROCEDURE_RULES, ids=[c.rule.id for c in PROCEDURE_RULES])
def test_rule_examples_hold_with_extracted_facts(compiled: object) -> None:
    rule = compiled.rule  # type: ignore[attr-defined]
    for example in rule.examples.flag:
        assert fires(rule.id, example.text), f"{rule.id} should flag: {example.text}"
    for example in rule.examples.pass_:
        assert not fires(rule.id, example.text), f"{rule.id} should pass: {example.text}"


def test_single_draft_does_not_get_missing_step_findings() -> None:
    result = lint_text("某某市档案查阅办法\n第一条 对企业给予补贴。\n第二条 本办法自2026年1月1日起施行，有效期5年。")
    fired = {f.rule for f in result.findings if f.category == "procedure"}
    assert not fired & {"PRO001", "PRO004", "PRO005", "PRO006", "PRO007", "PRO008"}


def test_consultation_threshold_comes_from_profile_and_overrides() -> None:
    text = "本办法草案于2025年3月1日至3月20日在市政府门户网站公开征求意见。"
    assert fires("PRO002", text)  # national: 30 days
    assert not fires("PRO002", text, Config(procedure=ProcedureConfig(profile="zhejiang")))
    lowered = Config(procedure=ProcedureConfig(thresholds={"consultation_days": 15}))
    assert not fires("PRO002", text, lowered)


def test_profiles_are_data_files_and_validated() -> None:
    assert {"national", "zhejiang"} <= set(available_profiles())
    assert load_profile("national").thresholds.consultation_days == 30
    with pytest.raises(ConfigError, match="nowhere"):
        resolve_thresholds(ProcedureConfig(profile="nowhere"))
    with pytest.raises(ConfigError, match="consultation_dayz"):
        resolve_thresholds(ProcedureConfig(thresholds={"consultation_dayz": 10}))
