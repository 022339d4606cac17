"""The review memo: content, conclusion policy, the three formats, Word conventions and safe writing."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.shared import Pt

from doclint.citations.lawdata import find_law
from doclint.engine.ruleset import RuleSet, load_rules
from doclint.lint import lint_text
from doclint.memo import MemoError, build_memo, write_memo
from doclint.model import Finding, Location, MaterialFile, ReviewResult
from doclint.policy import Conclusion, ConclusionPolicy

DAY = dt.date(2025, 3, 1)

FINED_DRAFT = """某县市场监督管理局关于规范农贸市场摊位经营的规定

第一条 为规范农贸市场摊位经营秩序，制定本规定。
第二条 摊位经营者应当保持摊位整洁，按照划定区域摆放商品。
第三条 违反本规定占用通道摆放商品的，由县市场监督管理局处三百元罚款。
第四条 本规定自2026年3月1日起施行，有效期至2030年2月28日。
"""

CLEAN_DRAFT = """某县农业农村局关于开展春季农业技术培训的通知

一、县农业农村局负责组织本年度春季农业技术培训。
二、各乡镇农业服务中心应当于三月底前上报培训计划。
"""


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    return load_rules(())


def review_of(text: str, tmp_path: Path, *, missing: list[str] | None = None) -> ReviewResult:
    draft_path = tmp_path / "package" / "送审稿.txt"
    draft_path.parent.mkdir(parents=True, exist_ok=True)
    draft_path.write_text(text, encoding="utf-8")
    result = lint_text(text, name=str(draft_path))
    return ReviewResult(
        package=str(draft_path.parent),
        materials=[MaterialFile(path=str(draft_path), role="draft"),
                   MaterialFile(path=str(draft_path.parent / "起草说明.docx"), role="drafting_explanation")],
        missing=missing if missing is not None else ["fair_competition", "deliberation"],
        draft=result,
        draft_text=text,
    )


def finding(category: str, severity: str) -> Finding:
    return Finding(rule="XXX001", name=f"{category}.example", category=category, severity=severity,  # type: ignore[arg-type]
                   message="示例", start=0, end=1, excerpt="示", location=Location(line=1, column=1, paragraph=1))


# ------------------------------------------------------------------------------------------ policy


def test_error_in_prohibited_category_makes_the_draft_unlawful() -> None:
    policy = ConclusionPolicy()
    assert policy.conclude([finding("penalty", "error")]) is Conclusion.unlawful
    assert policy.conclude([finding("fee", "error"), finding("form", "info")]) is Conclusion.unlawful


def test_other_errors_and_legality_warnings_require_changes() -> None:
    policy = ConclusionPolicy()
    assert policy.conclude([finding("form", "error")]) is Conclusion.amend
    assert policy.conclude([finding("licensing", "warning")]) is Conclusion.amend
    assert policy.conclude([finding("procedure", "warning")]) is Conclusion.amend


def test_drafting_warnings_and_info_leave_the_draft_lawful() -> None:
    policy = ConclusionPolicy()
    assert policy.conclude([finding("vague", "warning"), finding("penalty", "info")]) is Conclusion.lawful
    assert policy.conclude([]) is Conclusion.lawful


def test_an_office_can_make_vague_warnings_binding() -> None:
    policy = ConclusionPolicy(legality_categories=["vague"])
    assert policy.conclude([finding("vague", "warning")]) is Conclusion.amend


def test_conclusion_words_match_the_batch_report() -> None:
    from doclint.policy import CONCLUSIONS

    assert {c.value for c in Conclusion} == set(CONCLUSIONS)


# ------------------------------------------------------------------------------------------ content


def test_memo_quotes_the_clause_and_the_statute(ruleset: RuleSet, tmp_path: Path) -> None:
    memo = build_memo(review_of(FINED_DRAFT, tmp_path), ruleset, date=DAY)
    assert memo.title == "关于《某县市场监督管理局关于规范农贸市场摊位经营的规定（送审稿）》的合法性审核意见"
    assert memo.addressee == "某县市场监督管理局"
    assert memo.conclusion is Conclusion.unlawful
    # A penalty set by a normative document is beyond its power: under （二）权限, not （三）内容.
    fine = next(item for item in memo.authority_items if any(i.rule == "PEN001" for i in item.issues))
    assert not any(i.rule == "PEN001" for item in memo.content_items for i in item.issues)
    assert fine.location == "第三条"
    assert fine.quote == "违反本规定占用通道摆放商品的，由县市场监督管理局处三百元罚款。"
    assert fine.quote_match == "处三百元罚款"
    law = find_law("中华人民共和国行政处罚法")
    assert law is not None
    quoted = {c.label: c.text for c in fine.citations}
    assert quoted["《中华人民共和国行政处罚法》第十六条"] == law.article_text(16)


def test_memo_lists_materials_and_asks_for_missing_ones(ruleset: RuleSet, tmp_path: Path) -> None:
    memo = build_memo(review_of(FINED_DRAFT, tmp_path), ruleset, date=DAY)
    status = {line.name: line.status for line in memo.materials}
    assert status["送审稿"] == "present"
    assert status["公平竞争审查意见（表）"] == "missing"
    assert "请一并补正" in memo.conclusion_text


def test_clean_draft_is_lawful_and_says_so(ruleset: RuleSet, tmp_path: Path) -> None:
    review = review_of(CLEAN_DRAFT, tmp_path, missing=[])
    memo = build_memo(review, ruleset, date=DAY)
    binding = [f for f in review.draft.findings if ConclusionPolicy().is_binding(f)]  # type: ignore[union-attr]
    assert memo.conclusion is (Conclusion.amend if binding else Conclusion.lawful)
    text = render(review, ruleset, tmp_path, "clean.md")
    assert "（二）权限\n\n经审查，未发现问题。" in text


def test_package_without_draft_gets_no_conclusion(ruleset: RuleSet, tmp_path: Path) -> None:
    review = ReviewResult(package=str(tmp_path), missing=["draft"])
    memo = build_memo(review, ruleset, date=DAY)
    assert memo.conclusion is None
    assert "无法出具审核结论" in memo.conclusion_text


# ------------------------------------------------------------------------------------------ formats


def render(review: ReviewResult, ruleset: RuleSet, tmp_path: Path, name: str, **kwargs: object) -> str:
    out = tmp_path / name
    write_memo(review, out, template=None, ruleset=ruleset, force=True, date=DAY, **kwargs)  # type: ignore[arg-type]
    return out.read_text(encoding="utf-8")


def test_markdown_memo_has_the_office_shape(ruleset: RuleSet, tmp_path: Path) -> None:
    text = render(review_of(FINED_DRAFT, tmp_path), ruleset, tmp_path, "memo.md")
    headings = re.findall(r"^#+ (.+)$", text, flags=re.MULTILINE)
    assert headings[1:] == ["一、收件及材料情况", "二、审核意见", "（一）制定主体", "（二）权限", "（三）内容",
                            "（四）程序", "三、结论", "四、其他建议"]
    assert "审核日期：2025年3月1日" in text
    assert "公平竞争审查意见（表）：未提交，请补正。" in text
    assert "原条文：「违反本规定占用通道摆放商品的，由县市场监督管理局**处三百元罚款**。」" in text
    assert "审核结论为：不合法（建议不予出台）" in text
    assert "经办人：" in text and "\n\n\n" not in text


def test_html_memo_escapes_and_marks_the_match(ruleset: RuleSet, tmp_path: Path) -> None:
    text = render(review_of(FINED_DRAFT.replace("摆放商品的", "摆放<b>商品</b>的"), tmp_path), ruleset, tmp_path,
                  "memo.html")
    assert text.startswith("<!DOCTYPE html>")
    assert "&lt;b&gt;商品&lt;/b&gt;" in text and "<b>商品</b>" not in text
    assert "<mark>处三百元罚款</mark>" in text


def test_same_input_and_date_give_identical_files(ruleset: RuleSet, tmp_path: Path) -> None:
    review = review_of(FINED_DRAFT, tmp_path)
    for name in ("memo.md", "memo.html", "memo.docx"):
        write_memo(review, tmp_path / f"a-{name}", template=None, ruleset=ruleset, force=False, date=DAY)
        write_memo(review, tmp_path / f"b-{name}", template=None, ruleset=ruleset, force=False, date=DAY)
        assert (tmp_path / f"a-{name}").read_bytes() == (tmp_path / f"b-{name}").read_bytes(), name


def test_docx_follows_official_document_conventions(ruleset: RuleSet, tmp_path: Path) -> None:
    out = tmp_path / "memo.docx"
    write_memo(review_of(FINED_DRAFT, tmp_path), out, template=None, ruleset=ruleset, force=False, date=DAY)
    document: Any = docx.Document(str(out))
    section: Any = document.sections[0]
    # Word stores lengths in twips, so millimetres come back rounded to a twentieth of a point.
    sizes = [section.page_width, section.page_height, section.top_margin, section.bottom_margin,
             section.left_margin, section.right_margin]
    assert [round(size.mm) for size in sizes] == [210, 297, 37, 35, 28, 26]
    title: Any = document.paragraphs[0]
    assert title.text.startswith("关于《某县市场监督管理局")
    fonts = title.style.element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "方正小标宋简体"
    body: Any = next(p for p in document.paragraphs if p.text.startswith("你单位报送的"))
    assert body.style.font.size == Pt(16)
    assert body.style.paragraph_format.first_line_indent == Pt(32)
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "fldChar" in footer_xml
    bold = [run.text for p in document.paragraphs for run in p.runs if run.bold]
    assert "处三百元罚款" in bold and "修改建议：" in bold
    assert document.core_properties.created == dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    with zipfile.ZipFile(out) as archive:
        font_table = archive.read("word/fontTable.xml").decode("utf-8")
    assert re.search(r'w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>', font_table)


# ------------------------------------------------------------------------------------------ templates


def test_office_markdown_template_is_used(ruleset: RuleSet, tmp_path: Path) -> None:
    template = tmp_path / "our.md.j2"
    template.write_text("# {{ memo.title }}\n结论：{{ memo.conclusion.value }}\n", encoding="utf-8")
    out = tmp_path / "memo.md"
    write_memo(review_of(FINED_DRAFT, tmp_path), out, template=template, ruleset=ruleset, force=False, date=DAY)
    assert out.read_text(encoding="utf-8").endswith("结论：不合法（建议不予出台）\n")


def test_broken_template_is_reported_with_its_name(ruleset: RuleSet, tmp_path: Path) -> None:
    template = tmp_path / "broken.md.j2"
    template.write_text("{% if memo.title %}未闭合\n", encoding="utf-8")
    with pytest.raises(MemoError, match=r"broken\.md\.j2"):
        write_memo(review_of(FINED_DRAFT, tmp_path), tmp_path / "memo.md", template=template, ruleset=ruleset,
                   force=False, date=DAY)
    assert not (tmp_path / "memo.md").exists()


def test_reference_docx_styles_win(ruleset: RuleSet, tmp_path: Path) -> None:
    reference = docx.Document()
    style = reference.styles.add_style("意见书正文", 1)
    style.font.size = Pt(15)
    reference_path = tmp_path / "our-style.docx"
    reference.save(str(reference_path))
    out = tmp_path / "memo.docx"
    write_memo(review_of(FINED_DRAFT, tmp_path), out, template=reference_path, ruleset=ruleset, force=False,
               date=DAY)
    written: Any = docx.Document(str(out))
    body: Any = next(p for p in written.paragraphs if p.text.startswith("你单位报送的"))
    assert body.style.name == "意见书正文" and body.style.font.size == Pt(15)


# ------------------------------------------------------------------------------------------ safety


def test_existing_memo_is_not_overwritten_without_force(ruleset: RuleSet, tmp_path: Path) -> None:
    out = tmp_path / "memo.md"
    out.write_text("旧意见", encoding="utf-8")
    review = review_of(FINED_DRAFT, tmp_path)
    with pytest.raises(MemoError, match="--force"):
        write_memo(review, out, template=None, ruleset=ruleset, force=False, date=DAY)
    assert out.read_text(encoding="utf-8") == "旧意见"
    write_memo(review, out, template=None, ruleset=ruleset, force=True, date=DAY)
    assert out.read_text(encoding="utf-8").startswith("# 关于《")


def test_memo_never_replaces_a_package_file(ruleset: RuleSet, tmp_path: Path) -> None:
    review = review_of(FINED_DRAFT, tmp_path)
    target = Path(review.materials[0].path).with_suffix(".md")
    target.write_text("材料", encoding="utf-8")
    review.materials.append(MaterialFile(path=str(target), role="other"))
    with pytest.raises(MemoError, match="送审材料本身"):
        write_memo(review, target, template=None, ruleset=ruleset, force=True, date=DAY)
    assert target.read_text(encoding="utf-8") == "材料"


def test_unsupported_memo_format_is_refused(ruleset: RuleSet, tmp_path: Path) -> None:
    with pytest.raises(MemoError, match=r"\.pdf"):
        write_memo(review_of(FINED_DRAFT, tmp_path), tmp_path / "memo.pdf", template=None, ruleset=ruleset,
                   force=False, date=DAY)


# ------------------------------------------------------------------------------------------ rendering


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_docx_memo_converts_to_pdf_with_libreoffice(ruleset: RuleSet, tmp_path: Path) -> None:
    out = tmp_path / "memo.docx"
    write_memo(review_of(FINED_DRAFT, tmp_path), out, template=None, ruleset=ruleset, force=False, date=DAY)
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=180)
    pdf = (tmp_path / "memo.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "memo.pdf"), "-"], check=True,
                              capture_output=True, timeout=60).stdout.decode("utf-8")
        squashed = re.sub(r"\s+", "", text)
        assert "合法性审核意见" in squashed and "—1—" in squashed
        assert "处三百元罚款" in squashed


def test_unknown_issuer_is_not_reported_as_fine(ruleset: RuleSet, tmp_path: Path) -> None:
    untitled = FINED_DRAFT.split("\n", 2)[2]  # the articles without the title line that names the issuer
    memo = build_memo(review_of(untitled, tmp_path), ruleset, date=DAY)
    assert memo.addressee is None
    assert "未能识别制定机关" in memo.subject_text and "未发现问题" not in memo.subject_text


# ------------------------------------------------------------------------------------------ issue 18


SAMPLE_PACKAGE = Path(__file__).parent.parent / "samples" / "package-bikes"


def package_memo(tmp_path: Path, name: str = "memo.md", *extra: str) -> str:
    from typer.testing import CliRunner

    from doclint.cli import app

    out = tmp_path / name
    result = CliRunner().invoke(app, ["review", str(SAMPLE_PACKAGE), "--memo", str(out), "--memo-date",
                                      "2026-03-01", *extra])
    assert result.exit_code in (0, 1), result.output
    return out.read_text(encoding="utf-8") if name.endswith((".md", ".html")) else ""


def section(text: str, heading: str, following: str) -> str:
    return text.split(heading, 1)[1].split(following, 1)[0]


def test_powers_a_normative_document_lacks_sit_under_authority(tmp_path: Path) -> None:
    text = package_memo(tmp_path)
    authority = section(text, "### （二）权限", "### （三）内容")
    assert "经审查，未发现问题" not in authority
    assert "PEN001" in authority and "FEE001" in authority
    # 内容 keeps the competition clause; it never says 未发现问题 while 权限 lists such clauses.
    content = section(text, "### （三）内容", "### （四）程序")
    assert "COM002" in content and "经审查，未发现问题" not in content


def test_addressee_and_drafting_unit_come_from_the_package(tmp_path: Path) -> None:
    text = package_memo(tmp_path)
    assert "\n某某市交通运输局：\n" in text
    assert "起草单位为某某市交通运输局" in text


def test_fair_competition_form_contradicted_by_the_draft_is_a_finding(tmp_path: Path) -> None:
    text = package_memo(tmp_path)
    assert "送审材料之间存在以下矛盾" in text
    assert "「不含有排除、限制竞争的内容」（见附件2.txt）" in text and "第五条" in text


def test_stated_consultation_days_contradicted_by_the_dates(ruleset: RuleSet, tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "送审稿.txt").write_text(FINED_DRAFT, encoding="utf-8")
    (folder / "起草说明.txt").write_text(
        "关于《规定》的起草说明\n本规定草案已公开征求意见30日。2025年1月2日至1月11日在县政府网站向社会公开征求意见，"
        "未收到意见。\n某县市场监督管理局\n2025年2月1日\n", encoding="utf-8")
    from doclint.config import Config
    from doclint.review.package import review_package

    memo = build_memo(review_package([str(folder)], Config(), ruleset), ruleset, date=DAY)
    assert any("公开征求意见30日" in c and "实为10日" in c for c in memo.conflicts)


def test_signature_date_filled_and_no_tool_name_on_the_page(tmp_path: Path) -> None:
    text = package_memo(tmp_path)
    assert "经办人：＿＿＿＿＿＿\n\n2026年3月1日\n" in text
    visible = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    assert "doclint" not in visible
    package_memo(tmp_path, "memo.docx")
    document: Any = docx.Document(str(tmp_path / "memo.docx"))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[-1] == "2026年3月1日"
    assert not any("doclint" in p for p in paragraphs)
    assert "doclint" in document.core_properties.comments
    # The sign-off keeps with the text above it, so it never stands alone on a page.
    signoff = next(i for i, p in enumerate(paragraphs) if p.startswith("审核机构"))
    assert document.paragraphs[signoff - 1].paragraph_format.keep_with_next is True


def test_every_hit_in_a_clause_is_marked(ruleset: RuleSet, tmp_path: Path) -> None:
    draft = FINED_DRAFT.replace("处三百元罚款。", "处三百元罚款，并没收其商品。")
    memo = build_memo(review_of(draft, tmp_path), ruleset, date=DAY)
    item = next(i for i in memo.authority_items if i.location == "第三条")
    marked = [part.text for part in item.quote_parts if part.mark]
    assert len(item.issues) >= 2 and len(marked) >= 2
    assert "处三百元罚款" in marked and any("没收" in text for text in marked)


def test_precedents_of_a_rule_are_listed_under_its_finding(tmp_path: Path) -> None:
    pack = tmp_path / "rules"
    pack.mkdir()
    (pack / "local.yaml").write_text("""rules:
  - id: COM901
    name: competition.local-registration-required
    category: competition
    severity: error
    match:
      regex: '注册地在[^。，；]{1,12}的企业'
    message: 本句以注册地「{match}」限定经营者。
    what: 以注册地限定经营者。
    why: 公平竞争审查条例第九条禁止排斥外地经营者。
    basis: [{law: 公平竞争审查条例, article: 9}]
    precedents:
      - {authority: 某市市场监督管理局, year: 2022, found: 某区公告以注册地限定候选企业，已取消, source: 某市市场监督管理局案例通报}
    suggestion: 删除注册地要求。
    examples:
      flag: [报名企业须为注册地在本区的企业。, 候选单位限于注册地在本县行政区域内的企业。, 限注册地在本市的企业参加。]
      pass: [报名企业须具有相应资质。, 候选单位应当依法登记。, 本区企业和外地企业平等参加。]
