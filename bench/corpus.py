"""A seedable generator of varied draft normative documents (all text written for doclint) for benchmarks.

    from bench.corpus import generate
    paths = generate("/tmp/corpus", n=1000, seed=7)     # .txt, .docx, GB18030, 繁体 and a few broken files

or `python bench/corpus.py OUT_DIR -n 1000 --seed 7`. The same (n, seed) always gives the same files.
`make_document(rng)` yields one document in memory, for benchmarks that need no files.
"""

from __future__ import annotations

import argparse
import io
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

# Fictional places, so no generated text can be mistaken for a real document.
REGIONS = (("江川市", "江"), ("临河县", "临"), ("青石区", "青石"), ("云岭州", "云"), ("南溪市", "南"),
           ("白沙县", "白"), ("东湖区", "东湖"), ("松原镇", "松"))
DEPARTMENTS = (("人民政府", "政发"), ("人民政府办公室", "政办发"), ("市场监督管理局", "市监规"),
               ("住房和城乡建设局", "建发"), ("交通运输局", "交发"), ("城市管理局", "城管发"),
               ("生态环境局", "环发"), ("商务局", "商发"), ("文化和旅游局", "文旅发"), ("卫生健康委员会", "卫发"))
TOPICS = ("规范共享单车停放管理", "加强建筑工地扬尘治理", "促进夜间经济发展", "规范农贸市场经营秩序",
          "加强住宅小区物业服务管理", "推进餐厨垃圾分类处置", "规范校外培训机构管理", "支持中小企业创新发展",
          "加强城市户外广告设置管理", "规范网络预约出租汽车经营", "做好汛期安全防范", "优化营商环境若干措施",
          "加强民宿经营管理", "规范渣土运输车辆管理", "推进老旧小区改造")
NORMATIVE_GENRES = ("通知", "办法", "实施细则", "若干规定", "实施意见")
ACTIVITIES = ("民宿经营", "户外广告设置", "渣土运输", "校外培训", "共享单车投放", "夜市摊位经营")
ORGANS = ("市场监管部门", "城市管理部门", "住建部门", "交通运输部门", "街道办事处", "区商务局")
AMOUNTS = ("二百", "五百", "一千", "二千", "五千", "一万", "三万")

