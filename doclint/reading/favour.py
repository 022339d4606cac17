"""Who a clause favours or shuts out among market players (公平竞争审查条例第八条至第十一条).

Kinds, each a question asked of the clause:
- local_preference: local firms or goods come first (优先采购本地产品, 同等条件下优先选用县内企业);
- local_condition: being registered, established, taxed, experienced or a member *here* is a condition, a
  score or a requirement (注册地在本县, 在某市设立分支机构的得3分, 须在本市纳税);
- local_restriction: the clause sends buyers only to local providers (必须在县内有资质的机构体检);
- local_reward: money for buying local, or different rates inside and outside (采购区内产品按采购额奖励);
- outsider: outside firms, goods or vehicles get extra hurdles (外地企业须另行备案, 外地车辆不得进入);
- designated: a named, designated or sole provider (统一由某公司供应, 在名录库中选择, 指定两家医院, 推荐品牌);
- ownership: state or collective firms preferred (国有企业主渠道, 区属公司直接承接);
- cap: the number of firms capped (不再引进其他品牌, 每县设一个);
- selective: aid for chosen firms (一事一议, 重点培育三家, 优先配给资金土地);
- tax_linked: rewards measured by local tax or local "contribution" (地方留成部分的50%奖励, 先征后返);
- price: the document fixes or caps market prices (收费调整幅度不得超过500元, 统一收费标准);
- relocation: firms kept from leaving (迁出须退还补助, 承诺五年内不迁出);
- brand: a brand named or required in a tender (须为某某品牌, 或同档次品牌, 其他品牌不予接受);
- membership: a trade body's membership or recommendation as a condition (须为行业协会会员单位);
- exit: leaving the market made to wait on someone's yes (注销须经管委会同意, 减资须报批);
- scale: size as a condition or a score (投标人注册资本不低于一亿元, 营业收入排名第一的得5分);
- onsite: taking part only in person (须到现场报名并购买招标文件, 不提供网上下载);
- cartel: operators organised to act as one (统一销售价格, 划分招生区域, 组织签订限产协议);
- tax_relief: taxes waived or cut by the document itself (免征企业所得税地方留成部分, 一律实行核定征收);
- fee_relief: charges, funds or social insurance waived or deferred (缓征教育费附加, 减半征收养老保险费).
A kind matched inside a clause that forbids it (不得要求外地企业…), or that describes the law itself
(排除、限制竞争), is left out: the clause then protects competition.
"""

from __future__ import annotations

from doclint import rx
from doclint.reading.clauses import clause_before
from doclint.reading.vocabulary import Vocabulary

# Any letter that is not a digit or Latin: Chinese characters, as a class that compiles in microseconds (a
# [\u4e00-\u9fff] range costs about 1 ms per use to compile, and the grammar uses it dozens of times).
CJK = r"[^\W\d_a-zA-Z]"
# A place that means "here": a local word, a named place after 在/注册在, a named place closed by 内/地区, 某市.
# A common noun ending in 区 (保税区, 园区, 景区, 小区) is a kind of area, not the issuing jurisdiction.
AREA = r"(?<![园景社小城辖禁片商校厂矿灾疫]区)(?<!(?:保税|功能|示范|试验|自贸|服务|风景|风险|管控|封控)区)"
NAMED = CJK + r"{1,8}?⟨place_suffixes⟩" + AREA
LOCAL = (r"(?:⟨places_local⟩|(?:在|于|位于|设在|注册在|注册于|落户|落户在)" + NAMED
         + r"|" + CJK + r"{0,6}?⟨place_suffixes⟩" + AREA + r"(?:内|范围内|辖区内|区域内|境内|以内|本地|地区)|某⟨place_suffixes⟩)")
NUMBER = r"[0-9０-９一二两三四五六七八九十百.．]+"
# 国企 inside 外国企业 or 中国企业 is no ownership preference.
OWN = r"(?<![外中美德法英韩日泰俄])"
# Who takes part in a tender or applies to enter a market: a size threshold on them is an entry condition.
BIDDER = (r"(?:投标人|投标企业|投标单位|参选企业|供应商|申请人|竞买人|竞标人|响应人|承包人|报名单位|参选单位|参与[^。；，]{0,10}?的(?:企业|单位|机构|经营者)|"
          r"入围(?:企业|单位))")
THRESHOLD = (r"(?:不低于|不少于|不得低于|不得少于|须达到|应达到|应当达到|达到|以上|及以上|排名前|前" + NUMBER + r"名)")
ESTABLISH = (r"(?:注册|登记|设立|成立|纳税|缴税|缴纳税收|税收|社保|承担过|完成过|业绩|会员|办公地点|"
             r"办公场所|办公场地|办公用房|网点|服务网点|分支机构|分公司|子公司|办事处|服务机构|实验室|试验室|营业执照|经营年限)")
CONDITION = (r"(?:须|必须|应当|(?<![供相对适反响回效呼顺感报答])应(?![急用对付聘届征变])|要求|限于|仅限|限定|为条件|方可|才能|得" + NUMBER + r"分|加" + NUMBER + r"分|给予|按|条件|"
             r"资格|具有|具备|承诺|提供|优先|的(?:企业|单位|机构|经营者|供应商|投标人)|奖励|补助|补贴)")
