"""The inbound mailbox over IMAP: a real IMAP server (pymap) on 127.0.0.1, TLS with a test CA."""

from __future__ import annotations

import imaplib
import os
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import NOW
from smtp_sink import free_port
from test_inbound import ADDRESSES, inbound_message

from publisher import store
from publisher.core.errors import ConfigError, InboundError
from publisher.core.settings import InboundSettings, Settings, load_settings
from publisher.mail.mailboxes import IMAPMailbox, open_mailbox
from publisher.mail.returns import check_inbound
from publisher.mail.subscriptions import SubscriberInput, add_subscriber

USER, PASSWORD = "bounces", "imap-password-for-tests"


@dataclass(frozen=True)
class ImapServer:
    port: int
    cafile: Path

    def client(self) -> imaplib.IMAP4:
        """A second client, as the mail server's delivery would be, to add and look."""
        imap = imaplib.IMAP4("127.0.0.1", self.port, timeout=5)
        imap.starttls(ssl_context=ssl.create_default_context(cafile=str(self.cafile)))
        imap.login(USER, PASSWORD)
        imap.select("INBOX")
        return imap


def _self_signed(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def imap_server(tmp_path: Path) -> Iterator[ImapServer]:
    cert, key = _self_signed(tmp_path)
    port = free_port()
    pymap = Path(sys.executable).with_name("pymap")
    log = (tmp_path / "pymap.log").open("wb")
    process = subprocess.Popen(
        [str(pymap), "--host", "127.0.0.1", "--port", str(port), "--cert", str(cert),
         "--key", str(key), "dict", "--demo-user", USER, "--demo-password", PASSWORD],
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError((tmp_path / "pymap.log").read_text()) from None
                time.sleep(0.05)
        yield ImapServer(port, cert)
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def imap_settings(site: Path, server: ImapServer, **extra: str) -> Settings:
    (site / "seeds").mkdir(exist_ok=True)
    env = {
        "PUBLISHER_INBOUND_IMAP_HOST": "127.0.0.1",
        "PUBLISHER_INBOUND_IMAP_PORT": str(server.port),
        "PUBLISHER_INBOUND_IMAP_USER": USER,
        "PUBLISHER_INBOUND_IMAP_STARTTLS": "true",
        "PUBLISHER_INBOUND_IMAP_CAFILE": str(server.cafile),
        "PUBLISHER_INBOUND_ADDRESS": ADDRESSES.bounce_address,
        "PUBLISHER_INBOUND_UNSUBSCRIBE_ADDRESS": ADDRESSES.unsubscribe_address,
        "PUBLISHER_DELIVERY_BOUNCE_AFTER": "1",
        **extra,
    }
    return load_settings(None, env, cwd=site)


def flags(imap: imaplib.IMAP4) -> list[str]:
    imap.select("INBOX")  # a fresh look at what the other session changed
    status, uids = imap.uid("SEARCH", "ALL")
    assert status == "OK"
    found = []
    for uid in uids[0].split():
        _, reply = imap.uid("FETCH", uid.decode(), "(FLAGS)")
        text = reply[0].decode() if isinstance(reply[0], bytes) else ""
        found.append(" ".join(sorted(f for f in ("\\Seen", "\\Flagged") if f in text)))
    return found


def test_an_imap_pass_applies_bounces_and_unsubscribes_once(
    tmp_path: Path, imap_server: ImapServer
) -> None:
    settings = imap_settings(tmp_path, imap_server)
    db = store.open_store(settings.database.url, now=NOW)
    for email in ("dan@example.org", "una@example.org", "ann@example.org"):
        add_subscriber(db, SubscriberInput(email), now=NOW)
    other = imap_server.client()
    for name, values in (
        ("postfix_dsn_user_unknown.eml", {"bounce_to": ADDRESSES.bounce_address}),
        ("gmail_unsubscribe_mailto.eml", {}),
        ("reader_question.eml", {"sender": "ann@example.org"}),
    ):
        data = inbound_message(name, **values).replace(b"\n", b"\r\n")
        assert other.append("INBOX", None, None, data)[0] == "OK"
    environ = {"PUBLISHER_INBOUND_PASSWORD": PASSWORD}
    for expected_read in (3, 0):  # the second pass finds nothing new
        mailbox = open_mailbox(settings.inbound, environ)
        try:
            report = check_inbound(settings, db, mailbox, secret=b"s" * 32, now=NOW)
        finally:
            mailbox.close()
        assert report.read == expected_read
    statuses = {sub.email: sub.status for sub in store.list_subscribers(db)}
    assert statuses == {"ann@example.org": "active", "dan@example.org": "bounced",
                        "una@example.org": "unsubscribed"}  # fmt: skip
    assert flags(other) == ["\\Seen", "\\Seen", "\\Flagged"]  # the question stays unread
    other.logout()
    db.close()


def test_a_wrong_imap_password_says_what_to_check(tmp_path: Path, imap_server: ImapServer) -> None:
    settings = imap_settings(tmp_path, imap_server)
    with pytest.raises(InboundError, match=r"inbound\.imap_user and PUBLISHER_INBOUND_PASSWORD"):
        open_mailbox(settings.inbound, {"PUBLISHER_INBOUND_PASSWORD": "wrong"})


def test_an_untrusted_imap_certificate_is_refused(tmp_path: Path, imap_server: ImapServer) -> None:
    settings = imap_settings(tmp_path, imap_server, PUBLISHER_INBOUND_IMAP_CAFILE="")
    with pytest.raises(InboundError, match="not trusted"):
        IMAPMailbox(settings.inbound, PASSWORD)


def test_imap_without_a_password_in_the_environment_is_a_config_error() -> None:
    conf = InboundSettings(address="b@example.org", imap_host="127.0.0.1", imap_user="b")
    with pytest.raises(ConfigError, match="PUBLISHER_INBOUND_PASSWORD"):
        open_mailbox(conf, {})


def test_an_imap_server_that_is_not_there_is_named() -> None:
    port = free_port()
    conf = InboundSettings(
        address="b@example.org", imap_host="127.0.0.1", imap_port=port, imap_user="b", timeout=2
    )
    with pytest.raises(InboundError, match=f"127.0.0.1:{port}.*inbound.imap_host"):
        open_mailbox(conf, {"PUBLISHER_INBOUND_PASSWORD": "x"})


def test_pymap_is_installed_when_ci_runs() -> None:
    """The IMAP tests need the pymap server from the test extras; CI must never skip them."""
    assert Path(sys.executable).with_name("pymap").exists() or os.environ.get("CI") != "true"
