"""`doclint serve` through its HTTP interface: uploads, the answer the page renders, limits, access control."""

from __future__ import annotations

import base64
import io
import os
import tempfile
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("starlette.testclient")

from starlette.testclient import TestClient

from doclint.config import Config
from doclint.web.app import WebSettings, create_app
from doclint.web.uploads import safe_name

# The office's own rule, so the tests do not hang on which findings the shipped legality packs give.
OFFICE_RULE = """rules:
  - id: OBL901
    name: obligation.registration-card
    category: obligation
    severity: error
    what: 要求经营者另行办理登记卡。
    why: 本单位审查口径：不得另设登记卡。
    match: {terms: [备案登记卡]}
    message: 要求办理「{match}」，增加了经营者的义务。
    suggestion: 删除办理备案登记卡的要求。
    examples:
      flag: [经营者应当办理备案登记卡。]
      pass: [经营者应当遵守本办法。]
"""
ARTICLES = [
    "溪南县共享单车停放管理办法（征求意见稿）",
    "第一条 为规范共享单车停放秩序，便利群众出行，制定本办法。",
    "第二条 本县城区范围内共享单车的投放和停放适用本办法。",
    "第三条 运营企业投放车辆前，应当向县交通运输局申领备案登记卡。",
    "第四条 本办法自2027年3月1日起施行。",
]


def office_rules(folder: Path) -> Path:
    pack = folder / "office-rules"
    pack.mkdir(exist_ok=True)
    (pack / "office.yaml").write_text(OFFICE_RULE, encoding="utf-8")
    return pack


def draft_docx(paragraphs: list[str] = ARTICLES) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_settings(tmp_path: Path, **overrides: Any) -> WebSettings:
    config = Config(rule_dirs=[str(office_rules(tmp_path))])
    values: dict[str, Any] = {"config": config, "workers": 1, "timeout": 60.0}
    values.update(overrides)
    return WebSettings(**values)


@pytest.fixture(scope="module")
def private_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Where the server's temporary upload folders go, so a test can see that they are removed."""
    folder = tmp_path_factory.mktemp("server-tmp")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tempfile, "tempdir", str(folder))
        yield folder


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, private_tmp: Path) -> Iterator[TestClient]:
    """One server for the tests that need no settings of their own (its workers take a second to start)."""
    with TestClient(create_app(make_settings(tmp_path_factory.mktemp("web")))) as test_client:
        yield test_client


def review(client: TestClient, *files: tuple[str, bytes]) -> Any:
    return client.post("/api/review", files=[("files", (name, data)) for name, data in files])


def test_uploaded_docx_shows_each_finding_on_its_article_with_downloads(client: TestClient, private_tmp: Path) -> None:
    response = review(client, ("共享单车停放管理办法.docx", draft_docx()))
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["draft"]["name"] == "共享单车停放管理办法.docx"
    ours = [f for f in answer["findings"] if f["rule"] == "OBL901"]
    assert len(ours) == 1
    finding = ours[0]
    assert finding["excerpt"] == "备案登记卡"
    assert finding["location"].startswith("第三条")
    assert finding["suggestion"] == "删除办理备案登记卡的要求。"
    # 「判断过程」: the clause reading of the finding's sentence (doclint explain).
    assert "情态" in finding["explain"] and "依据" in finding["explain"]
    # The sections are the draft's text, cut by article; the highlighted pieces spell the finding's words.
    sections = answer["sections"]
    text = "".join(piece["text"] for section in sections for piece in section["pieces"])
    assert text == "\n".join(ARTICLES)
    third = next(s for s in sections if s["label"] == "第三条")
    assert finding["id"] in third["findings"]
    marked = "".join(p["text"] for p in third["pieces"] if finding["id"] in p["ids"])
    assert marked == "备案登记卡"
    # Every finding the page lists sits in exactly one group: one article, or the whole-document group.
    grouped = [i for s in sections for i in s["findings"]]
    document_level = [f["id"] for f in answer["findings"] if f["document_level"]]
    assert sorted(grouped + document_level) == [f["id"] for f in answer["findings"]]
    kinds = {d["kind"]: d for d in answer["downloads"]}
    assert set(kinds) == {"annotated", "memo-docx", "memo-md", "memo-html"}
    import docx

    annotated = docx.Document(io.BytesIO(base64.b64decode(kinds["annotated"]["data"])))
    comments = [c.text for c in annotated.comments]
    assert any("OBL901" in c for c in comments)
    # The memo is laid out on request, from the content the answer carries.
    word = client.post("/api/memo/docx", json=answer["memo"])
    assert word.status_code == 200
    memo = docx.Document(io.BytesIO(word.content))
    memo_text = "\n".join(p.text for p in memo.paragraphs)
    assert "合法性审核意见" in memo_text and "备案登记卡" in memo_text
    assert "备案登记卡" in client.post("/api/memo/md", json=answer["memo"]).text
    assert "<html" in client.post("/api/memo/html", json=answer["memo"]).text.lower()
    assert kinds["memo-docx"]["name"] == "共享单车停放管理办法-合法性审核意见书.docx"
    assert list(private_tmp.iterdir()) == []  # the upload was deleted with the response


