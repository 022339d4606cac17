"""The issuer of a document, read from wherever officials and portals put it (issue 18 point 9).

A wrong issuer is worse than none: the tests below also pin what must stay unrecognised.
"""

from __future__ import annotations

import pytest

from doclint.facts.issuer import from_title, organ_names, recognise_issuer
from doclint.lint import lint_text


def issuer_of(text: str) -> str | None:
    return lint_text(text, name="filed.txt").facts.issuer


@pytest.mark.parametrize(("text", "issuer"), [
    # A portal's label before the title wrapped in brackets.
    ("「通告」青禾县人民政府关于禁止焚烧秸秆的通告\n一、全县范围内禁止露天焚烧秸秆。\n", "青禾县人民政府"),
    # The organ opens the title and is not followed by 关于.
    ("青禾县人民政府森林防火令\n当前森林防火形势严峻，现命令如下：\n一、禁止野外用火。\n", "青禾县人民政府"),
    # 发文机关 as a label on its own line, the name on the next (a portal's detail page).
    ("标题\n青禾县人民政府关于印发某办法的通知\n发文机关\n青禾县人民政府办公室\n发文字号\n青政办发〔2024〕2号\n"
     "第一条 为规范管理，制定本办法。\n", "青禾县人民政府办公室"),
    # Signature and date on one line.
    ("关于加强城区停车管理的通知\n一、城区道路禁止长时间停放。\n青禾市交通运输局　2025年3月1日\n", "青禾市交通运输局"),
    # The 版记's 印发 line.
    ("关于加强城区停车管理的通知\n一、城区道路禁止长时间停放。\n青禾市人民政府办公室　2025年3月2日印发\n",
     "青禾市人民政府办公室"),
])
def test_issuer_found_where_officials_put_it(text: str, issuer: str) -> None:
    assert issuer_of(text) == issuer


def test_a_bracket_is_never_part_of_the_issuer() -> None:
    found = issuer_of("《青禾县人民政府关于城区禁止燃放烟花爆竹的通告》\n一、城区禁止燃放烟花爆竹。\n")
    assert found == "青禾县人民政府"


def test_no_issuer_in_an_excerpt() -> None:
    assert issuer_of("对本地建筑企业给予奖励，奖励标准按纳税额确定。") is None


def test_a_ministry_signs_as_a_department() -> None:
    text = "关于某条例修订草案公开征求意见的公告\n现将修订草案向社会公开征求意见。\n青禾部\n2021年11月29日\n"
    assert issuer_of(text) == "青禾部"


# The 版头: the organ's mark over the 文号.

def test_masthead_names_the_issuer() -> None:
    text = ("青禾县人民政府办公室文件\n青政办发〔2023〕5号\n关于做好汛期值守工作的通知\n各乡镇人民政府：\n"
            "一、各单位要落实值班制度。\n")
    assert issuer_of(text) == "青禾县人民政府办公室"


def test_a_letter_spaced_masthead_is_one_name() -> None:
    text = "青 禾 县 人 民 政 府 文 件\n青政发〔2023〕9号\n关于做好汛期值守工作的通知\n一、落实值班制度。\n"
    assert issuer_of(text) == "青禾县人民政府"


def test_the_organ_line_over_the_doc_number() -> None:
    text = "青禾市财政局\n青财发〔2024〕11号\n关于规范项目资金拨付的通知\n一、资金按进度拨付。\n"
    assert issuer_of(text) == "青禾市财政局"


def test_a_promulgation_order_names_the_rule_maker() -> None:
    text = ("青禾市停车场管理办法\n2024年3月1日 中华人民共和国青禾部令第3号公布\n第一条 为规范停车场管理，制定本办法。\n"
            "第二条 本办法自公布之日起施行。\n")
    assert issuer_of(text) == "青禾部"


def test_a_local_regulation_is_issued_by_the_standing_committee_that_passed_it() -> None:
    text = ("青禾市养犬管理条例\n2020年6月2日 青禾市第九届人民代表大会常务委员会第十二次会议通过\n"
            "2020年7月30日 丹霞省第十三届人民代表大会常务委员会第二十次会议批准\n"
            "第一条 为规范养犬行为，制定本条例。\n第二条 本条例自2021年1月1日起施行。\n")
    assert issuer_of(text) == "青禾市人民代表大会常务委员会"


