"""CSV, .xlsx and JSON Lines exports, read from the store (never from a re-lint).

The conclusion column speaks the run's mode (filing review, clean-up or draft review; see doclint.batch.filing),
with the reasons beside it, so a clerk can sort and filter without opening the report.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from doclint.atomic import atomic_write_bytes, atomic_write_text
from doclint.batch.filing import outcome
from doclint.batch.modes import Mode
from doclint.batch.store import Store, file_result
from doclint.model import Finding

CSV_COLUMNS = ("path", "conclusion", "reasons", "errors", "warnings", "infos", "doc_type", "title", "issuer",
               "doc_number", "error", "content_hash")
# The header a clerk reads in the .xlsx, column for column.
XLSX_HEADERS = ("文件", "结论", "理由", "错误", "警告", "提示", "文件类型", "标题", "发文机关", "文号", "无法检查的原因",
                "内容哈希")
XLSX_WIDTHS = (40, 16, 60, 6, 6, 6, 10, 40, 24, 20, 30, 18)


def export_rows(store: Store, mode: Mode, today: dt.date | None = None) -> Iterator[dict[str, Any]]:
    """Each stored document as the export's columns, the conclusion and reasons in the mode's words."""
    day = today or dt.date.today()
    for row in store.rows():
        yield _row_values(row, mode, day)


def _row_values(row: dict[str, Any], mode: Mode, day: dt.date) -> dict[str, Any]:
    findings = [Finding.model_validate(f) for f in json.loads(row["findings"])] if row["error"] is None else []
    result = outcome(mode, row["conclusion"], json.loads(row["facts"]), findings, day)
    values = {column: row[column] for column in CSV_COLUMNS if column not in ("conclusion", "reasons")}
    values["conclusion"] = result.conclusion if result else None
    values["reasons"] = result.reasons if result else None
    return values


def csv_text(store: Store, mode: Mode = Mode.filing, today: dt.date | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for values in export_rows(store, mode, today):
        writer.writerow(["" if values[column] is None else values[column] for column in CSV_COLUMNS])
    return buffer.getvalue()


def write_csv(store: Store, path: Path, *, overwrite: bool, mode: Mode = Mode.filing,
              today: dt.date | None = None) -> None:
    # UTF-8 with BOM: Excel and WPS on Chinese Windows otherwise open it as GBK and garble every title.
    atomic_write_text(path, csv_text(store, mode, today), overwrite=overwrite, encoding="utf-8-sig")


def xlsx_bytes(store: Store, mode: Mode = Mode.filing, today: dt.date | None = None) -> bytes:
    """One sheet, a header row frozen with filters on every column; numbers stay numbers so they sort."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    # write_only streams rows to the file, so thousands of documents never sit in memory as cells.
    book = Workbook(write_only=True)
    sheet = book.create_sheet({"filing": "备案审查", "cleanup": "清理", "review": "合法性审核"}[mode.value])
    sheet.freeze_panes = "A2"
    for index, width in enumerate(XLSX_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    count = 0
    header = []
    for title in XLSX_HEADERS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    wrap = Alignment(wrap_text=True, vertical="top")
    for values in export_rows(store, mode, today):
        cells = []
        for column in CSV_COLUMNS:
            cell = WriteOnlyCell(sheet, value=values[column])
            if column == "reasons":
                cell.alignment = wrap
            cells.append(cell)
        sheet.append(cells)
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(CSV_COLUMNS))}{count + 1}"
    book.properties.creator = "doclint"
    # Fixed timestamps: the same store gives the same workbook.
    stamp = dt.datetime(2000, 1, 1)
    book.properties.created = stamp
    book.properties.modified = stamp
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_xlsx(store: Store, path: Path, *, overwrite: bool, mode: Mode = Mode.filing,
               today: dt.date | None = None) -> None:
    atomic_write_bytes(path, xlsx_bytes(store, mode, today), overwrite=overwrite)


def jsonl_text(store: Store) -> str:
    """One JSON v1 file object per line, exactly `FileResult.model_dump(mode="json")`."""
    lines = (json.dumps(file_result(row).model_dump(mode="json"), ensure_ascii=False) for row in store.rows())
    return "".join(line + "\n" for line in lines)


def write_jsonl(store: Store, path: Path, *, overwrite: bool) -> None:
    atomic_write_text(path, jsonl_text(store), overwrite=overwrite)
