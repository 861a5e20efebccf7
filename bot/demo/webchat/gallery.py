"""The sandbox's check-in posters, for the web chat's gallery and for showing on a screen.

A visitor without a printer picks a poster in the gallery (the page uploads it as a photo, the
same path as any photo), or opens one full screen and photographs it with a phone (``--lan``).
Posters are drawn once, on first request.
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any

from bot.sandbox.uitpas.data import Event
from bot.sandbox.uitpas.posters import poster


@dataclass
class PosterGallery:
    events: Sequence[Event]
    zone: tzinfo = UTC  # the bot's TIME_ZONE: the times on the posters' labels
    _png: dict[str, bytes] = field(default_factory=dict)

    def event(self, event_id: str) -> Event | None:
        return next((e for e in self.events if e.id == event_id), None)

    def listing(self, now: datetime | None = None) -> list[dict[str, Any]]:
        """The posters, each with ``open``: whether the sandbox takes its code right now."""
        now = now or datetime.now(UTC)
        return [
            {
                "id": e.id,
                "title": e.title,
                "organiser": e.organiser.name,
                "when": f"{e.start.astimezone(self.zone):%d/%m %H:%M}",
                "start": e.start.isoformat(),
                "open": e.accepts_checkin_at(now),
                "url": f"/posters/{e.id}.png",
            }
            for e in self.events
        ]

    def png(self, event_id: str) -> bytes | None:
        event = self.event(event_id)
        if event is None:
            return None
        if event_id not in self._png:
            buffer = io.BytesIO()
            poster(event).save(buffer, format="PNG", optimize=True)
            self._png[event_id] = buffer.getvalue()
        return self._png[event_id]

    def index_page(self) -> str:
        """A plain page of the posters, to open on a big screen and photograph with a phone."""
        items = "\n".join(
            f'<li><a href="{html.escape(p["url"])}">{html.escape(p["title"])}</a>'
            f" — {html.escape(p['organiser'])}, {html.escape(p['when'])}</li>"
            for p in self.listing()
        )
        return (
            '<!doctype html><html lang="nl"><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>UiTPAS check-in posters</title>"
            '<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto">'
            "<h1>Check-in posters (sandbox)</h1>"
            "<p>Open a poster full screen and photograph it with the web chat on your phone.</p>"
            f"<ul>{items}</ul></body></html>"
        )