def test_basis_carries_the_quoted_article_text(client: TestClient) -> None:
    answer = review(client, ("办法.docx", draft_docx())).json()
    quoted = [b for f in answer["findings"] for b in f["basis"] if b["text"]]
    # Procedure findings on a lone draft cite statutes the project ships; the quote is that statute's text.
    assert quoted, "expected at least one basis with its article text"
    assert all(b["label"].startswith("《") or "〔" in b["label"] for b in quoted)


def test_zipped_package_is_reviewed_as_a_whole(client: TestClient) -> None:
    explanation = "关于《溪南县共享单车停放管理办法》的起草说明\n一、起草背景\n城区共享单车乱停放问题突出。"
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as package:
        package.writestr("送审材料/送审稿.txt", "\n".join(ARTICLES))
        package.writestr("送审材料/起草说明.txt", explanation)
        package.writestr("__MACOSX/._送审稿.txt", b"\x00\x05")
    answer = review(client, ("送审材料.zip", archive.getvalue())).json()
    roles = {m["name"]: m["role"] for m in answer["materials"]}
    assert roles == {"送审稿.txt": "draft", "起草说明.txt": "drafting_explanation"}
    assert "起草说明" not in answer["missing"]
    assert answer["draft"]["name"] == "送审稿.txt"
    # A .txt draft has no Word copy to annotate; the memo is still offered.
    assert {d["kind"] for d in answer["downloads"]} == {"memo-docx", "memo-md", "memo-html"}


def test_package_sidecar_names_its_files_as_uploaded(client: TestClient) -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as package:
        package.writestr("材料/送审稿.txt", "\n".join(ARTICLES))
        package.writestr("材料/附件3.txt", "公平竞争审查表\n审查结论：不含排除、限制竞争的内容。")
        package.writestr("材料/doclint.yaml", "roles:\n  附件3.txt: fair_competition\n")
    response = review(client, ("材料.zip", archive.getvalue()))
    assert response.status_code == 200, response.text
    roles = {m["name"]: m["role"] for m in response.json()["materials"]}
    assert roles == {"送审稿.txt": "draft", "附件3.txt": "fair_competition"}  # the sidecar is no material


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_zip_names_without_the_utf8_flag_are_read(client: TestClient, encoding: str) -> None:
    # Linux zip writes UTF-8 names, Chinese Windows GBK ones, both without the flag that says which.
    names = {"送审稿.txt": "\n".join(ARTICLES), "起草说明.txt": "关于本办法的起草说明\n一、必要性\n需要规范。"}
    placeholders = {name: f"{index}".ljust(len(name.encode(encoding)), "x") for index, name in enumerate(names)}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, text in names.items():
            package.writestr(placeholders[name], text)
    data = buffer.getvalue()
    for name, placeholder in placeholders.items():
        data = data.replace(placeholder.encode("ascii"), name.encode(encoding))
    answer = review(client, ("材料.zip", data)).json()
    assert {m["name"]: m["role"] for m in answer["materials"]} == {"送审稿.txt": "draft",
                                                                   "起草说明.txt": "drafting_explanation"}


def test_several_files_make_one_package(client: TestClient) -> None:
    answer = review(client, ("送审稿.docx", draft_docx()),
                    ("起草说明.txt", "关于本办法的起草说明\n一、必要性\n需要规范停放。".encode())).json()
    assert {m["role"] for m in answer["materials"]} == {"draft", "drafting_explanation"}
    assert answer["package"] == "上传的送审材料"


@pytest.mark.parametrize("client_name", ["../../etc/passwd.txt", "C:\\Windows\\system32\\起草说明.txt",
                                         "/abs/path/送审稿.txt", "..", "a\x00b.txt"])
