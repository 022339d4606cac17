"""Generate rules/data/laws.json (compact citation data) from the statute texts in shared/data/laws."""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import re
import sqlite3
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from doclint.text.numerals import chinese_to_int as _parse_numeral
from doclint.text.numerals import int_to_chinese


def chinese_to_int(text: str) -> int:
    """Strict parse for statute texts: a malformed numeral is an error, not a silent None."""
    value = _parse_numeral(text)
    if value is None:
        raise ValueError(f"not a Chinese numeral: {text!r}")
    return value

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
FORMAT_VERSION = 1
SOURCE_NOTE = (
    "Derived from LawRefBook/Laws (snapshot 2025-04-19, from the 国家法律法规数据库) by "
    "doclint.citations.build_lawdata; curated additions from rules/data/curated_laws.yaml"
)
PRC = "中华人民共和国"

#: Texts whose every article ships with the project (latest version).
CORE_TEXTS: tuple[str, ...] = (
    "中华人民共和国行政许可法",
    "中华人民共和国行政处罚法",
    "中华人民共和国行政强制法",
    "中华人民共和国立法法",
    "优化营商环境条例",
    "公平竞争审查条例",
    "重大行政决策程序暂行条例",
    "规章制定程序条例",
    "中华人民共和国反垄断法",
)
#: Texts for which every version's article texts ship (keyed by version date).
ALL_VERSION_TEXTS: tuple[str, ...] = ("中华人民共和国立法法",)
#: Renumbering checks the generator insists on: (law, from_year, to_year, old, new).
RENUMBER_CHECKS: tuple[tuple[str, int, int, int, int], ...] = (
    ("中华人民共和国立法法", 2015, 2023, 80, 91),
    ("中华人民共和国立法法", 2015, 2023, 82, 93),
)
#: Levels of the source database that describe statutes (the rest are cases, interpretations, guides).
STATUTE_LEVELS = frozenset({"宪法", "法律", "行政法规", "部门规章"})

_NUM = "零〇一二两三四五六七八九十百千万"
# 笫 and "第一百二十八 条" are typos found in the source texts.
ARTICLE_RE = re.compile(rf"^[第笫]([{_NUM}]+) ?条(?:之([{_NUM}]+))?[ \u3000]*(.*)$")
#: Several articles run together on one line (飞行基本规则): split after a sentence end.
INLINE_ARTICLE_RE = re.compile(rf"(?<=[。：；])[ \u3000]+(?=第[{_NUM}]+条(?:之[{_NUM}]+)?[ \u3000])")
HEADING_RE = re.compile(rf"^(?:#|第[{_NUM}]+[编章节](?:[ \u3000]|$))")
DATE_RE = re.compile(r"^[(（]?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(.*)$")
FILE_RE = re.compile(r"^(?P<stem>.*?)(?:\((?P<date>\d{4}-\d{2}-\d{2})\))?$")
EFFECTIVE_RE = re.compile(r"自\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*起(?:施行|实施|执行)")
EFFECTIVE_ON_PUBLISH_RE = re.compile(r"自(?:公布|发布)之日起(?:施行|实施|执行)")
TERMINAL_RE = re.compile(r"(通过|修正|修订|施行|公布|发布|批准|修改|执行|实施|颁布)[)）]?\s*$")
TITLE_RE = re.compile(r"《([^《》]+)》")
_PUNCT = str.maketrans(
    {"(": "（", ")": "）", ",": "，", ":": "：", ";": "；", "<": "〈", ">": "〉", "!": "！"}
)


# --------------------------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class Article:
    number: int
    sub: int  # 0 for a plain article, k for 第N条之k
    text: str


@dataclass(frozen=True)
class HistoryEntry:
    date: dt.date
    event: str

    @property
    def kind(self) -> str:
        return classify_event(self.event)


@dataclass
class SourceFile:
    path: Path
    stem: str
    file_date: dt.date | None
    title: str
    history: list[HistoryEntry]
    articles: list[Article]


