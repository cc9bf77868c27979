"""Settings: defaults < publisher.toml < PUBLISHER_* environment; errors name the key and value."""

from __future__ import annotations

import dataclasses
import re
import tomllib
import types
import typing
import zoneinfo
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from publisher.core.errors import ConfigError
from publisher.core.sections import (
    LAYOUTS,
    SECTIONS,
    DatabaseSettings,
    HttpSettings,
    InboundSettings,
    Settings,
    SiteSettings,
    SourceRule,
)

__all__ = [
    "CONFIG_NAME",
    "LAYOUTS",
    "HttpSettings",
    "InboundSettings",
    "Settings",
    "SourceRule",
    "find_config",
    "load_settings",
]

CONFIG_NAME = "publisher.toml"
ENV_PREFIX = "PUBLISHER_"
# Environment variables that are secrets or pointers, not settings keys.
NON_SETTING_ENV = {
    "PUBLISHER_SECRET_KEY",
    "PUBLISHER_SMTP_PASSWORD",
    "PUBLISHER_CONFIG",
    "PUBLISHER_INBOUND_PASSWORD",
}
# A plain address: what a mail server can deliver to and a header can carry as it is.
_MAILBOX_ADDRESS = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*")


def find_config(cwd: Path) -> Path | None:
    """The nearest publisher.toml in ``cwd`` or a parent folder, as git finds ``.git``."""
    start = cwd.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_settings(
    path: Path | None = None, environ: Mapping[str, str] | None = None, *, cwd: Path | None = None
) -> Settings:
    """Read the config file (named, or the nearest one found), apply the environment, validate.

    With no file named and none found, the defaults apply relative to ``cwd``;
    ``Settings.config_file`` is then None, and commands that write refuse to run.
    """
    environ = {} if environ is None else environ
    cwd = cwd or Path.cwd()
    named = path or environ.get("PUBLISHER_CONFIG")
    config_path = Path(named) if named else find_config(cwd)
    raw: dict[str, Any] = {}
    if config_path is not None and config_path.is_file():
        raw = _read_toml(config_path)
    elif config_path is not None:
        raise ConfigError(f"config file not found: {config_path}")
    base_dir = config_path.parent.resolve() if config_path is not None else cwd.resolve()
    raw = _apply_environment(raw, environ)
    settings = _build_settings(raw, base_dir)
    found = config_path.resolve() if config_path is not None else None
    return dataclasses.replace(settings, config_file=found)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc


def _apply_environment(raw: dict[str, Any], environ: Mapping[str, str]) -> dict[str, Any]:
    merged = {key: dict(value) if isinstance(value, dict) else value for key, value in raw.items()}
    for name, value in sorted(environ.items()):
        if not name.startswith(ENV_PREFIX) or name in NON_SETTING_ENV:
            continue
        section, _, key = name[len(ENV_PREFIX) :].lower().partition("_")
        if section not in SECTIONS or key not in _field_names(SECTIONS[section]):
            raise ConfigError(f"unknown setting in environment: {name}={value!r}")
        merged.setdefault(section, {})[key] = value
    return merged


def _field_names(cls: type[Any]) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def _build_settings(raw: dict[str, Any], base_dir: Path) -> Settings:
    unknown = set(raw) - set(SECTIONS) - {"sources"}
    if unknown:
        raise ConfigError(f"unknown section [{sorted(unknown)[0]}] in config")
    values: dict[str, Any] = {}
    for name, cls in SECTIONS.items():
        table = raw.get(name, {})
        if not isinstance(table, dict):
            raise ConfigError(f"[{name}] must be a table, got {table!r}")
        values[name] = _build_section(name, cls, table)
    values["sources"] = _build_sources(raw.get("sources", []))
    for name in SECTIONS:
        values[name] = _resolve_paths(values[name], base_dir)
    values["database"] = DatabaseSettings(url=_resolve_sqlite(values["database"].url, base_dir))
    site: SiteSettings = values["site"]
    _validate_url("site.url", site.url)
    if not site.url.endswith("/"):
        values["site"] = dataclasses.replace(site, url=site.url + "/")
    settings = Settings(base_dir=base_dir, **values)
    _validate(settings)
    return settings


