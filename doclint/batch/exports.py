"""CSV and JSON Lines exports, read from the store (never from a re-lint)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from doclint.atomic import atomic_write_text
from doclint.batch.store import Store, file_result

CSV_COLUMNS = ("path", "conclusion", "errors", "warnings", "infos", "doc_type", "title", "issuer", "doc_number",
               "error", "content_hash")


def csv_text(store: Store) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in store.rows():
        writer.writerow(["" if row[column] is None else row[column] for column in CSV_COLUMNS])
    return buffer.getvalue()


def write_csv(store: Store, path: Path, *, overwrite: bool) -> None:
    # UTF-8 with BOM: Excel and WPS on Chinese Windows otherwise open it as GBK and garble every title.
    atomic_write_text(path, csv_text(store), overwrite=overwrite, encoding="utf-8-sig")


def jsonl_text(store: Store) -> str:
    """One JSON v1 file object per line, exactly `FileResult.model_dump(mode="json")`."""
    lines = (json.dumps(file_result(row).model_dump(mode="json"), ensure_ascii=False) for row in store.rows())
    return "".join(line + "\n" for line in lines)


def write_jsonl(store: Store, path: Path, *, overwrite: bool) -> None:
    atomic_write_text(path, jsonl_text(store), overwrite=overwrite)
