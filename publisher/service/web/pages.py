"""The server's own HTML pages (forms, confirmations, errors) rendered in the site's look."""

from __future__ import annotations

import zoneinfo
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from jinja2 import Environment
from starlette.responses import HTMLResponse

from publisher.core.models import Subscriber
from publisher.core.site_paths import FEED_FORMATS
from publisher.publish.pages import FeedLink, Page, SiteContext

PAGE_HEADERS = {"cache-control": "no-store"}
ERROR_MESSAGES = {
    400: ("Link not valid", "This link is invalid or has expired. To subscribe, use the form."),
    404: ("Page not found", "There is nothing at this address."),
    405: ("Method not allowed", "This address does not accept that kind of request."),
    410: (
        "Not subscribed",
        "This address is no longer subscribed. To receive the digest again, use the form.",
    ),
    413: ("Request too large", "The form sent was too large."),
    415: ("Unsupported form", "Send the form as application/x-www-form-urlencoded."),
    429: ("Too many requests", "Too many subscription requests from here or for this address."),
    500: ("Something went wrong", "Please try again later."),
    503: (
        "Cannot subscribe right now",
        "Your subscription could not be stored, so no mail was sent. Please try again later.",
    ),
}


# Offered in the form's list; any IANA name is accepted (checked by subscriptions).
TIME_ZONES = tuple(
    [
        *sorted(
            zone
            for zone in zoneinfo.available_timezones()
            if "/" in zone and not zone.startswith(("Etc/", "SystemV/", "posix/", "right/"))
        ),
        "UTC",
    ]
)


@dataclass(frozen=True)
class Pages:
    """Renders the server's own pages in the site's look; their wording lives in templates."""

    env: Environment
    site: SiteContext

    @property
    def root(self) -> str:
        return urlsplit(self.site.url).path or "/"

    def render(self, template: str, status: int, title: str, **context: object) -> HTMLResponse:
        feeds = tuple(
            FeedLink(f"{self.site.title} ({label})", self.site.url + name, media_type, label)
            for name, media_type, label in FEED_FORMATS
        )
        canonical = f"{self.site.url}subscribe"
        page = Page(f"{title} — {self.site.title}", "subscribe", canonical, self.root, feeds)
        body = self.env.get_template(template).render(site=self.site, page=page, **context)
        return HTMLResponse(body, status_code=status, headers=PAGE_HEADERS)

    def error(self, status: int, headers: Mapping[str, str] | None = None) -> HTMLResponse:
        heading, text = ERROR_MESSAGES.get(status, ERROR_MESSAGES[400])
        response = self.render("message.html", status, heading, heading=heading, text=text)
        response.headers.update(headers or {})
        return response

    def sample_link(self) -> HTMLResponse:
        """What a link in a test message opens: it names no reader, so it changes nothing."""
        heading = "Link from a test message"
        text = ("This link came from a test message, which was sent to no subscriber, so it "
                "changes nothing. In a real digest it opens the reader's own page.")  # fmt: skip
        return self.render("message.html", 200, heading, heading=heading, text=text)

    def preferences(
        self,
        status: int,
        sub: Subscriber,
        sources: Sequence[tuple[str, str]],
        authors: Sequence[str],
        **context: object,
    ) -> HTMLResponse:
        """A reader's preferences form, every current choice ticked."""
        source_boxes = [(slug, name, sub.sources is None or slug in sub.sources)
                        for slug, name in sources]  # fmt: skip
        author_boxes = [(name, sub.authors is None or name in sub.authors) for name in authors]
        return self.render(
            "preferences.html", status, "Your digest", subscriber=sub, zones=TIME_ZONES,
            sources=source_boxes, authors=author_boxes, **context,
        )  # fmt: skip

    def form(self, status: int, form: Mapping[str, str], error: str | None = None) -> HTMLResponse:
        values = {"email": "", "name": "", "cadence": "daily", "timezone": "", **form}
        return self.render(
            "subscribe.html", status, "Subscribe", form=values, error=error, zones=TIME_ZONES
        )
