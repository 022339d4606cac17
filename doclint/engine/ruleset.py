"""Loads rule packs and lexicons from YAML, validates them and compiles them once per process."""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex
from pydantic import ValidationError

from doclint.engine import guards
from doclint.engine import primitives as p
from doclint.engine.schema import Condition, Lexicon, Rule
from doclint.engine.selection import is_selected
from doclint.engine.snapshot import tree_stamp
from doclint.errors import RuleError
from doclint.facts.actors import ActorClassifier
from doclint.reading.vocabulary import Vocabulary
from doclint.text.normalise import normalise
from doclint.text.segment import Segmenter

# Counts real compilations, so a test can prove rules are compiled once per process, not per document.
COMPILE_COUNT = 0


@lru_cache(maxsize=1)
def bundled_rules_dir() -> Path:
    """`rules/` inside the wheel (doclint/_bundled_rules), or the repository's `rules/` in a checkout."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "_bundled_rules"
    if packaged.is_dir():
        return packaged
    return here.parent / "rules"


@dataclass
class CompiledRule:
    rule: Rule
    match: p.Matcher
    unless: p.Matcher | None
    path: str
    basis_labels: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Every finding of the rule carries these; build them once, not per finding.
        self.basis_labels = [basis.label() for basis in self.rule.basis]


# A gate word found in a text: (its index in TriggerIndex.words, where it starts, where it ends) — the
# automaton's own output, so a scan builds no tuple per hit. The word's clause bits are TriggerIndex.bits[index].
TriggerHit = tuple[int, int, int]
# A rule's gate compiled to bits: (every clause bit it uses, the bits of each of its conjunctions).
RuleGate = tuple[int, tuple[int, ...]]


class TriggerIndex:
    """Every rule's gate (see primitives.Gate) as bits over one automaton of all their words.

    Each distinct clause owns a bit; a word hit carries the bits of every clause that lists the word. A unit
    whose hits' bits cover all bits of one of a rule's conjunctions is a candidate for the rule; rules
    without a gate own no bits and always run. One pass over a text then decides every (rule, unit) pair.
    """

    def __init__(self, rules: list[CompiledRule]) -> None:
        # id(matcher) → its gate, for every matcher of every rule (match and unless trees, roots and parts).
        self.gates: dict[int, RuleGate] = {}
        # The same, by object: ids do not survive pickling (see __getstate__).
        self._gated: list[tuple[p.Matcher, RuleGate]] = []
        self._clause_bits: dict[frozenset[str], int] = {}
        self._masks: dict[str, int] = {}
        for compiled in rules:
            for root in (compiled.match, compiled.unless):
                if root is not None:
                    self._add_tree(root)
        self._finish()

    def _finish(self) -> None:
        masks = self._masks
        self.masks = masks
        self.words = list(masks)
        self.bits = [masks[word] for word in self.words]
        self._automaton: Any = None
        try:
            import ahocorasick_rs
        except ImportError:  # the slower exact fallback in scan() gives the same hits
            return
        if masks:
            # pyahocorasick, used before, searched a node's children one by one, and the root has one child per
            # distinct first character (about 400): every character of a text cost a long scan. A contiguous
            # NFA scans a short draft in ~19 µs (pyahocorasick: 46–64); a DFA would take ~15 µs but 12 ms to
            # build in every process (the snapshot rebuilds it) and 4.5 MB more memory, this one 4 ms and none.
            self._automaton = ahocorasick_rs.AhoCorasick(
                self.words, implementation=ahocorasick_rs.Implementation.ContiguousNFA)

    def __getstate__(self) -> dict[str, Any]:
        # Pickled inside its RuleSet (the snapshot), so the matchers here are the rules' own objects; a new
        # process re-keys the gates by their new ids and rebuilds the automaton (cheaper than unpickling it).
        return {"gated": self._gated, "masks": self._masks}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._gated = state["gated"]
        self._masks = state["masks"]
        self._clause_bits = {}
        self.gates = {id(matcher): gate for matcher, gate in self._gated}
        self._finish()

    def _add_tree(self, matcher: p.Matcher) -> None:
        if id(matcher) in self.gates:
            return
        gate = matcher.gate()
        if gate:
            conjunctions = {self._bits(conjunction) for conjunction in gate}
            any_bits = 0
            for bits in conjunctions:
                any_bits |= bits
            self.gates[id(matcher)] = (any_bits, tuple(sorted(conjunctions)))
            self._gated.append((matcher, self.gates[id(matcher)]))
        for part in matcher.parts():
            self._add_tree(part)

    def _bits(self, conjunction: frozenset[frozenset[str]]) -> int:
        bits = 0
        for clause in conjunction:
            bit = self._clause_bits.get(clause)
            if bit is None:
                bit = self._clause_bits[clause] = 1 << len(self._clause_bits)
                for word in _minimal(clause):
                    self._masks[word] = self._masks.get(word, 0) | bit
            bits |= bit
        return bits

    def gate(self, compiled: CompiledRule) -> RuleGate | None:
        """The rule's gate, or None when it has none (or is not in this rule set): it always runs."""
        return self.gates.get(id(compiled.match))

    def unit_masks(self, text: str, spans: list[tuple[int, int]], hits: list[TriggerHit] | None = None) -> list[int]:
        """For each (start, end), the OR of the clause bits of the words lying wholly inside text[start:end].

        A matcher sees only norm[unit.start:unit.end], so only words inside those bounds count. `hits` is
        scan(text), passed in when several scopes of one document need masks: one pass over the text serves
        them all (it was one automaton pass per unit and per scope).
        """
        if hits is None:
            hits = self.scan(text)
        ends = [hit[2] for hit in hits]
        bits = self.bits
        masks = []
        for start, end in spans:
            # The hits ending inside the span are one run of the list; of those, the ones starting inside.
            mask = 0
            for index, word_start, _ in hits[bisect.bisect_right(ends, start):bisect.bisect_right(ends, end)]:
                if word_start >= start:
                    mask |= bits[index]
            masks.append(mask)
        return masks

    def scan(self, text: str) -> list[TriggerHit]:
        """All occurrences of all gate words, overlapping ones included, sorted by where they end.

        One Aho–Corasick pass; without ahocorasick_rs, str.find for each word (the same hits, slower).
        """
        automaton = self._automaton
        if automaton is not None:
            hits: list[TriggerHit] = automaton.find_matches_as_indexes(text, overlapping=True)
            return hits  # already in order of where they end
        hits = []
        for index, word in enumerate(self.words):
            start = text.find(word)
            while start >= 0:
                hits.append((index, start, start + len(word)))
                start = text.find(word, start + 1)
        hits.sort(key=lambda hit: hit[2])
        return hits


