"""Double opt-in over real HTTP and SMTP: subscribe, confirm, digest, one-click unsubscribe."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from conftest import NOW, use_database, write_seed
from http_client import Reply, fetch, serving
from smtp_sink import Recorder

from publisher import store
from publisher.core.errors import TokenError
from publisher.core.settings import Settings, load_settings
from publisher.core.templating import make_environment
from publisher.ingest.pipeline import ingest
from publisher.mail.delivering import deliver_notices
from publisher.mail.links import confirm, unsubscribe
from publisher.mail.outbound import CONFIRM, PREFERENCES, UNSUBSCRIBE, make_mailer, make_sender
from publisher.mail.sending import send_digests, send_test
from publisher.mail.subscriptions import SubscriberInput, subscribe
from publisher.mail.tokens import sign_reference
from publisher.service.couriers import notice_courier
from publisher.service.web import create_app

pytestmark = pytest.mark.each_database  # SQLite and PostgreSQL

SECRET = b"test-secret-0123456789abcdef"
SITE = "https://news.example.org/"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
ROUND_ONE = """Tram Line Reopens

The east tram line reopened this morning after three months of works.
"""
ROUND_TWO = """Bridge Repairs Begin

Repairs to the old river bridge begin on Monday and will last all summer.
"""


@dataclass
class Clock:
    """The server's clock, moved by the test."""

    now: datetime = NOW

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Flow:
    settings: Settings
    db: store.Store
    port: int
    recorder: Recorder
    clock: Clock

    def post(self, path: str, body: bytes, headers: dict[str, str] | None = None) -> Reply:
        return fetch(self.port, "POST", path, {**FORM, **(headers or {})}, body)

    def subscribe(self, email: str, client: str = "192.0.2.1", **fields: str) -> Reply:
        """POST the form as a browser would; ``client`` arrives as X-Forwarded-For."""
        body = urlencode({"email": email, "cadence": "daily", **fields}).encode()
        return self.post("/subscribe", body, {"X-Forwarded-For": client})

    def status_of(self, email: str) -> str:
        return store.get_subscriber(self.db, email).status

    def send(self, now: datetime) -> int:
        mailer = make_mailer(self.settings, {})
        try:
            return send_digests(
                self.settings, self.db, mailer, now=now, secret=SECRET
            ).messages_sent
        finally:
            mailer.close()


def flow_settings(site: Path, port: int, **extra: str) -> Settings:
    env = {
        "PUBLISHER_DELIVERY_TRANSPORT": "smtp",
        "PUBLISHER_SMTP_HOST": "127.0.0.1",
        "PUBLISHER_SMTP_PORT": str(port),
        "PUBLISHER_SMTP_TIMEOUT": "5",
        "PUBLISHER_SITE_URL": SITE,
        "PUBLISHER_DIGEST_FROM_ADDRESS": "digest@news.example.org",
        **extra,
    }
    return load_settings(None, env, cwd=site)


@pytest.fixture
def flow(
    tmp_path: Path,
    smtp_server: tuple[Recorder, int],
    database_url: str | None,
    request: pytest.FixtureRequest,
) -> Iterator[Flow]:
    """An empty site served over HTTP and mailing through a real SMTP server.

    An indirect parameter adds PUBLISHER_* settings (other rate limits).
    """
    recorder, smtp_port = smtp_server
    (tmp_path / "seeds").mkdir()
    use_database(tmp_path, database_url)
    extra = getattr(request, "param", {})
    settings = flow_settings(tmp_path, smtp_port, **extra)
    db = store.open_store(settings.database.url, now=NOW)
    clock = Clock()
    # The sender of confirmation mails, as `publisher run` has it: woken by each request.
    notices = notice_courier(settings, db, {})
    app = create_app(settings, db, secret=SECRET, on_queued=notices.wake, clock=clock)
    notices.start()
    try:
        with serving(settings, app) as port:
            yield Flow(settings, db, port, recorder, clock)
    finally:
        notices.stop()
        db.close()


