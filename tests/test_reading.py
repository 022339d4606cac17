"""The clause reading: each question a rule can ask of a clause, answered on drafts of our own wording."""

from __future__ import annotations

import pytest

from doclint.engine.ruleset import RuleSet, load_rules
from doclint.reading.basis import basis_of
from doclint.reading.consequence import consequences
from doclint.reading.favour import favours
from doclint.reading.modality import modality_of
from doclint.reading.precondition import preconditions
from doclint.reading.upon import upon
from doclint.text.normalise import normalise


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    return load_rules(())


def favour_kinds(ruleset: RuleSet, text: str) -> set[str]:
    norm = normalise(text)
    return {kind for _, _, kind in favours(ruleset.vocabulary, norm, 0, len(norm), tuple(KINDS), 0)}


KINDS = ("local_preference", "local_condition", "local_restriction", "local_reward", "outsider", "designated",
         "ownership", "cap", "selective", "tax_linked", "price", "relocation", "scale", "exit", "membership", "brand", "onsite", "cartel",
         "tax_relief", "fee_relief")


@pytest.mark.parametrize(("text", "kind"), [
    ("机关食堂应当优先采购本区农户种植的蔬菜。", "local_preference"),
    ("支持龙头企业加大向本地配套企业采购的力度。", "local_preference"),
    ("参加比选的监理单位须为在本县登记注册的法人。", "local_condition"),
    ("服务网点设在某市的得二分。", "local_condition"),
    ("投标人承担过本市范围内同类工程项目的，予以加分。", "local_condition"),
    ("申报单位须在我镇开展三年以上家政服务。", "local_condition"),
    ("各单位职工体检必须在县内有资质的医院进行。", "local_restriction"),
    ("企业采购本县生产的钢材的，按采购额给予补贴。", "local_reward"),
    ("外地牌照的货车进入城区须另行办理通行证。", "outsider"),
    ("全区农贸市场的电子秤统一由某计量公司供应。", "designated"),
    ("项目单位应当在发改部门的中介机构名录库中选择评估机构。", "designated"),
    ("补贴资金统一发放至农商银行社保卡。", "designated"),
    ("市政养护作业以区属国有企业为主渠道。", "ownership"),
    ("协议期内不再引进其他网约车平台。", "cap"),
    ("每个街道只设一个快递集中投递点。", "cap"),
    ("对总部落户的企业实行一企一策。", "selective"),
    ("从规上企业中重点扶持五家，优先配给用地指标。", "selective"),
    ("按企业缴纳增值税地方留成部分的六成给予奖励。", "tax_linked"),
    ("物业服务收费标准统一为每平方米一元五角。", "price"),
    ("受奖企业须承诺十年内不迁出本区。", "relocation"),
    ("评审时对投标产品产自本省的另加两分。", "local_condition"),
    ("外地客车进站每班次加收停靠费五十元，本地客车免收。", "local_reward"),
    ("本次招租不接受市外企业报名。", "outsider"),
    ("竞标单位须属于市属国有企业。", "ownership"),
    ("参与本项目的企业净资产不低于三千万元。", "scale"),
    ("以投标人上年度销售收入排名计分，第一名得四分。", "scale"),
    ("园区企业申请减资的，须经管委会审核同意。", "exit"),
    ("供应商必须持介绍信到采购中心现场报名。", "onsite"),
    ("由协会组织各家砖厂统一出厂价格。", "cartel"),
    ("入驻孵化基地的企业三年内免征房产税。", "tax_relief"),
    ("对新建商业综合体免收人防易地建设费。", "fee_relief"),
    ("甲方同意将本镇的垃圾转运业务交由乙方独家经营。", "designated"),
    ("对纳入县级重点培育企业库的企业给予贷款贴息。", "selective"),
    ("所投水泵须为格兰富或威乐品牌。", "brand"),
    ("监控摄像头采用海康或同档次品牌。", "brand"),
    ("报名单位须为市家政服务协会会员。", "membership"),
    ("投标人获得县级以上示范企业称号的，加二分。", "local_condition"),
    ("本次遴选仅限于市属国有企业报名。", "ownership"),
    ("乙方对园区内新增的供热管网享有优先建设权。", "designated"),
    ("合作期内甲方不再引进其他充电运营商。", "cap"),
    ("要引导机关食堂采购本县出产的大米。", "local_preference"),
    ("由县供销社统一承担全县化肥供应，各村不得另行组织采购。", "cap"),
    ("对外省运入的建筑石料每车收取管理费五十元。", "local_reward"),
    ("本县茶企按销量给予补贴，外地茶企不享受。", "local_reward"),
    ("设备须从区工信局发布的推荐目录中选购。", "designated"),
    ("投标人须获得过国家级优质工程奖。", "scale"),
    ("供应商须具有江苏省住房和城乡建设厅颁发的安全生产许可证。", "local_condition"),
    ("全县出租车起步价不得低于六元。", "price"),
    ("各驾校的年度招生计划由协会统一分配。", "cartel"),
    ("各影楼统一执行行业协会制定的收费标准。", "cartel"),
    ("对县政府确定的重点企业每年给予经营补助。", "selective"),
])
def test_a_favour_or_exclusion_is_read_as_its_kind(ruleset: RuleSet, text: str, kind: str) -> None:
    assert kind in favour_kinds(ruleset, text)


