"""The issuer of a document, read from wherever officials and portals put it (issue 18 point 9)."""

from __future__ import annotations

import pytest

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
