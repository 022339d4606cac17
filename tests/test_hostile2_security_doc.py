"""SECURITY.md lists every limit with the default the code really uses, in Chinese (issue 17, point 10)."""

from __future__ import annotations

import re
from pathlib import Path

from doclint.atomic import STALE_TEMP_SECONDS
from doclint.deadline import DEFAULT_TIMEOUT_S
from doclint.engine.guards import MAX_REGEX_SIZE, MAX_YAML_ALIAS_NODES
from doclint.engine.primitives import REGEX_TIMEOUT_SECONDS
from doclint.readers import DEFAULT_MAX_BYTES, MAX_LINES, ofd, pdf
from doclint.readers.legacy import CONVERT_TIMEOUT_SECONDS
from doclint.readers.zipsafe import MAX_MEMBERS, MAX_PART_BYTES, MAX_TOTAL_UNCOMPRESSED

SECURITY = (Path(__file__).resolve().parent.parent / "SECURITY.md").read_text(encoding="utf-8")


def limit_rows() -> dict[str, str]:
    """The limits table: first column → default column."""
    section = SECURITY.split("## 上限及其默认值", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) >= 4 and not set(cells[0]) <= {"-"} and cells[0] != "上限":
            rows[cells[0]] = cells[1]
    return rows


def test_every_limit_is_listed_with_the_default_the_code_uses() -> None:
    rows = limit_rows()
    expected = {
        "输入文件大小": f"{DEFAULT_MAX_BYTES // 2**20} MiB",
        "单个 ZIP 成员解压后大小": f"{MAX_PART_BYTES // 2**20} MiB",
        "全部 ZIP 成员": f"{MAX_TOTAL_UNCOMPRESSED // 2**20} MiB",
        "ZIP 成员（部件）数": f"{MAX_MEMBERS:,}",
        "PDF / OFD 页数": f"{pdf.MAX_PAGES:,}",
        "单个文件的检查时间": f"{DEFAULT_TIMEOUT_S:g} 秒",
        "LibreOffice 转换": f"{CONVERT_TIMEOUT_SECONDS} 秒",
        "规则正则表达式的单次调用": f"{REGEX_TIMEOUT_SECONDS:g} 秒",
        "规则正则表达式展开后的规模": f"{MAX_REGEX_SIZE:,}",
        "YAML 别名展开": f"{MAX_YAML_ALIAS_NODES:,}",
        "残留临时文件的清理": f"{STALE_TEMP_SECONDS / 60:g} 分钟",
        "XML / HTML 嵌套": "256 层",
        "提取出的文字（": f"{DEFAULT_MAX_BYTES // 2**20} MiB",
        "提取出的文字行数": f"{MAX_LINES:,} 行",
    }
    for name, value in expected.items():
        row = next((default for label, default in rows.items() if label.startswith(name)), None)
        assert row is not None, f"SECURITY.md lists no limit for {name}"
        assert value in row, f"{name}: SECURITY.md says {row!r}, the code uses {value}"
    assert ofd.MAX_PAGES == pdf.MAX_PAGES


def test_every_limit_says_which_command_enforces_it() -> None:
    section = SECURITY.split("## 上限及其默认值", 1)[1].split("\n## ", 1)[0]
    assert "由哪些命令执行" in section
    for line in section.splitlines()[4:]:
        if line.startswith("|"):
            enforcer = line.strip("|").split("|")[3]
            assert re.search(r"check|batch|review|annotate|命令|同上", enforcer), line


def test_security_page_is_in_chinese() -> None:
    prose = re.sub(r"`[^`]*`|[A-Za-z0-9_./<>()\-]+", "", SECURITY)
    chinese = sum(1 for char in prose if "\u4e00" <= char <= "\u9fff")
    assert chinese > 0.6 * len(re.sub(r"\s|[|#*：，。、（）「」“”；—-]", "", prose))
