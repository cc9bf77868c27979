"""Signed tokens: round trips, and every way a token must be refused."""

from __future__ import annotations

import re
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from publisher.core.errors import ConfigError, TokenError
from publisher.mail.tokens import (
    SECRET_ENV,
    load_secret,
    mailbox_token_reference,
    sign_mailbox_reference,
    sign_reference,
    token_reference,
    verify_mailbox_reference,
    verify_reference,
)

SECRET = b"0123456789abcdef-test-secret"
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
# SpamAssassin's Bitcoin-address test: a whole word of 26-35 base58 characters from 1 or 3.
BITCOIN_LIKE = re.compile(r"\b[13][a-km-zA-HJ-NP-Z1-9]{25,34}\b")


ANN = "ann@example.org"


def test_round_trip() -> None:
    token = sign_reference(SECRET, "unsubscribe", 1, ANN)
    verify_reference(SECRET, "unsubscribe", token, ANN)
    assert token_reference(token) == 1
    assert re.fullmatch(r"[A-Za-z0-9_.-]+", token)


def test_round_trip_non_ascii_address() -> None:
    token = sign_reference(SECRET, "confirm", 3, "zoë@exämple.org", issued=NOW)
    verify_reference(
        SECRET, "confirm", token, "zoë@exämple.org", now=NOW, max_age=timedelta(days=1)
    )


def test_forged_token_is_refused() -> None:
    token = sign_reference(b"another-secret-entirely", "unsubscribe", 1, ANN)
    with pytest.raises(TokenError):
        verify_reference(SECRET, "unsubscribe", token, ANN)


@pytest.mark.parametrize("position", [1, 3, -1, -5])
def test_altered_token_is_refused(position: int) -> None:
    token = sign_reference(SECRET, "unsubscribe", 1234, ANN, issued=NOW)
    swapped = "B" if token[position] != "B" else "C"
    altered = token[:position] + swapped + (token[position + 1 :] if position != -1 else "")
    with pytest.raises(TokenError):
        verify_reference(SECRET, "unsubscribe", altered, ANN)


@pytest.mark.parametrize("garbage", ["", ".", "abc", "a.b.c", "...", "x" * 500])
def test_garbage_is_refused(garbage: str) -> None:
    with pytest.raises(TokenError):
        verify_reference(SECRET, "unsubscribe", garbage, ANN)


def test_purposes_are_not_interchangeable() -> None:
    token = sign_reference(SECRET, "unsubscribe", 1, ANN)
    with pytest.raises(TokenError):
        verify_reference(SECRET, "confirm", token, ANN)


def test_expired_token_is_refused() -> None:
    token = sign_reference(SECRET, "confirm", 1, ANN, issued=NOW)
    day = timedelta(days=1)
    verify_reference(SECRET, "confirm", token, ANN, now=NOW + day, max_age=day)
    with pytest.raises(TokenError, match="expired"):
        later = NOW + day + timedelta(seconds=1)
        verify_reference(SECRET, "confirm", token, ANN, now=later, max_age=day)


def test_undated_token_does_not_pass_an_age_check() -> None:
    token = sign_reference(SECRET, "confirm", 1, ANN)
    with pytest.raises(TokenError, match="expired"):
        verify_reference(SECRET, "confirm", token, ANN, now=NOW, max_age=timedelta(days=365))


def test_token_from_the_future_is_refused() -> None:
    token = sign_reference(SECRET, "confirm", 1, ANN, issued=NOW + timedelta(hours=1))
    with pytest.raises(TokenError, match="future"):
        verify_reference(SECRET, "confirm", token, ANN, now=NOW, max_age=timedelta(days=1))


@pytest.mark.parametrize("n", range(0, 400, 7))
def test_tokens_never_look_like_bitcoin_addresses(n: int) -> None:
    email = f"{'reader' * (n % 9)}{n}.{'x1' * (n % 13)}@example-{n}.org"
    token = sign_reference(SECRET + str(n).encode(), "unsubscribe", n * 7919, email, issued=NOW)
    assert not BITCOIN_LIKE.search(token)
    assert all(len(run) < 26 for run in re.split(r"[^A-Za-z0-9_]", token))


def test_secret_from_environment(tmp_path: Path) -> None:
    secret = load_secret({SECRET_ENV: "  a-long-enough-secret  "}, tmp_path)
    assert secret == b"a-long-enough-secret"
    assert not (tmp_path / "secret_key").exists()


def test_short_secret_in_environment_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=SECRET_ENV):
        load_secret({SECRET_ENV: "short"}, tmp_path)


def test_generated_secret_is_private_and_kept(tmp_path: Path) -> None:
    state = tmp_path / "var"
    first = load_secret({}, state)
    path = state / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first) >= 32
    assert load_secret({}, state) == first
    assert [p.name for p in state.iterdir()] == ["secret_key"]  # no temporary file left


def test_empty_secret_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret_key").write_bytes(b"\n")
    with pytest.raises(ConfigError, match="secret_key"):
        load_secret({}, tmp_path)


def test_reference_tokens_name_a_number_and_are_bound_to_the_address() -> None:
    token = sign_reference(SECRET, "unsubscribe", 42, "Ann@Example.org")
    assert token_reference(token) == 42 and "ann" not in token.lower()
    verify_reference(SECRET, "unsubscribe", token, "ann@example.org")  # case-insensitive
    with pytest.raises(TokenError):
        verify_reference(SECRET, "unsubscribe", token, "bob@example.org")  # number reused
    with pytest.raises(TokenError):
        verify_reference(SECRET, "confirm", token, "ann@example.org")


def test_reference_tokens_expire() -> None:
    token = sign_reference(SECRET, "confirm", 7, "ann@example.org", issued=NOW)
    day = timedelta(days=1)
    verify_reference(SECRET, "confirm", token, "ann@example.org", now=NOW + day, max_age=day)
    with pytest.raises(TokenError):
        verify_reference(
            SECRET, "confirm", token, "ann@example.org", now=NOW + 2 * day, max_age=day
        )


@pytest.mark.parametrize("garbage", ["", "r.0.x", "rzz!.0.x", "x1.0.abc", "r1.0"])
def test_unreadable_reference_tokens_are_refused(garbage: str) -> None:
    with pytest.raises(TokenError):
        token_reference(garbage)


def test_mailbox_tokens_survive_any_case_and_refuse_everything_else() -> None:
    token = sign_mailbox_reference(SECRET, "bounce", 1234, "Ann@Example.org")
    assert re.fullmatch(r"r[0-9a-z]+\.[a-z2-7]{24}", token)  # fits an address's local part
    for seen in (token, token.upper()):
        assert mailbox_token_reference(seen) == 1234
        verify_mailbox_reference(SECRET, "bounce", seen, "ann@example.org")
    payload, signature = token.split(".")
    refused = [
        (SECRET, "unsubscribe", token, "ann@example.org"),  # another purpose
        (SECRET, "bounce", token, "bob@example.org"),  # the number now names someone else
        (b"another-secret-0123456789", "bounce", token, "ann@example.org"),
        (SECRET, "bounce", f"{payload}.{signature[::-1]}", "ann@example.org"),
        (SECRET, "bounce", f"{payload}0.{signature}", "ann@example.org"),  # another number
    ]
    for secret, purpose, candidate, email in refused:
        with pytest.raises(TokenError):
            verify_mailbox_reference(secret, purpose, candidate, email)
    for unreadable in ("", "r.abc", "x12.abc", "r12", f"r{'z' * 14}.{signature}", "r١.abc"):
        with pytest.raises(TokenError):
            mailbox_token_reference(unreadable)
