"""The command line as a user runs it: real processes, real files, JSON read back."""

from __future__ import annotations

import json
import mailbox
import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import click
import pytest
from conftest import SAMPLE_SEEDS, write_seed
from smtp_sink import Drip

from publisher import store
from publisher.core.settings import load_settings
from publisher.mail.delivering import deliver_notices
from publisher.mail.outbound import make_mailer


def publisher(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "publisher", *args], cwd=cwd, capture_output=True, text=True,
        check=check, timeout=120,
    )  # fmt: skip


def test_parse_json_on_the_samples(tmp_path: Path) -> None:
    counts = {}
    for sample in sorted(SAMPLE_SEEDS.glob("*.txt")):
        items = json.loads(publisher("parse", str(sample), "--json", cwd=tmp_path).stdout)
        counts[sample.name[:3]] = len(items)
        for item in items:
            assert set(item) == {"title", "summary", "content", "author", "published", "url"}
    assert (counts["000"], counts["002"], counts["003"], counts["004"]) == (18, 21, 11, 1)
    table = publisher("parse", str(next(SAMPLE_SEEDS.glob("002_*.txt"))), cwd=tmp_path).stdout
    assert "listing-bylines" in table and "Peter Main" in table


def test_parse_reads_relative_dates_on_the_machines_clock(tmp_path: Path) -> None:
    """A page saved at 09:40 in Auckland (20:40 UTC the day before) says "12m ago": the
    file's time is read on the machine's local clock, as its readers there saw the page."""
    page = tmp_path / "ticker.txt"
    page.write_text(
        "Latest\n\n12m ago  |  Politics\nThe union says it will take the Government to court "
        "over the pay equity law.\n\n1h ago  |  Business\nThe dairy co-op has confirmed a "
        "four-shift roster at its Edendale plant from July.\n"
    )
    saved = datetime(2025, 3, 11, 20, 40, tzinfo=UTC).timestamp()
    os.utime(page, (saved, saved))
    days = {}
    for zone in ("NZDT-13", "UTC0"):
        result = subprocess.run(
            [sys.executable, "-m", "publisher", "parse", str(page), "--json"], cwd=tmp_path,
            capture_output=True, text=True, check=True, timeout=120,
            env={**os.environ, "TZ": zone},
        )  # fmt: skip
        days[zone] = [item["published"][:16] for item in json.loads(result.stdout)]
    assert days == {
        "NZDT-13": ["2025-03-12T09:28", "2025-03-12T08:40"],
        "UTC0": ["2025-03-11T20:28", "2025-03-11T19:40"],
    }


def test_init_then_ingest_json_twice(tmp_path: Path) -> None:
    site = tmp_path / "site"
    publisher("init", str(site), cwd=tmp_path)
    assert (site / "publisher.toml").is_file() and (site / "templates" / "digest.html").is_file()
    load_settings(None, {}, cwd=site)  # the commented config is valid as written
    for sample in SAMPLE_SEEDS.glob("*.txt"):
        write_seed(site / "seeds", sample.name, sample.read_bytes())
    first = json.loads(publisher("ingest", "--json", cwd=site).stdout)
    assert (first["files_new"], first["files_failed"], first["errors"]) == (5, 0, [])
    second = json.loads(publisher("ingest", "--json", cwd=site).stdout)
    assert second == {
        "files_new": 0, "files_changed": 0, "files_unchanged": 5, "files_failed": 0,
        "files_waiting": 0, "files_reparsed": 0, "items_new": 0, "items_updated": 0, "errors": [],
    }  # fmt: skip
    built = json.loads(publisher("build", "--json", cwd=site).stdout)
    assert built["feeds_written"] > 0
    again = json.loads(publisher("build", "--json", cwd=site).stdout)
    assert (again["feeds_written"], again["pages_written"]) == (0, 0)


def test_bad_config_is_one_line_naming_key_and_value(tmp_path: Path) -> None:
    (tmp_path / "publisher.toml").write_text("[feeds]\nmax_items = 'lots'\n")
    result = publisher("ingest", cwd=tmp_path, check=False)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "feeds.max_items" in result.stderr and "'lots'" in result.stderr


def test_failed_seed_is_reported_with_its_reason(tmp_path: Path) -> None:
    (tmp_path / "publisher.toml").write_text("")
    write_seed(tmp_path / "seeds", "empty.txt", b"")
    result = publisher("ingest", cwd=tmp_path)
    assert "empty.txt" in result.stderr and "empty" in result.stderr
    assert "1 failed" in result.stdout