def _build_section(section: str, cls: type[Any], table: Mapping[str, Any]) -> Any:
    hints = typing.get_type_hints(cls)
    known = _field_names(cls)
    kwargs: dict[str, Any] = {}
    for key, value in table.items():
        if key not in known:
            raise ConfigError(f"unknown key {section}.{key} (value {value!r})")
        kwargs[key] = _coerce(f"{section}.{key}", value, hints[key])
    return cls(**kwargs)


def _build_sources(tables: Any) -> tuple[SourceRule, ...]:
    if not isinstance(tables, list):
        raise ConfigError("sources must be an array of tables: [[sources]]")
    rules = []
    for index, table in enumerate(tables):
        label = f"sources[{index}]"
        if not isinstance(table, dict) or "match" not in table:
            raise ConfigError(f"{label} needs a 'match' glob, e.g. match = \"example_*.txt\"")
        rule = _build_section(label, SourceRule, table)
        _validate_source(label, rule)
        rules.append(rule)
    return tuple(rules)


def _coerce(key: str, value: Any, hint: Any) -> Any:
    """Turn a TOML or environment value into the field's type, or name the key and value."""
    options = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    if value is None or (type(None) in options and value in ("", "none")):
        if type(None) in options:
            return None
    target = next(option for option in options if option is not type(None))
    try:
        return _coerce_to(target, value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"bad value for {key}: {value!r} ({exc})") from exc


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _coerce_to(target: Any, value: Any) -> Any:
    if target is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in _TRUE | _FALSE:
            return value.lower() in _TRUE
        raise ValueError("expected true or false")
    if target is int:
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise TypeError("expected a whole number")
        return int(value)
    if target is float:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise TypeError("expected a number")
        return float(value)
    if target is Path:
        if not isinstance(value, str) or not value:
            raise TypeError("expected a path")
        return Path(value)
    if not isinstance(value, str):
        raise TypeError("expected a string")
    return value


def _resolve_paths(section: Any, base_dir: Path) -> Any:
    """Every relative path setting is relative to the config file's folder."""
    changes = {
        f.name: _resolve(base_dir, getattr(section, f.name))
        for f in dataclasses.fields(section)
        if isinstance(getattr(section, f.name), Path)
    }
    return dataclasses.replace(section, **changes) if changes else section


def _resolve(base_dir: Path, value: Path) -> Path:
    expanded = value.expanduser()
    return expanded if expanded.is_absolute() else base_dir / expanded


