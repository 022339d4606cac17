"""The offline HTML report: self-contained, safe against hostile titles, and working in a real browser."""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from doclint.batch.report import CHARTJS_VERSION, TEMPLATES, render_report
from doclint.batch.store import Store
from doclint.batch.worker import row_from_result
from doclint.lint import lint_text

STALL = "关于规范夜市摊位经营的通知\n一、违反本通知规定占道经营的，由区城管局处五百元以上二千元以下罚款。\n二、各街道办事处应当加强巡查。\n"
DEPOSIT = "江川市民宿经营管理办法\n第一条 民宿经营者应当向市文旅局缴纳履约保证金五万元。\n第二条 本办法自发布之日起施行。\n"
CLEAN = "关于做好汛期值班工作的通知\n一、各单位应当安排专人值班，保持通讯畅通。\n二、遇有险情及时报告。\n"
HOSTILE_TITLE = "关于</script><script>window.pwned=1</script><!--的通知"


def build_store(db: Path) -> Store:
    """A store filled through the same path the batch takes (lint → row → put), without spawning workers."""
    store = Store.open(db)
    drafts = {"摊位.txt": STALL, "民宿.txt": DEPOSIT, "值班.txt": CLEAN}
    for name, text in drafts.items():
        store.put(row_from_result(lint_text(text, name), "hash-" + name, len(text), 0), "rules", "config")
    hostile = lint_text(CLEAN, "恶意标题.txt")
    hostile.facts.title = HOSTILE_TITLE
    store.put(row_from_result(hostile, "hash-hostile", 1, 0), "rules", "config")
    broken = lint_text("", "坏.docx")
    broken.error = "坏.docx: 不是有效的 .docx"
    store.put(row_from_result(broken, None, 1, 0), "rules", "config")
    return store


def embedded(html: str, element_id: str) -> Any:
    match = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html, re.S)
    assert match, element_id
    return json.loads(match.group(1))


def test_report_is_one_offline_file_with_totals_and_drill_down(tmp_path: Path) -> None:
    with build_store(tmp_path / "s.sqlite") as store:
        html = render_report(store)
    # Nothing fetched from anywhere: no external script, stylesheet, font or image.
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "<link" not in html and "@import" not in html
    assert f"Chart.js v{CHARTJS_VERSION}" in html and "Released under the MIT License" in html
    assert "文件总数<b>5</b>" in html and "无法检查<b style=\"color: var(--grey)\">1</b>" in html
    docs = {doc["path"]: doc for doc in embedded(html, "report-docs")}
    assert set(docs) == {"摊位.txt", "民宿.txt", "值班.txt", "恶意标题.txt", "坏.docx"}
    fine = next(f for f in docs["摊位.txt"]["findings"] if f["category"] == "penalty")
    assert fine["excerpt"] in STALL and any("行政处罚法" in b for b in fine["basis"])
    assert docs["摊位.txt"]["conclusion"] == "不合法（建议不予出台）"
    data = embedded(html, "report-data")
    assert "penalty" in data["by_category"]["keys"]
    assert sum(data["by_conclusion"]["counts"]) == 5


def test_a_title_cannot_break_out_of_the_embedded_data(tmp_path: Path) -> None:
    with build_store(tmp_path / "s.sqlite") as store:
        html = render_report(store)
    template = (TEMPLATES / "report.html.j2").read_text(encoding="utf-8")
    assert html.count("</script>") == template.count("</script>")
    assert "window.pwned" not in html.replace("window.pwned=1", "")  # present only inside escaped JSON
    titles = {doc["title"] for doc in embedded(html, "report-docs")}
    assert HOSTILE_TITLE in titles  # the JSON still carries it intact


def test_vendored_chart_library_keeps_its_licence() -> None:
    vendor = TEMPLATES / "vendor"
    script = (vendor / "chart.umd.min.js").read_text(encoding="utf-8")
    assert script.startswith(f"/*!\n * Chart.js v{CHARTJS_VERSION}")
    assert "MIT" in (vendor / "chart.js.LICENSE.md").read_text(encoding="utf-8")
    assert CHARTJS_VERSION in (vendor / "README.md").read_text(encoding="utf-8")


# --- in a real browser -------------------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