def test_subscribers_and_digest_dry_run(tmp_path: Path) -> None:
    (tmp_path / "publisher.toml").write_text("")
    for sample in SAMPLE_SEEDS.glob("000_*.txt"):
        write_seed(tmp_path / "seeds", sample.name, sample.read_bytes())
    publisher("build", cwd=tmp_path)
    publisher("subscribers", "add", "ann@example.org", "--timezone", "Asia/Tokyo", cwd=tmp_path)
    listed = json.loads(publisher("subscribers", "list", "--json", cwd=tmp_path).stdout)
    assert [(s["email"], s["timezone"], s["status"]) for s in listed] == [
        ("ann@example.org", "Asia/Tokyo", "active")
    ]
    dry = publisher("digest", "send", "--dry-run", cwd=tmp_path).stdout
    assert "would send 1 messages" in dry
    preview = publisher("digest", "preview", "--to", "ann@example.org", cwd=tmp_path).stdout
    assert "In Defence of Community Organising" in preview
    bad = publisher("subscribers", "add", "not-an-address", cwd=tmp_path, check=False)
    assert bad.returncode == 1 and "invalid email address" in bad.stderr


def test_import_with_bad_rows_exits_non_zero_and_skips_blank_lines(tmp_path: Path) -> None:
    (tmp_path / "publisher.toml").write_text("")
    people = tmp_path / "people.csv"
    people.write_text("email,name\nann@example.org,Ann\n,,\nnot-an-address,Bad\n", encoding="utf-8")
    result = publisher("subscribers", "import", str(people), cwd=tmp_path, check=False)
    assert result.returncode == 1 and "1 added" in result.stdout
    assert result.stderr.count("error:") == 1 and "line 4" in result.stderr


def test_send_test_to_a_dripping_server_gives_up_at_smtp_timeout(
    tmp_path: Path, drip_server: Drip
) -> None:
    (tmp_path / "publisher.toml").write_text(
        f'[delivery]\ntransport = "smtp"\n[smtp]\nhost = "127.0.0.1"\n'
        f"port = {drip_server.port}\ntimeout = 5\n"
    )
    write_seed(tmp_path / "seeds", "news.txt", "Ferry Restored\n\nThe ferry runs again today.\n")
    publisher("ingest", cwd=tmp_path)
    started = time.monotonic()
    result = publisher("send-test", "--to", "me@example.org", cwd=tmp_path, check=False)
    took = time.monotonic() - started
    assert result.returncode == 1 and "smtp.timeout = 5s" in result.stderr
    assert took < 12 and drip_server.connections == 1  # one deadline, not one per byte or try


def test_send_test_is_recorded_sent_and_no_other_sender_repeats_it(tmp_path: Path) -> None:
    (tmp_path / "publisher.toml").write_text("")
    write_seed(tmp_path / "seeds", "news.txt", "Ferry Restored\n\nThe ferry runs again today.\n")
    publisher("ingest", cwd=tmp_path)
    result = publisher("send-test", "--to", "me@example.org", cwd=tmp_path)
    assert "sent a test digest to me@example.org via maildir" in result.stdout
    settings = load_settings(None, {}, cwd=tmp_path)
    db = store.open_store(settings.database.url)
    try:  # what the service's sender of notices would do next: nothing is due
        mailer = make_mailer(settings, {})
        report = deliver_notices(settings, db, mailer, clock=lambda: datetime.now(UTC))
    finally:
        db.close()
    outbox = mailbox.Maildir(settings.delivery.outbox, create=False)
    assert report.messages_sent == 0 and len(outbox) == 1
    (message,) = outbox
    assert message["To"] == "me@example.org" and "Ferry Restored" in message.as_string()


NO_SITE = "no publisher.toml here or above; run `publisher init` or pass --config"


