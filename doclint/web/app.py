"""The Starlette application behind `doclint serve`: pages, the review endpoint, upload limits and access control."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import re
import shutil
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

import anyio.to_thread
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from doclint import __version__
from doclint.config import Config
from doclint.errors import DoclintError
from doclint.review.sidecar import SIDECAR_NAME
from doclint.web.analysis import MEMO_KINDS, Job, MemoJob
from doclint.web.pool import AnalysisPool
from doclint.web.uploads import DOCUMENT_SUFFIXES, MAX_FILES, Upload, expand, save

STATIC = Path(__file__).parent / "static"
COOKIE = "doclint_session"
# The browser talks only to this server: no CDN, no outside font or script, nothing framed elsewhere.
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; "
                               "script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                               "frame-ancestors 'none'; form-action 'self'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


@dataclass
class WebSettings:
    """How the operator started the server."""

    config: Config = field(default_factory=Config)
    token: str | None = None  # required when the server listens beyond loopback
    workers: int = 2
    timeout: float = 60.0  # seconds per uploaded file, the limit after which its worker is killed
    max_upload: int = 100 * 1024 * 1024  # one request, all files together
    memo_date: Any = None  # a fixed date for reproducible memos (tests); today otherwise
    # Host headers answered; None answers any. A loopback server answers only its own names, so a web page
    # the clerk visits cannot rebind its domain to 127.0.0.1 and read this server's answers (DNS rebinding).
    allowed_hosts: list[str] | None = None

    @cached_property
    def session_value(self) -> str:
        """What the session cookie holds: derived from the token, so the token itself never sits in a cookie."""
        return hmac.new((self.token or "").encode(), b"doclint-web-session", hashlib.sha256).hexdigest()


class TooLarge(Exception):
    """The request body passed the upload limit while it was being received."""


class UploadLimit:
    """Refuses a request body above the limit: by its Content-Length at once, or while the bytes arrive."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await too_large(self.limit)(scope, receive, send)
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise TooLarge
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except TooLarge:
            if not started:
                await too_large(self.limit)(scope, receive, send)


def too_large(limit: int) -> Response:
    return JSONResponse({"error": f"上传内容超过 {limit // (1024 * 1024)} MB 上限，请分批上传或联系管理员调整"},
                        status_code=413)