class DevTools:
    """A minimal Chrome DevTools Protocol client over --remote-debugging-pipe (fds 3 and 4; POSIX only)."""

    def __init__(self, profile: Path) -> None:
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def wire() -> None:  # the browser reads commands on fd 3 and writes replies on fd 4
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        assert CHROMIUM
        self.process = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}",
             "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire, pass_fds=(3, 4), start_new_session=True,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict[str, Any]] = []
        self.session: str | None = None

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            remaining = deadline - time.monotonic()
            assert remaining > 0, "Chromium did not answer in time"
            ready, _, _ = select.select([self.from_browser], [], [], remaining)
            if ready:
                chunk = os.read(self.from_browser, 1 << 16)
                assert chunk, "Chromium closed the DevTools pipe"
                self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return dict(json.loads(message))

    def call(self, method: str, params: dict[str, Any] | None = None, *, browser: bool = False) -> dict[str, Any]:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if not browser and self.session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + 30
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self.next_id:
                assert "error" not in reply, reply
                return dict(reply.get("result", {}))
            self.events.append(reply)

    def wait_for(self, method: str) -> None:
        deadline = time.monotonic() + 30
        while not any(e.get("method") == method for e in self.events):
            self.events.append(self._read(deadline))

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")

    def close(self) -> None:
        try:
            self.call("Browser.close", browser=True)
            self.process.wait(10)
        except (AssertionError, OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self.process.poll() is None:
                os.killpg(self.process.pid, 9)
                self.process.wait()
            os.close(self.to_browser)
            os.close(self.from_browser)


ROWS = "[...document.querySelectorAll('#doc-table tbody tr')].map(tr => tr.cells[0].textContent)"


@pytest.mark.skipif(CHROMIUM is None or sys.platform == "win32", reason="needs Chromium (apt-get install chromium)")
def test_report_in_headless_chromium_filters_sorts_and_drills_down(tmp_path: Path) -> None:
    folder = tmp_path / "已备案"
    folder.mkdir()
    for name, text in {"摊位.txt": STALL, "民宿.txt": DEPOSIT, "值班.txt": CLEAN}.items():
        (folder / name).write_text(text, encoding="utf-8")
    report = tmp_path / "报告.html"
    done = subprocess.run([sys.executable, "-m", "doclint", "batch", "已备案", "-j", "1", "--report", str(report)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert report.exists(), done.stderr

    browser = DevTools(tmp_path / "profile")
    try:
        target = browser.call("Target.createTarget", {"url": "about:blank"}, browser=True)["targetId"]
        browser.session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True},
                                       browser=True)["sessionId"]
        for domain in ("Runtime", "Log", "Page", "Network"):
            browser.call(f"{domain}.enable")
        # The filter arrives in the URL fragment, which the page's own script reads on load.
        browser.call("Page.navigate", {"url": report.as_uri() + "#q=" + "摊位"})
        browser.wait_for("Page.loadEventFired")

        assert browser.evaluate(ROWS) == [str(Path("已备案") / "摊位.txt")]
        assert "筛选结果 1 / 共 3" in browser.evaluate("document.getElementById('match-count').textContent")

        # Filter through the controls as a reviewer would; the fragment follows, so the view can be shared.
        browser.evaluate("""(() => { const q = document.getElementById('filter-q'); q.value = '';
            q.dispatchEvent(new Event('input'));
            const s = document.getElementById('filter-conclusion'); s.value = '合法';
            s.dispatchEvent(new Event('change')); })()""")
        lawful = browser.evaluate(ROWS)
        assert str(Path("已备案") / "摊位.txt") not in lawful and str(Path("已备案") / "民宿.txt") not in lawful
        assert "conclusion=" in browser.evaluate("location.hash")

        # Sort by error count, most first, then open the worst document.
        browser.evaluate("""(() => { const s = document.getElementById('filter-conclusion'); s.value = '';
            s.dispatchEvent(new Event('change'));
            const th = document.querySelector('th[data-key=errors]'); th.click(); })()""")
        errors = browser.evaluate("[...document.querySelectorAll('#doc-table tbody tr')].map(tr => +tr.cells[5].textContent)")
        assert errors == sorted(errors, reverse=True) and errors[0] > 0
        browser.evaluate("document.querySelector('#doc-table tbody tr').click()")
        detail = browser.evaluate("document.getElementById('detail').hidden ? '' : document.getElementById('detail').innerText")
        assert "依据" in detail and ("罚款" in detail or "保证金" in detail)

        assert browser.evaluate("['chart-category','chart-issuer','chart-doctype','chart-conclusion']"
                                ".every(id => Chart.getChart(id) !== undefined)")
        assert browser.evaluate("typeof window.pwned") == "undefined"
    finally:
        browser.close()

    problems = [e for e in browser.events if e.get("method") == "Runtime.exceptionThrown"
                or (e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "assert"))
                or (e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")]
    assert problems == []
    requested = [e["params"]["request"]["url"] for e in browser.events if e.get("method") == "Network.requestWillBeSent"]
    assert requested and all(url.startswith("file://") for url in requested)  # offline: nothing but the file