@pytest.mark.parametrize(
    "args",
    [
        ("ingest",),
        ("build",),
        ("subscribers", "add", "ann@example.org"),
        ("subscribers", "list"),
        ("digest", "send"),
        ("status",),
        ("run",),
    ],
)
def test_outside_a_site_commands_refuse_and_create_nothing(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    result = publisher(*args, cwd=tmp_path, check=False)
    assert (result.returncode, result.stderr.strip()) == (1, f"error: {NO_SITE}")
    assert list(tmp_path.iterdir()) == []


def test_outside_a_site_reading_commands_still_work(tmp_path: Path) -> None:
    sample = next(SAMPLE_SEEDS.glob("000_*.txt"))
    assert "Usage:" in publisher("--help", cwd=tmp_path).stdout
    assert "publisher, version" in publisher("--version", cwd=tmp_path).stdout
    assert len(json.loads(publisher("parse", str(sample), "--json", cwd=tmp_path).stdout)) == 18
    assert list(tmp_path.iterdir()) == []


def test_commands_find_the_config_in_a_parent_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    publisher("init", str(site), cwd=tmp_path)
    inner = site / "seeds" / "deeper"
    inner.mkdir()
    publisher("subscribers", "add", "ann@example.org", cwd=inner)
    listed = json.loads(publisher("subscribers", "list", "--json", cwd=site).stdout)
    assert [s["email"] for s in listed] == ["ann@example.org"]
    assert (site / "var" / "publisher.db").is_file() and not (inner / "var").exists()
    named = publisher("--config", str(site / "publisher.toml"), "status", cwd=tmp_path)
    assert "1 active" in named.stdout and sorted(tmp_path.iterdir()) == [site]


def without_root_powers() -> list[str]:
    """A command prefix under which mode 000 really denies reading, even to root."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        if os.environ.get("CI") == "true":
            pytest.fail("setpriv (util-linux) is needed to deny root a file")
        pytest.skip("running as root without setpriv: a file cannot be made unreadable")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


def test_unreadable_folder_and_file_are_reported_and_the_rest_ingested(tmp_path: Path) -> None:
    prefix = without_root_powers()
    (tmp_path / "publisher.toml").write_text("")
    seeds = tmp_path / "seeds"
    write_seed(seeds, "000.txt", next(SAMPLE_SEEDS.glob("000_*.txt")).read_bytes())
    write_seed(seeds, "locked/inner.txt", "Locked Away\n\nA page no one may read.\n")
    write_seed(seeds, "secret.txt", "Secret Page\n\nA page no one may read.\n")
    (seeds / "secret.txt").chmod(0)
    (seeds / "locked").chmod(0)
    try:
        result = subprocess.run(
            [*prefix, sys.executable, "-m", "publisher", "ingest", "--json"], cwd=tmp_path,
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    finally:
        (seeds / "locked").chmod(0o755)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["files_new"], report["files_failed"]) == (1, 2)
    assert sorted(report["errors"], key=lambda error: error["path"]) == [
        {"path": "locked", "error": "cannot read the folder: Permission denied"},
        {"path": "secret.txt", "error": "cannot read file: Permission denied"},
    ]


def test_import_summary_counts_each_change_and_reactivates_only_when_asked(
    tmp_path: Path,
) -> None:
    (tmp_path / "publisher.toml").write_text("")
    (tmp_path / "active.csv").write_text("email,name\nbob@example.org,Bob\ncat@example.org,\n")
    publisher("subscribers", "import", str(tmp_path / "active.csv"), cwd=tmp_path)
    suppression = tmp_path / "suppression.csv"
    suppression.write_text(
        "email,status\nbob@example.org,unsubscribed\ncat@example.org,complained\n"
        "dan@example.org,bounced\n"
    )
    result = publisher("subscribers", "import", str(suppression), cwd=tmp_path)
    assert result.stdout.strip() == (
        "1 added, 0 updated, 0 unchanged, 1 unsubscribed, 1 complained"
    )
    people = tmp_path / "people.csv"
    people.write_text("email,name\nbob@example.org,Robert\ncat@example.org,Cat\n")
    kept = publisher("subscribers", "import", str(people), cwd=tmp_path)
    assert kept.stdout.strip() == (
        "0 added, 0 updated, 0 unchanged, 2 left opted out (--reactivate resubscribes them)"
    )
    back = publisher("subscribers", "import", str(people), "--reactivate", cwd=tmp_path)
    assert back.stdout.strip() == "0 added, 0 updated, 0 unchanged, 2 reactivated"
    listed = json.loads(publisher("subscribers", "list", "--json", cwd=tmp_path).stdout)
    assert [(s["email"], s["name"], s["status"]) for s in listed] == [
        ("bob@example.org", "Robert", "active"),
        ("cat@example.org", "Cat", "active"),
        ("dan@example.org", None, "bounced"),
    ]


def test_every_listed_command_runs_under_its_own_name() -> None:
    """The group imports each command's module only when it runs: a name listed for a
    command that its module calls otherwise would leave that command unreachable."""
    from publisher.cli import cli

    with click.Context(cli) as ctx:
        names = cli.list_commands(ctx)
        commands = {name: cli.get_command(ctx, name) for name in names}
    assert set(names) >= {"init", "parse", "ingest", "build", "run", "subscribers", "digest"}
    assert {name: command.name if command else None for name, command in commands.items()} == {
        name: name for name in names
    }


# What only ``run``, ``build`` and ``digest`` use.
NOT_FOR_INGEST = (
    "starlette", "uvicorn", "premailer", "feedgen", "watchdog", "apscheduler.schedulers",
    "publisher.service.scheduler", "publisher.publish", "publisher.mail.compose",
)  # fmt: skip


def test_ingest_loads_neither_the_web_server_nor_the_scheduler_nor_the_renderers(
    tmp_path: Path,
) -> None:
    """A cron-run ``publisher ingest`` should not pay for loading what it never calls."""
    publisher("init", str(tmp_path), cwd=tmp_path)
    write_seed(tmp_path / "seeds", "news.txt", "Title\nBy Ann Lee\n\nOther title\nBy Bo Ng\n")
    script = (
        "import json, sys; from publisher.cli import main; "
        "sys.argv = ['publisher', 'ingest', '--json']; main(); "
        "print(json.dumps(sorted(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
        check=True, timeout=120,
    )  # fmt: skip
    report, modules = result.stdout.strip().splitlines()[-2:]
    assert json.loads(report)["files_new"] == 1
    loaded = [m for m in json.loads(modules) if m.startswith(NOT_FOR_INGEST)]
    assert loaded == []
