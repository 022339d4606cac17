"""Every primitive and combinator, exercised through small rule packs of their own."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from doclint.document import Document
from doclint.engine.ruleset import RuleSet, compile_rules
from doclint.engine.runner import run_rules

RULE_TEMPLATE = """
rules:
  - id: OBL901
    name: obligation.test-rule
    category: obligation
    severity: warning
    scope: {scope}
    what: 测试规则。
    why: 测试规则。
    match:
{match}
{unless}
    message: 命中「{{match}}」
    suggestion: 无。
    examples:
      flag: [甲]
      pass: [乙]
"""


def pack(tmp_path: Path, match: str, unless: str = "", scope: str = "sentence") -> RuleSet:
    rules_dir = tmp_path / "pack"
    rules_dir.mkdir(exist_ok=True)
    unless_block = "    unless:\n" + textwrap.indent(textwrap.dedent(unless).strip(), " " * 6) if unless else ""
    body = RULE_TEMPLATE.format(
        scope=scope, match=textwrap.indent(textwrap.dedent(match).strip(), " " * 6), unless=unless_block
    )
    (rules_dir / "test.yaml").write_text(body, encoding="utf-8")
    bundled = Path(__file__).resolve().parent.parent / "rules"
    # The bundled lexicons (actors) are needed by the actor primitive; the bundled rules are filtered out below.
    return compile_rules((str(bundled), str(rules_dir)))


def hits(ruleset: RuleSet, text: str) -> list[str]:
    doc = Document.from_text(text)
    mine = [c for c in ruleset.rules if c.rule.id == "OBL901"]
    return [f.excerpt for f in run_rules(doc, ruleset, mine)]


def test_regex_matches_on_normalised_text_and_reports_source_text(tmp_path: Path) -> None:
    ruleset = pack(tmp_path, "regex: '处[0-9]+元罚款'")
    assert hits(ruleset, "違規的，處５００元罰款。") == ["處５００元罰款"]
    assert hits(ruleset, "依法处理。") == []


def test_words_match_whole_tokens_only(tmp_path: Path) -> None:
    ruleset = pack(tmp_path, "words: [罚款]")
    assert hits(ruleset, "违反规定的，处以罚款。") == ["罚款"]
    # 罚款 is a substring of 行政处罚款项 but not a word of it (行政处罚 / 款项).
    assert hits(ruleset, "财政部门负责管理行政处罚款项。") == []


def test_words_expand_lexicons(tmp_path: Path) -> None:
    ruleset = pack(tmp_path, "words: ['@penalty_conduct']")
    assert hits(ruleset, "情节严重的，责令停产停业。") == ["责令停产停业"]


def test_terms_match_substrings(tmp_path: Path) -> None:
    ruleset = pack(tmp_path, "terms: [保证金, 押金]")
    assert hits(ruleset, "入场时缴纳卫生保证金。") == ["保证金"]


def test_near_requires_both_within_distance(tmp_path: Path) -> None:
    ruleset = pack(tmp_path, "near: {a: {terms: [子女]}, b: {terms: [不得]}, within: 5}")
    assert hits(ruleset, "其子女不得报考。") == ["子女不得"]
    assert hits(ruleset, "其子女在本市就读的学校与辖区幼儿园均不得收费。") == []


def test_cites_law_true_accepts_bare_yifa_but_specific_does_not(tmp_path: Path) -> None:
    loose = pack(tmp_path, "regex: 罚款", unless="cites_law: true")
    assert hits(loose, "由公安机关依法处五百元罚款。") == []
    assert hits(loose, "由公安机关处五百元罚款。") == ["罚款"]
    strict = pack(tmp_path, "regex: 罚款", unless="cites_law: specific")
    assert hits(strict, "由公安机关依法处五百元罚款。") == ["罚款"]
    assert hits(strict, "依照《中华人民共和国治安管理处罚法》第二十三条处五百元罚款。") == []


def test_a_citation_earlier_in_the_full_sentence_still_governs(tmp_path: Path) -> None:
    ruleset = pack(tmp_path, "regex: 罚款", unless="cites_law: specific")
    assert hits(ruleset, "依照《中华人民共和国森林法》第七十六条，责令补种；拒不补种的，处五百元罚款。") == []


def test_basis_cites_law_reads_the_statement_of_basis(tmp_path: Path) -> None:
    ruleset = pack(tmp_path, "regex: 罚款", unless="basis_cites_law: true")
    grounded = "青禾县禁牧通告\n根据《青禾省禁牧条例》，通告如下：\n一、放牧的，处二百元罚款。"
    bare = "青禾县禁牧通告\n为保护植被，通告如下：\n一、放牧的，处二百元罚款。"
    assert hits(ruleset, grounded) == []
    assert hits(ruleset, bare) == ["罚款"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("经营者应当公示价格。", "private"),
        ("市场监管部门应当加强检查。", "government"),
        ("申请人向市场监管部门提交申请时，应当提供身份证明。", "private"),
        ("对违反规定的企业，市场监管部门应当责令改正。", "government"),
        ("禁止在城区燃放烟花爆竹。", "private"),
        ("居民委员会应当协助宣传。", "private"),
    ],
)
def test_actor_classifies_who_carries_the_duty(tmp_path: Path, text: str, kind: str) -> None:
    ruleset = pack(tmp_path, f"actor: {kind}")
    assert hits(ruleset, text), f"{text} should bind a {kind} party"
    other = "government" if kind == "private" else "private"
    assert hits(pack(tmp_path, f"actor: {other}"), text) == []


def test_fact_compares_document_facts(tmp_path: Path) -> None:
    ruleset = pack(tmp_path, "fact: 'procedure.public_consultation == false'", scope="document")
    doc = Document.from_text("青禾市某某办法\n第一条 内容。")
    mine = [c for c in ruleset.rules if c.rule.id == "OBL901"]
    doc.facts = {"procedure": {"public_consultation": False}}
    assert [f.excerpt for f in run_rules(doc, ruleset, mine)] == ["青禾市某某办法"]
    doc.facts = {"procedure": {"public_consultation": None}}
    assert run_rules(doc, ruleset, mine) == []


def test_all_any_not_combinators(tmp_path: Path) -> None:
    ruleset = pack(
        tmp_path,
        """
        all:
          - any:
              - terms: [罚款]
              - terms: [没收]
          - not: {terms: [责令改正]}
        """,
    )
    assert hits(ruleset, "处五百元罚款。") == ["罚款"]
    assert hits(ruleset, "没收工具。") == ["没收"]
    assert hits(ruleset, "责令改正，处五百元罚款。") == []


def test_clause_scope_and_message_template(tmp_path: Path) -> None:
    ruleset = pack(tmp_path, "regex: '(?P<amount>[0-9]+元)罚款'", scope="clause")
    doc = Document.from_text("违规的，处500元罚款，并处200元罚款。")
    mine = [c for c in ruleset.rules if c.rule.id == "OBL901"]
    findings = run_rules(doc, ruleset, mine)
    assert [f.excerpt for f in findings] == ["500元罚款", "200元罚款"]
    assert findings[0].message == "命中「500元罚款」"


def test_first_takes_the_hits_of_the_first_matching_child(tmp_path: Path) -> None:
    ruleset = pack(tmp_path, "first: [{terms: [拘留]}, {terms: [罚款]}]", scope="document")
    assert hits(ruleset, "处五百元罚款，并处拘留。") == ["拘留"]
    assert hits(ruleset, "处五百元罚款。") == ["罚款"]
    assert hits(ruleset, "责令改正。") == []


def test_check_evidence_points_at_the_sentence_a_fact_came_from(tmp_path: Path) -> None:
    from doclint.lint import compute_facts

    ruleset = pack(tmp_path, "check: evidence.consultation_to", scope="document")
    doc = Document.from_text("青禾市某某办法（征求意见稿）\n现将草案向社会公开征求意见，请于6月9日前将意见反馈至市交通局。\n第一条 为规范管理，制定本办法。")
    compute_facts(doc)
    mine = [c for c in ruleset.rules if c.rule.id == "OBL901"]
    found = run_rules(doc, ruleset, mine)
    assert len(found) == 1 and "6月9日前" in found[0].excerpt
