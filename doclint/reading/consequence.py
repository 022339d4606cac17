"""Adverse consequences for a private party, whatever the vocabulary: 罚款 and 吊销, but also 停发工资、开除、
不予办理、清退出库、停止供水、不允许进入、列入名单、曝光、限制子女….

Kinds, each a lexicon: `penalty` (行政处罚法第九条, also one kind per item: penalty_reputational 警告、通报批评,
penalty_property 罚款、没收, penalty_licence 暂扣、降级、吊销, penalty_conduct 停产停业、关闭、限制从业,
penalty_liberty 拘留), `disguised` (惩戒 that 行政处罚法第二条 counts as a
penalty whatever it is called), `exclusion` (shut out of an activity or a status: a penalty when it answers to
misconduct, a mere qualification otherwise), `credit` (blacklists and joint credit sanctions), `denial` (public services or daily life withheld), `coercive` (行政强制法第九条、
第十二条). A consequence that the clause forbids (不得以…为由停止供水), waives (不予处罚、免予处罚) or aims at
officials (对责任人员给予处分) is not adverse to a private party and is left out.
"""

from __future__ import annotations

from doclint import rx
from doclint.reading.clauses import clause_before
from doclint.reading.vocabulary import Vocabulary

# 行政处罚法第九条, item by item; `penalty` is all five.
PENALTY_ITEMS = {
    "penalty_reputational": "penalty_reputational",
    "penalty_property": "penalty_property",
    "penalty_licence": "penalty_licence",
    "penalty_conduct": "penalty_conduct",
    "penalty_liberty": "penalty_liberty",
}
KIND_LEXICONS = {
    **PENALTY_ITEMS,
    "disguised": "sanctions_disguised",
    "exclusion": "sanctions_exclusion",
    "credit": "sanctions_credit",
    "denial": "sanctions_denial",
    "coercive": "coercive_measures",
}
KINDS = ("penalty", *KIND_LEXICONS)
# A negator earlier in the same clause turns the consequence into a limit on the organ.
NEGATOR = rx.compile(r"不得|禁止|严禁|不能|不予|免予|免于|不再|防止|避免|杜绝|无权|不应|不准|不宜|不要|不以|严防|纠正|清理|取消了")
# A consequence word used as an attribute (查封的场所, 扣押的物品) names a past act, not one the clause orders.
ATTRIBUTIVE = rx.compile(r"的(?![，。；])")
# The object of a bare sanction verb belongs in the finding: 吊销其营业执照, 没收其经营工具.
OBJECT_TAIL = rx.compile(r"其?[^，；。、\n]{0,8}?(?:许可证件|许可证|营业执照|执照|证照|证书|资质|资格|工具|物品|车辆|设备|财物|违法所得)")
# The consequence falls on officials or organs: internal discipline, not a sanction on citizens.
OFFICIALS = rx.compile(r"工作人员|公职人员|责任人员|领导干部|干部|党员|直接负责的主管人员|主要负责人|负责人员|执法人员|公务员")
# Words that only look like a consequence here: 没收 inside 罚没收入, 冻结 of a fund's own budget line…
FALSE_CONTEXT = rx.compile(r"招标拍卖挂牌|拍卖挂牌|拍卖出让|挂牌出让|招拍挂|申请人民法院|人民法院强制执行|罚没收入|罚没款|财政专户|依法申请|追回|骗取|冒领|虚报")