# Clauses per category: (problematic, look-alike that must pass). Written for this project.
CLAUSES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "penalty": (
        ("违反本办法第{n}条规定的，由{organ}责令改正，并处{amt}元以上{amt2}元以下罚款。",
         "对拒不配合检查的经营者，由{organ}予以通报批评，情节严重的吊销其营业执照。",
         "未按规定时间清运的，按每车次{amt}元处以罚款。",
         "对多次违规的单位予以曝光，三年内不得参与政府投资项目。"),
        ("违反本办法规定的，依照《中华人民共和国大气污染防治法》第一百一十五条的规定处理。",
         "违反本办法规定的，由{organ}责令限期改正。",
         "对违规行为，由{organ}依照有关法律、法规的规定处理。"),
    ),
    "licensing": (
        ("从事{activity}的，应当向{organ}申请办理经营许可证，未取得许可证的不得营业。",
         "{activity}经营者经{organ}备案同意后，方可开展经营活动。",
         "申请开办{activity}的，除符合上位法规定外，还应当具备三年以上从业经历。"),
        ("{organ}应当自受理申请之日起二十个工作日内作出决定。",
         "经营者变更经营地址的，应当自变更之日起十五日内告知{organ}。"),
    ),
    "coercion": (
        ("对拒不整改的，{organ}可以查封其经营场所，扣押相关工具和物品。",
         "对拖欠管理费用的用户，供水单位可以采取停止供水措施，督促其缴纳。",
         "当事人逾期不缴纳的，每日按欠缴金额的百分之三加处滞纳金。"),
        ("当事人在法定期限内不申请行政复议或者提起行政诉讼，又不履行的，{organ}依法申请人民法院强制执行。",
         "因管网检修需要暂停供水的，供水单位应当提前二十四小时公告。"),
    ),
    "fee": (
        ("申请人应当向{organ}缴纳履约保证金{amt}元。",
         "按每户每年{amt}元的标准收取管理服务费。",
         "办理登记时收取证照工本费{amt}元。"),
        ("本项目所需经费由市财政统筹安排。",
         "对符合条件的企业，按实际投资额的百分之五给予补助。"),
    ),
    "obligation": (
        ("经营者应当参加{organ}组织的岗前培训，并向指定的保险机构投保责任保险。",
         "申请人须提交无犯罪记录证明、居住证明和社区出具的品行证明。",
         "业主应当每月向街道报告出租房屋人员变动情况，逾期不报的暂停办理相关业务。"),
        ("{organ}应当加强对经营者的指导和服务，及时公开办事指南。",
         "各区县人民政府应当明确责任分工，确保各项措施落实到位。"),
    ),
    "competition": (
        ("同等条件下，政府采购项目优先选用本地企业生产的产品。",
         "外地企业参与本市工程投标的，须先在本市设立分支机构。",
         "对新引进企业，按其缴纳的增值税地方留成部分的百分之五十给予奖励。",
         "全市{activity}统一由{organ}指定的服务商承接，其他单位不得参与。"),
        ("各类市场主体依法平等参与本市工程建设项目招标投标。",
         "本办法出台前已经过公平竞争审查，未发现排除、限制竞争的内容。"),
    ),
    "credit": (
        ("将违规企业列入黑名单，并对其法定代表人的配偶、子女实施联合惩戒。",),
        ("对守信主体，在办理相关业务时提供容缺受理等便利措施。",),
    ),
    "vague": (
        ("其他违法行为，由有关部门视情况依法处理。",
         "必要时，{organ}可以采取其他措施。"),
        ("具体实施方案由{organ}另行制定并向社会公布。",),
    ),
}
BOILERPLATE = ("为贯彻落实上级部署，结合本地实际，制定本{genre}。",
               "本{genre}适用于本行政区域内的{activity}及其监督管理活动。",
               "各部门应当按照职责分工，加强协作配合，形成工作合力。",
               "{organ}负责本{genre}的组织实施和监督检查工作。")
NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
            "十六", "十七", "十八", "十九", "二十")


@dataclass
class GeneratedDocument:
    """One draft: its text, and what it was built from (the categories whose bad clauses it contains)."""

    title: str
    issuer: str
    doc_type: str
    text: str
    categories: list[str] = field(default_factory=list)


def _fill(template: str, rng: random.Random, genre: str) -> str:
    amount = rng.randrange(len(AMOUNTS) - 1)
    return template.format(n=rng.choice(NUMERALS[:9]), organ=rng.choice(ORGANS), amt=AMOUNTS[amount],
                           amt2=AMOUNTS[amount + 1], activity=rng.choice(ACTIVITIES), genre=genre)


def _doc_number(rng: random.Random, prefix: str, year: int) -> str:
    number = rng.randint(1, 180)
    style = rng.random()
    if style < 0.9:
        return f"{prefix}〔{year}〕{number}号"
    # A few malformed numbers, for the form rules (GB/T 9704: 六角括号, no 第, no leading zero).
    return rng.choice((f"{prefix}[{year}]{number}号", f"{prefix}（{year}）{number}号", f"{prefix}〔{year}〕第{number:03d}号"))


