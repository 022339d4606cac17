"""Compiles validated rules into matchers and builds the rule set, once per process."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import regex

from doclint.cachedir import user_cache_dir
from doclint.engine import guards
from doclint.engine import primitives as p
from doclint.engine.caches import PatternCache, YamlCache
from doclint.engine.compiled import CompiledRule, RuleSet
from doclint.engine.detector import load_detectors
from doclint.engine.rulefiles import load_lexicons, load_rule_models
from doclint.engine.schema import Condition, Lexicon, Rule
from doclint.errors import RuleError
from doclint.facts.actors import ActorClassifier
from doclint.reading.vocabulary import Vocabulary
from doclint.text.normalise import normalise
from doclint.text.segment import Segmenter

# Counts real compilations, so a test can prove rules are compiled once per process, not per document.
COMPILE_COUNT = 0


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
    # Every problem of every pack is collected and reported at once: an office fixes its pack in one pass.
    problems: list[str] = []
    lexicons: dict[str, Lexicon] = {}
    models: list[tuple[Rule, Path]] = []
    try:
        lexicons = load_lexicons(paths, yaml_cache)
    except RuleError as exc:
        problems.append(str(exc))
    if problems:  # rules compiled against half-loaded lexicons would only add follow-on errors
        raise RuleError("\n".join(problems))
    models = load_rule_models(paths, yaml_cache, problems)
    yaml_cache.save()
    compiled = []
    words: set[str] = set()
    patterns = PatternCache(cache_dir)
    vocabulary = vocabulary_of(lexicons)
    for rule, path in models:
        where = f"{path}: 规则 {rule.id}"
        compiler = _Compiler(lexicons, f"{where}: 字段 match", patterns, vocabulary)
        try:
            match = compiler.compile(rule.match)
            compiler.where = f"{where}: 字段 unless"
            unless = compiler.compile(rule.unless) if rule.unless else None
        except RuleError as exc:
            problems.append(str(exc))
            continue
        words |= compiler.words
        compiled.append(CompiledRule(rule, match, unless, str(path)))
    if problems:
        raise RuleError("\n".join(problems))
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
