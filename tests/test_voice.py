"""Whose voice a sentence is in: the document's own provision, or a report, judgement or notice about another's."""

from __future__ import annotations

import pytest

from doclint.facts.voice import reporting_marker, sentence_voice, voice_profile
from doclint.text.normalise import normalise
from doclint.text.structure import parse_structure


def voice(sentence: str) -> str:
    return sentence_voice(normalise(sentence))


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("全年共审查规范性文件六十七件，提出修改意见二百一十三条。", "statistics"),
        ("罚没款同比下降百分之八。", "statistics"),
        ("市审改办已于三月责令其整改。", "past"),
        ("起草单位删除了该条款。", "past"),
        ("2018年，我市深入推进依法行政。", "past"),
        ("经审查，该文件自行设定罚款，认定违法。", "finding"),
        ("经查，该局在招标文件中限定了本地供应商。", "finding"),
        ("上述通知第五条违反《中华人民共和国行政许可法》第十五条。", "violation"),
        ("本院认为，行政机关不得自行设定罚款。", "genre"),
        ("原告诉称，被告未履行告知义务。", "genre"),
        ("该通知规定「外地企业须在本市设立分公司」等内容。", "quotation"),
        ("抽查中发现部分单位存在超范围收费问题。", "problem"),
        ("相关收费项目均已停止执行。", "corrected"),
    ],
)
def test_reporting_sentences_are_reported_with_their_kind(sentence: str, kind: str) -> None:
    assert voice(sentence) == "reported"
    assert reporting_marker(normalise(sentence)) == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "违反本办法规定的，由市城管局处五百元以上二千元以下罚款。",
        "已备案的项目，应当在三个月内开工。",
        "累计超过三次的，吊销其养犬登记证。",
        "各单位每年开展培训不少于二次。",
        "公共停车场应当设置二个以上充电车位。",
        "上述单位违反本办法规定，由市场监管部门责令改正。",
        "为了规范养犬行为，制定本办法。",
        "申请人应当了解并遵守本规定。",
        "对已经废止的文件，不得作为行政管理的依据。",
    ],
)
def test_provisions_are_the_documents_own_voice(sentence: str) -> None:
    assert voice(sentence) == "own"


def test_traditional_characters_are_judged_after_normalising() -> None:
    assert voice("全年共審查規範性文件六十七件。") == "reported"
    assert voice("違反本辦法規定的，處五百元罰款。") == "own"


def profile_of(text: str):  # type: ignore[no-untyped-def]
    norm = normalise(text)
    structure = parse_structure(norm)
    return voice_profile(norm, [(sentence.start, sentence.end) for sentence in structure.sentences])


def test_a_work_report_mostly_reports() -> None:
    profile = profile_of(
        "一、全年共办理行政复议案件一百二十件，同比增长百分之十。\n"
        "二、经审查，发现两件文件存在自行设定罚款问题，已责令起草单位修改。\n"
        "三、组织开展了执法案卷评查，抽查案卷八十卷。\n"
        "四、下一步，将进一步规范行政执法。\n"
    )
    assert profile.reported == 3
    assert profile.provisions == 0
    assert profile.reported_share == 0.75
    assert set(profile.markers) == {"statistics", "finding", "past"}


def test_a_draft_mostly_provides() -> None:
    profile = profile_of(
        "第一条 为了规范户外广告设置，制定本办法。\n"
        "第二条 设置户外广告应当符合规划。\n"
        "第三条 任何单位不得在绿地内设置广告。\n"
        "第四条 违反本办法规定的，由城市管理部门责令限期改正。\n"
    )
    assert profile.reported == 0
    assert profile.provisions == 3
    assert profile.reported_share == 0.0


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("同志们：今天我们召开全市依法行政工作会议。", "genre"),
        ("近日，市政府召开常务会议，研究部署养犬管理工作。", "genre"),
        ("《办法》明确了养犬登记的条件和程序。", "quotation"),
        ("我局积极推进证明事项告知承诺制。", "past"),
    ],
)
def test_speeches_news_interpretations_and_narratives_report(sentence: str, kind: str) -> None:
    assert reporting_marker(normalise(sentence)) == kind


def test_document_profile_agrees_with_each_sentence() -> None:
    """voice_profile scans the whole text at once; its verdicts are sentence_voice's, sentence by sentence."""
    text = normalise(
        "一、全年共办理行政复议案件一百二十件。经审查，认定两件违法。\n"
        "二、养犬人应当为犬只办理登记；已备案的项目，应当按期开工。\n"
        "三、该通知规定“外地企业须设立分公司”等内容，已于三月废止。\n"
        "四、违反本办法规定的，由公安机关处二百元罚款。\n"
    )
    spans = [(sentence.start, sentence.end) for sentence in parse_structure(text).sentences]
    profile = voice_profile(text, spans)
    reported = [sentence_voice(text[start:end]) == "reported" for start, end in spans if end - start >= 4]
    assert profile.reported == sum(reported) == 3
    assert profile.sentences == len(reported)


@pytest.mark.parametrize(
    "sentence",
    [
        "对链主企业本地配套率每提高5个百分点，给予十万元奖励。",
        "申请人应当于6月9日前提交材料。",
        "授权市级人民法院管辖第一审知识产权案件。",
        "一、推广的改革举措（共23项）",
    ],
)
def test_rates_deadlines_and_counts_a_provision_sets_are_its_own(sentence: str) -> None:
    assert voice(sentence) == "own"