GRAMMAR: dict[str, tuple[str, ...]] = {
    "local_preference": (
        LOCAL + r"[^。；]{0,30}?(?:优先|倾斜|首选|为主|价格扣除|价格优惠)",
        r"(?:优先|首先|首选|倾斜|就近)[^。；]{0,16}?" + LOCAL,
        # 加大向本地规上企业采购的力度
        r"(?:向|从)" + LOCAL + r"[^。；，]{0,16}?(?:采购|购买|订购|委托加工)",
        # 引导各单位使用本地生产的纸制品
        r"(?:使用|采购|购买|选用|采用|订购)" + LOCAL + r"(?:企业)?(?:生产|制造|出产|产)的?",
        # 本县企业参加投标的，投标保证金减半缴纳: easier tender or payment terms for local firms
        LOCAL + r"[^。；]{0,40}?(?:保证金|支付比例|付款比例|预付款|进度款|质保金|履约担保)[^。；，]{0,10}?"
        r"(?:减半|减免|免收|免交|免缴|降低|提高|不收|上浮)",
        LOCAL + r"[^。；]{0,40}?(?:减半收取|减免|免收|免交|免缴|降低|提高|不收)[^。；，]{0,6}?(?:保证金|支付比例|付款比例|预付款|进度款|质保金)",
    ),
    "local_condition": (
        LOCAL + r"[^。；，]{0,12}?" + ESTABLISH,
        # 投标人须具有…颁发的本省安全生产许可证: a licence from here, asked of a bidder
        BIDDER + r"[^。；]{0,30}?" + LOCAL + r"[^。；，]{0,10}?(?:许可证|资质证书|资格证书|证书|备案证明|登记证明|会员)",
        # 投标产品为本省生产的，评审时加三分: any score for being local (实施办法第十五条第（三）项)
        LOCAL + r"[^。；]{0,30}?(?:(?:得|加|计|记|另加|加计)" + NUMBER + r"分|(?:给予|予以)?加分)",
        # 对迁入本市的企业总部奖励一千万元 (实施办法第十九条第（三）项)
        r"(?:迁入|迁至|迁移至|转移至|迁回)" + LOCAL + r"[^。；]{0,30}?⟨reward_words⟩",
        # 招用本区户籍人员的给予补贴: local people preferred as labour, a factor of production (实施办法第十三条)
        r"(?:招用|招聘|聘用|雇用|录用)" + LOCAL + r"[^。；，]{0,6}?(?:户籍|籍)",
        # 经浙江省造价管理部门检查合格: a paper from one named province or city's authority (实施办法第十五条第（三）项);
        # 本省/本市 are caught above, 经国家市场监督管理总局认定 (国家市 + 场) and 经区市场监管局 are not places
        r"(?:具有|取得|获得|持有|经)(?:由)?[^\W\d_a-zA-Z的和或者级设各上超都城外]{2,6}(?:省|市|自治区)(?![场民政人])[^。；，]{0,30}?"
        r"(?:颁发|核发|认定|评定|检查合格|考核合格|备案|登记|推荐)",
        # 为市级以上龙头企业的加三分: honours of this region scored (实施办法第十五条第（三）项)
        r"(?:市级|县级|区级|省级)(?:以上)?[^。；，]{0,12}?(?:龙头企业|称号|荣誉|奖项|示范企业|优秀企业|先进企业|诚信企业)[^。；]{0,16}?"
        r"(?:得|加|计)" + NUMBER + r"分",
        # 纳入本区统计核算的给予奖励 (实施办法第十九条第（三）项)
        r"(?:纳入|进入|列入)" + LOCAL + r"[^。；，]{0,6}?(?:统计|纳统)",
        # 本地产品与外地产品分别适用不同的评审标准 (实施办法第十五条第（五）项)
        LOCAL + r"[^。；，]{0,12}?(?:与|和|、|及)⟨places_outside⟩[^。；]{0,20}?(?:不同|分别|区别|差别|差异)",
        r"(?:注册|住所地?|办公地点|网点|服务点|分支机构|分公司|办事处|纳税|税收|社保|业绩|项目)[^。；，]{0,20}?"
        r"(?:" + LOCAL + r"|为" + NAMED + r")",
        # 在我区开展一年以上服务: years of operating *here* (实施办法第十三条第（三）项)
        LOCAL + r"[^。；，]{0,6}?(?:开展|经营|从事|运营|服务)[^。；，]{0,12}?(?:" + NUMBER + r"年(?:以上|及以上)|满" + NUMBER + r"年)",
        r"(?:承担过|完成过|具有|取得|获得)[^。；，]{0,6}?" + LOCAL + r"[^。；，]{0,16}?(?:项目|业绩|工程|奖项|荣誉)",
        r"(?:具有|取得|具备)" + LOCAL + r"[^。；，]{0,12}?(?:会员|资格|资质|备案|登记)",
    ),
    "local_restriction": (
        # The modal must lead to a choice of provider (须在…, 应当选择…), not to any act on local firms (应当加强对县属企业的监管).
        r"(?:(?:须|必须|应当|(?<![供相对适反响回效呼顺感报答])应(?![急用对付聘届征变])|统一|只能|仅限|限于|一律)[^。；，]{0,4}?"
        r"(?:在|到|向|从|由|选择|选用|委托|使用|采购|购买|聘请)|选择|选用|采用|采购|购买|聘请|委托|确定|开立账户|开户)"
        r"[^。；，]{0,6}?" + LOCAL
        + r"[^。；，]{0,14}?⟨market_players⟩",
        # 体检机构：某县辖区内县级公立医院 (a heading that names who may serve)
        r"(?:机构|单位|企业|供应商|医院|服务商)[ \t：:]+" + LOCAL,
        # 在本市报废汽车回收企业报废 (where the service must be bought)
        r"在" + LOCAL + r"[^。；，]{0,10}?⟨market_players⟩(?:进行|办理|报废|购买|采购|维修|检测|体检|施工|加工|就诊|开立|开户|存放|存入|投保|加注|住宿|印制)",
    ),
    "local_reward": (
        r"(?:采购|购买|使用|配套|委托|选用|订购|销售|经销|收购)[^。；]{0,14}?" + LOCAL + r"[^。；]{0,40}?⟨reward_words⟩",
        # 对区内企业互相采购产品的给予补助
        LOCAL + r"[^。；，]{0,10}?(?:互相|相互|之间)(?:采购|购买|配套)[^。；]{0,30}?⟨reward_words⟩",
        # 市内机构按5%补助，市外机构按1%补助: different rates inside and outside
        r"(?:[市县区省]内|本地)[^。；]{0,20}?(?:按|给予)[^。；]{0,30}?(?:[市县区省]外|外地)[^。；]{0,20}?(?:按|给予)",
        # 外地车辆每车次收取进场费，本地车辆免收; 外地企业租金按本地标准的1.5倍收取 (实施办法第十六条)
        r"⟨places_outside⟩[^。；]{0,30}?(?:收取|加收|另收|计收|缴纳)[^。；，]{0,10}?(?:费|租金|价款)[^。；]{0,20}?"
        r"(?:[市县区省]内|本地|本市|本县|本区)[^。；，]{0,10}?(?:免收|免交|免缴|减半|减免)",
        r"⟨places_outside⟩[^。；]{0,30}?(?:按|为)[^。；，]{0,12}?" + NUMBER + r"倍",
        r"对(?!进口)⟨places_outside⟩[^。；]{0,20}?(?:收取|加收|征收|计收)[^。；，]{0,10}?(?:费|基金|价款)",
        r"⟨places_outside⟩[^。；，]{0,10}?不(?:享受|予补贴|予奖励|给予补贴|给予奖励)",
        LOCAL + r"[^。；]{0,30}?(?:免收|免交|免缴|减半|减免)[^。；]{0,20}?⟨places_outside⟩[^。；]{0,16}?(?:收取|缴纳|计收|按)",
    ),
    "outsider": (
        r"⟨places_outside⟩[^。；]{0,20}?(?:须|必须|应当|(?<![供相对适反响回效呼顺感报答])应(?![急用对付聘届征变])|另行|额外|加收|不予|不得|禁止|限制|暂停|劝返|报备|备案|登记|"
        r"审批|核准|证明|限行|不准|不允许|提高|增加)",
        # 不得采购外地商品: the outside kept out by a ban (实施办法第十三条第（二）项)
        r"(?:不得|禁止|严禁|不准|不允许)(?:采购|购买|使用|选用|进入|销售|运入|调入)[^。；，]{0,6}?(?!进口)⟨places_outside⟩",
        # 本项目不接受外省企业投标 (实施办法第十五条第（一）项)
        r"(?:不接受|拒绝|谢绝|拒收|不允许|不准|不予接受)[^。；，]{0,6}?(?!进口)⟨places_outside⟩",
        # 对外地来本县经营的企业每季度开展专项检查 (实施办法第十七条第（二）项)
        r"对(?!进口)⟨places_outside⟩[^。；]{0,40}?(?:检查|抽查|巡查|检测|检验)",
    ),
    "designated": (
        r"⟨designation_words⟩",
        r"由(?:[^。；，]{0,4}(?:某|县|市|区|镇|省|国有))[^。；，]{0,16}?(?:公司|企业|集团|医院|银行|保险|站|厂|平台|中介|事务所|设计院|研究院|研究所|供销社|合作社)"
        r"[^。；，]{0,4}?(?:统一|负责|承担|承办|供应|提供|实施|建设|经营|承保|代理|运营|安装|配送|供货|进行|组织)",
        r"(?:由|委托|确定|指定|选定|交由)" + CJK + r"{2,16}?(?:有限责任公司|有限公司|股份公司|集团公司|集团)",
        r"(?:在|从)[^。；，]{0,16}?(?:名录库|名录|目录|备选库|项目库|资格库|名单|(?<!专家)(?<!数据)(?<!评审专家)库)(?:中|内|里)?[^。；，]{0,6}?"
        r"(?:选择|选取|选定|确定|选用|抽取|委托|选购|采购|购买)",
        # 某公司: a firm named (the name withheld in a case notice); 与某集团签订协议 alone is dropped below
        r"某" + CJK + r"{0,12}?(?:公司|品牌|银行|医院|企业|集团|医药|平台)",
        r"(?:确定|选定|指定|授权|委托|依托|交由)" + CJK + r"{0,4}?⟨named_banks⟩",
        r"(?:依托|确定|选定|交由)" + CJK + r"{2,12}?(?:有限责任公司|有限公司|股份公司|集团公司|集团)",
        r"⟨named_banks⟩[^。；，]{0,4}?(?:银行卡|卡|账户|存折|折)",
        r"(?:存入|存放|开户|开立账户|开设账户)[^。；，]{0,8}?⟨named_banks⟩",
        r"(?:采购量|业务量|份额|市场份额)[^。；，]{0,10}?(?:给|交由|由|归)",
        # An agreement's 乙方 (the firm) given the work, the right or the buyers (实施办法第十一条第（一）项、第二十一条第（二）项)
        r"(?:由|交由|归|委托|授予)乙方[^。；，]{0,10}?(?:承接|实施|独家|经营|所有|负责|建设|运营|承担|提供|使用)",
        r"(?:全部|统一|独家)由乙方|乙方[^。；]{0,20}?(?:独家|排他|专营)|优先(?:采购|使用|选用|购买|推荐)乙方",
        r"乙方[^。；]{0,20}?优先(?:建设|经营|承接|供应|采购|合作|续约|开发)?权",
        r"乙方[^。；]{0,16}?(?:市场份额|采购量|业务量)[^。；，]{0,8}?(?:不低于|不少于)|(?:最低|保底)(?:采购量|收购量|业务量|购买量)",
        r"不再与其他[^。；，]{0,6}?(?:企业|经营者|公司|单位|机构)[^。；，]{0,6}?(?:签订|签署|合作)",
        # 统一到县石油公司所属加油站加注: buyers sent to one provider
        r"(?:统一|必须|须|只能|一律)(?:到|在|去|向|从|送|交|送交|交由|送至)[^。；，]{0,4}?(?:某|县|市|区|镇|省|国有)[^。；，]{0,12}?"
        r"(?:公司|集团|医院|银行|宾馆|酒店|加油站|厂|中心|检测站|检验所)",
        r"(?:由|交由)" + CJK + r"{1,12}?(?:公司|集团|馆|厂|中心|医院|协会|店|社)统一(?:经营|销售|供应|配送|承接|提供|运营|承办|代理)",
        r"(?:全部|统一|一律|均)(?:委托|交由|交给)(?:某|县|市|区|镇|省)" + CJK + r"{1,12}?(?:所|站|院|中心|公司|集团|企业|医院|机构)"
        r"(?:承担|负责|实施|办理|进行|完成)",
        # 由县城投公司下属的环卫公司专营
        r"由[^。；，]{1,20}?(?:公司|集团|企业|中心|站|厂)(?:统一)?专营",
        # 在县财政局确定的三家保险公司中选择
        r"(?:在|从)[^。；，]{0,16}?" + NUMBER + r"家[^。；，]{0,8}?中(?:选择|选取|选定|确定)",
        r"(?:在|从)[^。；，]{0,10}?(?:备案|入库|入围|登记)(?:企业|单位|机构|公司)中(?:选择|选取|选定|确定|指定)",
    ),
    "ownership": (
        OWN + r"⟨ownership_words⟩[^。；，]{0,20}?(?:优先|直接|主渠道|指定|承接|委托|发包|倾斜|专营)",
        OWN + r"⟨ownership_words⟩[^。；]{0,40}?⟨reward_words⟩",
        r"(?:优先|直接|指定|委托|发包)[^。；]{0,12}?" + OWN + r"⟨ownership_words⟩",
        # 参与竞标的企业须为国有控股企业 (实施办法第十二条第（二）项)
        r"(?:须|必须|应当|(?<![供相对适反响回效呼顺感报答])应(?![急用对付聘届征变])|限于|仅限|只能)(?:为|是|属于)" + OWN + r"⟨ownership_words⟩(?:企业|公司)?(?=[或、，。；及和]|$)",
        r"(?:仅限于?|只限于?|只允许|仅允许)[^。；，]{0,8}?" + OWN + r"⟨ownership_words⟩",
    ),
    "cap": (
        r"不再(?:引进|新增|审批|批准|受理|发展|设立|增加|投放|准入)",
        r"不(?:在" + CJK + r"{0,12})?引进其他",
        r"只(?:设|允许|保留|确定|引进)(?:一|1|两|2)(?:个|家)",
        r"每(?:个)?(?:县|区|市|镇|乡|街道|村)(?:（[^）]{0,6}）)?(?:只|仅|原则上)?(?:设|设置|确定|保留|布局|规划)?(?:一|1)(?:个|家|处)",
        r"总量控制|数量控制|限量投放|控制[^。；，]{0,6}?总数",
        r"不超过(?:[0-9一二两三四五六七八九十]+)(?:家|座|处|户|个(?!月|工作日|小时|百分点|季度|自然日))",
        r"不得另行(?:组织)?(?:采购|选择|委托|招标|引进)",
        # 甲方不得在本区域内批准其他企业开展同类业务
        r"不(?:得|再)[^。；，]{0,12}?(?:批准|引进|允许|同意)其他(?:企业|经营者|公司|运营商|平台)",
        # 其他单位和个人不得经营: one provider, all others shut out
        r"(?:由|统一|指定|专营|独家)[^。；]{0,40}?其他(?:单位|企业|经营者|场所|机构|个人|单位和个人|任何单位)[^。；，]{0,8}?不得(?:经营|开展|从事|承接|销售|提供|进行)",
        # 相邻加油站间距不得小于二公里: distance between rivals (实施办法第九条第（四）项)
        r"(?:店|网点|门店|加油站|加气站|药店|驾校|零售点|摊点|经营场所|超市|营业场所)[^。；，]{0,10}?(?:间距|距离)[^。；，]{0,4}?"
        r"不(?:得)?(?:小于|少于|低于)",
        r"(?:保持|间隔)[^。；，]{0,4}?" + NUMBER + r"(?:米|公里|千米)(?:以上)?的?(?:距离|间距)",
        r"(?:仅|只)(?:对|向|允许|限)[^。；，]{0,4}?现有[^。；，]{0,10}?(?:企业|公司|经营者|家|户)",
        r"(?:暂停|停止)(?:新增|新设|新建|新批|引进|准入)[^。；，]{0,10}?(?:经营者|经营主体|市场主体|企业|网点|门店|站点|加油站|品牌)",
    ),
    "selective": (
        r"⟨selective_aid⟩",
        r"(?:重点培育|重点扶持|重点支持|择优|优选|遴选|培育|扶持)[^。；，]{0,10}?" + NUMBER
        + r"(?:[－\-—~至到]" + NUMBER + r")?(?:家|个)",
        r"(?:企业|公司|经营者|名单|库|招商项目)[^。；]{0,30}?优先(?:配给|配置|安排|保障|纳入|给予|支持|推荐|考虑)[^。；]{0,24}?"
        r"(?:资金|土地|要素|用地|指标|政策|名录|资金池|扶持|购买服务|供电|供水|供气|接入)",
        r"(?:白名单|红名单|种子库|重点企业名单|重点企业库)[^。；]{0,80}?(?:优先|倾斜|给予)",
        r"直接确定[^。；]{0,10}?(?:受益|企业|经营者)",
        # 由县政府与企业协商确定奖励额度: aid settled case by case
        r"(?:协商|商定|议定|另行研究)确定[^。；，]{0,6}?(?:奖励|补贴|补助|扶持|优惠|支持)|"
        r"(?:奖励|补贴|补助|扶持|优惠)(?:额度|标准|比例|方式)?[^。；，]{0,4}?(?:另行|个别|单独)(?:协商|商定|议定)",
        # 按乙方实际到位投资额的3%给予奖励; 为乙方提供的土地价格按每亩五万元执行，差额由甲方承担
        r"乙方[^。；]{0,24}?(?:给予|予以|兑现)[^。；，]{0,8}?⟨reward_words⟩|(?:给予|向)乙方[^。；]{0,16}?⟨reward_words⟩",
        r"为乙方提供的?[^。；，]{0,8}?(?:土地|用地|厂房|标准厂房|办公用房)[^。；，]{0,6}?(?:价格|地价|租金)|(?:差额|差价|低于部分|不足部分)(?:部分)?由(?:财政|政府|甲方|园区|管委会)[^。；，]{0,6}?"
        r"(?:承担|补足|补贴|补偿|补助)",
        # 对列入区重点扶持企业名单的企业给予奖励 (实施办法第十九条第（一）项)
        r"(?:列入|纳入|进入|入选|入围)[^。；，]{0,12}?(?:重点|扶持|培育|骨干|龙头|种子|储备|白名单|红名单)[^。；，]{0,8}?"
        r"(?:名单|名录|库)[^。；]{0,30}?(?:⟨reward_words⟩|优先|倾斜)",
        # 对区政府确定的重点企业给予补助: beneficiaries picked, not qualified (实施办法第十九条第（一）项)
        r"(?:政府|部门|管委会|领导小组|指挥部)(?:确定|选定|指定)的[^。；，]{0,10}?(?:企业|项目|单位)[^。；]{0,30}?⟨reward_words⟩",
        # 对纳税大户的用电价格给予优惠 (实施办法第二十条第（一）项)
        r"(?:纳税大户|重点企业|龙头企业|骨干企业|重点项目|招商企业|引进企业|招商引资项目|总部企业|上市企业)[^。；]{0,20}?"
        r"(?:电价|用电|水价|用水|气价|用气|地价|用地|租金|房租|出让底价|出让价格)[^。；]{0,12}?(?:优惠|减免|补贴|下浮|折扣|免收|减半)",
        r"(?:纳税大户|重点企业|龙头企业|骨干企业|重点项目|招商企业|引进企业|招商引资项目|总部企业|上市企业)[^。；]{0,20}?"
        r"(?:免收|减免|减半收取|免交)[^。；，]{0,8}?(?:租金|房租|场地费|使用费)",
        # 土地出让底价按不低于成本价的50%确定: land below its price for chosen investors (实施办法第二十条第（一）项)
        r"(?:出让底价|出让价格|地价|出让金|用地|土地)[^。；]{0,24}?(?:基准地价|成本价|评估价|最低价)[^。；，]{0,4}?(?:的)?(?:百分之|[0-9]+%)",
    ),
    "tax_linked": (
        r"⟨tax_contribution⟩[^。；]{0,60}?⟨reward_words⟩",
        r"⟨reward_words⟩[^。；]{0,30}?⟨tax_contribution⟩",
        r"税收返还|先征后返|即征即退|即征即返|财政返还|以奖代返|先缴后奖|先征后奖",
    ),
    "price": (
        r"(?:收费|价格|费用|运价|售价|报价|服务费|培训费|收费标准|价格标准|单价|起步价|票价|零售价|菜价|房价)[^。；]{0,12}?"
        r"(?:不得(?:超过|高于|低于)|统一(?:为|执行|按)|上浮|下浮|调整幅度|最高不(?:得)?超过|最低不(?:得)?低于|一律按)",
        r"(?:制定|确定|发布|实行)[^。；]{0,8}?(?:指导价|建议价|最高限价|统一价格|统一收费)",
        r"调整幅度不得超过",
        r"(?:手续费|费率|佣金|返点|折扣|保费|代理费|培训费|服务价格)[^。；]{0,8}?(?:不得(?:超过|高于|低于)|最高不(?:得)?超过|"
        r"最低不(?:得)?低于|统一为)",
        r"(?:手续费|费率|佣金|价格|收费)[^。；，]{0,8}?统一执行",
        # 建议价格为每小时四十元 (实施办法第二十三条第（一）项)
        r"建议(?:价格|价|零售价|收费标准|收费)(?:为|是|按|：|:)",
    ),
    "relocation": (
        r"(?:迁出|迁离|迁移|外迁|搬离|变更注册地|注册地(?:址)?变更)[^。；]{0,30}?(?:退还|返还|退回|收回|追回|追缴|缴回|取消)",
        r"(?:不得|不|禁止|不准|不能)(?:迁出|迁离|外迁|迁移)",
        r"承诺[^。；]{0,16}?(?:年内|年以上)[^。；]{0,8}?(?:不迁|不变更|在" + CJK + r"{0,6}经营)",
        r"承诺在" + CJK + r"{0,8}?经营" + NUMBER + r"年以上",
        r"承诺[^。；]{0,6}?在" + LOCAL + r"?[^。；，]{0,6}?经营(?:期限|年限)[^。；，]{0,4}?不(?:少|低)于" + NUMBER + r"年",
    ),
    "scale": (
        # 投标人须获得过省级以上优质工程奖: honours as the ticket in (实施办法第十二条第（一）项、第十五条第（三）项)
        BIDDER + r"[^。；]{0,20}?(?:须|应当|必须|(?<![供相对适反响回效呼顺感报答])应(?![急用对付聘届征变]))(?:获得过?|具有|为|是)"
        r"[^。；，]{0,16}?(?:奖项|奖|荣誉称号|称号|示范企业|百强|五百强|龙头企业|驰名商标|著名商标)",
        r"⟨scale_measures⟩[^。；，]{0,16}?(?:以上|不低于|不少于|达到)[^。；]{0,12}?(?:得|加|计)" + NUMBER + r"分",
        BIDDER + r"[^。；]{0,20}?⟨scale_measures⟩[^。；，]{0,16}?" + THRESHOLD,
        r"从事[^。；，]{2,16}?的(?:企业|经营者|单位|机构)[，,]?⟨scale_measures⟩[^。；，]{0,10}?" + THRESHOLD,
        # 以保费收入规模排名，第1名的得2分 (实施办法第十二条第（二）项)
        r"⟨scale_measures⟩[^。；]{0,30}?(?:排名|排序|名次|越高|越多|越大)[^。；]{0,20}?(?:得|加|计)" + NUMBER + r"分",
    ),
    "brand": (
        # 须为西门子、ABB或施耐德品牌 / 采用格力或同档次品牌 / 其他品牌不予接受 (实施办法第十一条第（一）项)
        r"(?:须为|须是|限定|指定|仅限|只能是|要求采用|要求使用)[^。；，]{1,20}?品牌",
        r"(?:或|及|和)(?:其)?(?:同档次|同等档次|同级别|同等品质|相当档次|同类档次)(?:以上)?(?:的)?品牌",
        r"其他品牌[^。；，]{0,4}?(?:不予|不得|不能|一律不|不接受)",
    ),
    "membership": (
        # 行业协会会员单位方可参与: membership as a condition (实施办法第十二条第（一）项)
        r"(?:协会|商会|联合会|联盟)(?:的)?(?:会员|理事|成员)[^。；，]{0,10}?(?:方可|才能|方能|优先|得" + NUMBER + r"分|加"
        + NUMBER + r"分)",
        r"(?:须|必须|应当|(?<![供相对适反响回效呼顺感报答])应(?![急用对付聘届征变])|限于|仅限)(?:为|是)?[^。；，]{0,12}?(?:协会|商会|联合会|联盟)(?:的)?(?:会员|理事|成员|推荐)",
    ),
    "exit": (
        # 企业申请注销的，须经管委会同意 (实施办法第十二条第（三）项)
        r"(?:注销|破产|清算|挂牌转让|股权转让|减少注册资本|减资|迁出)[^。；]{0,20}?(?:须|应当|必须|(?<![供相对适反响回效呼顺感报答])应(?![急用对付聘届征变])|需)[^。；]{0,16}?"
        r"(?:管委会|管理委员会|园区|招商|乡镇|街道|平台公司)[^。；，]{0,6}?(?:同意|批准|审批|审核)",
    ),
    "onsite": (
        r"(?:须|必须|只能|仅|一律|应当|(?<![供相对适反响回效呼顺感报答])应(?![急用对付聘届征变])|需|需要|要求)[^。；，]{0,24}?现场(?:报名|购买|领取|获取|发售|登记)",
        r"(?:仅|只)(?:在|于)[^。；，]{0,20}?(?:现场)?(?:发售|出售|领取)",
        r"不(?:提供|接受|支持)(?:网上|网络|电子|邮寄|线上|远程)",
    ),
    "cartel": (
        r"统一[^。；，]{0,4}?(?:销售价格|出厂价格|价格|定价|报价|售价|零售价|收费标准)",
        r"划分(?:的)?[^。；，]{0,4}?(?:招生|经营|销售|供货|营销|配送|收运|服务|揽件|揽收|经销|代理|承包)(?:市场|区域|范围|片区)|划分(?:的)?(?:市场|客户)",
        r"(?:组织|协调|引导)[^。；]{0,12}?限产|限产(?:协议|保价)|(?:统一|按比例)分配[^。；，]{0,4}?(?:产量|销量|份额|配额|生产指标)",
        r"(?:组织|引导|要求|督促|协调)[^。；]{0,20}?(?:签订|达成|签署|订立)[^。；]{0,12}?(?:价格|自律|限产|减产|产量|销量|划分市场)"
        r"[^。；，]{0,6}?(?:协议|公约|备忘录)",
        r"(?:向|在)(?:行业协会|协会|同行)[^。；，]{0,8}?(?:报送|通报|披露|公开|共享)[^。；，]{0,10}?(?:价格|进价|售价|成本|销量|"
        r"销售量|产量|计划|客户)",
        r"不得(?:低价|压价|降价)(?:竞争|揽客|招生|销售|抢客)",
        r"联合(?:定价|涨价|抵制)|价格联盟",
        r"(?:执行|遵守|按照)[^。；，]{0,10}?(?:协会|商会)[^。；，]{0,8}?(?:制定|发布|确定)?的?[^。；，]{0,4}?(?:自律|统一)?"
        r"(?:收费标准|价格|价|费率|公约)",
        r"(?:招生计划|生产计划|销售计划|产量|销量|经营指标)[^。；，]{0,10}?(?:统一分配|分配给|按比例分配)",
    ),
    "tax_relief": (
        r"⟨relief_verbs⟩[^。；]{0,10}?⟨tax_items⟩",
        r"⟨tax_items⟩[^。；，]{0,10}?⟨relief_verbs⟩(?!政策|优惠|等|、)",
        # 对园区内个体工商户一律实行核定征收 (实施办法第十八条第（三）项)
        r"(?:一律|统一|全部|均)实行核定征收",
    ),
    "fee_relief": (
        r"⟨relief_verbs⟩[^。；]{0,10}?⟨fees_funds⟩",
        r"⟨fees_funds⟩[^。；]{0,16}?⟨relief_verbs⟩(?!政策|优惠|等|、)",
    ),
}
KINDS = tuple(GRAMMAR)
# The clause forbids or undoes what it names: it protects competition.
NEGATOR = rx.compile(r"不得|禁止|严禁|不应|不能|杜绝|防止|纠正|清理|废止|取消|不以|无需|无须|不要求|不再要求|不得要求|避免|破除|"
                     r"消除|打破|反对|违规|违法|不属于")
