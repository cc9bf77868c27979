"""WebSub: tell the hub which feeds changed, so subscribers hear of new items at once."""

from __future__ import annotations

import logging
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence

log = logging.getLogger(__name__)


def ping_hub(hub: str, feed_urls: Sequence[str], *, timeout: float = 10.0) -> list[str]:
    """POST hub.mode=publish for each feed; a failure is a warning, never an error.

    Returns the feed URLs the hub did not accept.
    """
    failed = []
    for url in feed_urls:
        body = urllib.parse.urlencode({"hub.mode": "publish", "hub.url": url}).encode()
        request = urllib.request.Request(hub, data=body, method="POST")
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
        except (urllib.error.URLError, OSError, ValueError) as exc:
            log.warning("WebSub hub %s did not take the ping for %s: %s", hub, url, exc)
            failed.append(url)
    return failed
