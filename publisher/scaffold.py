"""Use case: ``publisher init`` — a new site folder with a commented config and the templates."""

from __future__ import annotations

import shutil
from pathlib import Path

from publisher.core.errors import ConfigError
from publisher.core.templating import packaged_templates_dir

TEMPLATE_SUFFIXES = {".html", ".txt", ".xml", ".css", ".js"}

SAMPLE_CONFIG = """\
# publisher.toml: every key is optional; the values shown are the defaults.
# Any key can also be set in the environment as PUBLISHER_<SECTION>_<KEY>,
# e.g. PUBLISHER_SITE_URL=https://news.example.org/ . Relative paths are
# relative to this file. Secrets (PUBLISHER_SECRET_KEY, PUBLISHER_SMTP_PASSWORD)
# only ever come from the environment.

[site]
title = "publisher"
# The public address the feeds and pages are served from; set it before you
# publish: item ids in feeds are built from its host name.
url = "http://127.0.0.1:8000/"
description = "Articles collected by publisher"
# language = "en"

[paths]
seeds = "seeds"          # the folder of scraped pages to watch
output = "feeds"         # the public web root: feeds and the HTML archive
templates = "templates"  # your own templates; missing files fall back to the defaults
state = "var"            # the database, the outbox and other private state

[database]
url = "sqlite:///var/publisher.db"
# url = "postgresql+psycopg://publisher@localhost/publisher"  # pip install 'publisher[postgres]'

[ingest]
max_file_bytes = 10000000  # larger files are refused
settle_seconds = 2         # files changed more recently are left for the next scan
follow_symlinks = false    # true: also read links that lead out of the seed folder

[feeds]
max_items = 50
full_content = true
# websub_hub = "https://pubsubhubbub.appspot.com/"

[digest]
# from_address = "digest@news.example.org"   # default: digest@<site host>
# from_name = "My Site"                       # default: site.title
max_age_days = 7            # older articles found late are not news: feeds only
schedule = "0 7 * * *"      # cron, in each subscriber's own time zone
weekly_day = "mon"          # when weekly subscribers get theirs
# Your postal address, printed in every digest's footer: anti-spam laws (CAN-SPAM in the
# US, and others) require one in bulk mail. Fill it in before you send to real readers.
# postal_address = "Example News, 1 High Street, Springfield 12345, Country"

[delivery]
transport = "maildir"       # "maildir" (var/outbox) or "smtp"
outbox = "var/outbox"
max_attempts = 4
bounce_after = 3            # hard failures in a row before an address is marked bounced
give_up_hours = 72          # a message deferred this long fails; its reader moves on

[smtp]
host = "localhost"
port = 25
starttls = false
ssl = false
timeout = 30                # seconds for one message's whole exchange with the server
# username = "publisher"    # the password comes from PUBLISHER_SMTP_PASSWORD
# rate_per_second = 10

# [dkim]
# selector = "mail"
# domain = "news.example.org"
# private_key_path = "/etc/publisher/dkim.pem"

# Bounces, abuse reports and unsubscribe mails: a mailbox publisher reads (README: Inbound mail).
# [inbound]
# address = "bounces@news.example.org"   # delivered into the mailbox below; digests return here
# verp = true                  # envelope sender bounces+<token>@…: every bounce names its reader
# maildir = "/var/mail/publisher-bounces"   # or IMAP over TLS:
# imap_host = "imap.example.org"            # imap_port = 993, imap_user; the password
# imap_user = "bounces@news.example.org"    # comes from PUBLISHER_INBOUND_PASSWORD
# check_minutes = 5

[schedule]
rescan_seconds = 60         # a full rescan now and then, behind file-system events

[http]
host = "127.0.0.1"
port = 8000

[logging]
level = "INFO"
format = "text"             # or "json"
# file = "var/publisher.log"  # default: stderr; SIGHUP reopens it (for logrotate)

[subscriptions]
confirm_days = 7

# One table per publication. `match` is a glob on the seed file name (or its
# path under the seed folder); the first matching table wins.
# [[sources]]
# match = "tribune_*.txt"
# name = "Tribune"
# url = "https://tribunemag.co.uk/"
# author = "Ian Lavery"       # force an author for every item
# layout = "listing"          # listing, listing-bylines, teasers, author-archive, long-page
# timezone = "Europe/London"  # the zone of dates on the page
# date_order = "dmy"          # numeric dates: dmy (14/02/2023) or mdy (02/14/2023)
# language = "en"
"""


def init_site(target: Path) -> list[Path]:
    """Write a config, an empty seed folder and editable copies of the templates."""
    config = target / "publisher.toml"
    if config.exists():
        raise ConfigError(f"{config} already exists; refusing to overwrite it")
    templates = target / "templates"
    (target / "seeds").mkdir(parents=True, exist_ok=True)
    templates.mkdir(exist_ok=True)
    config.write_text(SAMPLE_CONFIG, encoding="utf-8")
    written = [config, target / "seeds"]
    for source in sorted(packaged_templates_dir().iterdir()):
        if source.suffix in TEMPLATE_SUFFIXES and not (templates / source.name).exists():
            shutil.copyfile(source, templates / source.name)
            written.append(templates / source.name)
    return written
