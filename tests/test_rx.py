"""The compiled-pattern cache (doclint/rx.py): a pattern from it is the pattern re.compile gives, a damaged or
foreign file is never read, and a second process finds every pattern the first one compiled."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from doclint import rx

ROOT = Path(__file__).resolve().parent.parent

PATTERNS: list[tuple[str, int]] = [
    (r"应当|必须|不得", 0),
    (r"(?P<year>(?:19|20)\d{2})\s*年\s*(?P<month>\d{1,2})\s*月", 0),
    (r"^第[零〇一二两三四五六七八九十百千0-9]+条(?:之[一二三四五六七八九十]+)?", re.M),
    (r"<!--\s*doclint\s*[:：]\s*(ignore-file|ignore)\s*\[([^\]\n]*)\]\s*(.*?)\s*-->", re.S | re.I),
    (r"(?<![园景社小城])区(?!内)[^。；]{0,30}?(?:优先|倾斜)", 0),
    (r"[\u4e00-\u9fff×Ｘ]{1,16}\s*[〔\[（【(［﹝]\s*(?:19|20)?\d{2}\s*[〕\]）】)］﹞]", 0),
    (r"(a)(b)?(?(2)c|d)\1", re.X),
]


def fresh_store(directory: Path | None) -> rx._Store:
    return rx._Store(directory)


def assert_same(built: re.Pattern[str], pattern: str, flags: int) -> None:
    expected = re.compile(pattern, flags)
    # CPython compares patterns by flags, compiled code and source text.
    assert built == expected
    assert (built.groups, dict(built.groupindex)) == (expected.groups, dict(expected.groupindex))


def test_a_pattern_from_the_cache_is_the_pattern_re_compiles(tmp_path: Path) -> None:
    first = fresh_store(tmp_path)
    for pattern, flags in PATTERNS:
        assert first.compiled(pattern, flags) is None
        first.learn(pattern, flags, re.compile(pattern, flags))
    first.save()
    second = fresh_store(tmp_path)
    for pattern, flags in PATTERNS:
        built = second.compiled(pattern, flags)
        assert built is not None, pattern
        assert_same(built, pattern, flags)
        sample = "第十二条 2021年3月应当区内优先 abcad 收费"
        assert [m.span() for m in built.finditer(sample)] == [m.span() for m in re.finditer(pattern, sample, flags)]


def test_flags_are_part_of_the_key(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    store.learn("abc", re.I, re.compile("abc", re.I))
    store.save()
    again = fresh_store(tmp_path)
    assert again.compiled("abc", 0) is None
    built = again.compiled("abc", int(re.I))
    assert built is not None and built.match("ABC")


def test_a_damaged_file_is_ignored_and_replaced(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    store.learn("应当", 0, re.compile("应当"))
    store.save()
    assert store.path is not None
    data = bytearray(store.path.read_bytes())
    data[-5] ^= 0xFF
    store.path.write_bytes(bytes(data))
    damaged = fresh_store(tmp_path)
    assert damaged.entries == {}
    damaged.learn("应当", 0, re.compile("应当"))
    damaged.save()
    assert fresh_store(tmp_path).compiled("应当", 0) is not None
    store.path.write_bytes(b"")
    assert fresh_store(tmp_path).entries == {}


def test_a_file_of_another_user_is_never_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = fresh_store(tmp_path)
    store.learn("应当", 0, re.compile("应当"))
    store.save()
    if not hasattr(os, "getuid"):
        pytest.skip("no user ids on this platform")
    uid = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: uid + 1)
    assert fresh_store(tmp_path).entries == {}


def test_without_a_cache_directory_nothing_is_written_and_compiling_still_works(tmp_path: Path) -> None:
    store = fresh_store(None)
    store.learn("应当", 0, re.compile("应当"))
    store.save()
    assert store.compiled("应当", 0) is None
    assert list(tmp_path.iterdir()) == []


def test_rx_compile_gives_what_re_compile_gives() -> None:
    for pattern, flags in PATTERNS:
        assert_same(rx.compile(pattern, flags), pattern, flags)
    with pytest.raises(re.error):
        rx.compile("(unclosed")


def test_a_second_check_finds_every_pattern_the_first_compiled(tmp_path: Path) -> None:
    """Pattern texts are the same in every process (no set order leaks into them), so a warm cache is complete:
    the second run learns nothing, writes nothing, and reports the same findings."""
    env = {**os.environ, "DOCLINT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("DOCLINT_NO_CACHE", None)
    probe = ("import json, sys; from doclint import rx; from doclint.lint import lint_file; "
             "r = lint_file(sys.argv[1]); store = rx._the_store(); "
             "print(json.dumps([store.learnt, len(store.entries), [f.rule for f in r.findings]]))")
    sample = str(ROOT / "samples" / "street-vending-notice.txt")

    def run(seed: str) -> list[object]:
        done = subprocess.run([sys.executable, "-c", probe, sample], env={**env, "PYTHONHASHSEED": seed},
                              capture_output=True, text=True, check=True, cwd=ROOT)
        return list(json.loads(done.stdout))

    first = run("1")
    assert first[0] is True and isinstance(first[1], int) and first[1] > 100
    files = list((tmp_path / "cache").glob("re-*.bin"))
    assert len(files) == 1
    stamp = files[0].stat().st_mtime_ns
    second = run("2")
    assert second == [False, first[1], first[2]]
    assert files[0].stat().st_mtime_ns == stamp
    assert first[2]
