"""`doclint serve` under 10 simultaneous uploads: requests/s and p95 latency against a loopback server.

The baseline, measured in the same run against the same server, is one upload at a time. With W workers,
10 simultaneous uploads can at best finish in ceil(10 / W) single-upload times, so the figure to read is
p95 / (ceil(10 / W) × median single latency): 1.0 is perfect queueing, more is overhead. Bounded: a fixed
number of rounds, a timeout on every request and on the whole run; only 127.0.0.1 is ever contacted.

    python bench/web_concurrency.py [--workers 2] [--rounds 3] [--clients 10]
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.drafts import typical_draft

REPO = Path(__file__).resolve().parent.parent
REQUEST_TIMEOUT_S = 120.0
RUN_DEADLINE_S = 900.0


def typical_docx() -> bytes:
    """The typical ~20 KB draft of bench/drafts.py as a Word file, one paragraph per line."""
    import docx

    document = docx.Document()
    for line in typical_draft().splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def multipart(name: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n").encode()
    return head + data + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def upload(url: str, body: bytes, content_type: str) -> tuple[float, int]:
    request = urllib.request.Request(url + "/api/review", data=body, headers={"Content-Type": content_type})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_S) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    return time.perf_counter() - started, status


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    server = subprocess.Popen([sys.executable, "-m", "doclint", "serve", "--host", "127.0.0.1", "--port", str(port),
                               "--workers", str(workers)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"server exited: {server.stderr.read().decode() if server.stderr else ''}") from None
            time.sleep(0.3)
    server.kill()
    raise SystemExit("server did not start within 120 s")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def measure(workers: int, rounds: int, clients: int) -> dict[str, object]:
    body, content_type = multipart("typical-draft.docx", typical_docx())
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_server(port, workers)
    began = time.monotonic()
    try:
        upload(url, body, content_type)  # untimed: the workers' first document warms their caches
        single = [upload(url, body, content_type) for _ in range(5)]
        concurrent: list[tuple[float, int]] = []
        wall = 0.0
        with ThreadPoolExecutor(max_workers=clients) as pool:
            for _ in range(rounds):
                if time.monotonic() - began > RUN_DEADLINE_S:
                    break
                started = time.perf_counter()
                concurrent += list(pool.map(lambda _: upload(url, body, content_type), range(clients)))
                wall += time.perf_counter() - started
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    single_median = statistics.median(t for t, _ in single)
    latencies = [t for t, _ in concurrent]
    p95 = percentile(latencies, 0.95)
    ideal = math.ceil(clients / workers) * single_median
    return {
        "draft_bytes": len(body), "workers": workers, "clients": clients, "rounds": rounds,
        "answered_ok": sum(1 for _, status in concurrent if status == 200), "requests": len(concurrent),
        "single_median_s": round(single_median, 3),
        "single_requests_per_s": round(1 / single_median, 2),
        "concurrent_requests_per_s": round(len(concurrent) / wall, 2),
        "concurrent_p50_s": round(statistics.median(latencies), 3),
        "concurrent_p95_s": round(p95, 3),
        "p95_vs_ideal_queue": round(p95 / ideal, 2),
        "throughput_vs_single": round(len(concurrent) / wall * single_median, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=10)
    args = parser.parse_args()
    result = measure(args.workers, min(args.rounds, 20), min(args.clients, 50))
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
