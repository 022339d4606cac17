"""The compiled rule-set snapshot: a new process loads it instead of compiling, with identical findings, and an
edited pack, edited code, a damaged file or someone else's file is never served from it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from doclint.engine import snapshot
from doclint.engine.ruleset import RuleSet, bundled_rules_dir, compile_rules
from tests.test_performance import OFFICE
from tests.test_prefilter import example_texts, file_texts, findings

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = (str(bundled_rules_dir()),)


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[RuleSet, RuleSet, Path, str]:
    """(freshly compiled, loaded back from its snapshot, cache dir, key)."""
    cache_dir = tmp_path_factory.mktemp("snapshot-cache")
    key = snapshot.snapshot_key(BUNDLED)
    assert key is not None
    compiled = compile_rules(BUNDLED)
    compiled.trigger_index  # noqa: B018  (what _cached_rules does before saving)
    snapshot.save_snapshot(cache_dir, key, compiled)
    loaded = snapshot.load_snapshot(cache_dir, key)
    assert loaded is not None, "the bundled rule set must pickle and load back"
    return compiled, loaded, cache_dir, key


def test_the_loaded_rule_set_finds_exactly_what_a_fresh_compile_finds(
        stored: tuple[RuleSet, RuleSet, Path, str]) -> None:
    compiled, loaded, _, _ = stored
    assert loaded is not compiled
    assert [c.rule.id for c in loaded.rules] == [c.rule.id for c in compiled.rules]
    assert loaded.hash == compiled.hash
    # The pre-filter travels with it, re-keyed to the new objects: same gates, same words.
    assert len(loaded.trigger_index.gates) == len(compiled.trigger_index.gates) > 100
    assert loaded.trigger_index.masks == compiled.trigger_index.masks
    texts = [(text, doc_type) for text, doc_type in example_texts()]
    texts += [(text, None) for _, text in file_texts()]
    for text, doc_type in texts:
        expected = findings(text, doc_type, compiled, prefilter=True)
        assert findings(text, doc_type, loaded, prefilter=True) == expected, text[:60]
        assert findings(text, doc_type, loaded, prefilter=False) == expected, text[:60]


def test_a_new_process_loads_the_snapshot_instead_of_compiling(tmp_path: Path) -> None:
    env = {**os.environ, "DOCLINT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("DOCLINT_NO_CACHE", None)
    probe = ("import json, sys; from doclint.engine import compiler; from doclint.lint import lint_file; "
             "r = lint_file(sys.argv[1]); "
             "print(json.dumps([compiler.COMPILE_COUNT, [f.rule for f in r.findings]]))")
    sample = str(ROOT / "samples" / "street-vending-notice.txt")

    def run(extra: dict[str, str]) -> list[object]:
        done = subprocess.run([sys.executable, "-c", probe, sample], env={**env, **extra}, capture_output=True,
                              text=True, check=True, cwd=ROOT)
        return list(json.loads(done.stdout))

    first = run({})
    assert first[0] == 1
    assert list((tmp_path / "cache").glob("ruleset-*.pickle"))
    second = run({})
    assert second == [0, first[1]]  # nothing compiled, the same findings
    assert first[1]
    assert run({"DOCLINT_NO_CACHE": "1"}) == [1, first[1]]


def test_an_edited_rule_pack_is_a_new_key(tmp_path: Path, stored: tuple[RuleSet, RuleSet, Path, str]) -> None:
    pack = tmp_path / "office"
    pack.mkdir()
    rule_file = pack / "fee.yaml"
    rule_file.write_text(OFFICE.replace("PATTERN", "管理费"), encoding="utf-8")
    directories = (*BUNDLED, str(pack))
    before = snapshot.snapshot_key(directories)
    rule_file.write_text(OFFICE.replace("PATTERN", "服务费"), encoding="utf-8")
    after = snapshot.snapshot_key(directories)
    assert before and after and before != after
    (pack / "lexicons").mkdir()
    (pack / "lexicons" / "extra.yaml").write_text("name: extra\nterms: [甲]\n", encoding="utf-8")
    assert snapshot.snapshot_key(directories) not in (before, after)
    # The bundled key is unaffected, and a key nobody stored finds nothing.
    _, _, cache_dir, key = stored
    assert snapshot.snapshot_key(BUNDLED) == key
    assert snapshot.load_snapshot(cache_dir, after) is None
    assert snapshot.snapshot_key((str(tmp_path / "missing"),)) is not None  # compile reports the missing dir


def test_edited_code_is_a_new_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "doclint"
    (package / "engine").mkdir(parents=True)
    module = package / "engine" / "ruleset.py"
    module.write_text("A = 1\n", encoding="utf-8")
    monkeypatch.setattr(snapshot, "PACKAGE", package)
    keys = {snapshot.snapshot_key(BUNDLED)}
    module.write_text("A = 22\n", encoding="utf-8")
    keys.add(snapshot.snapshot_key(BUNDLED))
    info = module.stat()
    os.utime(module, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    keys.add(snapshot.snapshot_key(BUNDLED))
    (package / "new.py").write_text("", encoding="utf-8")
    keys.add(snapshot.snapshot_key(BUNDLED))
    assert len(keys) == 4


def test_a_damaged_or_foreign_snapshot_is_ignored(tmp_path: Path, stored: tuple[RuleSet, RuleSet, Path, str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _, _, cache_dir, key = stored
    [good] = cache_dir.glob(f"ruleset-{key[:24]}.pickle")
    data = good.read_bytes()
    target = tmp_path / good.name

    def load(content: bytes) -> RuleSet | None:
        target.write_bytes(content)
        return snapshot.load_snapshot(tmp_path, key)

    assert load(data) is not None
    assert load(data[:-100]) is None  # truncated
    flipped = bytearray(data)
    flipped[-50] ^= 0xFF
    assert load(bytes(flipped)) is None  # digest no longer matches
    assert load(data.replace(key.encode(), b"0" * len(key), 1)) is None  # stored under another key
    assert load(b"") is None
    assert load(b"not a snapshot\n") is None
    if hasattr(os, "getuid"):
        target.write_bytes(data)
        monkeypatch.setattr(os, "getuid", lambda: os.stat(target).st_uid + 1)
        assert snapshot.load_snapshot(tmp_path, key) is None  # owned by someone else


def test_old_snapshots_are_pruned_and_an_unwritable_cache_is_no_error(
        tmp_path: Path, stored: tuple[RuleSet, RuleSet, Path, str]) -> None:
    compiled = stored[0]
    for number in range(snapshot.KEEP + 3):
        snapshot.save_snapshot(tmp_path, f"{number:02d}".ljust(64, "0"), compiled)
    assert len(list(tmp_path.glob("ruleset-*.pickle"))) == snapshot.KEEP
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    snapshot.save_snapshot(blocker / "cache", "f" * 64, compiled)  # cannot create the folder: silently skipped
    assert blocker.read_text(encoding="utf-8") == ""
