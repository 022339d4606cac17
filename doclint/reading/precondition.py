"""Preconditions on a private party's activity: 经…同意方可, 凭…方能, 取得…后, 未经…不得, 须…备案/入库/挂靠.

An activity that may be carried on only after someone else has said yes is a licence (行政许可法第二条) whatever the
yes is called: 同意、审核、备案、登记、入库、名录. The grammar below finds the shape; the words for "a yes" are
the lexicon `approval_acts`. A precondition on an organ's own act (经区政府同意后拨付资金) is internal procedure,
not a licence, and is left out.
"""

from __future__ import annotations

from doclint import rx
from doclint.facts.actors import ActorClassifier
from doclint.reading.vocabulary import Vocabulary

THEN = r"(?:方可|方能|才能|才可|才准|方准|后方|后才|后再|后可|方得)"
BAN = r"(?:不得|禁止|严禁|一律不|不准|不予|不能|不允许|不许)"
DUTY = r"(?:须|必须|应当|应|需|需要|要|一律)"
GRAMMAR = (
    # 须经街道办事处同意 / 应当报经主管部门批准 / 必须征得业主同意
    DUTY + r"(?:先|事先|预先|提前)?(?:经|经过|报经|报请|征得|取得|通过)[^。；，]{0,24}?⟨approval_acts⟩",
    # 经…审核同意后方可… / 取得…批准后，方可…
    r"(?:经|经过|报经|取得|征得|通过)[^。；]{0,30}?⟨approval_acts⟩[^。；]{0,16}?" + THEN,
    # 凭街道出具的证明方能供应
    r"凭[^。；]{1,24}?(?:方可|方能|才能|才可|才准|方准|办理|供应|购买|进入|销售|供货|发放|出具|领取|入场|通行|上岗|施工|开工|"
    r"供电|供水|出摊|经营|乘坐|就学|入学|开展|从事|承接|营业|参与|参加)",
    # 登记入库后方可承接 / 备案回执后才能开业
    r"(?:备案|登记|认定|认证|年检|年审|准入|入库|入围|审核|审批|批准|同意)(?:证明|证书|证|回执|手续|凭证)?(?:后|之后)"
    r"[^。；]{0,8}?" + THEN,
    # 取得…证后方可 / 持…证方可
    r"(?:取得|持有?|具有|具备|获得)[^。；，]{1,24}?(?:后|之后)?[^。；，]{0,4}?" + THEN,
    # 未经…批准，不得… / 未取得…的，不得…
    r"未(?:经|经过|通过|取得|办理|持有|获得|申领|领取|纳入|列入|进入|报备|备案|登记|入库|申报)[^。；]{0,30}?" + BAN,
    # 须到…办理备案 / 应当挂靠… / 须入库 (with or without a stated 方可)
    DUTY + r"(?:先|事先|预先|统一)?(?:到|向|在)?[^。；，]{0,14}?(?:办理|进行|申请|申报)?[^。；，]{0,4}?"
    r"(?:备案|登记|入库|挂靠|注册登记|报批|审批|核准|年检|年审|审验)(?:手续)?[^。；]{0,10}?(?:后|之后)[^。；]{0,6}?" + THEN,
    DUTY + r"(?:挂靠|入库|纳入[^。；，]{0,10}?(?:名录|目录|库))",
    # 须到区体育局进行资格认定 / 须先取得社区出具的无扰民证明
    DUTY + r"(?:先)?(?:到|向|经)[^。；，]{0,14}?(?:进行|办理|申请)(?:资格|资质)?(?:认定|审批|核准|审核)(?!工作)",
    DUTY + r"(?:先|事先|预先)取得[^。；，]{0,16}?(?:证明|同意书|意见书|意见|批复|许可)",
    # 须提前十日报县商务局审批
    DUTY + r"[^。；，]{0,8}?报(?:请|送)?[^。；，]{0,14}?(?:审批|批准|核准|审核同意|同意)",
    # 须向街道申请核发临时经营许可证 / 须到规划办办理施工准入证: a permit of the document's own invention
    DUTY + r"[^。；，]{0,14}?(?:申请|办理|申领|领取)(?:核发)?[^。；，]{0,8}?(?:临时|准入|准营|上岗|准运|入场|进场|出摊|施工准入)"
    r"[^。；，]{0,4}?(?:许可证|证)",
    # 须持有备案证明 / 应当取得入库回执 (a paper of this document's own making as the ticket in)
    DUTY + r"(?:取得|持有|持|出具|提供)[^。；，]{0,16}?(?:备案|登记|认定|准入|入库|同意)(?:证明|证书|证|回执|凭证|函|书)",
    # 纳入名录库的方可… / 名录以外的不得…
    r"(?:纳入|列入|进入|入选|入围)[^。；，]{0,20}?(?:名录|目录|名单|库)[^。；]{0,20}?" + THEN,
    r"(?:名录|目录|名单|库)(?:以外|之外|外)的?[^。；]{0,20}?" + BAN,
)
# The act conditioned is an organ's own: internal procedure, not a licence.
INTERNAL_ACT = rx.compile(r"拨付|下达|印发|出台|发布|列支|支出|兑现|安排资金|执行本|报销|立项|调整预算|动用|使用资金|"
                          r"公布|实施方案|开展工作|组织实施|启动|政策措施|规范性文件|监管依据")
