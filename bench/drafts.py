"""Typical-size drafts for the latency and throughput benchmarks, built from `bench.corpus` documents.

`bench.corpus` writes short drafts (a few hundred characters); a real draft sent for legality review is
15–30 KB. `typical_draft(seed)` joins the clauses of several generated drafts under one title and 文号,
renumbered as 第N条 in chapters, until the UTF-8 size reaches the target. Same seed, same text.
"""

from __future__ import annotations

import random
import re

from bench.corpus import make_document
from doclint.text.numerals import int_to_chinese

# A body line of a generated draft starts with its own number: 第三条　… or 三、…
_NUMBERED = re.compile(r"^(?:第[一二三四五六七八九十0-9]+条　|[一二三四五六七八九十0-9]+、)")
_CHAPTERS = ("总则", "管理措施", "监督检查", "法律责任", "保障措施", "附则")


def _clauses(rng: random.Random) -> list[str]:
    document = make_document(rng)
    out = []
    for line in document.text.splitlines():
        numbered = _NUMBERED.match(line)
        if numbered and "施行" not in line:
            out.append(line[numbered.end():])
    return out


def typical_draft(seed: int = 0, target_bytes: int = 20_000) -> str:
    """A normative draft of about `target_bytes` UTF-8 bytes (default 20 KB: mid-range of 15–30 KB)."""
    rng = random.Random(seed)
    title = "江川市规范城市管理若干事项办法（征求意见稿）"
    head = [title, "江市监规〔2025〕12号", ""]
    tail = ["", "本办法自2026年1月1日起施行，有效期五年。", "", "江川市市场监督管理局", "2025年11月20日"]
    size = len("\n".join(head + tail).encode("utf-8"))
    # An article of a real draft holds a few sentences; two to four generated clauses make one.
    articles: list[str] = []
    pending: list[str] = []
    while size < target_bytes:
        for clause in _clauses(rng):
            pending.append(clause)
            size += len(clause.encode("utf-8"))
            if len(pending) >= rng.randint(2, 4):
                articles.append("".join(pending))
                pending = []
                size += 12
    if pending:
        articles.append("".join(pending))
    per_chapter = max(1, len(articles) // len(_CHAPTERS) + 1)
    body: list[str] = []
    for index, clause in enumerate(articles):
        if index % per_chapter == 0:
            chapter = index // per_chapter
            body.append(f"第{int_to_chinese(chapter + 1)}章　{_CHAPTERS[chapter]}")
        body.append(f"第{int_to_chinese(index + 1)}条　{clause}")
    return "\n".join(head + body + tail) + "\n"


if __name__ == "__main__":
    text = typical_draft()
    print(text)
    print(f"{len(text)} 字符，{len(text.encode('utf-8'))} 字节")