def _resolve_sqlite(url: str, base_dir: Path) -> str:
    """A relative SQLite path is relative to the config file, like every other path."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or url == "sqlite:///:memory:":
        return url
    path = Path(url[len(prefix) :])
    return prefix + str(_resolve(base_dir, path)) if str(path) else url


def _validate_url(key: str, value: str) -> None:
    url = urlsplit(value)
    if url.scheme not in {"http", "https"} or not url.netloc or " " in value:
        raise ConfigError(f"bad value for {key}: {value!r} (need an absolute http(s) URL)")


def _validate(settings: Settings) -> None:
    if settings.ingest.max_file_bytes <= 0:
        raise ConfigError(
            f"bad value for ingest.max_file_bytes: {settings.ingest.max_file_bytes!r}"
        )
    if settings.ingest.workers is not None and settings.ingest.workers < 0:
        raise ConfigError(f"bad value for ingest.workers: {settings.ingest.workers!r}")
    if settings.ingest.settle_seconds < 0:
        raise ConfigError(
            f"bad value for ingest.settle_seconds: {settings.ingest.settle_seconds!r}"
        )
    if settings.feeds.max_items <= 0:
        raise ConfigError(f"bad value for feeds.max_items: {settings.feeds.max_items!r}")
    _validate_choices(settings)
    _validate_inbound(settings.inbound)


def _validate_choices(settings: Settings) -> None:
    choices = {
        "delivery.transport": (settings.delivery.transport, ("maildir", "smtp")),
        "logging.format": (settings.logging.format, ("text", "json")),
        "logging.level": (settings.logging.level.upper(), ("DEBUG", "INFO", "WARNING", "ERROR")),
        "digest.weekly_day": (
            settings.digest.weekly_day,
            ("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
        ),
    }
    for key, (value, allowed) in choices.items():
        if value not in allowed:
            raise ConfigError(f"bad value for {key}: {value!r} (one of {', '.join(allowed)})")
    positive = {
        "delivery.max_attempts": settings.delivery.max_attempts,
        "delivery.bounce_after": settings.delivery.bounce_after,
        "delivery.give_up_hours": settings.delivery.give_up_hours,
        "smtp.timeout": settings.smtp.timeout,
        "digest.max_html_bytes": settings.digest.max_html_bytes,
        "site.page_size": settings.site.page_size,
        "schedule.rescan_seconds": settings.schedule.rescan_seconds,
        "service.heartbeat_seconds": settings.service.heartbeat_seconds,
        "service.poll_seconds": settings.service.poll_seconds,
        "delivery.lease_seconds": settings.delivery.lease_seconds or 1,
        "subscriptions.confirm_days": settings.subscriptions.confirm_days,
    }
    for key, number in positive.items():
        if number <= 0:
            raise ConfigError(f"bad value for {key}: {number!r} (must be positive)")
    if not 0 < settings.http.port < 65536:
        raise ConfigError(f"bad value for http.port: {settings.http.port!r}")


def _validate_source(label: str, rule: SourceRule) -> None:
    if rule.layout is not None and rule.layout not in LAYOUTS:
        raise ConfigError(
            f"bad value for {label}.layout: {rule.layout!r} (one of {', '.join(LAYOUTS)})"
        )
    if rule.url is not None:
        _validate_url(f"{label}.url", rule.url)
    if rule.link_template is not None:
        _validate_url(f"{label}.link_template", rule.link_template.replace("{title}", "x"))
        if "{title}" not in rule.link_template:
            raise ConfigError(
                f"bad value for {label}.link_template: {rule.link_template!r} (needs {{title}})"
            )
    if rule.date_order not in {"dmy", "mdy"}:
        raise ConfigError(f"bad value for {label}.date_order: {rule.date_order!r} (dmy or mdy)")
    try:
        zoneinfo.ZoneInfo(rule.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"bad value for {label}.timezone: {rule.timezone!r}") from exc


def _validate_inbound(inbound: InboundSettings) -> None:
    """A mailbox needs an address to receive at; one kind of mailbox, with what it needs."""
    if not inbound.enabled:
        if inbound.verp:
            raise ConfigError(
                "inbound.verp needs a mailbox: set inbound.maildir or inbound.imap_host"
            )
        return
    if inbound.maildir is not None and inbound.imap_host is not None:
        raise ConfigError("inbound.maildir and inbound.imap_host exclude each other: choose one")
    for key in ("address", "unsubscribe_address"):
        value = getattr(inbound, key)
        if key == "address" and value is None:
            raise ConfigError(
                "inbound.address is missing: the address that delivers into the mailbox, "
                "e.g. bounces@news.example.org"
            )
        if value is not None and not _MAILBOX_ADDRESS.fullmatch(value):
            raise ConfigError(f"bad value for inbound.{key}: {value!r} (need local@domain)")
    if inbound.imap_host is not None and not inbound.imap_user:
        raise ConfigError("inbound.imap_user is missing: the login for inbound.imap_host")
    if not 0 < inbound.imap_port < 65536:
        raise ConfigError(f"bad value for inbound.imap_port: {inbound.imap_port!r}")
    if inbound.check_minutes <= 0 or inbound.timeout <= 0:
        raise ConfigError("inbound.check_minutes and inbound.timeout must be positive")