def test_file_names_never_become_paths(client_name: str) -> None:
    name = safe_name(client_name, set())
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert not name.startswith(".") and name not in ("", "..")
    assert Path(name).name == name


def test_two_uploads_with_one_name_are_both_kept() -> None:
    taken: set[str] = set()
    assert [safe_name("说明.txt", taken), safe_name("材料/说明.TXT", taken)] == ["说明.txt", "说明-2.txt"]


def test_hostile_name_is_saved_inside_the_private_folder(client: TestClient, private_tmp: Path,
                                                         tmp_path: Path) -> None:
    answer = review(client, ("../../../逃逸.txt", "\n".join(ARTICLES).encode())).json()
    assert answer["draft"]["name"] == "逃逸.txt"
    assert not (tmp_path / "逃逸.txt").exists() and not (private_tmp / "逃逸.txt").exists()
    assert list(private_tmp.iterdir()) == []


def test_damaged_docx_gets_a_clear_error_naming_the_file(client: TestClient) -> None:
    response = review(client, ("损坏的草案.docx", b"PK\x03\x04 this is not really a zip"))
    assert response.status_code == 422
    error = response.json()["error"]
    assert error.startswith("损坏的草案.docx: ")
    assert "server-tmp" not in error and "doclint-web" not in error  # the private copy's path never shows


def test_zip_bomb_member_is_refused(client: TestClient) -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("送审稿.txt", b"\x00" * (60 * 1024 * 1024))
    response = review(client, ("炸弹.zip", archive.getvalue()))
    assert response.status_code == 422
    assert "炸弹.zip" in response.json()["error"]


def test_unsupported_file_type_is_refused(client: TestClient) -> None:
    response = review(client, ("草案.exe", b"MZ\x90\x00"))
    assert response.status_code == 422
    assert "草案.exe" in response.json()["error"] and "不支持" in response.json()["error"]


def test_upload_above_the_limit_is_refused_before_it_is_read(tmp_path: Path, private_tmp: Path) -> None:
    with TestClient(create_app(make_settings(tmp_path, max_upload=64 * 1024))) as small:
        response = review(small, ("大文件.txt", "第一条 内容。\n".encode() * 20_000))
    assert response.status_code == 413
    assert "上限" in response.json()["error"]
    assert list(private_tmp.iterdir()) == []


def test_slow_file_is_stopped_and_other_users_still_answered(tmp_path: Path, private_tmp: Path) -> None:
    # A draft this long takes the pipeline well over a second; the limit stops it and replaces its worker.
    slow = ("第一条 运营企业应当按照要求办理相关手续，经营者应当遵守有关规定并报送材料。\n" * 60_000).encode()
    quick = "\n".join(ARTICLES).encode()
    settings = make_settings(tmp_path, timeout=5.0, workers=2)
    answers: dict[str, Any] = {}
    with TestClient(create_app(settings)) as server:
        def upload(label: str, name: str, data: bytes) -> None:
            answers[label] = review(server, (name, data))

        slow_user = threading.Thread(target=upload, args=("slow", "超长草案.txt", slow))
        slow_user.start()
        upload("quick", "送审稿.txt", quick)
        slow_user.join(timeout=120)
        after = review(server, ("送审稿.txt", quick))
        replaced = server.app.state.pool.replaced  # type: ignore[attr-defined]
    assert answers["quick"].status_code == 200
    assert answers["slow"].status_code == 422
    assert "超过" in answers["slow"].json()["error"]
    assert after.status_code == 200  # the killed worker was replaced
    assert replaced == 1


def test_pages_load_nothing_from_outside(client: TestClient) -> None:
    import re

    for path in ("/", "/rules", "/help"):
        response = client.get(path)
        assert response.status_code == 200
        assert "default-src 'self'" in response.headers["content-security-policy"]
        for link in re.findall(r'(?:src|href)="([^"]*)"', response.text):
            assert link.startswith(("/", "#")), f"{path} links outside: {link}"
    static = Path(__file__).resolve().parent.parent / "doclint" / "web" / "static"
    for asset in static.iterdir():
        assert not re.search(r"https?://|@import|url\(", asset.read_text(encoding="utf-8")), asset.name


