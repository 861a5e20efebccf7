"""The trading buttons (issue 17): signed like the list's, within 64 bytes, bound to the user,
and a confirm button that says which confirmation it is (its issue time)."""

from __future__ import annotations

import pytest

from bot.views.callback_data import (
    CallbackCodec,
    HistoryList,
    ListPage,
    RedeemAsk,
    RedeemCancel,
    RedeemConfirm,
    RedeemedList,
)

CODEC = CallbackCodec.from_settings(None, "123:secret-token")


@pytest.mark.parametrize(
    "button",
    [
        RedeemAsk("113"),
        RedeemConfirm("x" * 30, 1_796_179_727),  # the longest id, a 2026 Unix time
        RedeemConfirm("113", 0),
        RedeemCancel("113"),
        RedeemedList(4),
        RedeemedList(0, fresh=True),
        HistoryList(999),
        ListPage(2, True, "abcdEFGH", "online"),
        ListPage(0, False, "abcdEFGH", "near"),
    ],
)
def test_round_trip_within_64_bytes(button: object) -> None:
    data = CODEC.encode(7001, button)  # type: ignore[arg-type]
    assert data is not None
    assert len(data.encode()) <= 64
    assert CODEC.decode(7001, data) == button


def test_a_confirm_button_is_this_users_and_its_time_cannot_be_changed() -> None:
    data = CODEC.encode(7001, RedeemConfirm("113", 1_796_179_727))
    assert data is not None
    assert CODEC.decode(7002, data) is None  # tapped by someone else: nothing
    payload, _, mac = data.rpartition(":")
    forged = payload[:-1] + ("0" if payload[-1] != "0" else "1") + ":" + mac
    assert CODEC.decode(7001, forged) is None  # a later "issued" would redeem again


def test_a_list_button_of_before_sections_still_reads_as_the_whole_list() -> None:
    data = CODEC.encode(7001, ListPage(1, False, "abcdEFGH"))
    assert data is not None
    assert ":L:1:0:abcdEFGH:" in data  # no section field: the format of before
    assert CODEC.decode(7001, data) == ListPage(1, False, "abcdEFGH", "all")


def test_unknown_sections_and_odd_ids_get_no_button() -> None:
    assert CODEC.encode(7001, ListPage(0, False, "abcdEFGH", "everything")) is None
    assert CODEC.encode(7001, RedeemAsk("a:b")) is None
    assert CODEC.encode(7001, RedeemConfirm("113", -1)) is None
    assert CODEC.encode(7001, HistoryList(1000)) is None


HANDLE = "0123456789abcdef"  # a family member's handle (16 hex digits of a digest)


@pytest.mark.parametrize(
    "button",
    [
        RedeemAsk("113", HANDLE),
        RedeemConfirm("113", 1_796_179_727, HANDLE),
        RedeemConfirm("x" * 20, 1_796_179_727, HANDLE),
        RedeemedList(4, member=HANDLE),
        RedeemedList(0, fresh=True, member=HANDLE),
        HistoryList(999, HANDLE),
    ],
)
def test_a_family_member_rides_along_within_64_bytes(button: object) -> None:
    data = CODEC.encode(7001, button)  # type: ignore[arg-type]
    assert data is not None
    assert len(data.encode()) <= 64
    assert HANDLE in data  # the handle, never a number
    assert CODEC.decode(7001, data) == button


@pytest.mark.parametrize("member", ["0900011903417", "ABCDEF0123456789", "0123", "../x"])
def test_anything_but_a_handle_makes_no_button(member: str) -> None:
    assert CODEC.encode(7001, HistoryList(0, member)) is None
    assert CODEC.encode(7001, RedeemAsk("113", member)) is None


def test_a_member_button_is_not_another_members() -> None:
    data = CODEC.encode(7001, HistoryList(0, HANDLE))
    assert data is not None
    other = data.replace(HANDLE, "fedcba9876543210")
    assert CODEC.decode(7001, other) is None  # the MAC covers the handle
