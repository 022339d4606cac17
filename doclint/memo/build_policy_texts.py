"""Builds doclint/memo/data/policy_texts.json: the texts the memo quotes that the statute data does not ship.

Two documents the project's law snapshot lacks (see ../shared/data/laws/README.md): 国办发〔2018〕115号, quoted by
item （一）…（十二）, and the 公平竞争审查条例实施办法 (市场监管总局令第99号), quoted by article. Run from the repository
root with the shared folder beside it:

    python -m doclint.memo.build_policy_texts ../shared/data/laws
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from doclint.text.numerals import chinese_to_int

SOURCES = {
    "国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见": (
        "规范性文件/国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见(2018-12-04).md",
        "国办发〔2018〕115号"),
    "公平竞争审查条例实施办法": (
        "部门规章/市场监督管理总局/公平竞争审查条例实施办法(2025-02-28).md", "国家市场监督管理总局令第99号"),
}
ITEM_RE = re.compile(r"^（([一二三四五六七八九十]+)）")
ARTICLE_RE = re.compile(r"^第([一二三四五六七八九十百零]+)条\s*")
OUT = Path(__file__).parent / "data" / "policy_texts.json"


def body_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8").split("<!-- INFO END -->", 1)[-1]
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def parse(lines: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """(items by Chinese numeral, articles by number): an article runs until the next one, its 款 joined by \\n."""
    items: dict[str, str] = {}
    articles: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        item = ITEM_RE.match(line)
        if item and current is None:
            items[item.group(1)] = line
        article = ARTICLE_RE.match(line)
        if article and (number := chinese_to_int(article.group(1))) is not None:
            current = str(number)
            articles[current] = [line[article.end():]]
        elif current is not None:
            articles[current].append(line)
    return items, {number: "\n".join(parts) for number, parts in articles.items()}


def build(laws: Path) -> dict[str, object]:
    data: dict[str, object] = {}
    for name, (relative, number) in SOURCES.items():
        items, articles = parse(body_lines(laws / relative))
        data[name] = {"number": number, "source": relative, "items": items, "articles": articles}
    return data


def main() -> int:
    laws = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/laws")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(build(laws), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