@pytest.mark.parametrize("text", [
    "不得要求外地企业在本区设立分支机构。",
    "鼓励外地企业在本市设立区域总部。",
    "各地不得实施税收返还、先征后返等优惠政策。",
    "行政机关不得限定或者变相限定单位和个人购买其指定的经营者提供的商品。",
    "居民应当在指定地点投放大件垃圾。",
    "社会团体统一由民政部门登记管理。",
    "已享受一事一议优惠政策的，不再享受本办法奖励。",
    "县住建局负责本措施的组织实施。",
    "采购人不得以所在地为由排斥外地供应商。",
    "各部门在资金安排、税费减免等方面应当平等对待各类经营者。",
    "投标人的投标报价不得低于成本。",
    "作业人员须经设区的市人民政府公安机关考核合格。",
    "严禁组织经营者统一价格或者划分市场。",
    "投标人须具有房屋建筑工程施工总承包二级以上资质。",
    "潜在投标人可在交易平台网上下载招标文件。",
    "乙方应当按照约定的期限完成投资建设。",
    "本办法适用于在本区依法登记注册的各类企业。",
    "区政府与某集团签订合作备忘录，共同建设物流园。",
    "对标准厂房由园区统一规划、统一建设。",
    "各部门统一在市公共资源交易中心开展工程招标。",
    "供应商可以自愿选择到现场报名或者网上报名。",
    "区国资机构应当加强对区属国有企业的监管。",
    "落实国家小微企业税费减免政策。",
    "合作期满后，通过公开招标方式依法重新选择特许经营者。",
])
def test_a_clause_that_protects_competition_favours_no_one(ruleset: RuleSet, text: str) -> None:
    assert favour_kinds(ruleset, text) == set()


def precondition_spans(ruleset: RuleSet, text: str) -> list[str]:
    norm = normalise(text)
    return [norm[s:e] for s, e in preconditions(ruleset.vocabulary, ruleset.actors, norm, 0, len(norm), 0)]


@pytest.mark.parametrize("text", [
    "居民在楼道安装充电桩须经物业服务企业同意。",
    "砂石经营户凭街道出具的证明方能进场交易。",
    "培训机构取得区教育局的备案回执后方可招生。",
    "未经村委会签字同意，不得翻建住房。",
    "经营者应当到区商务局办理备案登记后方可开业。",
    "未列入推荐目录的产品，不得在本市销售。",
    "举办灯光秀等大型活动的，须提前二十日报区文旅局审批。",
    "在景区内经营观光车的，须向管委会申领临时营运证。",
    "开办托管班的，须到街道进行资格认定。",
    "新开办的烧烤店须先取得居委会出具的无油烟扰民证明。",
    "申领营业执照前，须先取得村委会出具的场地使用意见。",
    "托育机构实行年度审验，未通过审验的，不得继续收托。",
])
def test_an_activity_waiting_on_someone_elses_yes_is_a_precondition(ruleset: RuleSet, text: str) -> None:
    assert precondition_spans(ruleset, text)


@pytest.mark.parametrize("text", [
    "资金经区政府同意后方可拨付。",
    "施工单位应当在取得相关行政许可后再开工建设。",
    "未经登记上牌的电动自行车不得上道路行驶。",
    "企业变更地址后十五日内向区商务局报送备案。",
    "区财政局应当经区政府批准后下达预算。",
])
def test_internal_approval_or_a_restated_statutory_licence_is_not_a_new_precondition(
        ruleset: RuleSet, text: str) -> None:
    assert precondition_spans(ruleset, text) == []


def consequence_kinds(ruleset: RuleSet, text: str) -> set[str]:
    norm = normalise(text)
    kinds = ("penalty", "disguised", "exclusion", "credit", "denial", "coercive")
    return {kind for _, _, kind in consequences(ruleset.vocabulary, norm, 0, len(norm), kinds, 0)}


