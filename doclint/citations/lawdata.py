"""Runtime access to the shipped citation data (rules/data/laws.json): names, versions, article texts."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from doclint import rx
from doclint.bundled import bundled_rules_dir

__all__ = [
    "HistoryEvent",
    "Law",
    "LawData",
    "LawVersion",
    "Repeal",
    "closest_names",
    "find_law",
    "is_law_title",
    "load_lawdata",
]

PRC = "中华人民共和国"
_PUNCT = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "：", ";": "；", "<": "〈", ">": "〉"})
# Trailing edition noise after a title: （2021年修订）, (2019年修正本), 2021年修正, 修订版 …
_EDITION_RE = rx.compile(
    r"(?:（[^（）]*(?:\d{4}|修订|修正|修改)[^（）]*）"
    r"|(?:\d{4}年?)?(?:修订|修正|修改)(?:版|本|文本)?"
    r"|\d{4}年?版?)$"
)
_KIND_SUFFIX_RE = rx.compile(r"(?:法|条例|规定|办法|细则|规则|决定|规范|通知)(?:（[^（）]*）)?$")
_YearLike = int | str | dt.date


# ------------------------------------------------------------------------------------------ records


@dataclass(frozen=True)
class LawVersion:
    date: dt.date
    valid_from: dt.date | None
    kind: str | None
    articles: int

    @property
    def start(self) -> dt.date:
        """First day this version applies (entry into force when known, else the version date)."""
        return self.valid_from or self.date


@dataclass(frozen=True)
class HistoryEvent:
    date: dt.date
    event: str


@dataclass(frozen=True)
class Repeal:
    """date: the repeal takes effect; basis: e.g. 《中华人民共和国民法典》第一千二百六十条, which is article
    `article` of the successor's version dated `version`; source: hand-curated or derived."""

    date: dt.date
    successor: str
    basis: str
    article: int | None
    version: dt.date | None
    source: str


