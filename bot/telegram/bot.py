"""The Bot API client, hardened against an update python-telegram-bot cannot read.

PTB parses a whole ``getUpdates`` batch at once. One update it cannot parse (a field a newer
Bot API added, a malformed object) makes the whole batch fail; the updater then fetches the
same batch again, forever: the bot stops answering *everyone*, and PTB logs the raw update,
message text included, at CRITICAL on every attempt. Here each update is checked on its own,
and one that does not parse is replaced by an empty update with the same id: the offset moves
past it, no handler acts on it, and only its id and the error type are logged.
"""

from __future__ import annotations

import copy
import logging
from typing import Any

from telegram import Update
from telegram.ext import ExtBot

log = logging.getLogger(__name__)


class PoisonSafeBot(ExtBot[None]):
    async def _post(self, endpoint: str, data: Any = None, **kwargs: Any) -> Any:
        result = await super()._post(endpoint, data, **kwargs)
        if endpoint == "getUpdates" and isinstance(result, list):
            return [self._readable(update) for update in result]
        return result

    def _readable(self, raw: Any) -> Any:
        try:
            Update.de_json(copy.deepcopy(raw), self)
        except Exception as error:
            update_id = raw.get("update_id") if isinstance(raw, dict) else None
            if not isinstance(update_id, int):
                raise  # without an id the offset cannot move past it; PTB's own handling
            log.error("update %s could not be read (%s); skipped", update_id, type(error).__name__)
            return {"update_id": update_id}
        return raw
