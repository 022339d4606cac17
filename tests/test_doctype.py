"""Document type from what the document is: 规章, 地方性法规, normative by default, other by the voice of its text."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from doclint import lint_text
from doclint.cli import app
from doclint.document import Document

LEGALITY = {"licensing", "penalty", "coercion", "fee", "obligation", "competition"}

# A city's 2018 法治政府建设 work summary as a mirror site reposts it: traditional characters, the site's breadcrumb,
# date and font-size controls above the title. It names 行政许可, 罚款, 查封, 停止供水 — all as things reported.
SCRAPED_SUMMARY = (
    "當前位置：首頁 ＞ 政務公開 ＞ 法治政府建設 ＞ 年度報告\n"
    "發佈時間：2019-01-15 09:30　來源：市司法局　瀏覽次數：1024\n"
    "字號：大 中 小　　打印　關閉\n"
    "青禾市2018年法治政府建設工作總結\n"
    "2018年，在省委、省政府和市委的領導下，市政府各部門圍繞法治政府建設實施綱要確定的目標，紮實推進依法行政，各項工作取得了新的進展。現將全年工作總結如下。\n"
    "一、深化行政審批制度改革\n"
    "全年共取消和調整行政許可事項四十二項，下放市級行政許可事項十八項，公佈了市、縣兩級行政許可事項清單。市政務服務中心已實現“一窗受理”，辦理行政許可申請三萬二千餘件，按時辦結率達到百分之九十九點六，平均辦理時限較上年縮短百分之三十一。對部分部門在清單之外要求企業須經審批後方可開展經營的做法，市審改辦已責令其整改，相關要求均已停止執行。\n"
    "二、加強規範性文件審查和備案\n"
    "全年共審查市政府及其部門起草的規範性文件六十七件，提出修改意見二百一十三條。經審查，發現三件文件存在自行設定罰款、增設行政許可條件等問題，其中一件規定“未辦理登記的商戶由城管部門處以五千元罰款”等內容，違反了《中華人民共和國行政處罰法》關於設定權的規定，起草單位已刪除該條款。全年報送省政府備案的規範性文件十二件，報備率、及時率、規範率均爲百分之百。組織開展了規範性文件專項清理，共清理文件四百零六件，廢止三十一件，修改十九件，清理結果已向社會公佈。\n"
    "三、規範行政執法行爲\n"
    "市級各執法部門全面推行了行政執法公示、執法全過程記錄、重大執法決定法制審覈三項制度。全年共辦理行政處罰案件四千三百餘件，罰沒款同比下降百分之八。組織開展了行政執法案卷評查，抽查案卷三百二十卷，發現部分案卷存在告知程序不完整、證據材料不齊全等問題，已督促相關部門整改到位。全年辦理的行政強制案件中，查封場所、設施或者財物一百二十七起，扣押財物八十六起，均依照《中華人民共和國行政強制法》規定的程序實施，未發生因強制措施違法被複議撤銷的情況。對兩起超越職權查封、扣押財物的案件，市政府法制辦向有關部門發出了執法監督意見書，相關部門已依法撤銷原決定。\n"
    "四、化解行政爭議\n"
    "全年共收到行政複議申請二百八十六件，受理二百六十一件，審結二百四十五件，其中撤銷、變更、確認違法和責令履行的二十九件，糾錯率爲百分之十一點八。全年行政訴訟案件中，行政機關負責人出庭應訴一百零三次，同比增長百分之二十五。市政府常務會議先後三次專題聽取行政複議和應訴工作情況彙報。\n"
    "五、推進重大行政決策科學民主合法\n"
    "市政府制定了重大行政決策程序規定，將公衆參與、專家論證、風險評估、合法性審查和集體討論決定確定爲必經程序。全年納入目錄管理的重大行政決策事項九項，均在作出決定前向社會公開徵求了意見，其中兩項召開了聽證會。市政府法制辦對八件重大行政決策草案進行了合法性審查，提出審查意見三十四條，全部被採納。對有關部門擬以停止供水、供電方式督促企業履行決定的做法，審查中認定缺乏法律依據，該做法未予實施。對城區停車收費標準調整方案，市發展改革委組織了成本監審和專家論證，收費標準經市政府常務會議集體討論後才予公佈。\n"
    "六、深化政務公開\n"
    "全年通過政府網站主動公開政府信息一萬二千餘條，受理依申請公開四百一十七件，均在法定期限內作出答覆。市政府及其部門起草的規範性文件，除依法不予公開的以外，均已通過政府網站公開徵求意見，徵求意見期限一般不少於三十日。市政府還在網站開設了政策解讀專欄，對二十三件涉及企業和羣衆切身利益的文件進行了解讀。\n"
    "七、加強法治宣傳和隊伍建設\n"
    "全年舉辦領導幹部法治講座六期，組織執法人員培訓十二場，培訓一千八百餘人次。全市共有持證執法人員二千九百一十二名，年內新申領執法證件三百零五件，註銷一百一十四件。組織開展了“憲法宣傳週”“法律進企業”等集中宣傳活動四十餘場，發放宣傳資料兩萬餘份。全市新聘請政府法律顧問五十六名，法律顧問參與審覈重大行政決定和合同一百四十餘件。\n"
    "八、存在的問題和下一步打算\n"
    "一年來，我市法治政府建設雖然取得了一定成效，但也存在一些不足：個別部門對規範性文件合法性審覈重視不夠，基層執法力量相對薄弱，行政複議糾錯後的跟蹤落實還不到位。2019年，我市將繼續以法治政府建設示範創建爲抓手，進一步規範重大行政決策程序，加強規範性文件備案審查，推動行政執法三項制度落地見效。\n"
    "青禾市人民政府法制辦公室\n"
    "2019年1月10日\n"
)


def doc_type(text: str) -> str:
    return Document.from_text(text).doc_type


def check_json(runner: CliRunner, path: Path) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(app, ["check", "--format", "json", "--fail-on", "never", str(path)])
    assert result.exit_code == 0, result.output
    report: dict = json.loads(result.stdout)  # type: ignore[type-arg]
    return report["files"][0]  # type: ignore[no-any-return]


def test_normative_is_the_default() -> None:
    assert doc_type("青禾市人民政府关于加强养犬管理的通告\n一、养犬人应当文明养犬。") == "normative"


def test_government_order_is_a_rule() -> None:
    text = "青禾市公园管理办法\n青禾市人民政府令第12号\n《青禾市公园管理办法》已经市人民政府常务会议通过，现予公布。"
    assert doc_type(text) == "rule"


def test_regulation_adopted_by_a_standing_committee_is_a_local_regulation() -> None:
    text = "青禾市养犬管理条例\n2025年6月1日青禾市第十七届人民代表大会常务委员会第九次会议通过\n第一条 为了规范养犬行为，制定本条例。"
    assert doc_type(text) == "local_regulation"


def test_work_report_is_other_and_its_descriptions_flag_nothing() -> None:
    text = (
        "青禾市司法局2025年规范性文件审查工作总结\n"
        "一、全年审查文件八十件，纠正了三件自行设定罚款、要求企业须经审批后方可经营的文件。\n"
        "二、我们对违规设定停止供电、扣押财物等强制措施的条款提出了修改意见。\n"
    )
    result = lint_text(text)
    assert result.doc_type == "other"
    assert [f for f in result.findings if f.category in {"penalty", "licensing", "coercion", "obligation"}] == []


def test_doc_type_override_wins() -> None:
    doc = Document.from_text("青禾市某某工作总结\n一、处五百元罚款。", doc_type="normative")
    assert doc.doc_type == "normative"
    assert doc.detected_doc_type == "other"


def test_scraped_traditional_work_summary_is_other_with_zero_findings(runner: CliRunner, write_draft) -> None:  # type: ignore[no-untyped-def]
    result = check_json(runner, write_draft(SCRAPED_SUMMARY, "summary.txt"))
    assert result["error"] is None
    assert result["doc_type"] == "other"
    assert result["facts"]["title"] == "青禾市2018年法治政府建设工作总结"
    assert result["findings"] == []


def test_work_summary_without_its_title_is_still_other_by_its_voice() -> None:
    """The title is not the evidence: the same summary, title line dropped, still reports."""
    untitled = "\n".join(line for line in SCRAPED_SUMMARY.split("\n") if "工作總結" not in line)
    doc = Document.from_text(untitled)
    assert doc.structure.title is None or "总结" not in doc.structure.title
    assert doc.doc_type == "other"


def test_title_is_found_below_web_navigation_lines() -> None:
    text = (
        "您的位置：首页 > 信息公开 > 通知公告\n"
        "发布日期：2025-03-02  浏览次数：88\n"
        "【字号：大 中 小】【打印】【关闭】\n"
        "青禾市人民政府关于加强养犬管理的通告\n"
        "一、养犬人应当为犬只办理登记。\n"
    )
    doc = Document.from_text(text)
    assert doc.structure.title == "青禾市人民政府关于加强养犬管理的通告"
    assert doc.doc_type == "normative"


def test_local_regulation_without_its_adoption_line_is_a_local_regulation() -> None:
    """A web copy of a 条例 often drops the 人大常委会 adoption line; the 条例 with its 章/条 still says what it is."""
    text = (
        "青禾市河道管理条例\n"
        "第一章 总则\n"
        "第一条 为了加强河道管理，保障防洪安全，根据有关法律、行政法规，结合本市实际，制定本条例。\n"
        "第二条 本条例适用于本市行政区域内河道的整治、利用和保护。\n"
    )
    assert doc_type(text) == "local_regulation"


def test_local_regulation_setting_a_fine_and_a_licence_has_no_legality_findings() -> None:
    """行政处罚法 art 12 and 行政许可法 art 15 let a 地方性法规 set a fine and a licence."""
    text = (
        "青禾市河道管理条例\n"
        "（2024年9月26日青禾市第十六届人民代表大会常务委员会第二十次会议通过）\n"
        "第一章 总则\n"
        "第一条 为了加强河道管理，保障防洪安全，根据有关法律、行政法规，结合本市实际，制定本条例。\n"
        "第二条 在河道管理范围内采砂的，应当向市水务部门申请河道采砂许可证。\n"
        "第三条 违反本条例第二条规定，未取得河道采砂许可证擅自采砂的，由市水务部门责令停止违法行为，"
        "处一万元以上五万元以下罚款。\n"
    )
    result = lint_text(text)
    assert result.doc_type == "local_regulation"
    assert [f for f in result.findings if f.category in LEGALITY] == []


def test_government_order_setting_a_warning_and_a_fine_has_no_legality_findings() -> None:
    """行政处罚法 art 14: a 地方政府规章 may set 警告、通报批评 and a fine within the amount the province allows."""
    text = (
        "青禾市户外广告设置管理办法\n"
        "青禾市人民政府令第37号\n"
        "《青禾市户外广告设置管理办法》已经2025年3月4日市人民政府第十二次常务会议通过，现予公布，自2025年5月1日起施行。\n"
        "第一条 为了规范户外广告设置，美化市容环境，根据《城市市容和环境卫生管理条例》等规定，制定本办法。\n"
        "第二条 设置大型户外广告，应当依照《青禾市市容和环境卫生管理条例》的规定取得城市管理部门的许可。\n"
        "第三条 户外广告设置人未按规定维护广告设施的，由城市管理部门给予警告，可以并处五百元以上二千元以下罚款。\n"
    )
    result = lint_text(text)
    assert result.doc_type == "rule"
    assert [f for f in result.findings if f.category in LEGALITY] == []


def test_state_council_regulation_is_not_normative() -> None:
    """国务院令 promulgates a 行政法规: above every check doclint makes, so it is `other`, never linted as normative."""
    order = "中华人民共和国国务院令\n第801号\n《河道采砂管理条例》已经2025年1月3日国务院第50次常务会议通过，现予公布。"
    unplaced = "河道采砂管理条例\n第一章 总则\n第一条 为了加强河道采砂管理，制定本条例。\n第二条 本条例适用于全国。\n"
    assert doc_type(order) == "other"
    assert doc_type(unplaced) == "other"


def test_national_law_is_not_normative() -> None:
    text = (
        "中华人民共和国河道保护法\n"
        "（2025年4月1日第十四届全国人民代表大会常务委员会第十五次会议通过）\n"
        "第一条 为了保护河道，制定本法。\n"
    )
    assert doc_type(text) == "other"


def test_court_judgement_is_other() -> None:
    text = (
        "青禾市某某区人民法院行政判决书\n"
        "原告某某公司诉称，被告市城管局作出的罚款决定缺乏依据。\n"
        "被告辩称，其依照《青禾市市容管理办法》第十条作出处罚。\n"
        "本院认为，该办法第十条自行设定了罚款，违反了《中华人民共和国行政处罚法》的规定。\n"
        "判决如下：撤销被告作出的行政处罚决定。\n"
    )
    assert doc_type(text) == "other"


def test_case_notice_wrapped_over_three_title_lines_is_other() -> None:
    text = (
        "青禾市司法局关于三起违规设定\n"
        "行政许可和罚款问题\n"
        "核查处理情况的通报\n"
        "各区司法局：\n"
        "经审查，某区商务局的通知规定“外地企业须在本区设立分公司”等内容，违反了公平竞争审查的规定，已责令其整改。\n"
    )
    doc = Document.from_text(text)
    assert doc.structure.title == "青禾市司法局关于三起违规设定行政许可和罚款问题核查处理情况的通报"
    assert doc.doc_type == "other"


def test_normative_document_with_a_reporting_preamble_stays_normative() -> None:
    text = (
        "青禾市人民政府关于加强城市养犬管理的通告\n"
        "近年来，我市养犬数量逐年增长，共发生犬只伤人事件三百余起。为维护市容秩序，现就有关事项通告如下：\n"
        "一、养犬人应当为犬只办理登记，不得携带犬只进入公园。\n"
        "二、违反本通告的，依照《青禾市养犬管理条例》的规定处理。\n"
        "三、本通告自2026年1月1日起施行。\n"
    )
    assert doc_type(text) == "normative"


def test_lone_clause_is_not_other_for_being_short() -> None:
    assert doc_type("凡在本县投资的企业，须在本县注册登记并纳税五年以上。") == "normative"
    # One reported sentence quoted alone is judged as the clause it is.
    assert doc_type("经查，该局要求外地企业须在本地设立分公司。") == "normative"


def test_article_quoted_from_the_middle_of_legislation_is_not_normative() -> None:
    assert doc_type("第四十三条 违反本条例第二十二条规定的，由公安部门处二百元以上五百元以下罚款。") == "local_regulation"


def test_news_item_about_a_new_rule_is_other_by_its_voice() -> None:
    text = (
        "青禾市出台养犬管理新规\n"
        "近日，青禾市人民政府印发了《青禾市养犬管理办法》，自明年一月起施行。\n"
        "《办法》明确，养犬人应当为犬只办理登记，携犬出户应当束犬链。\n"
        "据了解，全市登记犬只已达三万余只，同比增长百分之十二。\n"
        "市公安局有关负责人表示，将加强宣传引导。\n"
    )
    assert doc_type(text) == "other"


def test_title_is_found_below_a_long_page_header() -> None:
    navigation = "".join(f"首页 > 栏目{index}\n" for index in range(14))
    text = navigation + "青禾市人民政府关于加强养犬管理的通告\n一、养犬人应当为犬只办理登记。\n"
    assert Document.from_text(text).structure.title == "青禾市人民政府关于加强养犬管理的通告"


def test_orders_of_ministries_and_bureaus_are_rules() -> None:
    for order in ("交通运输部令2025年第3号", "国家市场监督管理总局令第88号", "青禾市人民政府令（第5号）"):
        text = f"青禾港口作业安全管理规定\n{order}\n第一条 为了规范港口作业，制定本规定。\n第二条 本规定适用于港口作业。\n"
        assert doc_type(text) == "rule", order


def test_regulation_approved_by_a_provincial_standing_committee_is_a_local_regulation() -> None:
    text = (
        "青禾市烟花爆竹燃放管理规定\n"
        "（2024年8月2日青禾市人民代表大会常务委员会第十次会议通过，2024年9月26日某某省第十四届人民代表大会常务委员会"
        "第十一次会议批准）\n"
        "第一条 为了加强烟花爆竹燃放管理，制定本规定。\n"
    )
    assert doc_type(text) == "local_regulation"
