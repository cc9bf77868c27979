"""Digest rendering and delivery throughput, each against its naive baseline in the same run.

Usage: python -P bench/digest.py [--subscribers 100000] [--naive 200] [--messages 2000]

1. Render-and-personalise: one render + CSS inlining per edition, then one cheap
   personalisation per reader, against rendering and inlining per reader with an
   EmailMessage (measured on --naive readers, rate extrapolated). Target >= 30x.
2. Delivery through SMTPMailer against a raw smtplib loop sending the same prebuilt
   bytes over one connection, both into a local aiosmtpd sink. Target >= 0.9x.
3. Peak memory of the process (ru_maxrss). Target <= 250 MB.

With --end-to-end N: a whole ``publisher digest send`` process to N readers imported into a
SQLite site (planning, rendering, the ledger, SMTP into a local sink): messages/s and the
process's peak memory (target <= 250 MB for 100,000).

With --workers N: delivery throughput of 1, 2, 4 … N ``publisher worker`` processes
sharing one PostgreSQL ledger (--database URL, a database of its own; by default a
throwaway server like the tests'), into a sink that answers each message after
--delay seconds (0.02, like a real relay). Target: 4 workers >= 3x one.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import signal
import smtplib
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from jinja2 import Environment

from publisher.core.templating import make_environment
from publisher.mail.compose import (
    HTML_TEMPLATE,
    SUBJECT_TEMPLATE,
    TEXT_TEMPLATE,
    DigestEntry,
    EditionContent,
    group_entries,
    inline_css,
    message_id_for,
    personalise,
    render_edition,
)
from publisher.mail.tokens import sign_reference
from publisher.mail.transports import SMTPMailer

NOW = datetime(2026, 11, 21, 7, 0, tzinfo=UTC)
SECRET = b"bench-secret-0123456789"
SITE = "https://news.example.org/"
SENDER = "digest@news.example.org"
MAILTO = "mailto:unsubscribe@news.example.org?subject=unsubscribe"
LIST_ID = "digest.news.example.org"
WORDS = "labour union council budget housing strike election workers rail tenants rent".split()


def edition(count: int) -> EditionContent:
    entries = tuple(
        DigestEntry(
            title=f"{WORDS[n % 11].title()} {WORDS[(n * 3) % 11]} news, part {n}",
            link=f"{SITE}items/{WORDS[n % 11]}-news-{n}.html",
            author="Ann Lee" if n % 2 else None,
            published=NOW - timedelta(hours=n),
            summary=" ".join(WORDS[(n + k) % 11] for k in range(30)).capitalize() + ".",
            source_name=f"Source {n % 4}",
            item_id=f"{WORDS[n % 11]}-news-{n}",
        )
        for n in range(count)
    )
    return EditionContent(
        key="daily-2026-11-21",
        site_title="Trades News",
        site_url=SITE,
        archive_url=f"{SITE}index.html",
        entries=entries,
        more_count=0,
        date=NOW,
    )


def reader(n: int) -> tuple[str, str | None, str]:
    email = f"reader{n}@example.org"
    token = sign_reference(SECRET, "unsubscribe", n, email)
    return email, (f"Reader {n}" if n % 3 else None), f"{SITE}unsubscribe/{token}"


def naive_message(env: Environment, content: EditionContent, n: int) -> bytes:
    """What a straightforward implementation does: render and inline per reader."""
    email, name, url = reader(n)
    context: dict[str, Any] = {
        "site_title": content.site_title,
        "site_url": content.site_url,
        "archive_url": content.archive_url,
        "date": content.date,
        "groups": group_entries(content.entries),
        "entry_count": len(content.entries),
        "more_count": content.more_count,
        "count": len(content.entries) + content.more_count,
        "top_title": content.entries[0].title if content.entries else "",
        "edition_url": content.edition_url,
        "postal_address": content.postal_address or "",
        "greeting": f"Hello {name}," if name else "Hello,",
        "email": email,
        "unsubscribe_url": url,
        "preferences_url": url.replace("/unsubscribe/", "/preferences/"),
    }
    context["subject"] = env.get_template(SUBJECT_TEMPLATE).render(context).strip()
    message = EmailMessage()
    message["From"] = f"Trades News <{SENDER}>"
    message["To"] = f"{name} <{email}>" if name else email
    message["Subject"] = context["subject"]
    message["Date"] = format_datetime(content.date)
    message["Message-ID"] = message_id_for(content.key, email, "news.example.org")
    message["List-Id"] = f"Trades News <{LIST_ID}>"
    message["List-Unsubscribe"] = f"<{url}>, <{MAILTO}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(env.get_template(TEXT_TEMPLATE).render(context))
    message.add_alternative(inline_css(env.get_template(HTML_TEMPLATE).render(context)), "html")
    return message.as_bytes()


def fast_messages(env: Environment, content: EditionContent, count: int) -> list[bytes]:
    """Render once, personalise per reader; keeps only a sample of the bytes."""
    rendered = render_edition(env, content)
    kept: list[bytes] = []
    for n in range(count):
        email, name, url = reader(n)
        data = personalise(
            rendered,
            to_email=email,
            to_name=name,
            from_address=SENDER,
            from_name="Trades News",
            unsubscribe_url=url,
            unsubscribe_mailto=MAILTO,
            list_id=LIST_ID,
            message_id=message_id_for(content.key, email, "news.example.org"),
            preferences_url=url.replace("/unsubscribe/", "/preferences/"),
        ).as_bytes()
        if n < 2000:
            kept.append(data)
    return kept


class Sink:
    """An SMTP handler that counts and forgets."""

    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.count += 1
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def raw_loop(port: int, messages: list[bytes]) -> float:
    start = time.perf_counter()
    connection = smtplib.SMTP("127.0.0.1", port, timeout=30)
    for n, data in enumerate(messages):
        connection.sendmail(SENDER, [f"reader{n}@example.org"], data)
    connection.quit()
    return len(messages) / (time.perf_counter() - start)


def mailer_loop(port: int, messages: list[bytes]) -> float:
    start = time.perf_counter()
    mailer = SMTPMailer(
        "127.0.0.1", port, starttls=False, ssl=False, username=None, password=None,
        timeout=30, rate_per_second=None, max_attempts=3,
    )  # fmt: skip
    for n, data in enumerate(messages):
        mailer.send(data, sender=SENDER, recipient=f"reader{n}@example.org")
    mailer.close()
    return len(messages) / (time.perf_counter() - start)


class SlowSink:
    """An SMTP sink that thinks ``delay`` seconds before accepting, and notes when."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.times: list[float] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        await asyncio.sleep(self.delay)
        with self.lock:
            self.times.append(time.perf_counter())
        return "250 OK"