@dataclass
class Version:
    date: dt.date
    valid_from: dt.date | None
    kind: str | None
    articles: list[Article]
    path: str
    title: str

    @property
    def article_count(self) -> int:
        # 第N条之一 counts as its base number: do not inflate the count.
        return len({a.number for a in self.articles})

    def texts(self) -> dict[int, str]:
        return {a.number: a.text for a in self.articles if a.sub == 0}


@dataclass
class LawRecord:
    key: str
    name: str
    level: str
    short_names: set[str] = field(default_factory=set)
    versions: list[Version] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    repealed: dict[str, Any] | None = None
    renumbering: dict[str, dict[str, int]] = field(default_factory=dict)
    # Old article numbers drafts still commonly cite after the renumbering ("2015->2023": [80, 82]).
    well_known: dict[str, list[int]] = field(default_factory=dict)

    @property
    def latest(self) -> Version | None:
        return self.versions[-1] if self.versions else None


def classify_event(event: str) -> str:
    """Kind of a header history line: 修订, 修正, 通过, 公布, 施行, 批准 or 其他."""
    if "修订" in event:
        return "修订"
    if "修正" in event or "修改" in event or "通过的《" in event:
        return "修正"
    if "通过" in event:
        return "通过"
    if any(w in event for w in ("公布", "发布", "颁布")):
        return "公布"
    if any(w in event for w in ("施行", "实施", "执行")):
        return "施行"
    if "批准" in event:
        return "批准"
    return "其他"


def parse_history(header_lines: Iterable[str]) -> list[HistoryEntry]:
    """Dated lines of a file header; a wrapped line continues the previous entry until it looks complete."""
    entries: list[tuple[dt.date, str]] = []
    open_entry = False
    for raw in header_lines:
        line = raw.strip().strip("\u3000")
        if not line or line.startswith("#"):
            continue
        m = DATE_RE.match(line)
        if m:
            try:
                day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
            entries.append((day, m.group(4).strip()))
            open_entry = not TERMINAL_RE.search(line)
        elif entries and open_entry:
            entries[-1] = (entries[-1][0], entries[-1][1] + line)
            open_entry = not TERMINAL_RE.search(line)
    return [HistoryEntry(day, _clean_event(event)) for day, event in entries]


def _clean_event(event: str) -> str:
    s = event.strip().strip("\u3000").strip()
    s = re.sub(r"^[)）]+", "", s).strip()
    s = re.sub(r"[(（]+$", "", s).strip()
    opened = s.count("（") + s.count("(")
    closed = s.count("）") + s.count(")")
    if closed > opened and s[-1:] in ("）", ")"):
        s = s[:-1].strip()
    return s


def parse_articles(body_lines: Iterable[str]) -> list[Article]:
    """Articles of a statute body: a paragraph opening with 第N条 and the paragraphs (款/项) after it."""
    articles: list[Article] = []
    current: tuple[int, int] | None = None
    paras: list[str] = []

    def flush() -> None:
        if current is not None:
            articles.append(Article(current[0], current[1], "\n".join(p for p in paras if p)))

    lines = (part for raw in body_lines for part in INLINE_ARTICLE_RE.split(raw))
    for raw in lines:
        line = raw.strip().strip("\u3000").strip()
        if not line:
            continue
        m = ARTICLE_RE.match(line)
        if m:
            flush()
            current = (chinese_to_int(m.group(1)), chinese_to_int(m.group(2)) if m.group(2) else 0)
            paras = [m.group(3).strip()]
        elif HEADING_RE.match(line) or line.startswith("---"):
            flush()
            current, paras = None, []
        elif current is not None:
            paras.append(line)
    flush()
    return articles


