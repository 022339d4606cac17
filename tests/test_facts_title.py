"""A document's title, not a web page's first line (issue 18 point 4)."""

from __future__ import annotations

import pytest

from doclint.lint import lint_text


@pytest.mark.parametrize(("text", "title"), [
    ("政策法规\n青禾市市场监管局关于规范农贸市场经营的通知\n2024-05-06\n一、各市场开办者应当……\n",
     "青禾市市场监管局关于规范农贸市场经营的通知"),
    ("标题\n青禾县人民政府关于印发青禾县公园管理办法的通知发文机关\n青禾县人民政府\n第一条 为规范管理，制定本办法。\n",
     "青禾县人民政府关于印发青禾县公园管理办法的通知"),
    ("青禾市公园管理办法（征求意见稿）\n第一条 为规范本市公园管理，制定本办法。\n", "青禾市公园管理办法（征求意见稿）"),
])
def test_title_is_the_documents_own(text: str, title: str) -> None:
    assert lint_text(text, name="page.txt").facts.title == title


def test_a_title_wrapped_after_a_place_name_stays_whole() -> None:
    text = "青禾市\n公园管理办法\n第一条 为规范本市公园管理，制定本办法。\n第二条 本办法适用于本市城市公园。\n"
    assert lint_text(text, name="draft.txt").facts.title == "青禾市公园管理办法"


def test_a_portals_bracketed_label_is_not_part_of_the_title() -> None:
    text = "「通告」青禾县人民政府关于禁止焚烧秸秆的通告\n一、全县范围内禁止露天焚烧秸秆。\n"
    assert lint_text(text, name="page.txt").facts.title == "青禾县人民政府关于禁止焚烧秸秆的通告"


def test_an_attachment_line_is_not_the_title() -> None:
    text = ("为规范停车收费，现就《青禾市停车收费管理办法（征求意见稿）》公开征求意见，请于2025年4月1日前反馈。\n"
            "附件：1.青禾市停车收费管理办法（征求意见稿）\n2.青禾市停车收费管理办法（征求意见稿）起草说明\n")
    assert lint_text(text, name="notice.txt").facts.title is None