def test_a_meeting_named_in_the_body_is_not_the_issuer() -> None:
    text = ("关于规范停车收费的通知\n一、根据2020年6月2日青禾市第九届人民代表大会常务委员会第十二次会议通过的"
            "《青禾市停车条例》，收费标准另行公布。\n二、本通知自发布之日起施行。\n")
    assert issuer_of(text) is None


# The title.

def test_joint_issuers_in_the_title() -> None:
    text = "青禾市市场监督管理局 青禾市财政局关于规范检验检测收费的通知\n一、收费标准另行公布。\n"
    assert issuer_of(text) == "青禾市市场监督管理局、青禾市财政局"


def test_joint_issuers_run_together_in_the_title() -> None:
    assert from_title("青禾市教育局青禾市财政局关于学生资助的通知") == "青禾市教育局、青禾市财政局"


def test_an_office_is_not_split_from_its_government() -> None:
    assert from_title("青禾市人民政府办公厅关于印发某方案的通知") == "青禾市人民政府办公厅"


def test_a_title_about_another_document_gives_no_issuer() -> None:
    assert from_title("《青禾县人民政府关于禁止焚烧秸秆的通告》政策解读") is None
    assert from_title("关于《青禾县人民政府关于禁止焚烧秸秆的通告》的说明") is None


def test_a_case_title_names_a_party_not_an_issuer() -> None:
    assert from_title("某建材公司诉青禾县人民政府关于撤销采矿许可决定案") is None


def test_a_title_that_only_starts_with_government_words_is_no_issuer() -> None:
    # 政府采购 is a procurement, not an organ followed by a title.
    assert from_title("青禾县政府采购管理办法") is None


# The signature block.

def test_joint_signature_over_one_date() -> None:
    text = ("关于规范检验检测收费的通知\n一、收费标准另行公布。\n二、本通知自发布之日起施行。\n"
            "青禾市市场监督管理局\n青禾市财政局\n2024年4月8日\n")
    assert issuer_of(text) == "青禾市市场监督管理局、青禾市财政局"


def test_a_signature_run_into_the_last_sentence() -> None:
    text = "关于禁止焚烧秸秆的通告\n一、全县禁止焚烧秸秆。二、本通告自发布之日起实施。 青禾县人民政府 2024年9月18日\n"
    assert issuer_of(text) == "青禾县人民政府"


def test_a_signature_dated_with_chinese_numerals_and_a_letter_o() -> None:
    text = "关于禁止焚烧秸秆的通告\n一、全县禁止焚烧秸秆。\n青禾县人民政府\n二O一一年八月十日\n"
    assert issuer_of(text) == "青禾县人民政府"


def test_the_signature_wins_over_the_printing_office() -> None:
    text = ("关于禁止焚烧秸秆的通告\n一、全县禁止焚烧秸秆。\n青禾县人民政府\n2024年9月18日\n"
            "抄送：县委办公室，县人大常委会办公室。\n青禾县人民政府办公室　2024年9月19日印发\n")
    assert issuer_of(text) == "青禾县人民政府"


def test_a_notice_that_issues_rules_signs_before_them() -> None:
    text = ("青禾市户外广告管理规定\n青禾市人民政府\n颁布《青禾市户外广告管理规定》的通知\n各区人民政府：\n"
            "现将规定发给你们，请认真贯彻执行。\n青禾市人民政府\n二〇〇二年十二月十九日\n"
            "第一条 为规范户外广告，制定本规定。\n第二条 本规定自发布之日起施行。\n第三条 市城管局负责解释。\n")
    assert issuer_of(text) == "青禾市人民政府"


def test_a_relative_name_is_completed_from_a_full_one() -> None:
    text = ("青禾市公园管理办法\n丹霞省青禾市人民政府\n市人民政府令第12号\n第一条 为规范公园管理，制定本办法。\n"
            "第二条 本办法自2024年1月1日起施行。\n")
    assert issuer_of(text) == "丹霞省青禾市人民政府"


def test_pinyin_reading_aids_are_dropped() -> None:
    text = "关于征求意见的通知\n现将草案公开征求意见。\n青禾市市场监（jiān）管局\n2024年11月19日\n"
    assert issuer_of(text) == "青禾市市场监管局"


# What must stay unrecognised.