def parse_file(path: Path) -> SourceFile:
    lines = path.read_text(encoding="utf-8").splitlines()
    title = next((ln[2:].strip() for ln in lines if ln.startswith("# ")), path.stem)
    try:
        cut = next(i for i, ln in enumerate(lines) if ln.strip() == "<!-- INFO END -->")
    except StopIteration:
        cut = 0
    m = FILE_RE.match(path.stem)
    stem = m.group("stem") if m else path.stem
    file_date = parse_iso(m.group("date")) if m and m.group("date") else None
    history = parse_history(lines[:cut])
    return SourceFile(path, stem, file_date, title, history, parse_articles(lines[cut + 1 :]))


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def parse_iso(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


# ------------------------------------------------------------------------------------------ collecting


@dataclass(frozen=True)
class DbRow:
    name: str
    level: str
    publish: dt.date | None
    valid_from: dt.date | None
    folder: str


def load_db(laws_dir: Path) -> dict[tuple[str, dt.date | None], DbRow]:
    con = sqlite3.connect(f"file:{laws_dir / 'db.sqlite3'}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT law.name, law.level, law.publish, law.valid_from, category.folder "
            "FROM law JOIN category ON law.category_id = category.id"
        ).fetchall()
    finally:
        con.close()
    out: dict[tuple[str, dt.date | None], DbRow] = {}
    for name, level, publish, valid_from, folder in rows:
        row = DbRow(str(name), str(level), parse_iso(publish), parse_iso(valid_from), str(folder))
        out[(row.name, row.publish)] = row
    return out


def strip_prc(title: str) -> str:
    return title.replace(PRC, "")


def merge_history(files: list[SourceFile]) -> list[HistoryEntry]:
    """Union of the header histories of all versions, the newest file's wording winning."""
    seen: dict[tuple[dt.date, str], HistoryEntry] = {}
    for f in files:  # oldest first, so newer wording overwrites
        for h in f.history:
            seen[(h.date, h.kind)] = h
    return sorted(seen.values(), key=lambda h: (h.date, h.kind, h.event))


def effective_date_from_text(articles: list[Article]) -> tuple[dt.date | None, bool]:
    """The 本法自…起施行 date of the last articles; (None, True) when it says 自公布之日起施行."""
    for art in reversed(articles[-4:]):
        m = EFFECTIVE_RE.search(art.text)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), False
            except ValueError:
                return None, False
        if EFFECTIVE_ON_PUBLISH_RE.search(art.text):
            return None, True
    return None, False


def version_kind(date: dt.date, history: list[HistoryEntry]) -> str | None:
    kinds = {h.kind for h in history if h.date == date}
    for k in ("修订", "修正", "通过"):
        if k in kinds:
            return k
    if "公布" in kinds and not any(h.kind in ("修订", "修正") for h in history if h.date < date):
        return "通过"
    return None


def collect(laws_dir: Path, log: list[str]) -> dict[str, LawRecord]:
    db = load_db(laws_dir)
    by_name: dict[str, list[DbRow]] = defaultdict(list)
    for db_row in db.values():
        by_name[db_row.name].append(db_row)

    groups: dict[str, list[tuple[SourceFile, DbRow | None]]] = defaultdict(list)
    for path in sorted(laws_dir.rglob("*.md")):
        if path.name in ("_index.md", "README.md"):
            continue
        rel = path.relative_to(laws_dir)
        sf = parse_file(path)
        if rel.parts[0] == "民法典":
            groups["民法典"].append((sf, None))
            continue
        row = db.get((sf.stem, sf.file_date))
        if row is None and sf.file_date is None and len(by_name.get(sf.stem, [])) == 1:
            row = by_name[sf.stem][0]
        if row is None:
            log.append(f"no database row for {rel}; skipped")
            continue
        if row.level not in STATUTE_LEVELS:
            continue
        groups[sf.stem].append((sf, row))

    records: dict[str, LawRecord] = {}
    for key, members in sorted(groups.items()):
        if key == "民法典":
            rec = build_civil_code([sf for sf, _ in members], log)
        else:
            rec = build_record(key, members, laws_dir, log)
        if rec.name in records:
            log.append(f"two source groups share the title {rec.name}; keeping the first")
            continue
        records[rec.name] = rec
    return records


