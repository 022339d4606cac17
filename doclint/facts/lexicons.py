"""The bundled word lists the facts read by name (voice markers, organ names), parsed once per process.

Facts are computed for every document, also when the rules come from a snapshot that never loads the lexicon
folder; so a list is read from its own file, through a JSON copy in the user cache keyed by the file's bytes.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from doclint.bundled import bundled_rules_dir
from doclint.cachedir import user_cache_dir
from doclint.engine.schema import Lexicon


@cache
def bundled_lexicon(name: str) -> Lexicon:
    """rules/lexicons/<name>.yaml of the shipped rules."""
    path = Path(bundled_rules_dir(), "lexicons", f"{name}.yaml")
    return Lexicon.model_validate(_parsed(path.read_bytes()))


def _parsed(data: bytes) -> object:
    """A lexicon file's YAML, through a JSON copy in the user cache keyed by the file's bytes.

    Every document's type reads the voice lexicons, and a check that loads its rules from the snapshot would
    otherwise import and run the YAML parser for these files alone (measured: 26 ms of a 0.5 s cold check).
    """
    folder = user_cache_dir()
    copy = folder / f"lexicon-{hashlib.sha256(data).hexdigest()[:24]}.json" if folder else None
    if copy is not None:
        try:
            return json.loads(copy.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    import yaml

    value = yaml.load(data.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if copy is not None:
        from doclint.atomic import atomic_write_text

        try:
            copy.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(copy, json.dumps(value, ensure_ascii=False), overwrite=True)
        except OSError:
            pass  # an unwritable cache only costs the next start
    return value