DESCRIBES_LAW = rx.compile(r"滥用行政权力|排除、限制竞争|排除限制竞争|限定或者变相限定|公平竞争审查|平等对待|一视同仁|同等对待|平等保护")
# Encouragement to invest here is not a condition on anyone (鼓励外地企业在本市设立总部).
INVITES = rx.compile(r"鼓励|欢迎|吸引|引导|支持[^。；]{0,10}?(?:来|到|在)")
# 本办法适用于在本县登记注册的企业: a scope clause names whom the document covers; it sets no condition on entry.
SCOPE = rx.compile(r"适用于|适用范围|本办法所称|本政策所称|本措施所称|本细则所称")
EMPLOYMENT_AID = rx.compile(r"按规定|按照规定|按照国家|脱贫|就业困难|残疾|退役军人|高校毕业生|农民工")
# 指定 of a place, a time or an account is not of a trading partner.
NOT_PROVIDER = rx.compile(r"指定(?:的)?(?:专门|专职)?(?:地点|区域|位置|时间|场所|路线|网站|邮箱|账户|期限|范围|人员|联系人|专人|部门|窗口|"
                          r"媒体|网址|渠道|场地|时段|机构具体|机构负责)|定点(?:帮扶|扶贫|联系|监测|观测|投放点)")