def build_record(
    key: str, members: list[tuple[SourceFile, DbRow | None]], laws_dir: Path, log: list[str]
) -> LawRecord:
    files = [sf for sf, _ in members]
    by_age = sorted(files, key=lambda f: max((h.date for h in f.history), default=dt.date.min))
    history = merge_history(by_age)
    versions: dict[dt.date, Version] = {}
    levels: set[str] = set()
    notes: list[str] = []
    for sf, row in members:
        assert row is not None
        levels.add(row.level)
        amended = [h.date for h in sf.history if h.kind in ("修订", "修正", "通过", "公布")]
        vdate = sf.file_date or row.publish
        db_valid_from = row.valid_from
        if sf.file_date is None and amended and (vdate is None or max(amended) > vdate):
            # Undated files (刑法.md) are kept current: the header lists amendments newer than the db row.
            if vdate is not None:
                notes.append(
                    f"database dates this text {vdate.isoformat()}, its header lists a later amendment "
                    f"of {max(amended).isoformat()}: dated by the header"
                )
            vdate, db_valid_from = max(amended), None
        if vdate is None:
            log.append(f"{sf.path.relative_to(laws_dir)}: no version date; skipped")
            continue
        if vdate in versions:
            other = versions[vdate]
            if other.article_count != len({a.number for a in sf.articles}):
                log.append(f"{key} {vdate}: duplicate files disagree ({other.path} vs {sf.path.name})")
            continue
        own_dates = {h.date for h in sf.history}
        kind = version_kind(vdate, sf.history) if vdate in own_dates else None
        if not own_dates:
            notes.append(f"version {vdate.isoformat()}: the source file has no dated history lines")
        elif vdate > max(own_dates):
            notes.append(
                f"version {vdate.isoformat()}: the source header stops at {max(own_dates).isoformat()} "
                "and does not describe this revision"
            )
        valid_from = db_valid_from
        if valid_from is None:
            later = [h.date for h in sf.history if h.kind == "施行" and h.date >= vdate]
            valid_from = min(later) if later else None
        if valid_from is None:
            eff, on_publish = effective_date_from_text(sf.articles)
            if eff is not None and eff >= vdate:
                valid_from = eff  # the text's own 本法自…起施行 can only be this version's if not earlier
            elif on_publish and kind in ("通过", "修订"):
                valid_from = vdate
        versions[vdate] = Version(
            vdate, valid_from, kind, sf.articles, str(sf.path.relative_to(laws_dir)), sf.title
        )
    ordered = [versions[d] for d in sorted(versions)]
    name = ordered[-1].title if ordered else key
    level = sorted(levels)[0] if len(levels) == 1 else "法律" if "法律" in levels else sorted(levels)[0]
    rec = LawRecord(key=key, name=name, level=level, versions=ordered, history=history, notes=notes)
    rec.short_names = {key, *(strip_prc(v.title) for v in ordered), *(v.title for v in ordered)} - {name}
    rec.short_names.discard("")
    return rec


def build_civil_code(files: list[SourceFile], log: list[str]) -> LawRecord:
    files = sorted(files, key=lambda f: min((a.number for a in f.articles), default=10**6))
    articles = [a for f in files for a in f.articles]
    history = merge_history(files)
    adopted = min((h.date for h in history if h.kind == "通过"), default=None)
    effective = min((h.date for h in history if h.kind == "施行"), default=None)
    if adopted is None:
        raise SystemExit("民法典: no adoption date in the headers")
    title = files[0].title
    version = Version(adopted, effective, "通过", articles, "民法典/*.md", title)
    numbers = sorted(a.number for a in articles)
    if numbers != list(range(1, len(numbers) + 1)):
        log.append("民法典: article numbers are not 1..N after merging the books")
    return LawRecord(
        key="民法典",
        name=title,
        level="法律",
        short_names={strip_prc(title)},
        versions=[version],
        history=history,
    )


# ------------------------------------------------------------------------------------------ name index


def normalize_title(name: str) -> str:
    s = name.strip().strip("《》").strip()
    s = s.translate(_PUNCT)
    s = re.sub(r"\s+", "", s)
    return s


def build_index(records: dict[str, LawRecord], log: list[str]) -> dict[str, str]:
    """Normalised full titles and short names → full title; a short name claimed twice is dropped."""
    index: dict[str, str] = {normalize_title(rec.name): rec.name for rec in records.values()}
    full = set(index)
    ambiguous: set[str] = set()
    for rec in records.values():
        for short in sorted(rec.short_names):
            k = normalize_title(short)
            if k in full:
                continue  # a full title always wins over another law's short name
            if k in index and index[k] != rec.name:
                ambiguous.add(k)
                continue
            index[k] = rec.name
    for k in sorted(ambiguous):
        log.append(f"ambiguous short name {k}: dropped")
        index.pop(k, None)
    for rec in records.values():
        rec.short_names = {s for s in rec.short_names if index.get(normalize_title(s)) == rec.name}
    return index