""", encoding="utf-8")
    rules = load_rules((str(pack),))
    draft = "某区小型工程承包企业名录管理办法\n第一条 入库企业须为注册地在本区的企业。\n第二条 本办法自2026年1月1日起施行。\n"
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "送审稿.txt").write_text(draft, encoding="utf-8")
    from doclint.config import Config
    from doclint.review.package import review_package

    review = review_package([str(tmp_path / "pkg")], Config(rule_dirs=[str(pack)]), rules)
    memo = build_memo(review, rules, date=DAY)
    item = next(i for i in memo.content_items if any(x.rule == "COM901" for x in i.issues))
    # The office's precedent, beside those the shipped rule on the same clause (COM002) carries.
    assert "某市市场监督管理局（2022年）：某区公告以注册地限定候选企业，已取消（来源：某市市场监督管理局案例通报）" in item.precedents
    assert len(item.precedents) == len(set(item.precedents))
    from typer.testing import CliRunner

    from doclint.cli import app

    shown = CliRunner().invoke(app, ["rules", "show", "COM901", "--rules-dir", str(pack)])
    assert shown.exit_code == 0 and "先例" in shown.stdout and "某市市场监督管理局（2022年）" in shown.stdout


def test_policy_documents_are_cited_by_name_and_quoted_to_the_item(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from doclint.cli import app

    draft = tmp_path / "送审稿.txt"
    draft.write_text("某县公园管理办法\n第一条 为规范公园管理，制定本办法。\n第二条 本办法自印发之日起施行。\n",
                     encoding="utf-8")
    out = tmp_path / "memo.md"
    result = CliRunner().invoke(app, ["review", str(draft), "--profile", "zhejiang", "--memo", str(out),
                                      "--memo-date", "2026-03-01"])
    assert result.exit_code in (0, 1), result.output
    text = out.read_text(encoding="utf-8")
    # 115号 quoted to its item, from the project's copy of the text; 37号 (not shipped) by name only.
    assert "《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）第（五）项：“（五）规范审核程序。" in text
    assert "《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）\n" in text
    # 施行日期 and 有效期 rest on the normative-document rules of the profile, not on 规章制定程序条例.
    assert "《浙江省行政规范性文件管理办法》" in text
    assert "规章制定程序条例" not in text and "立法法" not in text


def test_the_shipped_policy_texts_match_the_law_sources() -> None:
    laws = Path(__file__).parent.parent.parent / "shared" / "data" / "laws"
    if not laws.is_dir():
        pytest.skip("../shared/data/laws is not beside the clone")
    import json

    from doclint.memo.build_policy_texts import OUT, build

    assert json.loads(OUT.read_text(encoding="utf-8")) == build(laws)


@pytest.mark.parametrize("profile", ["national", "zhejiang"])
def test_a_short_law_name_rests_on_drafting_practice_not_the_format_standard(tmp_path: Path, profile: str) -> None:
    from typer.testing import CliRunner

    from doclint.cli import app

    draft = tmp_path / "送审稿.txt"
    draft.write_text("某县公园管理办法\n第一条 为规范公园管理，依据《城乡规划法》，制定本办法。\n"
                     "第二条 本办法自2026年6月1日起施行，有效期5年。\n", encoding="utf-8")
    out = tmp_path / "memo.md"
    result = CliRunner().invoke(app, ["review", str(draft), "--profile", profile, "--memo", str(out),
                                      "--memo-date", "2026-03-01"])
    assert result.exit_code in (0, 1), result.output
    text = out.read_text(encoding="utf-8")
    item = text.split("首次引用《城乡规划法》", 1)[1].split("修改建议", 1)[0]
    assert "起草惯例" in item
    assert "全国人大常委会法制工作委员会《立法技术规范（试行）（一）》（法工委发〔2009〕62号）" in item
    assert "9704" not in item
    # A province's own drafting rules are named when the profile has them; the national profile has none.
    assert ("《浙江省行政规范性文件管理办法》（本省规范性文件的起草要求）" in item) == (profile == "zhejiang")
