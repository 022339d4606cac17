"""laws.json through the user cache (doclint/citations/lawcache.py): the same index and the same laws as parsing
the file, and an edited, damaged or foreign cache file is never served."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from doclint.citations import lawcache
from doclint.citations.lawdata import LawData, bundled_rules_dir, name_index

ROOT = Path(__file__).resolve().parent.parent
LAWS = bundled_rules_dir() / "data" / "laws.json"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("DOCLINT_CACHE_DIR", str(directory))
    monkeypatch.delenv("DOCLINT_NO_CACHE", raising=False)
    return directory


def stored_from(content: bytes) -> lawcache.StoredLaws:
    raw = json.loads(content.decode("utf-8"))
    laws = raw["laws"]
    return lawcache.StoredLaws(int(raw.get("format", 0)), str(raw.get("source", "")), *name_index(laws), laws)


def as_data(stored: lawcache.StoredLaws) -> LawData:
    return LawData.from_index(stored.laws, stored.data_format, stored.source, stored.index, stored.candidates)


def test_the_cached_laws_are_the_laws_of_the_file(cache_dir: Path) -> None:
    content = LAWS.read_bytes()
    fresh = LawData(json.loads(content.decode("utf-8")))
    assert lawcache.load(content) is None
    lawcache.save(content, stored_from(content))
    stored = lawcache.load(content)
    assert stored is not None
    cached = as_data(stored)
    assert (cached.format, cached.source) == (fresh.format, fresh.source)
    assert cached._index == fresh._index
    assert cached._candidates == fresh._candidates
    names = list(fresh._raw)
    assert list(cached._raw) == names and len(names) > 900
    for name in names:
        # vars(): the article texts and renumbering maps too, which Law's equality leaves out.
        assert vars(cached.law(name)) == vars(fresh.law(name)), name
    for query in ("行政处罚法", "《中华人民共和国行政许可法》（2019年修正）", "优化营商环境条例", "行政处法"):
        expected = fresh.find(query)
        assert cached.find(query) == expected
        assert cached.closest(query) == fresh.closest(query)


def test_an_edited_laws_file_is_a_miss(cache_dir: Path) -> None:
    content = LAWS.read_bytes()
    lawcache.save(content, stored_from(content))
    edited: dict[str, Any] = json.loads(content.decode("utf-8"))
    edited["source"] = "edited"
    assert lawcache.load(json.dumps(edited, ensure_ascii=False).encode("utf-8")) is None
    assert lawcache.load(content) is not None


def test_a_damaged_or_foreign_file_is_ignored(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = LAWS.read_bytes()
    lawcache.save(content, stored_from(content))
    [path] = list(cache_dir.glob("laws-*.bin"))
    data = bytearray(path.read_bytes())
    if hasattr(os, "getuid"):
        uid = os.getuid()
        monkeypatch.setattr(os, "getuid", lambda: uid + 1)
        assert lawcache.load(content) is None
        monkeypatch.setattr(os, "getuid", lambda: uid)
    data[-3] ^= 0xFF
    path.write_bytes(bytes(data))
    assert lawcache.load(content) is None
    path.write_bytes(b"doclint-laws-1\n")
    assert lawcache.load(content) is None


def test_no_cache_directory_means_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCLINT_NO_CACHE", "1")
    content = LAWS.read_bytes()
    lawcache.save(content, stored_from(content))
    assert lawcache.load(content) is None


def test_a_second_process_reads_the_stored_laws_with_the_same_findings(tmp_path: Path) -> None:
    env = {**os.environ, "DOCLINT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("DOCLINT_NO_CACHE", None)
    probe = ("import json, sys; from doclint.citations.lawdata import load_lawdata; from doclint.lint import lint_file; "
             "r = lint_file(sys.argv[1]); "
             "print(json.dumps([type(load_lawdata()._raw).__name__, [f.model_dump() for f in r.findings]]))")
    sample = str(ROOT / "samples" / "citation-form-draft.txt")

    def run() -> list[Any]:
        done = subprocess.run([sys.executable, "-c", probe, sample], env=env, capture_output=True, text=True,
                              check=True, cwd=ROOT)
        return list(json.loads(done.stdout))

    first = run()
    assert first[0] == "dict"  # parsed from laws.json, then stored
    assert list((tmp_path / "cache").glob("laws-*.bin"))
    second = run()
    assert second[0] == "_Entries"
    assert second[1] == first[1] and any(f["category"] == "citation" for f in first[1])
