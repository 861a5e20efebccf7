"""Under v4 the link keeps the passholder's UiTPAS id, so a check-in asks no /passholders/me.

The family (asked with every photo, for the chooser) is named by its main member's id. The
login reads /passholders/me anyway and keeps the id with the link; a link made before the id
was kept learns it from its first family read; an id UiTPAS refuses (the login is someone
else's now) is asked again and corrected. End to end, counted at the sandbox.
"""

from __future__ import annotations

import pytest
from sqlalchemy import update

from bot.sandbox.uitpas.data import FAMILY_KANSENTARIEF, NORMAL
from storage.models import PassholderLink
from storage.repositories import LinkRepository
from tests.e2e.test_v4_checkin_history import JAZZ_CODE, THEATER_CODE, link, photo, requests
from tests.support.harness import AN, Harness

pytestmark = pytest.mark.parametrize("backend", ["v4"])


async def stored_id(harness: Harness) -> str | None:
    stored = await LinkRepository(harness.running.database).get(AN.id)
    assert stored is not None
    return stored.passholder_id


async def set_stored_id(harness: Harness, passholder_id: str | None) -> None:
    async with harness.running.database.session() as session:
        await session.exec(
            update(PassholderLink)  # type: ignore[call-overload]
            .where(PassholderLink.telegram_user_id == AN.id)  # type: ignore[arg-type]
            .values(passholder_id=passholder_id)
        )


async def test_a_check_in_after_the_login_asks_no_passholders_me(harness: Harness) -> None:
    await link(harness, AN, NORMAL)
    assert await stored_id(harness)  # kept by the login, from its /passholders/me
    reply = await photo(harness)
    assert "Je spaarde 1 punt bij <b>Jazz op de Grote Markt</b>" in reply.text
    assert "🎁" in reply.text  # the spotlight's card system came from the family's answer
    counts = await requests(harness)
    assert counts.get("me", 0) == 0
    assert counts.get("family") == 1
    assert counts.get("checkin") == 1


async def test_a_link_without_the_id_learns_it_once(harness: Harness) -> None:
    await link(harness, AN, NORMAL)
    kept = await stored_id(harness)
    await set_stored_id(harness, None)  # a link made before the id was kept
    await photo(harness)
    assert (await requests(harness)).get("me") == 1
    assert await stored_id(harness) == kept
    await photo(harness, THEATER_CODE)
    assert (await requests(harness)).get("me") == 1  # not asked again


async def test_an_id_uitpas_refuses_is_asked_again_and_corrected(harness: Harness) -> None:
    await link(harness, AN, FAMILY_KANSENTARIEF)
    kept = await stored_id(harness)
    await set_stored_id(harness, "00000000-0000-4000-8000-000000000000")  # nobody's
    reply = await photo(harness, JAZZ_CODE)
    assert "Wie is er bij je?" in reply.text  # the family, read by the right id
    counts = await requests(harness)
    assert counts.get("me") == 1
    assert counts.get("family") == 2  # refused once, then by the right id
    assert await stored_id(harness) == kept