def token_for(flow: Flow, purpose: str, email: str, issued: datetime | None = None) -> str:
    """A genuine token for a stored subscriber, as publisher signs them."""
    subscriber = store.get_subscriber(flow.db, email)
    return sign_reference(SECRET, purpose, subscriber.id, email, issued=issued)


def wait_for_mail(recorder: Recorder, count: int, timeout: float = 10.0) -> list[EmailMessage]:
    """The first ``count`` accepted messages: confirmation mail is sent after the answer."""
    deadline = time.monotonic() + timeout
    while len(recorder.accepted) < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"expected {count} messages, got {len(recorder.accepted)}")
        time.sleep(0.02)
    return [parsed(content) for _, _, content in recorder.accepted[:count]]


def parsed(content: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(content)
    assert isinstance(message, EmailMessage)
    return message


def text_of(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    return str(body.get_content())


def confirm_path(message: EmailMessage) -> str:
    found = re.search(re.escape(SITE) + r"confirm/\S+", text_of(message))
    assert found, text_of(message)
    return urlsplit(found.group(0)).path


def test_subscribe_confirm_digest_and_one_click_unsubscribe(flow: Flow) -> None:
    status, _, body = flow.subscribe("ann@example.org", name="Ann")
    assert status == 200 and b"Check your inbox" in body
    (mail,) = wait_for_mail(flow.recorder, 1)
    assert mail["To"].addresses[0].addr_spec == "ann@example.org"
    assert flow.status_of("ann@example.org") == "pending"

    write_seed(flow.settings.paths.seeds, "round1.txt", ROUND_ONE)
    ingest(flow.settings, flow.db, now=NOW)
    assert flow.send(NOW) == 0  # pending subscribers get no digest

    status, _, body = fetch(flow.port, "GET", confirm_path(mail))
    assert status == 200 and b"Subscription confirmed" in body
    assert flow.status_of("ann@example.org") == "active"
    assert flow.send(NOW) == 1
    digest = wait_for_mail(flow.recorder, 2)[1]
    assert "Tram Line Reopens" in text_of(digest)
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    https_url = digest["List-Unsubscribe"].split(",")[0].strip(" <>")
    assert https_url.startswith(SITE + "unsubscribe/")
    status, _, body = flow.post(urlsplit(https_url).path, b"List-Unsubscribe=One-Click")
    assert status == 200 and b"You are unsubscribed" in body
    assert flow.status_of("ann@example.org") == "unsubscribed"

    write_seed(flow.settings.paths.seeds, "round2.txt", ROUND_TWO)
    ingest(flow.settings, flow.db, now=NOW + timedelta(days=1))
    assert flow.send(NOW + timedelta(days=1)) == 0
    assert len(flow.recorder.accepted) == 2


def test_one_click_needs_no_form_encoding_and_is_idempotent(flow: Flow) -> None:
    store_subscriber(flow, "bob@example.org", "active")
    path = "/unsubscribe/" + token_for(flow, UNSUBSCRIBE, "bob@example.org")
    multipart = "multipart/form-data; boundary=x"
    body = (
        b'--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--'
    )
    assert flow.post(path, body, {"Content-Type": multipart})[0] == 200
    assert fetch(flow.port, "POST", path)[0] == 200
    assert flow.status_of("bob@example.org") == "unsubscribed"


def test_unsubscribe_page_shows_a_button_posting_to_the_same_address(flow: Flow) -> None:
    store_subscriber(flow, "cat@example.org", "active")
    path = "/unsubscribe/" + token_for(flow, UNSUBSCRIBE, "cat@example.org")
    status, headers, body = fetch(flow.port, "GET", path)
    assert status == 200 and headers["cache-control"] == "no-store"
    assert f'<form class="form" method="post" action="{path}">'.encode() in body
    assert flow.status_of("cat@example.org") == "active"  # a GET (a link scanner) changes nothing


def store_subscriber(flow: Flow, email: str, status: str) -> None:
    with flow.db.transaction() as conn:
        store.insert_subscriber(
            conn, email=email, name=None, status=status, cadence="daily", timezone="UTC", now=NOW
        )


def without_date(reply: Reply, email: str) -> tuple[int, dict[str, str], bytes]:
    status, headers, body = reply
    return (
        status,
        {k: v for k, v in headers.items() if k != "date"},
        body.replace(email.encode(), b"<address>"),
    )


@pytest.mark.parametrize("state", ["active", "pending", "unsubscribed", "bounced"])
def test_an_existing_address_gets_the_same_answer_as_a_new_one(flow: Flow, state: str) -> None:
    store_subscriber(flow, "old@example.org", state)  # as long as the new one: same length
    known = flow.subscribe("old@example.org", client="192.0.2.1")
    new = flow.subscribe("new@example.org", client="192.0.2.2")
    assert without_date(known, "old@example.org") == without_date(new, "new@example.org")
    expected = 1 if state == "active" else 2
    messages = wait_for_mail(flow.recorder, expected)
    time.sleep(0.2)  # nothing more arrives: an active subscriber is not mailed again
    assert len(flow.recorder.accepted) == expected
    recipients = sorted(m["To"].addresses[0].addr_spec for m in messages)
    assert "new@example.org" in recipients
    assert flow.status_of("old@example.org") == ("active" if state == "active" else "pending")


def test_a_returning_reader_opts_in_afresh(flow: Flow) -> None:
    store_subscriber(flow, "dan@example.org", "unsubscribed")
    old = "/confirm/" + token_for(flow, CONFIRM, "dan@example.org", issued=NOW)
    assert fetch(flow.port, "GET", old)[0] == 400  # an old link does not bring them back
    flow.subscribe("dan@example.org", cadence="weekly")
    (mail,) = wait_for_mail(flow.recorder, 1)
    assert fetch(flow.port, "GET", confirm_path(mail))[0] == 200
    sub = store.get_subscriber(flow.db, "dan@example.org")
    assert (sub.status, sub.cadence) == ("active", "weekly")
    status, _, body = fetch(flow.port, "GET", confirm_path(mail))  # clicked twice
    assert status == 200 and b"Subscription confirmed" in body


@pytest.mark.parametrize(
    "path",
    [
        # ann is the first subscriber of each fresh site, so number 1.
        "/confirm/"
        + sign_reference(b"another-secret-0123456789", CONFIRM, 1, "ann@example.org", issued=NOW),
        "/confirm/" + sign_reference(SECRET, UNSUBSCRIBE, 1, "ann@example.org"),
        "/confirm/" + sign_reference(SECRET, CONFIRM, 1, "ann@example.org"),  # undated
        "/confirm/" + sign_reference(SECRET, CONFIRM, 1, "bob@example.org", issued=NOW),
        "/confirm/not-a-token",
        "/confirm/" + "a." * 600,
        "/unsubscribe/" + sign_reference(SECRET, CONFIRM, 1, "ann@example.org", issued=NOW),
        "/unsubscribe/" + sign_reference(SECRET, UNSUBSCRIBE, 2, "ann@example.org"),
        "/unsubscribe/%E2%80%AE%00",
    ],
)
def test_forged_or_misused_tokens_get_a_400_page(flow: Flow, path: str) -> None:
    store_subscriber(flow, "ann@example.org", "pending")
    for method in ("GET", "POST") if path.startswith("/unsubscribe/") else ("GET",):
        status, headers, body = fetch(flow.port, method, path)
        assert status == 400 and headers["content-type"] == "text/html; charset=utf-8"
        assert b"invalid or has expired" in body and b"Traceback" not in body
    assert flow.status_of("ann@example.org") == "pending"


def test_token_numbers_out_of_range_answer_400_without_a_traceback(
    flow: Flow, caplog: pytest.LogCaptureFixture
) -> None:
    store_subscriber(flow, "ann@example.org", "active")
    for number in (0, 2**63, 2**64 + 1, 36**40):
        for purpose in (CONFIRM, UNSUBSCRIBE):
            token = sign_reference(SECRET, purpose, number, "ann@example.org", issued=NOW)
            for method in ("GET", "POST") if purpose == UNSUBSCRIBE else ("GET",):
                path = f"/{purpose}/{token}"
                assert fetch(flow.port, method, path)[0] == 400, (path, method)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert flow.status_of("ann@example.org") == "active"


def test_a_confirmation_link_expires_after_confirm_days(flow: Flow) -> None:
    flow.subscribe("eve@example.org")
    (mail,) = wait_for_mail(flow.recorder, 1)
    flow.clock.now = NOW + timedelta(days=7, seconds=1)
    status, _, body = fetch(flow.port, "GET", confirm_path(mail))
    assert status == 400 and b"invalid or has expired" in body
    assert flow.status_of("eve@example.org") == "pending"
    flow.clock.now = NOW + timedelta(days=6)
    assert fetch(flow.port, "GET", confirm_path(mail))[0] == 200


def test_too_many_requests_for_one_address_get_429(flow: Flow) -> None:
    limit = flow.settings.subscriptions.per_address_per_day
    for number in range(limit):
        assert flow.subscribe("FLO@example.org", client=f"192.0.2.{number}")[0] == 200
    status, _, body = flow.subscribe("flo@example.org", client="198.51.100.1")
    assert status == 429 and b"Too many requests" in body
    assert flow.subscribe("other@example.org", client="198.51.100.1")[0] == 200
    flow.clock.now = NOW + timedelta(days=1)
    assert flow.subscribe("flo@example.org", client="198.51.100.2")[0] == 200
    wait_for_mail(flow.recorder, limit + 2)


@pytest.mark.parametrize(
    "flow", [{"PUBLISHER_SUBSCRIPTIONS_PER_CLIENT_PER_HOUR": "2"}], indirect=True
)
def test_too_many_requests_from_one_client_get_429(flow: Flow) -> None:
    assert flow.subscribe("a@example.org", client="203.0.113.9")[0] == 200
    assert flow.subscribe("not an address", client="203.0.113.9")[0] == 400
    over = flow.subscribe("b@example.org", client="203.0.113.9")
    assert over[0] == 429
    assert flow.subscribe("b@example.org", client="203.0.113.10")[0] == 200
    flow.clock.now = NOW + timedelta(hours=1)
    assert flow.subscribe("c@example.org", client="203.0.113.9")[0] == 200


def test_an_invalid_address_shows_the_form_again_escaped(flow: Flow) -> None:
    status, headers, body = flow.subscribe("<script>alert(1)</script>", name='"><b>Bold</b>')
    assert status == 400 and headers["content-type"] == "text/html; charset=utf-8"
    assert b"<script>" not in body and b"<b>Bold" not in body
    assert b"&lt;script&gt;" in body and b"&lt;b&gt;Bold" in body
    assert b"invalid email address" in body and b'name="email"' in body
    assert flow.subscribe("a@example.org", cadence="hourly")[0] == 400
    assert store.list_subscribers(flow.db) == []


def test_header_injection_through_the_name_goes_nowhere(flow: Flow) -> None:
    flow.subscribe("gus@example.org", name="Gus\r\nBcc: victim@example.com")
    (mail,) = wait_for_mail(flow.recorder, 1)
    assert mail["Bcc"] is None and flow.recorder.accepted[0][1] == ["gus@example.org"]


def test_the_form_page_and_odd_requests(flow: Flow) -> None:
    status, _, body = fetch(flow.port, "GET", "/subscribe")
    assert status == 200 and b'<form class="form" method="post" action="/subscribe">' in body
    assert b'type="email"' in body and b'value="weekly"' in body
    assert flow.post("/subscribe", b"email=a@example.org", {"Content-Type": "text/plain"})[0] == 415
    assert flow.post("/subscribe", b"email=" + b"a" * 10_000)[0] == 413
    assert store.list_subscribers(flow.db) == []


def test_use_cases_refuse_bad_tokens_and_unknown_addresses(db: store.Store) -> None:
    with pytest.raises(TokenError):
        confirm(db, SECRET, "garbage", now=NOW, max_age=timedelta(days=7))
    token = sign_reference(SECRET, CONFIRM, 999, "nobody@example.org", issued=NOW)
    with pytest.raises(TokenError):
        confirm(db, SECRET, token, now=NOW, max_age=timedelta(days=7))
    with pytest.raises(TokenError):
        unsubscribe(
            db, SECRET, sign_reference(SECRET, UNSUBSCRIBE, 999, "nobody@example.org"), now=NOW
        )


@dataclass
class ListMailer:
    """A Mailer double (the designed seam) that keeps what it is given."""

    sent: list[str]

    def send(self, message: bytes, *, sender: str, recipient: str) -> None:
        self.sent.append(recipient)

    def close(self) -> None:
        pass

    def abort(self) -> None:
        pass


def test_simultaneous_requests_for_one_new_address_both_succeed(
    settings: Settings, db: store.Store
) -> None:
    sender = make_sender(settings, SECRET)
    env = make_environment(settings.paths.templates)
    start = threading.Barrier(10)
    errors: list[BaseException] = []

    def request() -> None:
        start.wait()
        try:
            subscribe(
                db,
                sender,
                env,
                SubscriberInput("hal@example.org"),
                now=NOW,
                confirm_url_base=SITE + "confirm/",
            )
        except Exception as exc:  # noqa: BLE001  (collected for the assertion below)
            errors.append(exc)

    threads = [threading.Thread(target=request) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    mailer = ListMailer([])
    report = deliver_notices(settings, db, mailer, clock=lambda: NOW)
    assert errors == [] and mailer.sent == ["hal@example.org"] * 10
    assert report.messages_sent == 10
    assert [s.status for s in store.list_subscribers(db)] == ["pending"]


def test_the_form_offers_time_zones_and_keeps_the_readers(flow: Flow) -> None:
    status, _, body = fetch(flow.port, "GET", "/subscribe")
    assert status == 200 and b"<option>Asia/Tokyo</option>" in body
    flow.subscribe("kenji@example.org", timezone="Asia/Tokyo", cadence="weekly")
    wait_for_mail(flow.recorder, 1)
    subscriber = store.get_subscriber(flow.db, "kenji@example.org")
    assert (subscriber.timezone, subscriber.cadence) == ("Asia/Tokyo", "weekly")
    status, _, body = flow.subscribe("bad@example.org", timezone="Mars/Olympus")
    assert status == 400 and b"invalid timezone" in body


def test_links_of_a_reader_who_left_say_so_instead_of_invalid(flow: Flow) -> None:
    store_subscriber(flow, "dan@example.org", "unsubscribed")
    preferences = "/preferences/" + token_for(flow, PREFERENCES, "dan@example.org")
    leave = "/unsubscribe/" + token_for(flow, UNSUBSCRIBE, "dan@example.org")
    for method, path in (("GET", preferences), ("GET", leave)):
        status, _, body = fetch(flow.port, method, path)
        assert status == 410 and b"no longer subscribed" in body, (method, path)
    status, _, body = flow.post(preferences, b"cadence=weekly&timezone=UTC")
    assert status == 410 and b"no longer subscribed" in body
    assert flow.status_of("dan@example.org") == "unsubscribed"


def test_links_in_a_test_message_explain_themselves_and_change_nothing(flow: Flow) -> None:
    store_subscriber(flow, "eve@example.org", "active")
    write_seed(flow.settings.paths.seeds, "round1.txt", ROUND_ONE)
    ingest(flow.settings, flow.db, now=NOW)
    mailer = make_mailer(flow.settings, {})
    try:
        send_test(flow.settings, flow.db, mailer, now=NOW, secret=SECRET, to="eve@example.org")
    finally:
        mailer.close()
    (message,) = wait_for_mail(flow.recorder, 1)
    links = re.findall(re.escape(SITE) + r"(?:unsubscribe|preferences)/\S+", text_of(message))
    links.append(message["List-Unsubscribe"].split(",")[0].strip(" <>"))
    assert len({urlsplit(link).path.split("/")[1] for link in links}) == 2, links
    for link in links:
        for method, body in (("GET", b""), ("POST", b"List-Unsubscribe=One-Click")):
            status, _, page = fetch(flow.port, method, urlsplit(link).path, FORM, body)
            assert status == 200 and b"Link from a test message" in page, (method, link)
    assert flow.status_of("eve@example.org") == "active"
    forged = urlsplit(links[0]).path[:-3] + "AAA"
    assert fetch(flow.port, "GET", forged)[0] == 400