@pytest.mark.parametrize("text", [
    # A court's case collection: the government it reviewed closes a case, with the date of its decision.
    "行政审判典型案例\n案例一\n某公司诉青禾县人民政府撤销许可案。法院认为，被诉决定缺乏依据，判决撤销。\n"
    "案例二\n某村民诉青禾县自然资源局不履行法定职责案。法院判决被告限期履行。\n",
    # The addressees, the copy line and a contact are no signature.
    "关于做好汛期值守工作的通知\n各乡镇人民政府、县直各单位：\n一、落实值班制度。\n抄送：青禾市人民政府办公室\n",
    "关于做好汛期值守工作的通知\n一、落实值班制度。\n联系单位：青禾县应急管理局\n",
    # A generic kind of organ is not one organ.
    "关于做好汛期值守工作的通知\n一、落实值班制度。\n有关部门\n2024年6月1日\n",
])
def test_organs_the_text_only_mentions_are_not_the_issuer(text: str) -> None:
    assert issuer_of(text) is None


@pytest.mark.parametrize(("name", "expected"), [
    ("青禾县人民政府", "青禾县人民政府"),
    ("【青禾县人民政府】", "青禾县人民政府"),
    ("和平县人民政府", "和平县人民政府"),  # 和 opens a place's name here, not a conjunction
    ("青禾县档案局", "青禾县档案局"),
    ("某公司诉青禾县人民政府", None),
    ("青禾县人民政府　青禾县财政局", "青禾县人民政府、青禾县财政局"),
    ("各乡镇人民政府", None),
    ("市场监管部门", None),
    ("青禾县人民政府办公室负责解释", None),
    ("青禾县人民政府的", None),
])
def test_organ_names(name: str, expected: str | None) -> None:
    assert organ_names(name) == expected


def test_the_surest_place_wins() -> None:
    # The label is the portal's own record; the title here is a re-post's.
    text = "发布机构：青禾县财政局\n青禾县人民政府关于某事项的通知\n一、某事项按规定办理。\n"
    assert recognise_issuer(text, "青禾县人民政府关于某事项的通知") == "青禾县财政局"


def test_a_metadata_table_flattened_onto_one_line() -> None:
    text = ("索引号：001-2024-0032 发布机构：青禾县财政局 生成日期：2024-03-05 文号：青财发〔2024〕3号\n"
            "关于规范项目资金拨付的通知\n一、资金按进度拨付。\n")
    assert issuer_of(text) == "青禾县财政局"


def test_a_dated_promulgation_line_under_the_title() -> None:
    text = ("青禾县农村公路养护办法\n2019年4月2日 青禾县人民政府办公室印发（青政办发〔2019〕7号）\n"
            "第一条 为规范农村公路养护，制定本办法。\n第二条 本办法自2019年5月1日起施行。\n")
    assert issuer_of(text) == "青禾县人民政府办公室"
    # An approval is not an issue: the organ that promulgates is read, not the one that approved.
    approved = ("青禾县农村公路养护办法\n2019年3月1日 青禾县人民政府批准\n2019年4月2日 青禾县交通运输局发布\n"
                "第一条 为规范农村公路养护，制定本办法。\n第二条 本办法自2019年5月1日起施行。\n")
    assert issuer_of(approved) == "青禾县交通运输局"


@pytest.mark.parametrize(("text", "issuer"), [
    # A county government's 文号 with the county spelt out in the text.
    ("舞政〔2020〕3号\n关于加强城区管理的通告\n为加强舞阳县城区管理，现通告如下：\n一、禁止占道经营。\n", "舞阳县人民政府"),
    # Its office's 文号.
    ("青政办发〔2023〕5号\n关于做好防汛工作的通知\n各乡镇：青禾县汛期将至，现就有关事项通知如下。\n", "青禾县人民政府办公室"),
])
def test_a_government_doc_number_names_the_government_of_the_place(text: str, issuer: str) -> None:
    assert recognise_issuer(text, None) == issuer


def test_a_departments_doc_number_is_not_expanded() -> None:
    # 青市监 may be 青禾市市场监督管理局 or not: an abbreviation of a department is left unread.
    text = "青市监〔2023〕5号\n关于开展检查的通知\n青禾市各区局：请做好检查。\n"
    assert recognise_issuer(text, None) is None