class Access:
    """With a token set, every page but the login form and the style sheet needs the session cookie or the
    token as a Bearer header (for scripts)."""

    OPEN = ("/login", "/static/", "/help")

    def __init__(self, app: ASGIApp, settings: WebSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.settings.token or scope["path"].startswith(self.OPEN):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        bearer = request.headers.get("authorization", "")
        if hmac.compare_digest(request.cookies.get(COOKIE, ""), self.settings.session_value) or (
                bearer.startswith("Bearer ") and hmac.compare_digest(bearer[7:].encode(),
                                                                      self.settings.token.encode())):
            await self.app(scope, receive, send)
            return
        response: Response
        if scope["path"].startswith("/api/"):
            response = JSONResponse({"error": "需要登录：请先在页面上输入访问口令"}, status_code=401)
        else:
            response = RedirectResponse("/login", status_code=303)
        await response(scope, receive, send)


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def templates() -> Environment:
    return Environment(loader=PackageLoader("doclint.web", "templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True))


def catalogue_html(rule_dirs: list[str]) -> tuple[str, int]:
    """`doclint rules docs`, rendered to HTML (the same Markdown, so page and docs/rules.md never differ)."""
    from markdown_it import MarkdownIt

    from doclint.engine.ruleset import load_rules
    from doclint.report.catalogue import render_catalogue

    ruleset = load_rules(tuple(rule_dirs))
    markdown = MarkdownIt("commonmark", {"html": False}).enable("table")
    html = markdown.render(render_catalogue(ruleset))
    # The overview table links to #pen001; give each rule's heading that id.
    html = re.sub(r"<h3>([A-Z]{3}\d{3}) ", lambda m: f'<h3 id="{m.group(1).lower()}">{m.group(1)} ', html)
    return html, len(ruleset.rules)


def display_name(client_name: str) -> str:
    return PureWindowsPath(PurePosixPath(client_name).name).name or "未命名文件"


def create_app(settings: WebSettings) -> Starlette:
    """The application; its worker pool starts with the server and stops with it."""
    env = templates()
    pool = AnalysisPool(settings.workers, tuple(settings.config.rule_dirs))
    rules_html, rule_count = catalogue_html(settings.config.rule_dirs)
    page_context = {"version": __version__, "suffixes": " ".join((*DOCUMENT_SUFFIXES, ".zip")),
                    "max_upload_mb": settings.max_upload // (1024 * 1024), "protected": bool(settings.token)}

    def page(name: str, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**page_context, **context))

    async def index(request: Request) -> Response:
        return page("index.html")

    async def rules(request: Request) -> Response:
        return page("rules.html", catalogue=rules_html, rule_count=rule_count)

    async def help_page(request: Request) -> Response:
        return page("help.html")

    async def login(request: Request) -> Response:
        if request.method == "GET":
            return page("login.html", failed=False)
        form = await request.form(max_files=0, max_fields=5, max_part_size=4096)
        given = str(form.get("token", ""))
        if settings.token and hmac.compare_digest(given.encode(), settings.token.encode()):
            welcome = RedirectResponse("/", status_code=303)
            # uvicorn sets the scheme from X-Forwarded-Proto only for a proxy on 127.0.0.1.
            secure = request.url.scheme == "https"
            welcome.set_cookie(COOKIE, settings.session_value, httponly=True, samesite="strict", secure=secure)
            return welcome
        refused = page("login.html", failed=True)
        refused.status_code = 401
        return refused

    def prepare(uploads: list[Upload], folder: Path) -> Job:
        config = settings.config
        files = expand(uploads, config.max_bytes, settings.max_upload)
        saved = list(zip(save(files, folder, config.max_bytes), files, strict=True))
        documents = [(path, upload) for path, upload in saved if path.name != SIDECAR_NAME]
        return Job(paths=tuple(str(path) for path, _ in documents),
                   display=tuple(display_name(upload.name) for _, upload in documents), config=config,
                   memo_date=settings.memo_date,
                   folder=str(folder) if len(documents) < len(saved) else None)

    async def review(request: Request) -> Response:
        try:
            form = await request.form(max_files=MAX_FILES, max_fields=10, max_part_size=64 * 1024)
        except TooLarge:
            raise
        except Exception as exc:  # starlette's MultiPartException and malformed bodies alike
            return JSONResponse({"error": f"上传内容无法解析（{exc}）"}, status_code=400)
        try:
            uploads = [Upload(name=item.filename or "未命名文件", data=await item.read())
                       for item in form.getlist("files") if isinstance(item, UploadFile)]
        finally:
            await form.close()
        # A private folder (mode 0700) per request, removed once the answer is built: nothing is kept.
        folder = Path(tempfile.mkdtemp(prefix="doclint-web-"))
        try:
            job = await anyio.to_thread.run_sync(prepare, uploads, folder)
            limit = settings.timeout * max(1, len(job.paths))
            answer = await anyio.to_thread.run_sync(pool.run, job, limit)
        except DoclintError as exc:
            return JSONResponse({"error": str(exc)}, status_code=422)
        finally:
            await anyio.to_thread.run_sync(shutil.rmtree, folder, True)
        return JSONResponse(answer, status_code=422 if "error" in answer else 200)

    async def memo(request: Request) -> Response:
        kind = request.path_params["kind"]
        if kind not in MEMO_KINDS:
            return JSONResponse({"error": f"不支持的意见书格式：{kind}"}, status_code=404)
        try:
            content = await request.json()
        except ValueError:
            return JSONResponse({"error": "意见书内容无法解析，请重新审查后再下载"}, status_code=400)
        if not isinstance(content, dict):
            return JSONResponse({"error": "意见书内容无法解析，请重新审查后再下载"}, status_code=400)
        try:
            answer = await anyio.to_thread.run_sync(pool.run, MemoJob(memo=content, kind=kind), settings.timeout)
        except DoclintError as exc:
            return JSONResponse({"error": str(exc)}, status_code=422)
        if "error" in answer:
            return JSONResponse(answer, status_code=422)
        return Response(answer["data"], media_type=MEMO_KINDS[kind])

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await anyio.to_thread.run_sync(pool.start)
        try:
            yield
        finally:
            await anyio.to_thread.run_sync(pool.close)

    routes = [
        Route("/", index),
        Route("/rules", rules),
        Route("/help", help_page),
        Route("/login", login, methods=["GET", "POST"]),
        Route("/api/review", review, methods=["POST"]),
        Route("/api/memo/{kind}", memo, methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    middleware = [Middleware(SecurityHeaders)]
    if settings.allowed_hosts is not None:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=settings.allowed_hosts))
    middleware += [Middleware(Access, settings=settings),
                  Middleware(UploadLimit, limit=settings.max_upload)]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.pool = pool
    return app