# 统一使用省政务服务平台, 统一在公共资源交易中心招标: the government's own venue, which the law itself prescribes.
GOVERNMENT_VENUE = rx.compile(r"政务服务|公共资源交易|政府采购网|政府采购平台|行政服务|便民服务|一体化平台|政府网站")
# 外来人员可以自愿到社区登记: an offer, not a hurdle.
VOLUNTARY = rx.compile(r"可以|自愿|鼓励|欢迎|有权")
# 通过公开招标确定唯一供应商: a provider chosen by competition is not designated.
COMPETITIVE = rx.compile(r"公开招标|招标方式|竞争性(?:谈判|磋商)|公开竞争|依法(?:重新)?选择|公开遴选|公开比选|竞争方式")
# 县政府与某集团签订战略合作框架协议: signing with a firm grants it nothing by itself.
PARTNER_ONLY = rx.compile(r"^与某[^。；，]{0,16}?(?:签订|签署|达成|洽谈|开展合作|共同)")
# 由园区统一建设: the organ (or a park's committee) does the work itself.
ORGAN_BEFORE = r"由[^。；，]{0,8}?(?:⟨organ_suffixes⟩|园区|管委会|政府|乡镇|街道)[^。；，由]{0,8}$"
# 统一由民政部门登记: an organ doing its own work is a division of labour, not a designated trading partner.
ORGAN_DESIGNATED = r"[^。；，]{0,12}?⟨organ_suffixes⟩(?!公司|集团|企业|有限)"
# 已享受一事一议优惠的，不再享受: the clause limits aid already given, it grants none.
ALREADY_ENJOYED = rx.compile(r"已享受|不再享受|不重复享受|不得重复")
# 落实税费减免政策, 国家对小微企业减免收费, 依法免征: the relief is someone else's, this clause carries it out or describes it.
IMPLEMENTS = rx.compile(r"落实|执行|宣传|用足|用好|享受|申报|兑现|国家|国务院|中央|依法|按规定|按照规定|依照规定|按照有关规定")