def _minimal(clause: frozenset[str]) -> frozenset[str]:
    """The clause without words that contain another of its words: 应当 adds nothing where 应 is listed (a
    unit holding 应当 holds 应), but every extra word is more hits to collect. Same truth value, fewer hits."""
    return frozenset(word for word in clause
                     if not any(word[i:j] in clause for i in range(len(word)) for j in range(i + 1, len(word) + 1)
                                if j - i < len(word)))


@dataclass
class RuleSet:
    rules: list[CompiledRule]
    lexicons: dict[str, Lexicon]
    hash: str
    segmenter: Segmenter
    actors: ActorClassifier
    vocabulary: Vocabulary = field(default_factory=lambda: Vocabulary({}))
    directories: tuple[str, ...] = ()
    by_id: dict[str, CompiledRule] = field(default_factory=dict)
    fallback_ids: frozenset[str] = frozenset()
    _trigger_index: TriggerIndex | None = field(default=None, repr=False, compare=False)
    # (select, ignore) → the rules they leave, so a batch does not re-run selection for every document.
    _selections: dict[tuple[tuple[str, ...], tuple[str, ...]], list[CompiledRule]] = field(
        default_factory=dict, repr=False, compare=False
    )
    # The runner's per-selection plans (runner.plan), keyed by ids of this rule set's own objects.
    plans: dict[tuple[Any, ...], Any] = field(default_factory=dict, repr=False, compare=False)
    # A selection list (held, so its id cannot be reused) and its split by split_suppression.
    _last_split: tuple[list[CompiledRule], list[CompiledRule], list[CompiledRule]] | None = field(
        default=None, repr=False, compare=False
    )

    def __getstate__(self) -> dict[str, Any]:
        # Caches keyed by object ids mean nothing in another process (the snapshot): they start empty there.
        return {**self.__dict__, "plans": {}, "_selections": {}, "_last_split": None}

    def split_suppression(self, rules: list[CompiledRule]) -> tuple[list[CompiledRule], list[CompiledRule]]:
        """(content rules, suppression rules) of a selection, remembered for the last selection split."""
        last = self._last_split
        if last is not None and last[0] is rules:
            return last[1], last[2]
        content = [c for c in rules if c.rule.category != "suppression"]
        suppression = [c for c in rules if c.rule.category == "suppression"]
        self._last_split = (rules, content, suppression)
        return content, suppression

    def select(self, select: list[str], ignore: list[str]) -> list[CompiledRule]:
        """The rules that `select` (empty: all) keeps and `ignore` does not remove, in pack order."""
        key = (tuple(select), tuple(ignore))
        chosen = self._selections.get(key)
        if chosen is None:
            chosen = self._selections[key] = [c for c in self.rules if is_selected(c.rule, select, ignore)]
        return chosen

    def __post_init__(self) -> None:
        self.by_id = {compiled.rule.id: compiled for compiled in self.rules}
        self.fallback_ids = frozenset(c.rule.id for c in self.rules if c.rule.fallback)

    @property
    def trigger_index(self) -> TriggerIndex:
        """Built on first use: deriving triggers reads every regex, which a process may never need."""
        if self._trigger_index is None:
            self._trigger_index = TriggerIndex(self.rules)
        return self._trigger_index


