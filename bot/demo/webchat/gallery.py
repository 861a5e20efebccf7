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

from bot.sandbox.uitpas.data import CHECKIN_MARGIN, Event
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
        posters = [
            {
                "id": e.id,
                "title": e.title,
                "organiser": e.organiser.name,
                "when": f"{e.start.astimezone(self.zone):%d/%m %H:%M}",
                "start": e.start.isoformat(),
                "checkin": _checkin_state(e, now),
                "opens": f"{(e.start - CHECKIN_MARGIN).astimezone(self.zone):%d/%m %H:%M}",
                "url": f"/posters/{e.id}.png",
            }
            for e in self.events
        ]
        for entry in posters:
            entry["checkin_label"] = checkin_label(entry)
        return posters

    def png(self, event_id: str) -> bytes | None:
        event = self.event(event_id)
        if event is None:
            return None
        if event_id not in self._png:
            buffer = io.BytesIO()
            poster(event, self.zone).save(buffer, format="PNG", optimize=True)
            self._png[event_id] = buffer.getvalue()
        return self._png[event_id]

    def index_page(self) -> str:
        """The posters as cards, to open on a big screen and photograph with a phone; each says
        whether its code can be checked in now (the sandbox's event dates)."""
        items = "\n".join(_poster_card(p) for p in self.listing())
        return (
            '<!doctype html><html lang="en"><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>Check-in posters — UiTPAS Bot demo</title>"
            '<link rel="stylesheet" href="/static/posters.css">'
            "<body><header><h1>Check-in posters <span class=badge>sandbox</span></h1>"
            "<p>Open a poster full screen and photograph it with the web chat on your phone. "
            "A code checks in from 5 hours before its event starts to 5 hours after it ends."
            "</p></header>"
            f'<ul class="posters">{items}</ul></body></html>'
        )


def _checkin_state(event: Event, now: datetime) -> str:
    """``open`` while the sandbox takes the code, ``upcoming`` before, ``over`` after."""
    if event.accepts_checkin_at(now):
        return "open"
    return "upcoming" if now < event.start else "over"


CHECKIN_LABELS = {"open": "✅ Check-in open now", "upcoming": "⏳ Opens {opens}", "over": "⛔ Over"}


def checkin_label(poster: dict[str, Any]) -> str:
    return CHECKIN_LABELS[poster["checkin"]].format(opens=poster["opens"])


def _poster_card(poster: dict[str, Any]) -> str:
    url, title = html.escape(poster["url"]), html.escape(poster["title"])
    state = html.escape(poster["checkin"])
    return (
        f'<li class="poster {state}"><a href="{url}">'
        f'<img src="{url}" alt="" loading="lazy"><strong>{title}</strong></a>'
        f"<small>{html.escape(poster['organiser'])} · {html.escape(poster['when'])}</small>"
        f'<span class="checkin">{html.escape(checkin_label(poster))}</span></li>'
    )