def favours(vocab: Vocabulary, text: str, start: int, end: int, kinds: tuple[str, ...],
            sentence_start: int) -> list[tuple[int, int, str]]:
    """Each favour or exclusion of the given kinds in text[start:end]: (start, end, kind)."""
    sentence = text[sentence_start:end]
    if DESCRIBES_LAW.search(sentence):
        return []
    found: list[tuple[int, int, str]] = []
    for kind in kinds:
        for template in GRAMMAR[kind]:
            for match in vocab.pattern(template).finditer(text, start, end):
                if _forbidden(text, sentence_start, match.start(), match.end(), kind):
                    continue
                if kind == "local_condition" and INVITES.search(text[max(sentence_start, match.start() - 16):match.end()]):
                    continue
                if kind == "local_condition" and SCOPE.search(text[max(sentence_start, match.start() - 24):match.end()]):
                    continue
                # 对招用本县户籍脱贫劳动力的企业按规定给予补贴: a national employment aid, not a local preference
                if kind == "local_condition" and "户籍" in match.group(0) and EMPLOYMENT_AID.search(text[sentence_start:end]):
                    continue
                # A project company (项目公司) set up where the project is: the vehicle of the project, not an outsider kept out.
                if kind in ("local_condition", "local_restriction") and "项目公司" in text[match.start():match.end() + 10]:
                    continue
                # 采购本县生产的材料的，按采购额给予奖励: a reward for buying local is local_reward's question (COM011)
                if kind == "local_preference" and vocab.pattern("⟨reward_words⟩").search(text, match.end(), end):
                    continue
                # 投标报价不得低于成本: the law's own ban on dumping, not a price fixed by the document
                if kind == "price" and "成本" in text[match.start():match.end() + 6]:
                    continue
                if kind == "outsider" and VOLUNTARY.search(match.group(0)):
                    continue
                if kind == "designated" and COMPETITIVE.search(text[sentence_start:end]):
                    continue
                if kind == "designated" and PARTNER_ONLY.search(text[max(sentence_start, match.start() - 1):match.end() + 10]):
                    continue
                if kind in ("designated", "local_restriction") and (
                        GOVERNMENT_VENUE.search(text[match.start():match.end() + 12])
                        or (match.group(0).startswith("统一")
                            and vocab.pattern(ORGAN_BEFORE).search(text[max(sentence_start, match.start() - 20):match.start()]))):
                    continue
                if kind == "designated" and (NOT_PROVIDER.search(text[match.start():match.end() + 8])
                                             or vocab.pattern(ORGAN_DESIGNATED).match(text, match.end())):
                    continue
                if kind == "selective" and ALREADY_ENJOYED.search(text[max(sentence_start, match.start() - 8):
                                                                       match.end() + 30]):
                    continue
                if kind in ("tax_relief", "fee_relief") and IMPLEMENTS.search(clause_before(text, sentence_start,
                                                                                           match.start(), 24)):
                    continue
                found.append((match.start(), match.end(), kind))
    return sorted(set(found))


def _forbidden(text: str, floor: int, start: int, end: int, kind: str) -> bool:
    """A negator earlier in the clause, or inside the match (but 不再引进 *is* the cap)."""
    if NEGATOR.search(clause_before(text, floor, start, 24)):
        return True
    inside = text[start:end]
    if kind in ("cap", "relocation", "price", "outsider", "cartel", "onsite", "scale", "exit", "membership", "brand"):
        return False
    return bool(NEGATOR.search(inside))