def format_validation(error: ValidationError) -> str:
    """A pydantic error as one line: `where: message；where: message`."""
    parts = []
    for item in error.errors():
        where = ".".join(str(x) for x in item["loc"])
        parts.append(f"{where}: {item['msg']}" if where else item["msg"])
    return "；".join(parts)


def _safe_loader() -> Any:
    """libyaml's parser when PyYAML was built with it: the same documents, read about eight times faster.

    Imported on first use: a rule set loaded from its snapshot (or the YAML cache) never parses YAML.
    """
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path, cache: YamlCache | None = None) -> Any:
    try:
        data = path.read_bytes()
        return cache.parsed(data, parse_yaml) if cache is not None else parse_yaml(data.decode("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: 无法读取规则文件（{exc}）") from None
    except guards.YamlAliasError as exc:
        raise RuleError(f"{path}: {exc}") from None
    except ValueError as exc:
        raise RuleError(f"{path}: YAML 语法错误（{exc}）") from None


def parse_yaml(text: str) -> Any:
    """YAML text to Python values (libyaml's loader); a syntax error is a ValueError."""
    import yaml

    try:
        return guards.load_yaml(text, _safe_loader())
    except yaml.YAMLError as exc:  # as ValueError: callers need not import yaml to catch it
        raise ValueError(str(exc)) from None


def load_lexicons(directories: list[Path], cache: YamlCache | None = None) -> dict[str, Lexicon]:
    lexicons: dict[str, Lexicon] = {}
    for directory in directories:
        for path in sorted((directory / "lexicons").glob("*.yaml")):
            raw = _read_yaml(path, cache)
            try:
                lexicon = Lexicon.model_validate(raw)
            except ValidationError as exc:
                raise RuleError(f"{path}: 词表无效：{format_validation(exc)}") from None
            if lexicon.name in lexicons:
                raise RuleError(f"{path}: 词表名 {lexicon.name} 重复")
            lexicons[lexicon.name] = lexicon
    return lexicons


def load_rule_models(directories: list[Path], cache: YamlCache | None = None) -> list[tuple[Rule, Path]]:
    loaded: list[tuple[Rule, Path]] = []
    seen: dict[str, Path] = {}
    for directory in directories:
        if not directory.is_dir():
            raise RuleError(f"{directory}: 规则目录不存在")
        for path in sorted(directory.glob("*.yaml")):
            raw = _read_yaml(path, cache)
            if not isinstance(raw, dict) or set(raw) != {"rules"} or not isinstance(raw["rules"], list):
                raise RuleError(f"{path}: 规则文件顶层应只有一个键 rules，其值为规则列表")
            for index, raw_rule in enumerate(raw["rules"]):
                rule_id = raw_rule.get("id", f"#{index + 1}") if isinstance(raw_rule, dict) else f"#{index + 1}"
                try:
                    rule = Rule.model_validate(raw_rule)
                except ValidationError as exc:
                    raise RuleError(f"{path}: 规则 {rule_id} 无效：{format_validation(exc)}") from None
                if rule.id in seen:
                    raise RuleError(f"{path}: 规则编号 {rule.id} 与 {seen[rule.id]} 中的规则重复")
                seen[rule.id] = path
                loaded.append((rule, path))
    return loaded


def user_cache_dir() -> Path | None:
    """Where doclint may keep caches: $DOCLINT_CACHE_DIR, else the platform's per-user cache directory.

    DOCLINT_NO_CACHE=1 turns caching off (None).
    """
    if os.environ.get("DOCLINT_NO_CACHE"):
        return None
    override = os.environ.get("DOCLINT_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "doclint" / "Cache" if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "doclint"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "doclint"


class _JsonCache:
    """A JSON file of entries in the user cache dir, valid for one `key`, guarded by a digest.

    The file name carries the key (everything the entries depend on besides their own lookup key), so a new
    version of a dependency starts a new file. A file that is unreadable, truncated, of the wrong shape or
    fails its digest is ignored and rewritten; a cache directory that cannot be written is no error.
    """

    MAX_ENTRIES = 20_000  # office packs come and go; start afresh rather than grow without bound

    def __init__(self, directory: Path | None, name: str, key_parts: list[bytes]) -> None:
        self.path: Path | None = None
        self.entries: dict[str, Any] = {}
        self.added: dict[str, Any] = {}
        digest = hashlib.sha256()
        for part in key_parts:
            digest.update(hashlib.sha256(part).digest())
        self.key = digest.hexdigest()
        if directory is None:
            return
        self.path = directory / f"{name}-{self.key[:20]}.json"
        self.entries = self._read()

    @staticmethod
    def _digest(entries: dict[str, Any]) -> str:
        return hashlib.sha256(json.dumps(entries, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()

    def _read(self) -> dict[str, Any]:
        assert self.path is not None
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            entries = raw["entries"]
            if raw.get("key") != self.key or not isinstance(entries, dict) or raw.get("digest") != self._digest(entries):
                return {}
            return entries
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}

    def save(self) -> None:
        """Write back, atomically, when this process learnt something; failures only cost the next start."""
        if self.path is None or not self.added:
            return
        merged = {} if len(self.entries) + len(self.added) > self.MAX_ENTRIES else dict(self.entries)
        merged.update(self.added)
        payload = {"key": self.key, "digest": self._digest(merged), "entries": merged}
        import tempfile  # only when writing: importing it costs a cold start more than the write

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{self.path.stem}-", dir=self.path.parent)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(payload, out, ensure_ascii=False)
                os.replace(temporary, self.path)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temporary)
        except OSError:
            return
        self.entries, self.added = merged, {}


class PatternCache(_JsonCache):
    """What earlier processes learnt about rule regexes: that each compiles, and its literal clauses.

    Compiling ~180 patterns and reading them for their pre-filter clauses was most of the cost of loading
    the rules, paid again by every `doclint check`. Entries are looked up by the pattern's exact text, so
    they cannot go stale as rules change: a new or edited pattern is simply not there, and is compiled
    (and so validated) at load. The key covers the regex module's version, Python's, and the source of
    the code that derives clauses (primitives.py).
    """

    def __init__(self, directory: Path | None) -> None:
        import regex as regex_module

        try:
            code = Path(p.__file__).read_bytes()
        except OSError:
            directory, code = None, b""
        parts = [b"patterns-1", regex_module.__version__.encode(), sys.version.encode(), code]
        super().__init__(directory, "patterns", parts)

    def get(self, pattern: str) -> list[frozenset[str]] | None:
        clauses = self.entries.get(pattern)
        if not isinstance(clauses, list):
            return None
        if not all(isinstance(c, list) and all(isinstance(word, str) and word for word in c) for c in clauses):
            return None
        return [frozenset(clause) for clause in clauses]

    def add(self, pattern: str, clauses: list[frozenset[str]]) -> None:
        self.added[pattern] = [sorted(clause) for clause in clauses]


class YamlCache(_JsonCache):
    """Parsed rule and lexicon files, looked up by the SHA-256 of their bytes: an edited file is a miss.

    Only data that survives a JSON round trip unchanged is stored (a YAML date or a non-string key would
    not), so a hit gives exactly what the YAML loader gave. The key covers the installed PyYAML (its files'
    sizes and times, read without importing it: a hit must not pay for the import) and the loader's source.
    `name` keeps unrelated files (rule packs, procedure profiles) in separate cache files.
    """

    def __init__(self, directory: Path | None, name: str = "yaml") -> None:
        parts = [b"yaml-2", _package_stamp("yaml"), Path(__file__).read_bytes()]
        super().__init__(directory, name, parts)

    def parsed(self, data: bytes, parse: Callable[[str], Any]) -> Any:
        """The value cached for these bytes, else `parse` of their UTF-8 text (remembered for `save`)."""
        digest, value = self.load(data)
        if value is _MISS:
            value = parse(data.decode("utf-8"))
            self.add(digest, value)
        return value

    def load(self, data: bytes) -> tuple[str, Any]:
        """(lookup key, parsed value or the _MISS sentinel)."""
        digest = hashlib.sha256(data).hexdigest()
        return digest, self.entries.get(digest, _MISS)

    def add(self, digest: str, value: Any) -> None:
        try:
            if json.loads(json.dumps(value, ensure_ascii=False)) != value:
                return
        except (TypeError, ValueError):
            return
        self.added[digest] = value


_MISS = object()


def _package_stamp(name: str) -> bytes:
    """Every file of an installed package (path, size, mtime), without importing it."""
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return b"missing"
    return b"".join(tree_stamp(Path(folder)) for folder in spec.submodule_search_locations)


class _Compiler:
    def __init__(self, lexicons: dict[str, Lexicon], where: str, patterns: PatternCache | None = None,
                 vocabulary: Vocabulary | None = None) -> None:
        self.lexicons = lexicons
        self.vocabulary = vocabulary or vocabulary_of(lexicons)
        self.where = where
        self.words: set[str] = set()
        self.patterns = patterns or PatternCache(None)

    def expand(self, terms: list[str]) -> list[str]:
        out = []
        for term in terms:
            if term.startswith("@"):
                lexicon = self.lexicons.get(term[1:])
                if lexicon is None:
                    raise RuleError(f"{self.where}: 引用了不存在的词表 {term}")
                out.extend(lexicon.terms)
            else:
                out.append(term)
        # Terms match the normalised text, so fold them the same way (繁体、全角 in a rule still match).
        return [normalise(term) for term in out if term]

    def compile(self, condition: Condition) -> p.Matcher:
        if condition.all_ is not None:
            return p.AllMatcher([self.compile(c) for c in condition.all_])
        if condition.any_ is not None:
            return p.AnyMatcher([self.compile(c) for c in condition.any_])
        if condition.first is not None:
            return p.FirstMatcher([self.compile(c) for c in condition.first])
        if condition.not_ is not None:
            return p.NotMatcher(self.compile(condition.not_))
        if condition.regex is not None:
            try:
                guards.check_regex_size(condition.regex)
            except guards.RegexSizeError as exc:
                raise RuleError(f"{self.where}: {exc}「{condition.regex[:80]}」") from None
            cached = self.patterns.get(condition.regex)
            if cached is not None:
                return p.RegexMatcher(condition.regex, cached)
            try:
                matcher = p.RegexMatcher(condition.regex)
            except regex.error as exc:
                raise RuleError(f"{self.where}: 正则表达式无效「{condition.regex}」：{exc}") from None
            self.patterns.add(condition.regex, matcher.clauses())
            return matcher
        if condition.words is not None:
            words = self.expand(condition.words)
            self.words.update(words)
            return p.WordsMatcher(words)
        if condition.terms is not None:
            return p.TermsMatcher(self.expand(condition.terms))
        if condition.near is not None:
            near = condition.near
            return p.NearMatcher(self.compile(near.a), self.compile(near.b), near.within, near.ordered)
        if condition.cites_law is not None:
            return p.CitesLawMatcher(condition.cites_law)
        if condition.basis_cites_law is not None:
            return p.BasisCitesLawMatcher(condition.basis_cites_law)
        if condition.actor is not None:
            return p.ActorMatcher(condition.actor)
        reading = self.compile_reading(condition)
        if reading is not None:
            return reading
        if condition.check is not None:
            from doclint.checks import load_detectors

            detectors = load_detectors()
            if condition.check not in detectors:
                known = "、".join(sorted(detectors)) or "（无）"
                raise RuleError(f"{self.where}: 未知的 check「{condition.check}」，可用的有：{known}")
            return p.CheckMatcher(condition.check, detectors[condition.check])
        if condition.fact is not None:
            try:
                return p.FactMatcher(condition.fact)
            except ValueError as exc:
                raise RuleError(f"{self.where}: {exc}") from None
        raise RuleError(f"{self.where}: 空条件")


    def compile_reading(self, condition: Condition) -> p.Matcher | None:
        """A question of the clause reading (doclint.reading), or None when the condition asks none."""
        vocab = self.vocabulary
        if condition.precondition is not None:
            matcher: p.Matcher = p.PreconditionMatcher(vocab, ("precondition",))
            return matcher if condition.precondition else p.NotMatcher(matcher)
        if condition.bound is not None:
            return p.BoundMatcher(vocab, tuple(condition.bound))
        if condition.modality is not None:
            return p.ModalityMatcher(vocab, tuple(condition.modality))
        if condition.consequence is not None:
            return p.ConsequenceMatcher(vocab, tuple(condition.consequence))
        if condition.upon is not None:
            return p.UponMatcher(vocab, tuple(condition.upon))
        if condition.favours is not None:
            return p.FavoursMatcher(vocab, tuple(condition.favours))
        if condition.basis is not None:
            return p.BasisMatcher(tuple(condition.basis))
        if condition.voice is not None:
            return p.VoiceMatcher(condition.voice)
        return None


def vocabulary_of(lexicons: dict[str, Lexicon]) -> Vocabulary:
    """Every lexicon's terms, folded like the text they match, for the reading's grammar."""
    return Vocabulary({name: tuple(normalise(t) for t in lex.terms if t) for name, lex in lexicons.items()})


def _hash(rules: list[tuple[Rule, Path]], lexicons: dict[str, Lexicon], dictionary: bytes) -> str:
    digest = hashlib.sha256()
    payload = {
        "rules": [rule.model_dump(mode="json", by_alias=True) for rule, _ in rules],
        "lexicons": {name: lex.model_dump(mode="json") for name, lex in sorted(lexicons.items())},
    }
    digest.update(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    digest.update(dictionary)
    return digest.hexdigest()[:16]


def _lexicon_terms(lexicons: dict[str, Lexicon], name: str) -> list[str]:
    lexicon = lexicons.get(name)
    return [normalise(t) for t in lexicon.terms] if lexicon else []


def compile_rules(directories: tuple[str, ...]) -> RuleSet:
    global COMPILE_COUNT
    COMPILE_COUNT += 1
    paths = [Path(d) for d in directories]
    cache_dir = user_cache_dir()
    yaml_cache = YamlCache(cache_dir)
    lexicons = load_lexicons(paths, yaml_cache)
    models = load_rule_models(paths, yaml_cache)
    yaml_cache.save()
    compiled = []
    words: set[str] = set()
    patterns = PatternCache(cache_dir)
    vocabulary = vocabulary_of(lexicons)
    for rule, path in models:
        compiler = _Compiler(lexicons, f"{path}: 规则 {rule.id}", patterns, vocabulary)
        match = compiler.compile(rule.match)
        unless = compiler.compile(rule.unless) if rule.unless else None
        words |= compiler.words
        compiled.append(CompiledRule(rule, match, unless, str(path)))
    patterns.save()
    user_dict = paths[0] / "dict" / "legal.txt" if paths else None
    dictionary = user_dict.read_bytes() if user_dict and user_dict.exists() else b""
    words |= set(_lexicon_terms(lexicons, "legal_terms"))
    actors = ActorClassifier(
        government=_lexicon_terms(lexicons, "actors_government"),
        private=_lexicon_terms(lexicons, "actors_private"),
        unknown=_lexicon_terms(lexicons, "actors_unknown"),
    )
    return RuleSet(
        rules=compiled,
        lexicons=lexicons,
        hash=_hash(models, lexicons, dictionary),
        segmenter=Segmenter(user_dict, words),
        actors=actors,
        vocabulary=vocabulary,
        directories=directories,
    )


@lru_cache(maxsize=8)
def _cached_rules(directories: tuple[str, ...]) -> RuleSet:
    cache_dir = user_cache_dir()
    if cache_dir is None:
        return compile_rules(directories)
    from doclint.engine import snapshot

    key = snapshot.snapshot_key(directories)
    if key is not None:
        loaded = snapshot.load_snapshot(cache_dir, key)
        if loaded is not None:
            return loaded
    ruleset = compile_rules(directories)
    # Saved only when no rule file changed while compiling, so a snapshot always matches its key.
    if key is not None and snapshot.snapshot_key(directories) == key:
        ruleset.trigger_index  # built now, so a snapshot carries the pre-filter too  # noqa: B018
        snapshot.save_snapshot(cache_dir, key, ruleset)
    return ruleset


def load_rules(extra_dirs: tuple[str | Path, ...] | list[str | Path] = (), bundled: bool = True) -> RuleSet:
    """The bundled packs plus an office's own rule directories, compiled once per process."""
    directories = ([str(bundled_rules_dir())] if bundled else []) + [str(Path(d).resolve()) for d in extra_dirs]
    return _cached_rules(tuple(directories))
