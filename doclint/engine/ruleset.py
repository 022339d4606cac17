"""Where a run gets its rules: the bundled packs plus an office's own, compiled once per process.

The parts live one job to a module: the compiled-rule model (compiled.py), the trigger pre-filter
(prefilter.py), YAML and lexicon loading (rulefiles.py), the JSON caches (caches.py) and the compiler
(compiler.py). Their public names are re-exported here, so callers keep importing from one place.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from doclint.bundled import bundled_rules_dir
from doclint.cachedir import user_cache_dir
from doclint.engine.caches import PatternCache, YamlCache
from doclint.engine.compiled import CompiledRule, RuleSet
from doclint.engine.compiler import compile_rules
from doclint.engine.prefilter import RuleGate, TriggerHit, TriggerIndex
from doclint.engine.rulefiles import (
    format_validation,
    load_lexicons,
    load_rule_models,
    parse_yaml,
)

__all__ = [
    "CompiledRule", "PatternCache", "RuleGate", "RuleSet", "TriggerHit", "TriggerIndex", "YamlCache",
    "bundled_rules_dir", "compile_rules", "format_validation", "load_lexicons", "load_rule_models", "load_rules",
    "parse_yaml", "user_cache_dir",
]


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
