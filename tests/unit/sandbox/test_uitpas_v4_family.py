"""The v4 family endpoints, both sides held to publiq's spec over HTTP (issue 16).

The real ``V4Client`` talks to the real sandbox through ``SpecCheckingTransport``: listing,
the registration-token flow with ``x-registration-token``, every refusal the spec lists for
adding, editing the icon, removing, and a check-in of a family member with the parent's token.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import date

import httpx
import pytest

from bot.sandbox.server import BackgroundServer, serving
from bot.sandbox.uitpas.app import create_app
from bot.sandbox.uitpas.data import (
    BLOCKED,
    CHILD,
    FAMILY,
    FAMILY_KANSENTARIEF,
    KANSENTARIEF,
    NORMAL,
    OTHER,
    UNKNOWN,
)
from bot.sandbox.uitpas_v4 import V4_PREFIX
from bot.sandbox.uitpas_v4.family import BIRTH_DATES, birth_date
from bot.uitpas.family import BIRTH_DATE_MISMATCH
from bot.uitpas.v4.client import V4Client
from tests.support.v4_spec import SpecCheckingTransport
from tests.unit.uitpas.test_uitpas_v4_client import REDIRECT, FixedTokens, auth_for, log_in

JAZZ_CODE = "12345678"


@pytest.fixture
def sandbox() -> Iterator[BackgroundServer]:
    with serving(create_app()) as server:
        yield server


async def client_for(
    sandbox: BackgroundServer, number: str
) -> tuple[V4Client, SpecCheckingTransport]:
    base = f"{sandbox.url}{V4_PREFIX}"
    transport = SpecCheckingTransport(base)
    auth = auth_for(sandbox)
    code, verifier = await log_in(sandbox, auth, number)
    tokens = await auth.exchange_code(code, verifier, REDIRECT)
    return V4Client(base, auth, FixedTokens(auth, tokens), transport=transport), transport


@pytest.fixture
async def parent(
    sandbox: BackgroundServer,
) -> AsyncIterator[tuple[V4Client, SpecCheckingTransport]]:
    """FAMILY_KANSENTARIEF, whose family holds CHILD (publiq's dataset)."""
    client, transport = await client_for(sandbox, FAMILY_KANSENTARIEF)
    yield client, transport
    await client.aclose()


def born(number: str) -> date:
    return date.fromisoformat(birth_date(number))


async def test_the_family_lists_the_parent_first_then_the_child(
    parent: tuple[V4Client, SpecCheckingTransport],
) -> None:
    client, transport = parent
    family = await client.family_members(telegram_user_id=1)
    assert family.succeeded
    assert [(m.uitpas_number, m.first_name, m.main) for m in family.members] == [
        (FAMILY_KANSENTARIEF, "Nadia", True),
        (CHILD, "Lina", False),
    ]
    assert [m.points for m in family.members] == [8, 2]
    assert all(m.passholder_id for m in family.members)
    assert any("/family-members 200" in line for line in transport.checked)


async def test_a_member_is_added_with_number_and_birth_date(
    parent: tuple[V4Client, SpecCheckingTransport],
) -> None:
    client, transport = parent
    added = await client.add_family_member(
        telegram_user_id=1, uitpas_number=FAMILY, birth_date=born(FAMILY)
    )
    assert added.succeeded, added
    family = await client.family_members(telegram_user_id=1)
    assert [m.uitpas_number for m in family.members] == [FAMILY_KANSENTARIEF, CHILD, FAMILY]
    assert any("/registration-token 200" in line for line in transport.checked)
    assert any("POST" in line and "/family-members 201" in line for line in transport.checked)


@pytest.mark.parametrize(
    ("number", "birth", "code"),
    [
        (FAMILY, date(1999, 9, 9), BIRTH_DATE_MISMATCH),  # the wrong birth date
        (UNKNOWN, date(2000, 1, 1), BIRTH_DATE_MISMATCH),  # nobody holds it
        (BLOCKED, date(2000, 1, 1), BIRTH_DATE_MISMATCH),  # not an active card
        (CHILD, born(CHILD), "FAMILY_MEMBER_ALREADY_ADDED"),
        (FAMILY_KANSENTARIEF, born(FAMILY_KANSENTARIEF), "FAMILY_MEMBER_ALREADY_ADDED"),
    ],
)
async def test_each_refusal_of_an_add_has_its_own_code(
    parent: tuple[V4Client, SpecCheckingTransport], number: str, birth: date, code: str
) -> None:
    client, _ = parent
    refused = await client.add_family_member(
        telegram_user_id=1, uitpas_number=number, birth_date=birth
    )
    assert refused.code == code
    if code != BIRTH_DATE_MISMATCH:
        assert refused.end_user_message_nl


async def test_a_third_adult_and_a_ninth_member_are_refused(sandbox: BackgroundServer) -> None:
    client, _ = await client_for(sandbox, NORMAL)  # an adult: a family of one
    try:
        first = await client.add_family_member(
            telegram_user_id=1, uitpas_number=OTHER, birth_date=born(OTHER)
        )
        assert first.succeeded
        third = await client.add_family_member(
            telegram_user_id=1, uitpas_number=KANSENTARIEF, birth_date=born(KANSENTARIEF)
        )
        assert third.code == "TOO_MANY_ADULTS_IN_FAMILY"
        assert third.end_user_message_nl == "Je gezin heeft al het maximum aantal volwassenen."
    finally:
        await client.aclose()


async def test_the_icon_is_edited_and_a_member_removed(
    parent: tuple[V4Client, SpecCheckingTransport],
) -> None:
    client, transport = parent
    child = (await client.family_members(telegram_user_id=1)).members[1]
    assert child.passholder_id is not None
    icon = "https://www.uitpas.be/_nuxt/img/icon7.png"
    edited = await client.update_family_member(
        telegram_user_id=1, member_id=child.passholder_id, icon=icon
    )
    assert edited.succeeded
    assert (await client.family_members(telegram_user_id=1)).members[1].icon == icon
    removed = await client.remove_family_member(telegram_user_id=1, member_id=child.passholder_id)
    assert removed.succeeded
    family = await client.family_members(telegram_user_id=1)
    assert [m.uitpas_number for m in family.members] == [FAMILY_KANSENTARIEF]
    again = await client.remove_family_member(telegram_user_id=1, member_id=child.passholder_id)
    assert again.succeeded  # already as asked: a second tap on "remove" is no error
    assert any("DELETE" in line and " 202" in line for line in transport.checked)


async def test_a_child_is_checked_in_with_the_parents_token(
    parent: tuple[V4Client, SpecCheckingTransport], sandbox: BackgroundServer
) -> None:
    client, transport = parent
    child = (await client.family_members(telegram_user_id=1)).members[1]
    assert child.passholder_id is not None
    answer = await client.checkin_family_member(
        telegram_user_id=1, member_id=child.passholder_id, checkin_code=JAZZ_CODE
    )
    assert (answer.code, answer.saved_points, answer.points) == ("ACTION_SUCCEEDED", 1, 3)
    twice = await client.checkin_family_member(
        telegram_user_id=1, member_id=child.passholder_id, checkin_code=JAZZ_CODE
    )
    assert twice.code == "CHECKIN_NOT_ALLOWED"
    async with httpx.AsyncClient(base_url=sandbox.url) as control:
        child_state = (await control.get(f"/_sandbox/passholders/{CHILD}")).json()
        parent_state = (await control.get(f"/_sandbox/passholders/{FAMILY_KANSENTARIEF}")).json()
    assert (child_state["points"], parent_state["points"]) == (3, 8)
    assert any(
        f"/passholders/{child.passholder_id}/checkins 201" in line for line in transport.checked
    )


async def test_someone_elses_family_is_forbidden_and_answers_the_spec(
    sandbox: BackgroundServer,
) -> None:
    """No token, another passholder's family, a stranger's check-in, a missing registration
    token: each answer is one the spec lists (checked by the transport)."""
    client, transport = await client_for(sandbox, NORMAL)
    try:
        family = await client.family_members(telegram_user_id=1)
        assert [m.uitpas_number for m in family.members] == [NORMAL]
        token = await client.user_tokens.access_token(1)  # type: ignore[union-attr]
    finally:
        await client.aclose()
    base = f"{sandbox.url}{V4_PREFIX}"
    checking = SpecCheckingTransport(base)
    child_id = "00000000-0000-4000-8000-" + CHILD[:12]
    parent_id = "00000000-0000-4000-8000-" + FAMILY_KANSENTARIEF[:12]
    async with httpx.AsyncClient(base_url=base, transport=checking) as http:
        bearer = {"Authorization": f"Bearer {token}"}
        assert (await http.get(f"/passholders/{parent_id}/family-members")).status_code == 401
        theirs = await http.get(f"/passholders/{parent_id}/family-members", headers=bearer)
        assert theirs.status_code == 403
        stranger = await http.post(
            f"/passholders/{child_id}/checkins", json={"checkinCode": JAZZ_CODE}, headers=bearer
        )
        assert stranger.status_code == 403
        own_id = "00000000-0000-4000-8000-" + NORMAL[:12]
        no_token = await http.post(
            f"/passholders/{own_id}/family-members", json={"uitpasNumber": OTHER}, headers=bearer
        )
        assert no_token.status_code == 400
    assert len(checking.checked) == 4
    assert transport.checked


def test_the_birth_dates_are_the_datasets_insz_dates() -> None:
    assert BIRTH_DATES == {
        FAMILY: "1980-01-01",
        FAMILY_KANSENTARIEF: "1991-06-30",
        CHILD: "2015-02-17",
    }


# --- the other families, leaving one, the icons (family3) ------------------------------------


async def test_the_other_families_name_their_main_member_and_since_when(
    sandbox: BackgroundServer, parent: tuple[V4Client, SpecCheckingTransport]
) -> None:
    """CHILD was added to FAMILY_KANSENTARIEF's family; the parent is in no one else's."""
    client, transport = await client_for(sandbox, CHILD)
    try:
        theirs = await client.other_families(telegram_user_id=2)
    finally:
        await client.aclose()
    assert theirs.succeeded
    [family] = theirs.families
    assert (family.main_id, family.first_name, family.name) == (
        "00000000-0000-4000-8000-" + FAMILY_KANSENTARIEF[:12],
        "Nadia",
        "Janssens",
    )
    assert family.member_since is not None
    assert any("/families 200" in line for line in transport.checked)
    own = await parent[0].other_families(telegram_user_id=1)
    assert own.succeeded
    assert own.families == ()  # "explicitly excludes the passholder's own family"


async def test_a_member_leaves_with_their_own_token(
    sandbox: BackgroundServer, parent: tuple[V4Client, SpecCheckingTransport]
) -> None:
    client, transport = await client_for(sandbox, CHILD)
    try:
        [family] = (await client.other_families(telegram_user_id=2)).families
        left = await client.leave_family(telegram_user_id=2, main_id=family.main_id)
        assert left.succeeded, left
        assert (await client.other_families(telegram_user_id=2)).families == ()
    finally:
        await client.aclose()
    members = (await parent[0].family_members(telegram_user_id=1)).members
    assert [m.uitpas_number for m in members] == [FAMILY_KANSENTARIEF]
    assert any(
        line.startswith("DELETE")
        and f"/passholders/{family.main_id}/family-members/" in line
        and line.endswith(" 202")
        for line in transport.checked
    ), transport.checked


async def test_leaving_ones_own_family_is_forbidden_and_an_unknown_one_not_found(
    parent: tuple[V4Client, SpecCheckingTransport],
) -> None:
    client, transport = parent
    own = (await client.family_members(telegram_user_id=1)).members[0]
    assert own.passholder_id is not None
    forbidden = await client.leave_family(telegram_user_id=1, main_id=own.passholder_id)
    assert (forbidden.code, forbidden.http_status) == ("ACCESS_DENIED", 403)
    unknown = await client.leave_family(
        telegram_user_id=1, main_id="00000000-0000-4000-8000-000000000000"
    )
    assert (unknown.succeeded, unknown.http_status) == (False, 404)
    assert any(" 403" in line for line in transport.checked)
    assert any(" 404" in line for line in transport.checked)


async def test_an_icon_outside_the_set_is_refused_and_ones_own_icon_can_change(
    parent: tuple[V4Client, SpecCheckingTransport],
) -> None:
    client, _ = parent
    own, child = (await client.family_members(telegram_user_id=1)).members
    assert own.passholder_id is not None
    assert child.passholder_id is not None
    bad = await client.update_family_member(
        telegram_user_id=1, member_id=child.passholder_id, icon="https://example.org/x.png"
    )
    assert (bad.succeeded, bad.http_status) == (False, 400)
    icon = "https://www.uitpas.be/_nuxt/img/icon5.png"
    mine = await client.update_family_member(
        telegram_user_id=1, member_id=own.passholder_id, icon=icon
    )
    assert mine.succeeded
    assert (await client.family_members(telegram_user_id=1)).members[0].icon == icon
