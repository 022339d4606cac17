"""Normalisation keeps offsets: traditional and simplified drafts give the same findings at the same places."""

from __future__ import annotations

from doclint import lint_text
from doclint.text.normalise import normalise

SIMPLIFIED = (
    "青禾县人民政府关于禁止燃放烟花爆竹的通告\n"
    "一、违反本通告规定燃放烟花爆竹的，由城管部门处五百元罚款，并在县电视台予以曝光。\n"
    "二、对拒不改正的，由供电企业停止供电。\n"
)
TRADITIONAL = (
    "青禾縣人民政府關於禁止燃放煙花爆竹的通告\n"
    "一、違反本通告規定燃放煙花爆竹的，由城管部門處五百元罰款，並在縣電視臺予以曝光。\n"
    "二、對拒不改正的，由供電企業停止供電。\n"
)


def test_normalised_text_has_the_same_length() -> None:
    for text in (SIMPLIFIED, TRADITIONAL, "ＡＢＣ１２３，（一）", "", "\u3000\r\n"):
        assert len(normalise(text)) == len(text)


def test_traditional_folds_to_simplified() -> None:
    assert normalise("處以罰款") == "处以罚款"


def test_width_folding_maps_ascii_punctuation_to_chinese_forms_and_digits_to_ascii() -> None:
    assert normalise("处５００元罚款,(一)") == "处500元罚款，（一）"


def test_traditional_and_simplified_drafts_give_the_same_findings_at_the_same_offsets() -> None:
    simplified = lint_text(SIMPLIFIED)
    traditional = lint_text(TRADITIONAL)
    assert [(f.rule, f.start, f.end) for f in simplified.findings] == [
        (f.rule, f.start, f.end) for f in traditional.findings
    ]
    assert {f.rule for f in simplified.findings} >= {"PEN001", "PEN003", "COE004"}
    for finding in traditional.findings:
        # The excerpt is the original traditional text, not the folded twin.
        assert TRADITIONAL[finding.start:finding.end] == finding.excerpt
    assert any("罰款" in f.excerpt for f in traditional.findings)