@pytest.mark.parametrize(("text", "kind"), [
    ("违反本通告的，由城管局吊销其经营许可证。", "penalty_licence"),
    ("违反本通告的，由城管局给予警告。", "penalty_reputational"),
    ("对拒不整改的商户予以曝光。", "disguised"),
    ("所在单位应当对其停发工资。", "disguised"),
    ("违规企业三年内不得参与本区政府投资项目。", "exclusion"),
    ("拖欠工资的企业列入黑名单。", "credit"),
    ("未接种人员不允许进入图书馆。", "denial"),
    ("欠费的用户由供水公司停止供水。", "denial"),
    ("违规停放的车辆一律拖离并扣押。", "coercive"),
    ("对多次违规的摊主，收回其市场摊位经营权。", "penalty_licence"),
    ("对弄虚作假的评估人员，三年内禁止其从事评估业务。", "penalty_conduct"),
    ("对闹事人员由村委会予以看管。", "coercive"),
    ("网格员可以进入出租屋进行清查。", "coercive"),
    ("未安装油烟净化设施的餐馆，燃气公司不予接通用气。", "denial"),
    ("对乱扔垃圾的行为人，在社区公开其姓名。", "disguised"),
    ("对闯红灯的行人，通报其所在单位。", "disguised"),
    ("逾期不拆除的，由街道强制执行。", "coercive"),
])
def test_an_adverse_consequence_is_read_whatever_its_vocabulary(ruleset: RuleSet, text: str, kind: str) -> None:
    assert kind in consequence_kinds(ruleset, text)


@pytest.mark.parametrize("text", [
    "不得以欠缴物业费为由停止供水。",
    "对违反工作纪律的工作人员，依法给予处分。",
    "执法部门对依法扣押的物品应当妥善保管。",
    "对主动纠正的当事人，免予处罚。",
    "项目用地依法通过招标拍卖挂牌方式出让。",
])
def test_a_forbidden_waived_or_internal_consequence_is_not_adverse_to_the_public(
        ruleset: RuleSet, text: str) -> None:
    assert consequence_kinds(ruleset, text) == set()


@pytest.mark.parametrize(("text", "kind"), [
    ("违反本规定擅自摆摊的，", "misconduct"),
    ("未完成疫苗接种的人员", "status"),
    ("未取得准运证明的车辆", "lack"),
    ("对乱扔烟头的游客", "misconduct"),
    ("对拖欠管理费的商户", "misconduct"),
    ("对于恶意欠薪的企业负责人", "misconduct"),
    ("对在汛期哄抬物价的商户", "misconduct"),
])
def test_what_a_consequence_answers_to(ruleset: RuleSet, text: str, kind: str) -> None:
    norm = normalise(text)
    assert kind in {k for _, _, k in upon(ruleset.vocabulary, norm, 0, len(norm), ("misconduct", "status", "lack"))}


@pytest.mark.parametrize(("text", "kinds"), [
    ("经营者应当明码标价。", {"duty"}),
    ("任何单位不得占用消防通道。", {"prohibition"}),
    ("申请人可以委托代理人办理。", {"permission"}),
    ("本办法自印发之日起施行。", {"none"}),
])
def test_modality(text: str, kinds: set[str]) -> None:
    assert modality_of(text, 0, len(text)) == kinds


@pytest.mark.parametrize(("text", "basis"), [
    ("依照《中华人民共和国食品安全法》第一百二十四条的规定处罚。", "article"),
    ("依照《中华人民共和国大气污染防治法》的规定处罚。", "statute"),
    ("由公安机关依照有关法律、法规的规定处理。", "statute"),
    ("按照《某市城市管理办法》的规定处理。", "rules"),
    ("由市场监管部门依法处理。", "bare"),
    ("由城管局处五百元罚款。", "none"),
    ("按照《营业执照》载明的范围经营。", "none"),
    ("对闯红灯的，除依法处罚外，还应当通报其所在单位。", "none"),
])
def test_basis_of_a_clause(text: str, basis: str) -> None:
    assert basis_of(text) == basis


def test_the_subject_of_a_duty_is_the_head_noun_nearest_the_modal(ruleset: RuleSet) -> None:
    text = "全县机关、学校、商场等公共场所的从业人员必须按时参加培训。"
    [duty] = ruleset.actors.duties(text, 0, len(text), 0)
    assert (duty.actor, duty.actor_text) == ("private", "从业人员")


def test_an_adverbial_actor_is_not_the_subject(ruleset: RuleSet) -> None:
    text = "市场监管部门在企业申请时应当一次性告知所需材料。"
    [duty] = ruleset.actors.duties(text, 0, len(text), 0)
    assert duty.actor == "government"


def test_items_of_a_forbidding_list_are_not_flagged_but_a_notices_own_items_are() -> None:
    from doclint.lint import lint_text

    forbidding = ("某县招标投标活动公平竞争规定\n第一条 招标人不得有下列行为：\n（一）要求投标人在本县设立分支机构；\n"
                  "（二）指定某检测公司承担检测业务。\n第二条 本规定自2026年3月1日起施行。\n")
    notice = ("某县人民政府关于禁止销售电动三轮车的通告\n为维护道路交通秩序，决定在全县禁止销售电动三轮车，现通告如下：\n"
              "一、外地生产的电动三轮车进入本县销售，须另行办理登记。\n二、本通告自2026年3月1日起施行。\n")
    forbidden = [f for f in lint_text(forbidding).findings if f.category == "competition"]
    own = [f for f in lint_text(notice).findings if f.category == "competition"]
    assert forbidden == []
    assert [f.rule for f in own] == ["COM006"]