# 告知性备案 after the fact, restating a statute's procedure, or a court's decision: not a precondition.
NOT_PRECONDITION = rx.compile(r"人民法院|人民检察院|仲裁|公证|依法须经批准的项目|经相关部门批准后方可开展经营活动")
STEP_TOWARDS = rx.compile(r"前[，,]?$|之前[，,]?$")
ENTITLEMENT = rx.compile(r"可以凭|可凭|免费|自愿")
# The yes is a licence that higher law already requires, named generically (取得相关行政许可后, 未经登记上牌, 依法
# 办理登记): the clause restates it and creates none.
RESTATES = rx.compile(r"(?:相关|有关|法定|依法|规定的|必要的|获得|取得|申领)(?:的)?(?:行政)?(?:许可|审批手续|手续|资质)|营业执照|上牌|"
                      r"行驶证|驾驶证|依法|法律、法规|法律法规")


def preconditions(vocab: Vocabulary, actors: ActorClassifier, text: str, start: int, end: int,
                  sentence_start: int) -> list[tuple[int, int]]:
    """Spans in text[start:end] that make a private party's activity depend on someone else's yes."""
    found: list[tuple[int, int]] = []
    for template in GRAMMAR:
        for match in vocab.pattern(template).finditer(text, start, end):
            after = text[match.end():min(end, match.end() + 12)]
            if INTERNAL_ACT.search(match.group(0)) or INTERNAL_ACT.search(after):
                continue
            if NOT_PRECONDITION.search(text[max(sentence_start, match.start() - 20):match.end()]):
                continue
            # The statutory paper must be what the clause asks for (取得营业执照后方可), not what it is a step towards
            # (办理营业执照前，须先取得街道的意见: a condition added to a statutory licence, 行政许可法第十六条).
            before = text[max(sentence_start, match.start() - 6):match.start()]
            step_towards = STEP_TOWARDS.search(before) and not RESTATES.search(match.group(0))
            if RESTATES.search(before + match.group(0)) and not step_towards:
                continue
            # 可以凭身份证免费领取: an entitlement, not a ticket in
            if ENTITLEMENT.search(text[max(sentence_start, match.start() - 6):match.end()]):
                continue
            kind, _ = actors.subject_before(text, sentence_start, match.start())
            if kind == "government":
                continue
            found.append((match.start(), match.end()))
    return _merge(found)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans of different grammar lines as one, earliest first."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged
