"""Known facts about Chinese statutes, checked through doclint.citations (reads the shipped laws.json)."""

from __future__ import annotations

import datetime as dt

import pytest

from doclint.citations.lawdata import (
    Law,
    bundled_rules_dir,
    closest_names,
    find_law,
    is_law_title,
    load_lawdata,
)
from doclint.text.numerals import chinese_to_int, int_to_chinese


def law(name: str) -> Law:
    found = find_law(name)
    assert found is not None, name
    return found


def test_shipped_data_is_bundled_and_compact() -> None:
    path = bundled_rules_dir() / "data" / "laws.json"
    assert path.is_file()
    assert path.stat().st_size < 2_000_000
    assert len(load_lawdata().laws) > 900


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("中华人民共和国行政处罚法", 86),
        ("中华人民共和国行政许可法", 83),
        ("中华人民共和国行政强制法", 71),
        ("中华人民共和国立法法", 120),
        ("中华人民共和国民法典", 1260),
    ],
)
def test_latest_article_counts(name: str, count: int) -> None:
    assert law(name).article_count() == count


def test_article_count_follows_the_version_in_force() -> None:
    lifa = law("立法法")
    assert lifa.article_count(dt.date(2023, 6, 1)) == 120
    assert lifa.article_count(dt.date(2020, 1, 1)) == 105
    assert [v.date for v in lifa.versions] == [dt.date(2015, 3, 15), dt.date(2023, 3, 13)]


def test_levels() -> None:
    assert law("行政处罚法").level == "法律"
    assert law("优化营商环境条例").level == "行政法规"
    assert law("宪法").level == "宪法"


def test_history_lists_earlier_amendments() -> None:
    dates = [h.date for h in law("行政处罚法").history]
    assert dt.date(1996, 3, 17) in dates
    assert dt.date(2017, 9, 1) in dates
    assert law("行政处罚法").latest is not None


def test_contract_law_is_repealed_by_the_civil_code() -> None:
    contract = law("合同法")
    assert contract.name == "中华人民共和国合同法"
    assert contract.repealed is not None
    assert contract.repealed.successor == "中华人民共和国民法典"
    assert contract.repealed.date == dt.date(2021, 1, 1)
    assert contract.repealed.article == 1260
    assert contract.is_repealed(dt.date(2021, 1, 1))
    assert not contract.is_repealed(dt.date(2020, 12, 31))


@pytest.mark.parametrize(
    "name", ["物权法", "民法通则", "民法总则", "担保法", "侵权责任法", "婚姻法", "继承法", "收养法"]
)
def test_other_civil_laws_repealed(name: str) -> None:
    repeal = law(name).repealed
    assert repeal is not None
    assert repeal.successor == "中华人民共和国民法典"
    assert repeal.date == dt.date(2021, 1, 1)


def test_current_law_is_not_repealed() -> None:
    assert law("行政处罚法").repealed is None
    assert not law("行政处罚法").is_repealed()


def test_lifa_renumbering_2015_to_2023() -> None:
    lifa = law("中华人民共和国立法法")
    assert lifa.renumbered(80, 2015, 2023) == 91
    assert lifa.renumbered(82, 2015, 2023) == 93
    assert lifa.renumbered(80, 2015, 2015) == 80
    assert lifa.article_text(80, dt.date(2015, 3, 15)) == lifa.article_text(80, dt.date(2020, 1, 1))
    old, new = lifa.article_text(80, dt.date(2015, 3, 15)), lifa.article_text(91)
    assert old is not None and new is not None
    assert "部门规章" in old and "部门规章" in new


def test_penalty_law_curated_renumbering_2017_to_2021() -> None:
    penalty = law("行政处罚法")
    assert penalty.renumbered(8, 2017, 2021) == 9
    assert penalty.renumbered(14, 2017, 2021) == 16


def test_article_text() -> None:
    text = law("行政处罚法").article_text(16)
    assert text is not None
    assert "其他规范性文件不得设定行政处罚" in text
    kinds = law("行政处罚法").article_text(9)
    assert kinds is not None and "\n" in kinds and "通报批评" in kinds
    assert law("行政处罚法").article_text(999) is None


@pytest.mark.parametrize(
    "written",
    [
        "《行政许可法》",
        "行政许可法",
        "中华人民共和国行政许可法",
        "《中华人民共和国行政许可法》",
        "《中华人民共和国行政许可法》（2019年修正）",
        "行政许可法(2019年修正)",
        " 《 行政许可法 》 ",
    ],
)
def test_find_law_resolves_written_forms(written: str) -> None:
    assert law(written).name == "中华人民共和国行政许可法"


def test_find_law_unknown_and_title_helper() -> None:
    assert find_law("中华人民共和国不存在法") is None
    assert find_law("") is None
    assert is_law_title("《行政强制法》")
    assert is_law_title("《优化营商环境条例》")
    assert not is_law_title("《关于加强新时代法治建设的意见》")


def test_closest_names_suggests_the_law() -> None:
    suggestions = closest_names("行政处罚条例")
    assert 0 < len(suggestions) <= 3
    assert any("行政处罚法" in s for s in suggestions)
    assert closest_names("完全无关的标题内容") == []


def test_chinese_numerals_round_trip() -> None:
    for n in range(1, 301):
        assert chinese_to_int(int_to_chinese(n)) == n


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一千二百六十", 1260),
        ("一百零五", 105),
        ("十二", 12),
        ("一百一十", 110),
        ("十", 10),
        ("一百九十九", 199),
        ("两百", 200),
        ("二〇二三", 2023),
        ("一万零一", 10001),
    ],
)
def test_chinese_to_int(text: str, value: int) -> None:
    assert chinese_to_int(text) == value


@pytest.mark.parametrize(
    ("value", "text"), [(105, "一百零五"), (12, "十二"), (110, "一百一十"), (1260, "一千二百六十")]
)
def test_int_to_chinese(value: int, text: str) -> None:
    assert int_to_chinese(value) == text


@pytest.mark.parametrize("bad", ["", "abc", "第十二", "十二条"])
def test_chinese_to_int_rejects_garbage(bad: str) -> None:
    assert chinese_to_int(bad) is None