@dataclass(frozen=True)
class Law:
    name: str
    short_names: tuple[str, ...]
    level: str
    versions: tuple[LawVersion, ...]
    history: tuple[HistoryEvent, ...] = ()
    repealed: Repeal | None = None
    notes: tuple[str, ...] = ()
    _texts: Mapping[int, str] = field(default_factory=dict, repr=False, compare=False)
    _texts_by_version: Mapping[dt.date, Mapping[int, str]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _renumbering: Mapping[tuple[str, str], Mapping[int, int]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _well_known: Mapping[tuple[str, str], frozenset[int]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def latest(self) -> LawVersion | None:
        return self.versions[-1] if self.versions else None

    def version_on(self, on: dt.date | None = None) -> LawVersion | None:
        """The version in force on a date (None: the latest); None before the first or after repeal."""
        if on is None:
            return self.latest
        if self.repealed is not None and on >= self.repealed.date:
            return None
        current: LawVersion | None = None
        for v in self.versions:
            if v.start <= on:
                current = v
        return current

    def is_repealed(self, on: dt.date | None = None) -> bool:
        """Whether the law is repealed on a date (default: today)."""
        return self.repealed is not None and (on or dt.date.today()) >= self.repealed.date

    def article_count(self, on: dt.date | None = None) -> int | None:
        """Number of articles (第N条之一 not counted apart) of the version in force on a date."""
        v = self.version_on(on)
        return v.articles if v is not None else None

    def article_text(self, n: int, version: dt.date | None = None) -> str | None:
        """Text of article n (its 款 joined with newlines), when shipped.

        Without a version: the latest text. With a date: the version dated so, or else the one in force
        on that date.
        """
        latest = self.latest
        if version is None or (latest is not None and version == latest.date):
            return self._texts.get(n) or self._latest_from_versions(n)
        if version in self._texts_by_version:
            return self._texts_by_version[version].get(n)
        v = self.version_on(version)
        if v is None:
            return None
        if v.date in self._texts_by_version:
            return self._texts_by_version[v.date].get(n)
        if latest is not None and v.date == latest.date:
            return self._texts.get(n)
        return None

    def _latest_from_versions(self, n: int) -> str | None:
        latest = self.latest
        if latest is not None and latest.date in self._texts_by_version:
            return self._texts_by_version[latest.date].get(n)
        return None

    @property
    def article_numbers(self) -> tuple[int, ...]:
        """Article numbers whose latest text ships with the data."""
        return tuple(sorted(self._texts))

    def renumbered(self, n: int, from_year: _YearLike, to_year: _YearLike) -> int | None:
        """Article number in the to_year version of article n of the from_year version (None: not found).

        Follows chains of consecutive maps (2007→2022 then 2022→2024) when no direct map exists.
        """
        src, dst = _label(from_year), _label(to_year)
        if _same(src, dst):
            return n
        # Breadth-first over the version graph, composing the maps along the way.
        frontier: list[tuple[str, int]] = [(src, n)]
        seen: set[str] = set()
        while frontier:
            nxt: list[tuple[str, int]] = []
            for label, num in frontier:
                for (a, b), mapping in sorted(self._renumbering.items()):
                    if not _same(a, label) or b in seen:
                        continue
                    target = mapping.get(num)
                    if target is None:
                        continue
                    if _same(b, dst):
                        return target
                    nxt.append((b, target))
                seen.add(label)
            frontier = nxt
        return None

    def well_known_stale(self, n: int, from_year: _YearLike, to_year: _YearLike) -> bool:
        """Whether article n of the from_year edition is one drafts still commonly cite after it moved."""
        src, dst = _label(from_year), _label(to_year)
        return any(n in numbers for (a, b), numbers in self._well_known.items() if _same(a, src) and _same(b, dst))

    @property
    def renumbering_spans(self) -> tuple[tuple[str, str], ...]:
        """(from, to) version labels for which a renumbering map exists."""
        return tuple(sorted(self._renumbering))


def _label(value: _YearLike) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _same(a: str, b: str) -> bool:
    """Version labels match when equal, or when one is a year and the other a date in it."""
    if a == b:
        return True
    if len(a) == 4 and b.startswith(a + "-"):
        return True
    return len(b) == 4 and a.startswith(b + "-")


# --------------------------------------------------------------------------------------------- index


_SPACES_RE = rx.compile(r"\s+")
_TITLE_MARKS_RE = rx.compile(r"[《》〈〉]")


def normalize_title(name: str) -> str:
    """Canonical lookup key: no spaces or 《》, full-width brackets and punctuation."""
    return _TITLE_MARKS_RE.sub("", _SPACES_RE.sub("", name.translate(_PUNCT)))


def _core(name: str) -> str:
    """A title without 中华人民共和国 and its kind suffix (法/条例/办法…), for fuzzy comparison."""
    return _KIND_SUFFIX_RE.sub("", name.replace(PRC, "")) or name


def name_index(laws: Mapping[str, Any]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """(normalised title → law name, sorted (title or short name, law name) pairs for fuzzy lookup)."""
    index: dict[str, str] = {}
    for name in laws:
        index[normalize_title(name)] = name
    for name, entry in laws.items():
        for short in entry.get("short_names", []):
            index.setdefault(normalize_title(str(short)), name)
    pairs = {(n, name) for name, entry in laws.items() for n in (name, *entry.get("short_names", []))}
    return index, sorted(pairs)


class LawData:
    """The parsed laws.json with a name index."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        laws = cast(Mapping[str, Any], raw.get("laws", {}))
        self._adopt(laws, int(raw.get("format", 0)), str(raw.get("source", "")), *name_index(laws))

    @classmethod
    def from_index(cls, laws: Mapping[str, Any], data_format: int, source: str, index: dict[str, str],
                   candidates: list[tuple[str, str]]) -> LawData:
        """The data with its name index already built (lawcache.py): `laws` may decode each entry on demand."""
        data = cls.__new__(cls)
        data._adopt(laws, data_format, source, index, candidates)
        return data

    def _adopt(self, laws: Mapping[str, Any], data_format: int, source: str, index: dict[str, str],
               candidates: list[tuple[str, str]]) -> None:
        self._raw = laws
        self.format: int = data_format
        self.source: str = source
        # Law objects are built on first use: a draft cites a handful of the ~1,000 laws, and building them all
        # cost a cold `doclint check` tens of milliseconds.
        self._built: dict[str, Law] = {}
        self._index = index
        self._candidates = candidates

    def law(self, name: str) -> Law:
        """The Law named exactly `name` (a key of the data)."""
        built = self._built.get(name)
        if built is None:
            built = self._built[name] = _law_from_json(self._raw[name])
        return built

    @property
    def laws(self) -> dict[str, Law]:
        """Every law, built on demand (the generator's tests and tools walk them all)."""
        return {name: self.law(name) for name in self._raw}

    def find(self, name: str) -> Law | None:
        key = normalize_title(name)
        if not key:
            return None
        for candidate in _variants(key):
            law_name = self._index.get(candidate)
            if law_name is not None:
                return self.law(law_name)
        return None

    def closest(self, name: str, limit: int = 3, cutoff: float = 0.5) -> list[str]:
        query = normalize_title(name)
        if not query or limit <= 0:
            return []
        q_core = _core(query)
        best: dict[str, tuple[float, str]] = {}
        sm = difflib.SequenceMatcher(autojunk=False)
        sm.set_seq2(query)
        core_sm = difflib.SequenceMatcher(autojunk=False)
        core_sm.set_seq2(q_core)
        for cand, law_name in self._candidates:
            key = normalize_title(cand)
            sm.set_seq1(key)
            if sm.real_quick_ratio() < cutoff * 0.8 or sm.quick_ratio() < cutoff * 0.8:
                continue
            core_sm.set_seq1(_core(key))
            score = 0.5 * sm.ratio() + 0.5 * core_sm.ratio()
            if score < cutoff:
                continue
            prev = best.get(law_name)
            if prev is None or score > prev[0] or (score == prev[0] and len(cand) < len(prev[1])):
                best[law_name] = (score, cand)
        ranked = sorted(best.values(), key=lambda item: (-item[0], len(item[1]), item[1]))
        return [cand for _, cand in ranked[:limit]]


def _variants(key: str) -> list[str]:
    """The key, then with edition noise stripped, each with and without 中华人民共和国."""
    out: list[str] = []
    stripped = key
    for _ in range(3):
        new = _EDITION_RE.sub("", stripped).strip()
        if new == stripped or not new:
            break
        stripped = new
    for k in (key, stripped):
        for v in (k, PRC + k if not k.startswith(PRC) else k[len(PRC) :]):
            if v and v not in out:
                out.append(v)
    return out


def _date(value: object) -> dt.date:
    return dt.date.fromisoformat(str(value))


def _opt_date(value: object) -> dt.date | None:
    return None if value is None else _date(value)


def _law_from_json(entry: Mapping[str, Any]) -> Law:
    versions = tuple(
        LawVersion(
            date=_date(v["date"]),
            valid_from=_opt_date(v.get("valid_from")),
            kind=cast(str | None, v.get("kind")),
            articles=int(v["articles"]),
        )
        for v in cast(list[Mapping[str, Any]], entry.get("versions", []))
    )
    history = tuple(
        HistoryEvent(_date(h["date"]), str(h["event"]))
        for h in cast(list[Mapping[str, Any]], entry.get("history", []))
    )
    rep_raw = cast(Mapping[str, Any] | None, entry.get("repealed"))
    repealed = (
        Repeal(
            date=_date(rep_raw["date"]),
            successor=str(rep_raw["successor"]),
            basis=str(rep_raw.get("basis", "")),
            article=int(rep_raw["article"]) if rep_raw.get("article") is not None else None,
            version=_opt_date(rep_raw.get("version")),
            source=str(rep_raw.get("source", "")),
        )
        if rep_raw
        else None
    )
    texts = {int(k): str(v) for k, v in cast(Mapping[str, Any], entry.get("article_texts", {})).items()}
    by_version = {
        _date(d): {int(k): str(v) for k, v in cast(Mapping[str, Any], arts).items()}
        for d, arts in cast(Mapping[str, Any], entry.get("article_texts_by_version", {})).items()
    }
    renumbering: dict[tuple[str, str], dict[int, int]] = {}
    for span, mapping in cast(Mapping[str, Any], entry.get("renumbering", {})).items():
        a, _, b = str(span).partition("->")
        renumbering[(a, b)] = {int(k): int(v) for k, v in cast(Mapping[str, Any], mapping).items()}
    well_known: dict[tuple[str, str], frozenset[int]] = {}
    for span, numbers in cast(Mapping[str, Any], entry.get("renumbering_well_known", {})).items():
        a, _, b = str(span).partition("->")
        well_known[(a, b)] = frozenset(int(n) for n in cast(list[Any], numbers))
    return Law(
        name=str(entry["name"]),
        short_names=tuple(str(s) for s in entry.get("short_names", [])),
        level=str(entry.get("level", "")),
        versions=versions,
        history=history,
        repealed=repealed,
        notes=tuple(str(n) for n in entry.get("notes", [])),
        _texts=texts,
        _texts_by_version=by_version,
        _renumbering=renumbering,
        _well_known=well_known,
    )


# ------------------------------------------------------------------------------------------- loading

_lock = threading.Lock()
_cache: dict[Path, LawData] = {}


@lru_cache(maxsize=1)
def _bundled_lawdata_path() -> Path:
    # Resolved once: Path.resolve() walks the file system, and every citation of every document asks.
    return (bundled_rules_dir() / "data" / "laws.json").resolve()


def load_lawdata(path: Path | None = None) -> LawData:
    """Parse laws.json once per process (default: the bundled rules/data/laws.json).

    Through lawcache.py: a process after the first reads the name index and each law's JSON apart, and decodes
    only the laws a document cites (parsing all 850 KB cost every cold check with a citation ~25 ms).
    """
    from doclint.citations import lawcache

    target = path.resolve() if path is not None else _bundled_lawdata_path()
    with _lock:
        data = _cache.get(target)
        if data is None:
            content = target.read_bytes()
            stored = lawcache.load(content)
            if stored is None:
                raw = cast(Mapping[str, Any], json.loads(content.decode("utf-8")))
                laws = cast(Mapping[str, Any], raw.get("laws", {}))
                stored = lawcache.StoredLaws(int(raw.get("format", 0)), str(raw.get("source", "")), *name_index(laws),
                                             laws)
                lawcache.save(content, stored)
            data = LawData.from_index(stored.laws, stored.data_format, stored.source, stored.index, stored.candidates)
            _cache[target] = data
        return data


def find_law(name: str) -> Law | None:
    """Resolve a title as written in a document: full or short, with 《》 or edition noise."""
    return load_lawdata().find(name)


def is_law_title(name: str) -> bool:
    """Whether a 《…》 title names a law or regulation in the shipped data."""
    return find_law(name) is not None


def closest_names(name: str, limit: int = 3) -> list[str]:
    """Up to `limit` known titles (full or short, in the form closest to the query) resembling `name`."""
    return load_lawdata().closest(name, limit=limit)