def throwaway_database() -> tuple[str, Any]:
    """A PostgreSQL server of our own, as the test suite starts it (tests/postgres_server.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from postgres_server import start_server

    server = start_server()
    return server.create_schema(), server


def worker_site(folder: Path, url: str, smtp_port: int) -> dict[str, str]:
    """A site folder pointing at ``url`` and the sink, with one sample page ingested."""
    (folder / "seeds").mkdir(parents=True)
    sample = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))[0]
    (folder / "seeds" / sample.name).write_bytes(sample.read_bytes())
    os.utime(folder / "seeds" / sample.name, (time.time() - 3600, time.time() - 3600))
    (folder / "publisher.toml").write_text(
        f'[database]\nurl = "{url}"\n[digest]\nfrom_address = "digest@news.example.org"\n'
        f'[delivery]\ntransport = "smtp"\n[smtp]\nhost = "127.0.0.1"\nport = {smtp_port}\n'
        "[service]\npoll_seconds = 0.2\n"
    )
    env = {**os.environ, "PUBLISHER_SECRET_KEY": "bench-secret-0123456789abcdef"}
    command = [sys.executable, "-m", "publisher", "ingest"]
    subprocess.run(command, cwd=folder, env=env, check=True, capture_output=True)
    return env


def add_readers(folder: Path, emails: list[str], *, plan: bool) -> None:
    """Import these readers into the site; with ``plan``, queue one edition for each too."""
    from publisher import store
    from publisher.core.settings import load_settings
    from publisher.mail.planning import plan_editions
    from publisher.mail.subscriptions import import_csv

    settings = load_settings(None, {}, cwd=folder)
    db = store.open_store(settings.database.url)
    try:
        import_csv(db, "email\n" + "\n".join(emails) + "\n", now=datetime.now(UTC))
        if plan:
            ids = [store.get_subscriber(db, email).id for email in emails]
            env = make_environment(settings.paths.templates)
            plan_editions(settings, db, env, now=datetime.now(UTC), subscriber_ids=ids)
    finally:
        db.close()


@contextmanager
def sink_running(handler: Any) -> Iterator[int]:
    """An aiosmtpd server on a free 127.0.0.1 port with this handler; its port."""
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


def workers_round(
    folder: Path, env: dict[str, str], sink: SlowSink, workers: int, count: int
) -> float:
    """Messages per second from the first accepted message to the last, with ``workers``."""
    sink.times.clear()
    command = [sys.executable, "-m", "publisher", "worker"]
    running = [
        subprocess.Popen(command, cwd=folder, env=env, stderr=subprocess.DEVNULL)
        for _ in range(workers)
    ]
    try:
        deadline = time.monotonic() + 600
        while len(sink.times) < count and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        for process in running:
            process.send_signal(signal.SIGTERM)
        for process in running:
            process.wait(timeout=30)
    if len(sink.times) < count:
        raise SystemExit(f"only {len(sink.times)} of {count} messages arrived")
    return (count - 1) / (sink.times[count - 1] - sink.times[0])


def scaling(max_workers: int, url: str | None, count: int, delay: float) -> None:
    """Throughput of 1, 2, 4 … ``max_workers`` workers over one ledger, and the ratio to one."""
    server = None
    if url is None:
        url, server = throwaway_database()
    sink = SlowSink(delay)
    rates: dict[int, float] = {}
    try:
        with sink_running(sink) as port, tempfile.TemporaryDirectory(prefix="publisher-") as tmp:
            folder = Path(tmp)
            env = worker_site(folder, url, port)
            workers = 1
            while workers <= max_workers:
                emails = [f"r{workers}-{n}@example.org" for n in range(count)]
                add_readers(folder, emails, plan=True)
                rates[workers] = workers_round(folder, env, sink, workers, count)
                print(f"{workers} worker(s): {rates[workers]:8.1f} messages/s "
                      f"({rates[workers] / rates[1]:.2f}x one worker)", flush=True)  # fmt: skip
                workers *= 2
    finally:
        if server is not None:
            server.stop()
    print(f"{count} messages per run, sink answering after {delay * 1000:.0f} ms")
    if 4 in rates:
        print(f"4 workers: {rates[4] / rates[1]:.2f}x one worker (target >= 3x)")


def end_to_end(count: int) -> None:
    """A whole ``publisher digest send`` to ``count`` readers on SQLite: rate and peak memory."""
    sink = Sink()
    with sink_running(sink) as port, tempfile.TemporaryDirectory(prefix="publisher-") as tmp:
        folder = Path(tmp)
        env = worker_site(folder, f"sqlite:///{folder / 'publisher.db'}", port)
        add_readers(folder, [f"reader{n}@example.org" for n in range(count)], plan=False)
        command = [sys.executable, "-m", "publisher", "digest", "send"]
        start = time.perf_counter()
        subprocess.run(command, cwd=folder, env=env, check=True, capture_output=True)
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"publisher digest send to {count:,} readers: {sink.count:,} messages in "
          f"{seconds:.1f} s = {sink.count / seconds:,.0f} messages/s, "
          f"peak memory {peak:.0f} MB (target <= 250 MB)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--naive", type=int, default=200)
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--entries", type=int, default=25)
    parser.add_argument("--workers", type=int, help="measure 1, 2, 4 … N publisher workers")
    parser.add_argument("--database", help="PostgreSQL URL for --workers (default: throwaway)")
    parser.add_argument("--delay", type=float, default=0.02, help="the sink's answer time (s)")
    parser.add_argument("--per-run", type=int, default=600, help="messages per --workers run")
    parser.add_argument(
        "--end-to-end", type=int, metavar="N", help="time a whole `publisher digest send` to N"
    )
    args = parser.parse_args()
    if args.end_to_end:
        end_to_end(args.end_to_end)
        return
    if args.workers:
        scaling(args.workers, args.database, args.per_run, args.delay)
        return
    env = make_environment(None)
    content = edition(args.entries)
    naive_message(env, content, 0)  # warm caches (cssutils parsing, templates) for both

    start = time.perf_counter()
    for n in range(args.naive):
        naive_message(env, content, n)
    naive_rate = args.naive / (time.perf_counter() - start)
    start = time.perf_counter()
    messages = fast_messages(env, content, args.subscribers)
    fast_seconds = time.perf_counter() - start
    fast_rate = args.subscribers / fast_seconds
    print(f"edition: {args.entries} entries, message {len(messages[0]):,} bytes")
    print(f"naive per-reader premailer: {naive_rate:10,.0f} messages/s ({args.naive} readers)")
    print(
        f"render once + personalise:  {fast_rate:10,.0f} messages/s "
        f"({args.subscribers:,} readers in {fast_seconds:.1f}s)"
    )
    print(f"speed-up: {fast_rate / naive_rate:.0f}x (target >= 30x)")

    with sink_running(Sink()) as port:
        batch = (messages * (args.messages // len(messages) + 1))[: args.messages]
        raw_loop(port, batch[:100])  # warm up the sink
        raw = max(raw_loop(port, batch), raw_loop(port, batch))
        ours = max(mailer_loop(port, batch), mailer_loop(port, batch))
    print(f"raw smtplib loop:           {raw:10,.0f} messages/s ({args.messages} messages)")
    print(f"SMTPMailer:                 {ours:10,.0f} messages/s")
    print(f"ratio: {ours / raw:.2f}x (target >= 0.9x)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB (target <= 250 MB)")


if __name__ == "__main__":
    main()