_EDITION_RE = re.compile(
    r"(?:（[^（）]*(?:\d{4}|修订|修正|修改)[^（）]*）|(?:\d{4}年?)?(?:修订|修正|修改)(?:版|本|文本)?)$"
)


def resolve(index: dict[str, str], name: str) -> str | None:
    """Full title for a name as written (full or short, 《》 and edition notes like （2021年修订） allowed)."""
    key = re.sub(r"[《》〈〉]", "", normalize_title(name))
    stripped = _EDITION_RE.sub("", key)
    for k in dict.fromkeys((key, stripped)):
        for v in (k, PRC + k):
            if v in index:
                return index[v]
    return None


# ----------------------------------------------------------------------------------------- alignment


def _norm_article(text: str) -> str:
    return re.sub(r"\s+", "", text.translate(_PUNCT))


def align_articles(old: dict[int, str], new: dict[int, str], threshold: float = 0.6) -> dict[int, int]:
    """Map old article numbers to new ones whose text is found again.

    Identical texts are paired first; the rest by a monotone (order-preserving) alignment maximising the
    summed similarity; articles moved out of order are then paired greedily when very similar.
    """
    o_keys, n_keys = sorted(old), sorted(new)
    on = {k: _norm_article(v) for k, v in old.items()}
    nn = {k: _norm_article(v) for k, v in new.items()}

    sim: dict[tuple[int, int], float] = {}
    for i in o_keys:
        sm = difflib.SequenceMatcher(None, autojunk=False)
        sm.set_seq2(on[i])
        for j in n_keys:
            if on[i] == nn[j]:
                sim[(i, j)] = 1.0
                continue
            sm.set_seq1(nn[j])
            if sm.real_quick_ratio() < threshold or sm.quick_ratio() < threshold:
                continue
            r = sm.ratio()
            if r >= threshold:
                sim[(i, j)] = r

    # Monotone alignment (weighted LCS) over the candidate pairs.
    no, nnn = len(o_keys), len(n_keys)
    best = [[0.0] * (nnn + 1) for _ in range(no + 1)]
    for a in range(no - 1, -1, -1):
        row, nxt = best[a], best[a + 1]
        for b in range(nnn - 1, -1, -1):
            s = sim.get((o_keys[a], n_keys[b]))
            v = max(nxt[b], row[b + 1])
            if s is not None:
                v = max(v, s + nxt[b + 1])
            row[b] = v
    mapping: dict[int, int] = {}
    a = b = 0
    while a < no and b < nnn:
        s = sim.get((o_keys[a], n_keys[b]))
        if s is not None and abs(best[a][b] - (s + best[a + 1][b + 1])) < 1e-9:
            mapping[o_keys[a]] = n_keys[b]
            a, b = a + 1, b + 1
        elif abs(best[a][b] - best[a + 1][b]) < 1e-9:
            a += 1
        else:
            b += 1

    used = set(mapping.values())
    for (i, j), s in sorted(sim.items(), key=lambda kv: (-kv[1], kv[0])):
        if s < 0.8 or i in mapping or j in used:
            continue
        mapping[i] = j
        used.add(j)
    return dict(sorted(mapping.items()))


def version_label(rec: LawRecord, v: Version) -> str:
    same_year = sum(1 for w in rec.versions if w.date.year == v.date.year)
    return str(v.date.year) if same_year == 1 else v.date.isoformat()


def compute_renumbering(rec: LawRecord) -> None:
    for old, new in zip(rec.versions, rec.versions[1:], strict=False):
        mapping = align_articles(old.texts(), new.texts())
        if mapping:
            label = f"{version_label(rec, old)}->{version_label(rec, new)}"
            rec.renumbering[label] = {str(k): v for k, v in mapping.items()}


# ----------------------------------------------------------------------------------------- repeals