def test_rule_catalogue_page_has_every_rule(client: TestClient) -> None:
    from doclint.engine.ruleset import load_rules

    page = client.get("/rules").text
    ruleset = load_rules((str(office_rules(Path(tempfile.mkdtemp()))),))
    for compiled in ruleset.rules:
        assert f'id="{compiled.rule.id.lower()}"' in page, compiled.rule.id
    assert "检查什么" in page and "应当怎么写" in page
    assert "要求经营者另行办理登记卡。" in page  # the office's own pack is documented too


def test_token_guards_every_page_but_login(tmp_path: Path, private_tmp: Path) -> None:
    with TestClient(create_app(make_settings(tmp_path, token="青禾-2027-内网"))) as guarded:
        assert guarded.get("/", follow_redirects=False).headers["location"] == "/login"
        assert review(guarded, ("a.txt", b"x")).status_code == 401
        assert guarded.post("/login", data={"token": "猜的"}).status_code == 401
        assert guarded.get("/help").status_code == 200  # the deployment notes stay readable
        welcome = guarded.post("/login", data={"token": "青禾-2027-内网"}, follow_redirects=False)
        assert welcome.status_code == 303
        cookie = welcome.headers["set-cookie"]
        assert "青禾" not in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
        assert guarded.get("/").status_code == 200
        assert review(guarded, ("送审稿.txt", "\n".join(ARTICLES).encode())).status_code == 200


def test_bearer_token_works_for_scripts(tmp_path: Path, private_tmp: Path) -> None:
    with TestClient(create_app(make_settings(tmp_path, token="s3cret-token"))) as guarded:
        guarded.cookies.clear()
        response = guarded.post("/api/review", headers={"Authorization": "Bearer s3cret-token"},
                                files=[("files", ("送审稿.txt", "\n".join(ARTICLES).encode()))])
        assert response.status_code == 200


def test_serving_beyond_loopback_needs_a_token(runner: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from doclint.cli import app

    monkeypatch.delenv("DOCLINT_WEB_TOKEN", raising=False)
    result = runner.invoke(app, ["serve", "--host", "0.0.0.0", "--port", "8999"])
    assert result.exit_code == 2
    assert "访问口令" in result.output and "HTTPS" in result.output


def test_loopback_server_answers_only_its_own_host_names(tmp_path: Path, private_tmp: Path) -> None:
    settings = make_settings(tmp_path, allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(create_app(settings), base_url="http://127.0.0.1:8000") as server:
        assert server.get("/").status_code == 200
        assert server.get("/", headers={"Host": "rebound.example.com"}).status_code == 400


def test_help_page_explains_the_https_proxy(client: TestClient) -> None:
    page = client.get("/help").text
    assert "proxy_pass http://127.0.0.1:8000" in page
    assert "X-Forwarded-Proto" in page and "DOCLINT_WEB_TOKEN" in page


def test_memo_from_damaged_content_is_a_clear_error(client: TestClient) -> None:
    response = client.post("/api/memo/docx", json={"title": "只有标题"})
    assert response.status_code == 422
    assert "意见书无法生成" in response.json()["error"]
    assert client.post("/api/memo/exe", json={}).status_code == 404
    assert client.post("/api/memo/docx", content=b"not json").status_code == 400


def test_no_upload_is_a_clear_error(client: TestClient) -> None:
    response = client.post("/api/review", files=[("other", ("a.txt", b"x"))])
    assert response.status_code == 422
    assert "没有收到文件" in response.json()["error"]




def test_doclint_serve_answers_on_loopback_and_stops_cleanly(tmp_path: Path) -> None:
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "doclint", "serve", "--port", str(port), "--workers", "1"],
                              cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    page = response.read().decode("utf-8")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
                assert time.monotonic() < deadline, "doclint serve did not answer"
                time.sleep(0.3)
        assert "把草案拖到这里" in page
    finally:
        server.terminate()
        out, err = server.communicate(timeout=60)
    assert f"http://127.0.0.1:{port}/" in out.decode("utf-8")
    assert "Traceback" not in err.decode("utf-8")


def test_a_legacy_word_doc_is_converted_and_reviewed(client: TestClient, private_tmp: Path) -> None:
    """.doc (and .wps) go through LibreOffice, as `doclint check` reads them; .ci/run installs it."""
    legacy = Path(__file__).parent / "fixtures" / "readers" / "lo_features.doc"
    response = review(client, ("旧版草案.doc", legacy.read_bytes()))
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["draft"]["name"] == "旧版草案.doc"
    text = "".join(piece["text"] for section in answer["sections"] for piece in section["pieces"])
    assert text.strip()
