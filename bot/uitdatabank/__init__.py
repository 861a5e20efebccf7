"""UiTdatabank's Search API client: UiTPAS events by place, distance, time and words.

It stands alone like the UiTPAS clients (httpx, nothing of ours above it): the events service
asks it typed questions (:class:`EventQuery`) and gets typed answers (:class:`EventPage`), or
:class:`SearchUnavailable` when no usable answer came back.
"""

from bot.uitdatabank.client import SearchClient
from bot.uitdatabank.errors import SearchUnavailable
from bot.uitdatabank.models import EventPage, EventQuery, SearchEvent

__all__ = ["EventPage", "EventQuery", "SearchClient", "SearchEvent", "SearchUnavailable"]