def repeal_clauses(rec: LawRecord) -> Iterator[tuple[Version, Article, str]]:
    """(version, article, sentence) for each sentence saying 《…》同时废止 in the closing articles."""
    for v in rec.versions:
        for art in v.articles[-5:]:
            for sentence in re.split(r"[。；]", art.text):
                if ("同时废止" in sentence or "即行废止" in sentence) and "《" in sentence:
                    yield v, art, sentence


def derive_repeals(
    records: dict[str, LawRecord], index: dict[str, str], log: list[str]
) -> dict[str, dict[str, Any]]:
    """Repeals stated by the source texts themselves: {repealed title: repeal record}."""
    found: dict[str, dict[str, Any]] = {}
    for rec in records.values():
        for version, art, sentence in repeal_clauses(rec):
            eff, on_publish = effective_date_from_text([art])
            if eff is None and on_publish:
                firsts = [h.date for h in rec.history if h.kind in ("通过", "公布")]
                eff = min(firsts) if firsts else rec.versions[0].date
            if eff is None:
                continue
            for m in TITLE_RE.finditer(sentence):
                title = m.group(1).strip()
                tail = sentence[m.end() : m.end() + 3]
                if tail.startswith("中") or "不一致" in sentence:
                    continue  # only part of it is repealed, or a generic clause
                target = resolve(index, title)
                if target == rec.name:
                    continue  # an older text of the same title
                if target is not None:
                    tgt = records[target]
                    if tgt.latest is not None and tgt.latest.date > eff:
                        continue  # a newer law reusing the title
                    key = target
                else:
                    bare = re.sub(r"（试行）$", "", title)
                    if not bare.endswith("法") or bare.endswith("办法"):
                        continue  # absent non-法 titles: level unknown, curate by hand if needed
                    key = title
                entry = {
                    "date": eff.isoformat(),
                    "successor": rec.name,
                    "basis": f"《{rec.name}》第{int_to_chinese(art.number)}条",
                    "article": art.number,
                    "version": version.date.isoformat(),
                    "source": "derived",
                }
                prev = found.get(key)
                if prev is None or prev["date"] > entry["date"]:
                    found[key] = entry
    log.append(f"repeals derived from 同时废止 clauses: {len(found)}")
    return found


# ------------------------------------------------------------------------------------------ curated


def load_curated(rules_dir: Path) -> dict[str, Any]:
    path = rules_dir / "data" / "curated_laws.yaml"
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise SystemExit(f"{path}: expected a mapping")
    return data


def verify_curated_repeal(
    entry: dict[str, Any], records: dict[str, LawRecord], index: dict[str, str]
) -> dict[str, Any]:
    name = str(entry["name"])
    date = parse_iso(entry["repealed_on"])
    successor = resolve(index, str(entry["successor"]))
    if successor is None or date is None:
        raise SystemExit(f"curated repeal of {name}: unknown successor {entry['successor']!r} or no date")
    basis = entry.get("repealed_by") or {}
    art_no = basis.get("article") if isinstance(basis, dict) else None
    if isinstance(basis, dict) and basis.get("law") and resolve(index, str(basis["law"])) != successor:
        raise SystemExit(f"curated repeal of {name}: repealed_by.law is not the successor {successor}")
    out: dict[str, Any] = {"date": date.isoformat(), "successor": successor, "source": "hand-curated"}
    if art_no is not None:
        art_no = int(art_no)
        rec = records[successor]
        hits = [
            (v, t)
            for v in rec.versions
            if (t := v.texts().get(art_no)) and f"《{name}》" in t and "废止" in t
        ]
        if not hits:
            raise SystemExit(f"curated repeal of {name}: {successor} art {art_no} does not say so")
        version, text = hits[0]
        eff, _ = effective_date_from_text([Article(art_no, 0, text)])
        if eff is not None and eff != date:
            raise SystemExit(f"curated repeal of {name}: text says {eff}, curated {date}")
        out["basis"] = f"《{successor}》第{int_to_chinese(art_no)}条"
        out["article"] = art_no
        out["version"] = version.date.isoformat()
    elif entry.get("basis_text"):
        out["basis"] = str(entry["basis_text"])
    else:
        raise SystemExit(f"curated repeal of {name}: no basis")
    return out


