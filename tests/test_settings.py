from __future__ import annotations

from pathlib import Path

import pytest

from publisher.core.errors import ConfigError
from publisher.core.settings import load_settings


def test_defaults_need_no_file(tmp_path: Path) -> None:
    settings = load_settings(None, {}, cwd=tmp_path)
    assert settings.paths.seeds == tmp_path.resolve() / "seeds"
    assert settings.database.url == f"sqlite:///{tmp_path.resolve()}/var/publisher.db"
    assert settings.ingest.max_file_bytes == 10_000_000
    assert settings.ingest.settle_seconds == 2
    assert settings.feeds.max_items == 50
    assert settings.site.url.endswith("/")


def test_config_is_found_in_the_nearest_parent_folder(tmp_path: Path) -> None:
    (tmp_path / "publisher.toml").write_text('[site]\ntitle = "Outer"\n')
    site = tmp_path / "site"
    (site / "seeds" / "deeper").mkdir(parents=True)
    (site / "publisher.toml").write_text('[site]\ntitle = "Inner"\n[paths]\nseeds = "pages"\n')
    settings = load_settings(None, {}, cwd=site / "seeds" / "deeper")
    assert settings.site.title == "Inner"
    assert settings.config_file == site.resolve() / "publisher.toml"
    assert settings.paths.seeds == site.resolve() / "pages"
    assert load_settings(None, {}, cwd=tmp_path).site.title == "Outer"


def test_no_config_here_or_above_leaves_config_file_unset(tmp_path: Path) -> None:
    settings = load_settings(None, {}, cwd=tmp_path)
    assert settings.config_file is None and settings.base_dir == tmp_path.resolve()


def test_file_then_environment_override(tmp_path: Path) -> None:
    config = tmp_path / "conf" / "publisher.toml"
    config.parent.mkdir()
    config.write_text(
        '[site]\ntitle = "From file"\nurl = "https://a.example/news"\n[paths]\nseeds = "pages"\n'
    )
    env = {"PUBLISHER_SITE_TITLE": "From env", "PUBLISHER_INGEST_MAX_FILE_BYTES": "1234"}
    settings = load_settings(config, env)
    assert settings.site.title == "From env"
    assert settings.site.url == "https://a.example/news/"
    assert settings.ingest.max_file_bytes == 1234
    assert settings.paths.seeds == config.parent.resolve() / "pages"


def test_sources_tables(tmp_path: Path) -> None:
    (tmp_path / "publisher.toml").write_text(
        '[[sources]]\nmatch = "tribune_*.txt"\nname = "Tribune"\nauthor = "Ian Lavery"\n'
        'layout = "listing"\ntimezone = "Europe/London"\ndate_order = "mdy"\n'
    )
    settings = load_settings(None, {}, cwd=tmp_path)
    rule = settings.source_for("tribune_2024.txt")
    assert rule is not None and rule.name == "Tribune" and rule.date_order == "mdy"
    assert settings.source_for("other.txt") is None


@pytest.mark.parametrize(
    ("toml", "env", "message"),
    [
        ("[site]\ncolour = 'red'\n", {}, "site.colour"),
        ("[nonsense]\nx = 1\n", {}, "[nonsense]"),
        ("[ingest]\nmax_file_bytes = 'lots'\n", {}, "ingest.max_file_bytes: 'lots'"),
        ("[ingest]\nmax_file_bytes = -1\n", {}, "ingest.max_file_bytes: -1"),
        ("[feeds]\nfull_content = 'maybe'\n", {}, "feeds.full_content: 'maybe'"),
        ("[site]\nurl = 'not a url'\n", {}, "site.url: 'not a url'"),
        ("[[sources]]\nmatch = '*'\nlayout = 'zigzag'\n", {}, "sources[0].layout: 'zigzag'"),
        ("[[sources]]\nmatch = '*'\ntimezone = 'Mars/Base'\n", {}, "sources[0].timezone"),
        ("[[sources]]\nname = 'x'\n", {}, "sources[0] needs a 'match'"),
        ("", {"PUBLISHER_SITE_COLOUR": "red"}, "PUBLISHER_SITE_COLOUR='red'"),
        ("", {"PUBLISHER_INGEST_SETTLE_SECONDS": "soon"}, "ingest.settle_seconds: 'soon'"),
        ("[site\n", {}, "not valid TOML"),
    ],
)
def test_bad_config_names_key_and_value(
    tmp_path: Path, toml: str, env: dict[str, str], message: str
) -> None:
    (tmp_path / "publisher.toml").write_text(toml)
    with pytest.raises(ConfigError) as caught:
        load_settings(None, env, cwd=tmp_path)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_secrets_in_environment_are_not_settings(tmp_path: Path) -> None:
    env = {"PUBLISHER_SECRET_KEY": "s3cret", "PUBLISHER_SMTP_PASSWORD": "pw"}
    assert load_settings(None, env, cwd=tmp_path).site.title == "publisher"


def test_named_config_must_exist(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_settings(tmp_path / "missing.toml", {})


def test_inbound_maildir_resolves_and_the_password_is_no_setting(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "publisher.toml").write_text(
        '[inbound]\nmaildir = "var/bounces"\naddress = "bounces@news.example.org"\nverp = true\n'
    )
    env = {"PUBLISHER_INBOUND_PASSWORD": "not a setting", "PUBLISHER_INBOUND_CHECK_MINUTES": "2"}
    inbound = load_settings(None, env, cwd=site).inbound
    assert inbound.enabled and inbound.verp and inbound.check_minutes == 2
    assert inbound.maildir == site.resolve() / "var" / "bounces"
    assert not load_settings(None, {}, cwd=tmp_path / "elsewhere").inbound.enabled


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('maildir = "bounces"', "inbound.address is missing"),
        ('verp = true', "inbound.verp needs a mailbox"),
        ('maildir = "b"\nimap_host = "imap.example.org"\naddress = "b@example.org"',
         "inbound.maildir and inbound.imap_host exclude each other"),
        ('imap_host = "imap.example.org"\naddress = "b@example.org"',
         "inbound.imap_user is missing"),
        ('maildir = "b"\naddress = "bounces"', "bad value for inbound.address: 'bounces'"),
        ('maildir = "b"\naddress = "b@example.org"\nunsubscribe_address = "a b@example.org"',
         "bad value for inbound.unsubscribe_address"),
    ],
)  # fmt: skip
def test_bad_inbound_settings_name_the_key(tmp_path: Path, table: str, message: str) -> None:
    (tmp_path / "publisher.toml").write_text(f"[inbound]\n{table}\n")
    with pytest.raises(ConfigError, match=message):
        load_settings(None, {}, cwd=tmp_path)
