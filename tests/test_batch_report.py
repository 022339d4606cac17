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
    # Filed documents get filing-review conclusions, never 「建议不予出台」.
    assert docs["摊位.txt"]["conclusion"] == "建议撤销或者纠正"
    assert "处五百元以上二千元以下罚款" in docs["摊位.txt"]["reasons"]
    assert "建议不予出台" not in html
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
            const s = document.getElementById('filter-conclusion'); s.value = '无问题';
            s.dispatchEvent(new Event('change')); })()""")
        lawful = browser.evaluate(ROWS)
        assert str(Path("已备案") / "摊位.txt") not in lawful and str(Path("已备案") / "民宿.txt") not in lawful
        assert "conclusion=" in browser.evaluate("location.hash")

        # Sort by error count, most first, then open the worst document.
        browser.evaluate("""(() => { const s = document.getElementById('filter-conclusion'); s.value = '';
            s.dispatchEvent(new Event('change'));
            const th = document.querySelector('th[data-key=errors]'); th.click(); })()""")
        errors = browser.evaluate("[...document.querySelectorAll('#doc-table tbody tr')].map(tr => +tr.cells[6].textContent)")
        assert errors == sorted(errors, reverse=True) and errors[0] > 0
        browser.evaluate("document.querySelector('#doc-table tbody tr').click()")
        detail = browser.evaluate("document.getElementById('detail').hidden ? '' : document.getElementById('detail').innerText")
        assert "依据" in detail and ("罚款" in detail or "保证金" in detail)
        # The clause around the hit is shown, not only the matched words.
        assert "违反本通知规定占道经营的" in detail or "民宿经营者应当向市文旅局" in detail
        assert "理由：" in detail

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


# --- filing review and clean-up (issue 18 point 8) -----------------------------------------------------------

EXPIRED = ("江川市临时占道管理办法\n第一条 为规范临时占道，制定本办法。\n第二条 本办法自2019年1月1日起施行，有效期3年。\n"
           "江川市人民政府\n2018年12月1日\n")


def filed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "已备案"
    folder.mkdir()
    for name, text in {"摊位.txt": STALL, "民宿.txt": DEPOSIT, "值班.txt": CLEAN, "占道.txt": EXPIRED}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run_batch(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "doclint", "batch", *args], cwd=tmp_path, capture_output=True,
                          text=True, timeout=180)


def test_filing_review_and_cleanup_exports_speak_their_own_terms(tmp_path: Path) -> None:
    folder = filed_folder(tmp_path)
    done = run_batch(tmp_path, str(folder), "-j", "1", "--csv", "filing.csv", "--xlsx", "filing.xlsx")
    assert (tmp_path / "filing.csv").exists(), done.stderr
    import csv

    filing = {Path(row["path"]).name: row for row in csv.DictReader(
        (tmp_path / "filing.csv").read_text(encoding="utf-8-sig").splitlines())}
    assert filing["摊位.txt"]["conclusion"] == "建议撤销或者纠正" and "罚款" in filing["摊位.txt"]["reasons"]
    assert filing["值班.txt"]["conclusion"] in ("无问题", "建议制定机关修改")
    assert not any("建议不予出台" in row["conclusion"] for row in filing.values())

    # The same store, read again as a clean-up: no re-lint, the decisions with their reasons.
    again = run_batch(tmp_path, "--mode", "cleanup", "--csv", "cleanup.csv")
    assert again.returncode == 0, again.stderr
    cleanup = {Path(row["path"]).name: row for row in csv.DictReader(
        (tmp_path / "cleanup.csv").read_text(encoding="utf-8-sig").splitlines())}
    assert cleanup["占道.txt"]["conclusion"] == "宣布失效"
    assert cleanup["占道.txt"]["reasons"] == "有效期已于2021年12月31日届满"
    assert cleanup["摊位.txt"]["conclusion"] in ("修改", "废止")
    assert {row["conclusion"] for row in cleanup.values()} <= {"保留", "修改", "废止", "宣布失效"}

    # Drafts batch-reviewed keep the draft conclusions.
    drafts = run_batch(tmp_path, "--mode", "review", "--csv", "review.csv")
    assert drafts.returncode == 0, drafts.stderr
    review = {Path(row["path"]).name: row for row in csv.DictReader(
        (tmp_path / "review.csv").read_text(encoding="utf-8-sig").splitlines())}
    assert review["摊位.txt"]["conclusion"] == "不合法（建议不予出台）"

    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "filing.xlsx").active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("文件", "结论", "理由")
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:L{len(rows)}"
    by_name = {Path(str(row[0])).name: row for row in rows[1:]}
    assert by_name["摊位.txt"][1] == "建议撤销或者纠正"
    assert isinstance(by_name["摊位.txt"][3], int)  # counts stay numbers, so a clerk can sort them


def test_report_lists_a_rules_precedents_under_its_finding(tmp_path: Path) -> None:
    pack = tmp_path / "rules"
    pack.mkdir()
    (pack / "night.yaml").write_text("""rules:
  - id: PEN901
    name: penalty.night-market-fine
    category: penalty
    severity: error
    match:
      regex: '处五百元以上二千元以下罚款'
    message: 本句设定了罚款「{match}」。
    what: 设定罚款。
    why: 行政处罚法第十六条。
    basis: [{law: 中华人民共和国行政处罚法, article: 16}]
    precedents:
      - {authority: 某省司法厅, year: 2021, found: 某区通知自设罚款，已责令纠正, source: 某省司法厅备案审查通报}
    suggestion: 删除。
    examples:
      flag: [占道的处五百元以上二千元以下罚款。, 违者处五百元以上二千元以下罚款。, 逾期的处五百元以上二千元以下罚款。]
      pass: [依照道路交通安全法处罚。, 由城管部门责令改正。, 依法处理。]
""", encoding="utf-8")
    folder = filed_folder(tmp_path)
    done = run_batch(tmp_path, str(folder), "-j", "1", "--rules-dir", str(pack), "--report", "r.html")
    assert (tmp_path / "r.html").exists(), done.stderr
    docs = {Path(doc["path"]).name: doc for doc in embedded((tmp_path / "r.html").read_text(encoding="utf-8"),
                                                              "report-docs")}
    fine = next(f for f in docs["摊位.txt"]["findings"] if f["rule"] == "PEN901")
    assert fine["precedents"] == ["某省司法厅（2021年）：某区通知自设罚款，已责令纠正（来源：某省司法厅备案审查通报）"]
    # The clause around the hit comes from the file, unchanged since the run.
    assert fine["before"].endswith("违反本通知规定占道经营的，由区城管局") and fine["after"] == "。"