def apply_curated(
    curated: dict[str, Any], records: dict[str, LawRecord], index: dict[str, str], log: list[str]
) -> None:
    source = str(curated.get("source", "hand-curated"))
    derived = derive_repeals(records, index, log)
    repeals: dict[str, tuple[dict[str, Any], dict[str, Any] | None]] = {}
    for key, info in derived.items():
        repeals[key] = (info, None)
    for entry in curated.get("repealed", []) or []:
        info = verify_curated_repeal(entry, records, index)
        info["source"] = source
        key = resolve(index, str(entry["name"])) or str(entry["name"])
        prev = repeals.get(key)
        if prev is not None and prev[1] is None and prev[0]["date"] != info["date"]:
            log.append(f"curated repeal date of {key} differs from the derived one ({prev[0]['date']})")
        repeals[key] = (info, entry)

    for key, (info, entry) in sorted(repeals.items()):
        if key in records:
            records[key].repealed = info
            continue
        level = str(entry.get("level")) if entry and entry.get("level") else "法律"
        shorts = {strip_prc(key)} | {str(s) for s in (entry.get("short_names", []) if entry else [])}
        bare = re.sub(r"（试行）$", "", key)
        if bare != key:
            shorts.discard(strip_prc(bare))
        rec = LawRecord(key=key, name=key, level=level, short_names=shorts - {key}, repealed=info)
        if entry:
            rec.history = [
                HistoryEntry(d, str(h["event"]))
                for h in entry.get("history", []) or []
                if (d := parse_iso(h["date"])) is not None
            ]
        records[key] = rec

    for item in curated.get("renumbering", []) or []:
        law = resolve(index, str(item["law"]))
        if law is None:
            raise SystemExit(f"curated renumbering: unknown law {item['law']!r}")
        label = f"{item['from']}->{item['to']}"
        rec = records[law]
        # An entry without `map` only annotates the derived map (well_known), it does not replace it.
        if item.get("map") is not None:
            mapping = {str(int(k)): int(v) for k, v in (item.get("map") or {}).items()}
            if label in rec.renumbering:
                log.append(f"curated renumbering {law} {label} overrides the derived one")
            rec.renumbering[label] = dict(sorted(mapping.items(), key=lambda kv: int(kv[0])))
            if rec.latest and str(item["to"]) == str(rec.latest.date.year):
                count = rec.latest.article_count
                bad = [v for v in mapping.values() if not 1 <= v <= count]
                if bad:
                    raise SystemExit(f"curated renumbering {law} {label}: targets out of range {bad}")
        well_known = sorted(int(n) for n in item.get("well_known", []) or [])
        if well_known:
            moved = rec.renumbering.get(label, {})
            stay = [n for n in well_known if moved.get(str(n)) in (None, n)]
            if stay:
                raise SystemExit(f"curated renumbering {law} {label}: well_known {stay} did not move")
            rec.well_known[label] = well_known


# ------------------------------------------------------------------------------------------- rules