def make_document(rng: random.Random) -> GeneratedDocument:
    """A draft mixing boilerplate, look-alikes and (in about 60% of drafts) clauses a normative document may not write."""
    region, short = rng.choice(REGIONS)
    department, code = rng.choice(DEPARTMENTS)
    topic = rng.choice(TOPICS)
    year = rng.randint(2019, 2025)
    kind = rng.random()
    if kind < 0.06:
        issuer, doc_type, genre = f"{region}人民政府", "rule", "办法"
        title = f"{region}{topic}办法"
        head = [f"{region}人民政府令第{rng.randint(1, 150)}号", title]
    elif kind < 0.09:
        issuer, doc_type, genre = f"{region}人民代表大会常务委员会", "local_regulation", "条例"
        title = f"{region}{topic}条例"
        head = [title, f"（{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日{issuer}第{rng.randint(2, 40)}次会议通过）"]
    elif kind < 0.13:
        issuer, doc_type, genre = f"{region}{department}", "other", "总结"
        title = f"{issuer}关于{topic}工作情况的总结"
        head = [title]
    else:
        issuer, doc_type, genre = f"{region}{department}", "normative", rng.choice(NORMATIVE_GENRES)
        title = f"{issuer}关于{topic}的{genre}" if genre in ("通知", "实施意见") else f"{region}{topic}{genre}"
        head = [title, _doc_number(rng, short + code, year)]
    clauses: list[str] = [_fill(line, rng, genre) for line in rng.sample(BOILERPLATE, rng.randint(2, 4))]
    categories: list[str] = []
    problematic = rng.random() < 0.6
    for category in rng.sample(sorted(CLAUSES), rng.randint(2, 5)):
        bad, good = CLAUSES[category]
        clauses.append(_fill(rng.choice(good), rng, genre))
        if problematic and rng.random() < 0.6:
            clauses.append(_fill(rng.choice(bad), rng, genre))
            categories.append(category)
    rng.shuffle(clauses)
    clauses.append(f"本{genre}自{year}年{rng.randint(1, 12)}月1日起施行，有效期{rng.choice(('二', '三', '五'))}年。")
    if genre in ("办法", "实施细则", "若干规定", "条例"):
        body = [f"第{NUMERALS[i] if i < len(NUMERALS) else i + 1}条　{c}" for i, c in enumerate(clauses)]
    else:
        body = [f"{NUMERALS[i] if i < len(NUMERALS) else i + 1}、{c}" for i, c in enumerate(clauses)]
    tail = [issuer, f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"]
    text = "\n".join([*head, "", *body, "", *tail]) + "\n"
    return GeneratedDocument(title=title, issuer=issuer, doc_type=doc_type, text=text, categories=categories)


def iter_documents(n: int, seed: int = 0) -> Iterator[GeneratedDocument]:
    """`n` documents in memory, reproducible from `seed`."""
    rng = random.Random(seed)
    for _ in range(n):
        yield make_document(rng)


def _docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _broken_bytes(rng: random.Random, text: str) -> tuple[str, bytes]:
    """Files a real archive contains: a truncated Word file, an encrypted one, binary junk named .txt."""
    kind = rng.randrange(3)
    if kind == 0:
        data = _docx_bytes(text)
        return ".docx", data[: len(data) // 3]
    if kind == 1:
        # A password-protected .docx is an OLE compound file whose directory names the encrypted streams.
        return ".docx", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptionInfo".encode("utf-16-le")
                         + bytes(100) + "EncryptedPackage".encode("utf-16-le")
                         + bytes(rng.randrange(256) for _ in range(2048)))
    return ".txt", bytes(rng.randrange(256) for _ in range(1024)) + b"\x00\x00"


def _to_traditional(text: str) -> str:
    from opencc import OpenCC

    return str(OpenCC("s2t").convert(text))


def generate(out_dir: str | Path, n: int, seed: int = 0) -> list[Path]:
    """Write `n` documents under `out_dir/<region>/<year>/` and return their paths in order.

    Mix: about 10% .docx, 5% GB18030 .txt, 3% traditional characters, 1% broken files; the rest UTF-8 .txt.
    """
    out = Path(out_dir)
    rng = random.Random(seed)
    paths: list[Path] = []
    for index in range(n):
        document = make_document(rng)
        folder = out / document.issuer[:3] / str(rng.randint(2019, 2025))
        folder.mkdir(parents=True, exist_ok=True)
        roll = rng.random()
        if roll < 0.01:
            suffix, data = _broken_bytes(rng, document.text)
        elif roll < 0.11:
            suffix, data = ".docx", _docx_bytes(document.text)
        elif roll < 0.16:
            suffix, data = ".txt", document.text.encode("gb18030")
        elif roll < 0.19:
            suffix, data = ".txt", _to_traditional(document.text).encode("utf-8")
        else:
            suffix, data = ".txt", document.text.encode("utf-8")
        path = folder / f"{index:06d}{suffix}"
        path.write_bytes(data)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description="生成用于基准测试的规范性文件草案语料")
    parser.add_argument("out_dir")
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    paths = generate(args.out_dir, args.n, args.seed)
    print(f"已生成 {len(paths)} 个文件：{args.out_dir}")


if __name__ == "__main__":
    main()
