"""Full (200) against conditional (304) GET throughput of the HTTP server, side by side.

Usage: python -P bench/http.py [--connections 100] [--seconds 3] [--rounds 3] [--path /rss.xml]

Builds the sample site in a temporary folder, starts ``publisher.service.web`` in a subprocess
on a free 127.0.0.1 port (so client and server do not share a GIL), then drives it from
asyncio raw sockets with 100 keep-alive connections. Each round measures ``If-None-Match``
GETs that expect 304 and plain GETs that expect 200 (the poller that never revalidates)
back to back, alternating which goes first so drift in the machine's load hits both alike,
and prints req/s, errors, p50/p95 latency and the 200/304 ratio; then the median of the
rounds. Targets: a 200 at >= 0.8x the 304 rate, no errors.

This file is named like the standard library's ``http`` package: its own folder is
taken off ``sys.path`` before anything imports ``http``, hence the local imports.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from publisher.core.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
SECRET = b"bench-secret-0123456789abcdef"


@dataclass
class Result:
    ok: int = 0
    errors: int = 0
    latencies: list[float] = field(default_factory=list)


def site_settings(site: Path, port: int) -> Settings:
    from publisher.core.settings import load_settings

    return load_settings(None, {"PUBLISHER_HTTP_PORT": str(port)}, cwd=site)


def serve(site: Path, port: int) -> None:
    """The server process: the app over the built site, until killed."""
    from publisher import store
    from publisher.service.web import create_app, make_server

    settings = site_settings(site, port)
    db = store.open_store(settings.database.url, now=NOW)
    app = create_app(settings, db, secret=SECRET)
    make_server(settings, app).run()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_listening(port: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"the server did not start listening on port {port}")


async def read_response(reader: asyncio.StreamReader) -> int:
    """The status of one response, its body (Content-Length) read and dropped."""
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    if length:
        await reader.readexactly(length)
    return status


async def connection(
    port: int, request: bytes, expect: int, deadline: float, limit: int, result: Result
) -> None:
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        result.errors += 1
        return
    try:
        while time.perf_counter() < deadline and result.ok + result.errors < limit:
            started = time.perf_counter()
            writer.write(request)
            status = await read_response(reader)
            result.latencies.append(time.perf_counter() - started)
            if status == expect:
                result.ok += 1
            else:
                result.errors += 1
    except (OSError, asyncio.IncompleteReadError, ValueError):
        result.errors += 1
    finally:
        writer.close()


async def load(
    port: int, request: bytes, expect: int, connections: int, seconds: float
) -> tuple[Result, float]:
    result = Result()
    started = time.perf_counter()
    deadline = started + seconds
    limit = 2_000_000  # a bound on the count, whatever the speed
    await asyncio.gather(
        *(connection(port, request, expect, deadline, limit, result) for _ in range(connections))
    )
    return result, time.perf_counter() - started


def current_etag(port: int, path: str) -> str:
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(f"HEAD {path} HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n".encode())
        head = b""
        while chunk := sock.recv(65536):
            head += chunk
    for line in head.decode("latin-1").split("\r\n"):
        name, _, value = line.partition(":")
        if name.lower() == "etag":
            return value.strip()
    raise SystemExit(f"no ETag on {path}")


def report(label: str, result: Result, elapsed: float, server_cpu: float | None) -> float:
    """One line for one measurement; returns its rate."""
    rate = result.ok / elapsed
    latencies = sorted(result.latencies) or [0.0]
    p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
    cost = f"  server {server_cpu / max(result.ok, 1) * 1e6:.0f} us CPU/req" if server_cpu else ""
    print(
        f"  {label:<20} {rate:>9,.0f} req/s  {result.ok:>8,} ok  "
        f"{result.errors} errors  p50 {statistics.median(latencies) * 1000:.1f} ms  "
        f"p95 {p95 * 1000:.1f} ms{cost}"
    )
    return rate


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process (Linux /proc), or None where there is no /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(
    port: int, request: bytes, expect: int, args: argparse.Namespace
) -> tuple[Result, float]:
    with asyncio.Runner(loop_factory=_loop_factory()) as runner:
        return runner.run(load(port, request, expect, args.connections, args.seconds))


def rounds(port: int, server: int, args: argparse.Namespace) -> None:
    """Warm up, then ``args.rounds`` rounds of 304 and 200 back to back, then the medians."""
    base = f"GET {args.path} HTTP/1.1\r\nHost: bench\r\n"
    etag = current_etag(port, args.path)
    runs = {
        "304 If-None-Match": (f"{base}If-None-Match: {etag}\r\n\r\n".encode(), 304),
        "200 full GET": (f"{base}\r\n".encode(), 200),
    }
    warm = argparse.Namespace(connections=args.connections, seconds=min(1.0, args.seconds))
    for request, expect in runs.values():
        measure(port, request, expect, warm)
    rates: dict[str, list[float]] = {label: [] for label in runs}
    errors = 0
    for number in range(args.rounds):
        print(f"round {number + 1}")
        order = list(runs) if number % 2 == 0 else list(reversed(runs))
        for label in order:
            request, expect = runs[label]
            before = cpu_seconds(server)
            result, elapsed = measure(port, request, expect, args)
            after = cpu_seconds(server)
            used = after - before if before is not None and after is not None else None
            rates[label].append(report(label, result, elapsed, used))
            errors += result.errors
        ratio = rates["200 full GET"][-1] / rates["304 If-None-Match"][-1]
        print(f"  200/304 ratio {ratio:.2f}")
    full, conditional = (
        statistics.median(rates[label]) for label in ("200 full GET", "304 If-None-Match")
    )
    ratios = [f / c for f, c in zip(rates["200 full GET"], rates["304 If-None-Match"], strict=True)]
    print(
        f"median of {args.rounds}: 304 {conditional:,.0f} req/s | 200 {full:,.0f} req/s | "
        f"ratio {statistics.median(ratios):.2f} (target >= 0.80) | {errors} errors"
    )


def run(args: argparse.Namespace) -> None:
    from publisher import store
    from publisher.publish.build import build

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        shutil.copytree(ROOT / "seeds", site / "seeds")
        for seed in (site / "seeds").iterdir():  # settled before NOW, or the feed is empty
            os.utime(seed, (NOW.timestamp() - 60, NOW.timestamp() - 60))
        port = free_port()
        settings = site_settings(site, port)
        db = store.open_store(settings.database.url, now=NOW)
        build(settings, db, now=NOW)
        db.close()
        size = (settings.paths.output / args.path.lstrip("/")).stat().st_size
        server = subprocess.Popen([sys.executable, __file__, "--serve", str(site), str(port)])
        try:
            wait_until_listening(port)
            print(
                f"{args.connections} connections, {args.seconds:g} s per measurement, "
                f"{args.path} ({size:,} bytes)"
            )
            rounds(port, server.pid, args)
        finally:
            server.terminate()
            server.wait(timeout=10)


def _loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop when installed (uvicorn[standard] brings it): the client must not be the limit."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def main() -> None:
    here = Path(__file__).resolve().parent
    sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != here]
    if len(sys.argv) == 4 and sys.argv[1] == "--serve":
        serve(Path(sys.argv[2]), int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--path", default="/rss.xml")
    run(parser.parse_args())


if __name__ == "__main__":
    main()
