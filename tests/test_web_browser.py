"""The page in a real browser: Debian's headless Chromium, driven by Playwright, against a loopback server.

Screenshots of the main views at 1366×768 go to $DOCLINT_SCREENSHOTS when set (for the issue note).
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
sync_api = pytest.importorskip("playwright.sync_api")

from tests.test_web import ARTICLES, draft_docx, make_settings  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
# As root in a container Chromium needs --no-sandbox; the rest keeps it from calling home.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"]
OFFICE_SCREEN = {"width": 1366, "height": 768}

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is not installed (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from doclint.web.app import create_app

    app = create_app(make_settings(tmp_path_factory.mktemp("web"), workers=2))
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not running.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=OFFICE_SCREEN, accept_downloads=True, locale="zh-CN")
    # Nothing may leave the machine: any request to another host fails the test.
    outside: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1")
                  or route.request.url.startswith(("blob:", "data:")) else (outside.append(route.request.url),
                                                                           route.abort()))
    tab = context.new_page()
    yield tab
    context.close()
    assert outside == []


def screenshot(page: Any, name: str) -> None:
    folder = os.environ.get("DOCLINT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def upload(page: Any, tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    page.set_input_files("#files", str(path))


def test_clerk_uploads_a_draft_and_sees_findings_on_their_clauses(server: str, page: Any, tmp_path: Path) -> None:
    page.goto(server + "/")
    assert "把草案拖到这里" in page.inner_text("#drop")
    screenshot(page, "1-upload")
    upload(page, tmp_path, "共享单车停放管理办法.docx", draft_docx())
    page.wait_for_selector("#result:not([hidden])", timeout=60_000)
    assert page.inner_text("#draft-title") == ARTICLES[0]
    mark = page.locator("mark", has_text="备案登记卡")
    assert mark.count() == 1
    assert "error" in (mark.get_attribute("class") or "")
    card = page.locator(".card", has=page.locator(".rule", has_text="OBL901"))
    assert card.count() == 1
    assert "要求办理「备案登记卡」" in card.inner_text()
    assert "删除办理备案登记卡的要求。" in card.inner_text()
    # The card sits under its article's heading.
    heading = card.locator("xpath=preceding-sibling::h2[1]")
    assert heading.inner_text() == "第三条"
    screenshot(page, "2-findings")
    mark.click()
    assert "focus" in (card.get_attribute("class") or "")
    # Filtering out errors hides the card and takes the colour off its words.
    page.uncheck("#filters input[value=error]")
    assert card.is_hidden()
    assert mark.get_attribute("class") == "hidden"
    page.check("#filters input[value=error]")
    assert card.is_visible()
    # Filtering by category works the same way.
    page.uncheck("#filters input[name=category][value=obligation]")
    assert card.is_hidden()
    page.check("#filters input[name=category][value=obligation]")
    # Only warnings and infos, with one statute's text opened: the view a reviewer reads procedure points in.
    page.uncheck("#filters input[value=error]")
    quotes = page.locator(".card:visible details.quote summary")
    if quotes.count():
        quotes.first.click()
    screenshot(page, "3-filtered")


def test_clerk_downloads_the_annotated_copy_and_the_memo(server: str, page: Any, tmp_path: Path) -> None:
    import docx

    page.goto(server + "/")
    upload(page, tmp_path, "共享单车停放管理办法.docx", draft_docx())
    page.wait_for_selector("#result:not([hidden])", timeout=60_000)
    saved: dict[str, Path] = {}
    for kind in ("annotated", "memo-docx", "memo-html"):
        with page.expect_download() as info:
            page.click(f"#downloads a[data-kind={kind}]")
        download = info.value
        target = tmp_path / "downloads" / download.suggested_filename
        download.save_as(str(target))
        saved[kind] = target
    assert saved["annotated"].name == "共享单车停放管理办法-批注稿.docx"
    annotated = docx.Document(str(saved["annotated"]))
    assert any("OBL901" in comment.text for comment in annotated.comments)
    assert [p.text for p in annotated.paragraphs] == ARTICLES  # the draft itself is unchanged
    memo = docx.Document(str(saved["memo-docx"]))
    memo_text = "\n".join(p.text for p in memo.paragraphs)
    assert "合法性审核意见" in memo_text and "备案登记卡" in memo_text
    assert "<html" in saved["memo-html"].read_text(encoding="utf-8").lower()


def test_hostile_file_gets_a_clear_error_on_the_page(server: str, page: Any, tmp_path: Path) -> None:
    page.goto(server + "/")
    bomb = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
        archive.writestr("[Content_Types].xml", b"<Types/>")
    upload(page, tmp_path, "可疑草案.docx", bomb.getvalue())
    alert = page.wait_for_selector(".error-box[role=alert]", timeout=60_000)
    message = alert.inner_text()
    assert message.startswith("可疑草案.docx")
    assert page.locator("#result").is_hidden()
    screenshot(page, "4-error")
    # The page is still usable: the next upload is answered.
    upload(page, tmp_path, "送审稿.docx", draft_docx())
    page.wait_for_selector("#result:not([hidden])", timeout=60_000)


def test_rule_catalogue_page_filters_rules(server: str, page: Any) -> None:
    page.goto(server + "/rules")
    assert page.locator("#catalogue h3").count() > 10
    screenshot(page, "5-rules")
    page.fill("#rule-search", "OBL901")
    visible = page.locator("#catalogue h3:visible")
    assert visible.count() == 1
    assert visible.inner_text().startswith("OBL901")


def test_reviewer_uploads_a_package_of_several_files(server: str, page: Any, tmp_path: Path) -> None:
    draft = tmp_path / "送审稿.docx"
    draft.write_bytes(draft_docx())
    explanation = tmp_path / "起草说明.txt"
    explanation.write_text("关于本办法的起草说明\n一、必要性\n城区共享单车需要规范停放。", encoding="utf-8")
    page.goto(server + "/")
    page.set_input_files("#files", [str(draft), str(explanation)])
    page.wait_for_selector("#result:not([hidden])", timeout=60_000)
    materials = page.inner_text("#materials")
    assert "送审稿（送审稿.docx）" in materials and "起草说明（起草说明.txt）" in materials
    assert "未见材料" in materials and "起草说明、" not in materials.split("未见材料")[1]
    screenshot(page, "6-package")
