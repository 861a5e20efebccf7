"""The one error the Search API client raises: no usable answer.

Like :class:`bot.uitpas.errors.UitpasUnavailable`, an empty result is not an error (it is an
ordinary :class:`~bot.uitdatabank.models.EventPage` with no events); only the absence of an
answer the bot can read is, so the caller can say "the agenda does not answer" honestly.
"""

from __future__ import annotations

from enum import StrEnum


class SearchFailure(StrEnum):
    """Why no usable answer came back; kept apart so that logs can count them."""

    TIMEOUT = "timeout"
    CONNECTION = "connection"
    UNREADABLE = "unreadable"  # not JSON, or not the shape the spec promises
    REFUSED = "refused"  # 401/403: the client id is wrong or lacks access (operator's problem)
    SERVER = "server"  # 5xx, 429, or a 4xx problem the bot did not cause on purpose


class SearchUnavailable(Exception):
    """The Search API gave no answer we can use; ``failure`` says which way it failed."""

    def __init__(self, failure: SearchFailure, detail: str = "") -> None:
        super().__init__(
            f"Search API unavailable ({failure.value}){': ' + detail if detail else ''}"
        )
        self.failure = failure
        self.detail = detail
