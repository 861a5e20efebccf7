"""Which updates the photo check-in's handler counts in the flood throttle: the one place
(``counted_photo_of``) the webhook asks before the claim, and the activity tracker too."""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.handlers.checkin import clears_activity_mark, counted_photo_of

PHOTO = [{"file_id": "f", "file_unique_id": "u", "width": 90, "height": 90}]


def _update(*, chat_type: str = "private", edited: bool = False, **content: Any) -> Update:
    user = {"id": 7, "is_bot": False, "first_name": "An"}
    message = {
        "message_id": 1,
        "date": 1_790_000_000,
        "chat": {"id": 7 if chat_type == "private" else -100, "type": chat_type},
        "from": user,
        **content,
    }
    return Update.de_json(
        {"update_id": 1, "edited_message" if edited else "message": message}, None
    )


def test_only_a_private_chat_s_new_photo_is_counted() -> None:
    assert counted_photo_of(_update(photo=PHOTO)) == 7
    assert clears_activity_mark(_update(photo=PHOTO))
    assert counted_photo_of(_update(photo=PHOTO, caption="hier")) == 7
    others = [
        _update(photo=PHOTO, chat_type="group"),
        _update(photo=PHOTO, edited=True),
        _update(text="/help"),
        _update(document={"file_id": "d", "file_unique_id": "v", "mime_type": "image/png"}),
    ]
    for other in others:
        assert counted_photo_of(other) is None
        assert not clears_activity_mark(other)