# A denial with its object between the verb and the activity: 不允许未接种人员进入商场.
DENIAL_GRAMMAR = r"(?:不允许|不准|禁止|限制|拒绝)[^。；，]{1,30}?⟨daily_life⟩"
# Penalty items whose object sits between verb and noun: 收回其摊位使用权, 五年内禁止其从事本行业工作.
ITEM_GRAMMAR = {
    "penalty_licence": r"收回其?[^。；，]{0,8}?(?:使用权|经营权|承包权|经营资格|从业资格|许可证件|许可证|证照)",
    "penalty_conduct": r"(?:年内|终身)(?:禁止|不得|限制)其?[^。；，]{0,6}?从事|(?:禁止|限制)其[^。；，]{0,6}?从事|"
                       r"(?:暂停|停止|责令停止)其(?:营业|经营|生产|施工|业务)|责令其?停止(?:出租|经营|营业|生产|施工|销售)",
    "denial": r"停止为其[^。；，]{0,6}?(?:提供|办理)|不予(?:接通|接入|供应|提供)[^。；，]{0,6}?(?:用水|用电|用气|水电|供水|供电)",
    # 进入出租房屋进行检查: entering a home to search it (宪法第三十九条)
    "coercive": r"进入[^。；，]{0,6}?(?:出租房屋|出租屋|住宅|居民家中|家中|房屋|住所)[^。；，]{0,6}?(?:检查|查验|搜查|清查)",
    "exclusion": r"(?:年内|期间|终身)不(?:予|再)(?:受理|办理|批准|审批|许可|登记)|"
                 r"(?:年内|期间|终身)不得[^。；，]{0,8}?(?:承接|参与|参加|投标|承揽|申报|进入|经营|从事)|"
                 r"取消(?:其|该[^。；，]{0,4}?)[^。；，]{0,12}?资格",
    # (补贴、补助 withheld as a sanction is PEN014's own question; these are the other benefits)
    "disguised": r"(?:扣发|停发|扣减|扣除|停止发放|暂停发放)其?[^。；，]{0,8}?(?:低保|工资|奖金|福利|待遇|分红|绩效|直补|补偿款)|"
                 r"(?:暂停|停止)其?[^。；，]{0,10}?享受的?[^。；，]{0,8}?(?:补贴|补助|待遇|优惠|政策)|"
                 # 公开其姓名和照片, 将其姓名在公告栏公示: shaming by name
                 r"公开其?[^。；，]{0,4}?(?:姓名|照片|身份信息)|将其?(?:姓名|照片|名单)[^。；，]{0,10}?(?:公示|公布|曝光|张贴)",
}


def consequences(vocab: Vocabulary, text: str, start: int, end: int, kinds: tuple[str, ...],
                 clause_start: int) -> list[tuple[int, int, str]]:
    """Each adverse consequence of the given kinds in text[start:end]: (start, end, kind)."""
    found: list[tuple[int, int, str]] = []
    if "denial" in kinds:
        found += [(m.start(), m.end(), "denial") for m in vocab.pattern(DENIAL_GRAMMAR).finditer(text, start, end)
                  if not NEGATOR.search(clause_before(text, clause_start, m.start(), 40))]
    if "penalty" in kinds:
        kinds = tuple(k for k in kinds if k != "penalty") + tuple(PENALTY_ITEMS)
    for kind in dict.fromkeys(kinds):
        template = "⟨" + KIND_LEXICONS[kind] + "⟩"
        if kind in ITEM_GRAMMAR:
            template += "|" + ITEM_GRAMMAR[kind]
        pattern = vocab.pattern(template)
        for match in pattern.finditer(text, start, end):
            if _negated(text, clause_start, match.start(), match.group(0)):
                continue
            window = text[max(clause_start, match.start() - 30):min(end, match.end() + 10)]
            if FALSE_CONTEXT.search(window):
                continue
            if OFFICIALS.search(clause_before(text, clause_start, match.start(), 40)):
                continue
            if ATTRIBUTIVE.match(text, match.end()):
                continue  # 依法扣押的物品: things already seized, not a seizure this clause orders
            stop = match.end()
            tail = OBJECT_TAIL.match(text, stop, end) if len(match.group(0)) <= 2 else None
            found.append((match.start(), tail.end() if tail else stop, kind))
    return sorted(set(found))


def _negated(text: str, floor: int, position: int, term: str) -> bool:
    if term.startswith(("不", "禁")):
        return False  # the term carries its own negation: 不予办理, 禁止进入
    return bool(NEGATOR.search(clause_before(text, floor, position, 40)))