def _walk(node: object) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        basis = node.get("basis")
        items = basis if isinstance(basis, list) else [basis] if isinstance(basis, dict) else []
        for item in items:
            if isinstance(item, dict):
                yield item
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _article_number(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        s = value.strip()
        m = re.fullmatch(rf"第?([{_NUM}\d]+)条?", s)
        if m:
            try:
                return chinese_to_int(m.group(1))
            except ValueError:
                return None
    return None


def cited_articles(rules_dir: Path, log: list[str]) -> list[tuple[str, int, str]]:
    """(law name as written, article, file) for each `basis: [{law, article}]` entry under rules/."""
    out: list[tuple[str, int, str]] = []
    if not rules_dir.exists():
        return out
    for path in sorted(rules_dir.rglob("*.yaml")) + sorted(rules_dir.rglob("*.yml")):
        try:
            docs = list(yaml.safe_load_all(path.read_text(encoding="utf-8")))
        except yaml.YAMLError as exc:
            log.append(f"{path}: unreadable YAML ({exc.__class__.__name__}); skipped")
            continue
        for doc in docs:
            for item in _walk(doc):
                law, art = item.get("law"), _article_number(item.get("article"))
                if isinstance(law, str) and art is not None:
                    out.append((law, art, str(path.relative_to(rules_dir))))
    return out


# -------------------------------------------------------------------------------------------- output


def render(records: dict[str, LawRecord], cited: dict[str, set[int]]) -> dict[str, Any]:
    laws: dict[str, Any] = {}
    for name in sorted(records):
        rec = records[name]
        entry: dict[str, Any] = {
            "name": rec.name,
            "short_names": sorted(rec.short_names),
            "level": rec.level,
            "versions": [
                {
                    "date": iso(v.date),
                    "valid_from": iso(v.valid_from),
                    "kind": v.kind,
                    "articles": v.article_count,
                }
                for v in rec.versions
            ],
            "history": [{"date": iso(h.date), "event": h.event} for h in rec.history],
        }
        latest = rec.latest
        wanted = cited.get(name, set())
        if latest is not None and (name in CORE_TEXTS or wanted):
            texts = latest.texts()
            keep = texts if name in CORE_TEXTS else {n: t for n, t in texts.items() if n in wanted}
            entry["article_texts"] = {str(n): keep[n] for n in sorted(keep)}
        if name in ALL_VERSION_TEXTS:
            entry["article_texts_by_version"] = {
                iso(v.date): {str(n): t for n, t in sorted(v.texts().items())} for v in rec.versions
            }
        if rec.repealed:
            entry["repealed"] = rec.repealed
        if rec.renumbering:
            entry["renumbering"] = rec.renumbering
        if rec.well_known:
            entry["renumbering_well_known"] = rec.well_known
        if rec.notes:
            entry["notes"] = rec.notes
        laws[name] = entry
    return {"format": FORMAT_VERSION, "source": SOURCE_NOTE, "laws": laws}


def build(laws_dir: Path, rules_dir: Path, log: list[str]) -> dict[str, Any]:
    records = collect(laws_dir, log)
    for core in CORE_TEXTS:
        if core not in records:
            raise SystemExit(f"core text {core} missing from {laws_dir}")
    index = build_index(records, log)
    for rec in records.values():
        if len(rec.versions) > 1:
            compute_renumbering(rec)
    for law, y0, y1, old, new in RENUMBER_CHECKS:
        got = records[law].renumbering.get(f"{y0}->{y1}", {}).get(str(old))
        if got != new:
            raise SystemExit(f"alignment check failed: {law} {y0} art {old} -> {got}, expected {new}")
    apply_curated(load_curated(rules_dir), records, index, log)
    index = build_index(records, log)

    cited: dict[str, set[int]] = defaultdict(set)
    for law, art, where in cited_articles(rules_dir, log):
        target = resolve(index, law)
        if target is None:
            log.append(f"{where}: basis cites unknown law {law!r}")
            continue
        latest = records[target].latest
        if latest is None or art not in latest.texts():
            log.append(f"{where}: {target} has no article {art} in its latest text")
            continue
        cited[target].add(art)
    log.append(f"cited articles from rules: {sum(len(v) for v in cited.values())} in {len(cited)} laws")
    return render(records, cited)


def dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m doclint.citations.build_lawdata", description=__doc__)
    parser.add_argument("--laws", type=Path, default=REPO_ROOT.parent / "shared" / "data" / "laws")
    parser.add_argument("--rules", type=Path, default=REPO_ROOT / "rules")
    parser.add_argument("--out", type=Path, default=None, help="default: <rules>/data/laws.json")
    args = parser.parse_args(argv)
    laws_dir: Path = args.laws
    rules_dir: Path = args.rules
    out: Path = args.out or rules_dir / "data" / "laws.json"
    if not (laws_dir / "db.sqlite3").exists():
        parser.error(f"{laws_dir} does not look like the statute collection (no db.sqlite3)")
    log: list[str] = []
    data = build(laws_dir, rules_dir, log)
    text = dump(data)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    for line in log:
        print(line, file=sys.stderr)
    print(f"wrote {out} ({len(text.encode('utf-8'))} bytes, {len(data['laws'])} laws)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
