"""The speed-ups keep their promises: the pattern cache is safe and never stale, lazy work changes no result.

No timings here (bench/ measures speed, as ratios); these tests pin behaviour only.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doclint.document import Document
from doclint.engine import primitives as p
from doclint.engine.ruleset import PatternCache, RuleSet, bundled_rules_dir, compile_rules, user_cache_dir
from doclint.engine.runner import run_rules
from doclint.errors import RuleError
from doclint.facts.procedure import sentences as procedure_sentences
from doclint.lint import compute_facts
from doclint.text.normalise import WIDTH_TABLE, fold_width
from doclint.text.structure import (
    CLAUSE_END,
    FULL_SENTENCE_END,
    FULL_STOPS,
    SENTENCE_END,
    Sentence,
    Span,
    line_spans,
    split_sentences,
    split_units,
)

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = (str(bundled_rules_dir()),)

OFFICE = """
rules:
  - id: FEE901
    name: fee.office-rule
    category: fee
    severity: warning
    what: 本单位自定规则。
    why: 本单位自定规则。
    match: {regex: 'PATTERN'}
    message: 出现「{match}」
    suggestion: 删除。
    examples:
      flag: [收取管理费。]
      pass: [免收费用。]
"""


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("DOCLINT_CACHE_DIR", str(directory))
    monkeypatch.delenv("DOCLINT_NO_CACHE", raising=False)
    return directory


def findings(ruleset: RuleSet, text: str) -> list[dict[str, object]]:
    doc = Document.from_text(text, name="draft.txt")
    compute_facts(doc)
    rules = [c for c in ruleset.rules if c.rule.category != "suppression"]
    return [f.model_dump() for f in run_rules(doc, ruleset, rules)]


def regexes(ruleset: RuleSet) -> list[p.RegexMatcher]:
    out: list[p.RegexMatcher] = []

    def walk(matcher: p.Matcher) -> None:
        if isinstance(matcher, p.RegexMatcher):
            out.append(matcher)
        for part in matcher.parts():
            walk(part)

    for compiled in ruleset.rules:
        for root in (compiled.match, compiled.unless):
            if root is not None:
                walk(root)
    return out


def sample_text() -> str:
    return (ROOT / "samples" / "street-vending-notice.txt").read_text(encoding="utf-8")


def test_second_load_uses_the_cache_and_finds_the_same(cache_dir: Path) -> None:
    first = compile_rules(BUNDLED)
    files = list(cache_dir.glob("patterns-*.json"))
    assert len(files) == 1
    assert all(m._compiled is not None for m in regexes(first))  # nothing known yet: compiled at load
    second = compile_rules(BUNDLED)
    assert all(m._compiled is None for m in regexes(second))  # known: compiled on first use only
    assert findings(second, sample_text()) == findings(first, sample_text())
    assert [m.clauses() for m in regexes(second)] == [m.clauses() for m in regexes(first)]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "digest", "shape", "empty"])
def test_a_damaged_cache_is_ignored_and_rewritten(cache_dir: Path, damage: str) -> None:
    reference = findings(compile_rules(BUNDLED), sample_text())
    path = next(cache_dir.glob("patterns-*.json"))
    raw = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(os.urandom(512))
    elif damage == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif damage == "digest":
        data = json.loads(raw)
        first = next(iter(data["entries"]))
        data["entries"][first] = [["不可能出现的词"]]  # a wrong entry would lose findings: must be refused
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    elif damage == "shape":
        path.write_text(json.dumps({"key": 1, "entries": [1, 2]}), encoding="utf-8")
    else:
        path.write_bytes(b"")
    ruleset = compile_rules(BUNDLED)
    assert all(m._compiled is not None for m in regexes(ruleset))  # nothing trusted: everything compiled
    assert findings(ruleset, sample_text()) == reference
    assert json.loads(path.read_text(encoding="utf-8"))["entries"]  # rewritten whole


def test_an_edited_pattern_is_never_taken_from_the_cache(cache_dir: Path, tmp_path: Path) -> None:
    pack = tmp_path / "office"
    pack.mkdir()
    rule_file = pack / "office.yaml"
    rule_file.write_text(OFFICE.replace("PATTERN", "管理费"), encoding="utf-8")
    ruleset = compile_rules((*BUNDLED, str(pack)))
    assert [f["rule"] for f in findings(ruleset, "收取管理费。") if f["rule"] == "FEE901"] == ["FEE901"]
    # The same rule id, an invalid pattern: the cache knows the old text only, so the error still shows.
    rule_file.write_text(OFFICE.replace("PATTERN", "管理费(("), encoding="utf-8")
    with pytest.raises(RuleError, match="正则表达式无效"):
        compile_rules((*BUNDLED, str(pack)))
    rule_file.write_text(OFFICE.replace("PATTERN", "服务费"), encoding="utf-8")
    ruleset = compile_rules((*BUNDLED, str(pack)))
    assert not [f for f in findings(ruleset, "收取管理费。") if f["rule"] == "FEE901"]
    assert [f["rule"] for f in findings(ruleset, "收取服务费。") if f["rule"] == "FEE901"] == ["FEE901"]


def test_parsed_yaml_comes_from_the_cache_only_for_the_same_bytes(cache_dir: Path, tmp_path: Path) -> None:
    pack = tmp_path / "office"
    pack.mkdir()
    rule_file = pack / "office.yaml"
    rule_file.write_text(OFFICE.replace("PATTERN", "管理费"), encoding="utf-8")
    compile_rules((*BUNDLED, str(pack)))
    assert next(cache_dir.glob("yaml-*.json"))
    rule_file.write_text(OFFICE.replace("PATTERN", "服务费").replace("severity: warning", "severity: error"),
                         encoding="utf-8")
    ruleset = compile_rules((*BUNDLED, str(pack)))
    assert ruleset.by_id["FEE901"].rule.severity == "error"
    assert [f["rule"] for f in findings(ruleset, "收取服务费。") if f["rule"] == "FEE901"] == ["FEE901"]


def test_yaml_that_json_cannot_carry_exactly_is_not_cached(cache_dir: Path) -> None:
    from doclint.engine.ruleset import YamlCache

    cache = YamlCache(cache_dir)
    import datetime

    cache.add("a", {"when": datetime.date(2025, 1, 1)})
    cache.add("b", {1: "non-string key"})
    cache.add("c", {"rules": [{"id": "X", "n": 1.5, "ok": True, "none": None}]})
    assert set(cache.added) == {"c"}


def test_an_unwritable_cache_directory_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("DOCLINT_CACHE_DIR", str(blocker / "cache"))
    ruleset = compile_rules(BUNDLED)
    assert findings(ruleset, sample_text())


def test_caching_can_be_turned_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DOCLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("DOCLINT_NO_CACHE", "1")
    assert user_cache_dir() is None
    compile_rules(BUNDLED)
    assert not (tmp_path / "cache").exists()


def test_the_cache_key_covers_the_regex_module_and_the_deriving_code(cache_dir: Path) -> None:
    import regex

    key = PatternCache(cache_dir).key
    assert key == PatternCache(cache_dir).key
    # Entries hold for one regex version and one copy of the code that derives clauses; the file name
    # carries the key, so a new version of either starts a new file instead of trusting the old one.
    assert regex.__version__ and Path(p.__file__).read_bytes()
    assert PatternCache(cache_dir).path == cache_dir / f"patterns-{key[:20]}.json"


def test_words_rules_segment_only_when_a_term_occurs() -> None:
    """A typical draft without the words rules' terms never loads jieba's dictionary."""
    ruleset = compile_rules(BUNDLED)
    findings(ruleset, "各部门应当按照职责分工，加强协作配合。")
    assert not ruleset.segmenter.loaded


def _split_units_reference(text: str, start: int, end: int, boundary: re.Pattern[str]) -> list[Span]:
    """structure.split_units as first written (char-by-char trimming): the faster one must agree with it."""
    units = []
    cursor = start
    for match in boundary.finditer(text, start, end):
        units.append((cursor, match.end()))
        cursor = match.end()
    if cursor < end:
        units.append((cursor, end))
    out = []
    for s, e in units:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Span(s, e))
    return out


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="罚款。；，：!?;,: \t\n\r\u3000\u2028\x1c", max_size=16), st.integers(0, 16), st.integers(0, 16))
def test_split_units_agrees_with_the_reference(text: str, start: int, end: int) -> None:
    # Callers pass bounds inside the text (paragraphs, sentences); there the two must agree exactly.
    start, end = min(start, len(text)), min(end, len(text))
    for boundary in (SENTENCE_END, CLAUSE_END, FULL_SENTENCE_END):
        assert split_units(text, start, end, boundary) == _split_units_reference(text, start, end, boundary)


def _sentences_reference(text: str, paragraphs: list[Span]) -> list[Sentence]:
    """Sentences as first written: split_units per paragraph, pieces grouped into full sentences."""
    sentences = []
    for paragraph in paragraphs:
        pieces = split_units(text, paragraph.start, paragraph.end, SENTENCE_END)
        group: list[Span] = []
        for index, piece in enumerate(pieces):
            group.append(piece)
            if index == len(pieces) - 1 or text[piece.end - 1] in FULL_STOPS:
                sentences.extend(Sentence(p.start, p.end, group[0].start, group[-1].end) for p in group)
                group = []
    return sentences


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="罚款。；！，!?;: \t\n\r\u3000", max_size=24))
def test_split_sentences_agrees_with_the_per_paragraph_reference(text: str) -> None:
    paragraphs = [span for span in line_spans(text) if text[span.start:span.end].strip()]
    assert split_sentences(text, paragraphs) == _sentences_reference(text, paragraphs)


def _procedure_sentences_reference(norm: str) -> tuple[tuple[int, int], ...]:
    """The loop facts.procedure.sentences replaced: cut after every break, drop a lone break after a break."""
    found = []
    start = 0
    for match in re.finditer(r"[。！？!?\n]", norm):
        if match.end() - start > 1:
            found.append((start, match.end()))
        start = match.end()
    if start < len(norm):
        found.append((start, len(norm)))
    return tuple(found)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="罚款。！？!?\n，；\r ", max_size=24))
def test_procedure_sentences_agree_with_the_reference(text: str) -> None:
    assert procedure_sentences(text) == _procedure_sentences_reference(text)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from([chr(c) for c in WIDTH_TABLE] + list("罚款。，的ab1 \n\u3000")), max_size=40))
def test_fold_width_is_the_translate_table(text: str) -> None:
    assert fold_width(text) == text.translate(WIDTH_TABLE)


def test_every_command_signature_holds_objects_not_strings() -> None:
    """typer reads each command's signature on every run; string annotations (PEP 563) it must evaluate, which
    cost each `doclint check` ~35 ms. The command modules therefore do without `from __future__ import annotations`."""
    import typer.main

    from doclint.cli import app

    group = typer.main.get_command(app)
    callbacks = [app.registered_callback.callback] if app.registered_callback else []
    pending: list[typer.Typer] = [app]
    while pending:
        current = pending.pop()
        callbacks += [command.callback for command in current.registered_commands]
        pending += [sub.typer_instance for sub in current.registered_groups if sub.typer_instance]
    assert len(callbacks) > 10 and group is not None
    for callback in callbacks:
        assert callback is not None
        strings = {name: value for name, value in callback.__annotations__.items() if isinstance(value, str)}
        assert strings == {}, f"{callback.__module__}.{callback.__qualname__}"
