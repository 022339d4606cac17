"""`doclint serve`: start the intranet page with uvicorn (loopback by default; a token is required beyond it)."""

# Annotations here are objects, not strings (no `from __future__ import annotations`): typer reads every command's
# signature on each run, and evaluating string annotations cost each `doclint check` ~35 ms (tests/test_performance.py).

from pathlib import Path
from typing import Annotated

import typer

TOKEN_ENV = "DOCLINT_WEB_TOKEN"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    import ipaddress  # here, not at the top: registering `serve` must not cost every `doclint check` it

    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything, so it counts as an intranet address


def serve(
    host: Annotated[str, typer.Option("--host", help="监听地址；默认只在本机（127.0.0.1）。监听内网地址时必须设置访问口令")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 8000,
    token: Annotated[str | None, typer.Option(
        "--token", envvar=TOKEN_ENV, show_envvar=True,
        help=f"访问口令（也可用环境变量 {TOKEN_ENV} 设置，避免口令出现在进程列表中）")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, max=32, help="同时审查的文件数（审查进程数）")] = 2,
    timeout: Annotated[float, typer.Option("--timeout", min=1, help="每个文件的处理时限（秒），超时的审查进程被终止")] = 60.0,
    max_upload_mb: Annotated[int, typer.Option("--max-upload-mb", min=1, help="单次上传的总大小上限（MB）")] = 100,
    rules_dir: Annotated[list[str] | None, typer.Option("--rules-dir", help="额外的规则目录（本单位规则包）")] = None,
    config_file: Annotated[str | None, typer.Option(
        "--config", help="配置文件（默认从当前目录向上查找 doclint.toml 或 pyproject.toml）")] = None,
) -> None:
    """启动网页版：在浏览器中上传草案或送审材料，查看问题、下载批注稿和审核意见书。"""
    from doclint.cliutil import fail, stdout_console
    from doclint.configfile import read_explicit_config, resolve_config
    from doclint.errors import DoclintError

    if not is_loopback(host) and not token:
        raise fail(f"监听 {host} 会让内网中的其他电脑访问本服务，必须用 --token 或环境变量 {TOKEN_ENV} "
                   "设置访问口令；建议同时经单位的 HTTPS 反向代理提供服务（见页面「使用与部署说明」）", 2)
    try:
        import uvicorn

        from doclint.web.app import WebSettings, create_app
    except ImportError as exc:
        raise fail(f"网页版需要额外的依赖（缺少 {exc.name}）：请运行 pip install 'doclint[web]'", 2) from None
    try:
        loaded = read_explicit_config(Path(config_file)) if config_file else resolve_config(Path.cwd())
        config = loaded.config
        config.rule_dirs = config.rule_dirs + [str(Path(d).resolve()) for d in rules_dir or []]
        loopback_names = ["127.0.0.1", "localhost", "[::1]", "::1"] if is_loopback(host) else None
        settings = WebSettings(config=config, token=token, workers=workers, timeout=timeout,
                               max_upload=max_upload_mb * 1024 * 1024, allowed_hosts=loopback_names)
        application = create_app(settings)
    except DoclintError as exc:
        raise fail(str(exc), exc.exit_code) from None
    shown = f"[{host}]" if ":" in host else host
    stdout_console().print(f"doclint 网页版：http://{shown}:{port}/（按 Ctrl+C 停止）")
    # uvicorn trusts X-Forwarded-Proto only from 127.0.0.1, where the office's HTTPS proxy sits.
    uvicorn.run(application, host=host, port=port, log_level="warning", proxy_headers=True,
                forwarded_allow_ips="127.0.0.1", timeout_graceful_shutdown=5)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
