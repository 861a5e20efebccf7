"""/privacy, /forget and retention, proven against the database the bot really uses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import inspect, text

from bot.app import build_personal_data, family_drafts, family_prompts
from bot.i18n import t
from bot.runtime import housekeeping_once
from bot.sandbox.telegram.client import BotCall, TgUser
from bot.sandbox.uitpas.data import CHILD, NORMAL, OTHER
from bot.services.notifications.kinds import WITHIN_REACH, Notice
from bot.uitpas.numbers import mask_uitpas_number
from storage.announcements import (
    AnnouncementDraftRepository,
    AnnouncementMemberRepository,
    AnnouncementRepository,
)
from storage.coordination import Lease
from storage.database import Database
from storage.family import FamilyCardRepository, FamilyChoiceRepository
from storage.models import Announcement, AnnouncementDraft, CheckinRecord, UitidLoginState
from storage.notifications import Found, NotificationRepository
from storage.redemptions import RedemptionClaimRepository
from storage.repositories import (
    CheckinRepository,
    LoginStateRepository,
    PendingCheckinRepository,
    UitidTokenRepository,
    UserStatusRepository,
)
from tests.support.groups import (
    GROUP,
    MovableClock,
    announce,
    from_now,
    make_group,
    message_id,
    token_of,
    typed,
)
from tests.support.harness import AN, JOHN, Harness, StartBot, say
from tests.support.images import poster_photo

JAZZ_CODE = "12345678"
THEATER_CODE = "https://test.uitpas.be/?qr=ndm24bawzzswzunwa2hotji8"  # starts in 3 h
GROUP_ID = -100555


# Columns that hold a Telegram user's id; ``actor_id`` is who is writing a draft announcement.
USER_COLUMNS = ("telegram_user_id", "actor_id")


async def personal_columns(database: Database) -> dict[str, str]:
    """Every table in the migrated database with a user-id column, and that column."""

    def find(connection) -> dict[str, str]:  # type: ignore[no-untyped-def]
        inspector = inspect(connection)
        found = {}
        for table in inspector.get_table_names():
            columns = {c["name"] for c in inspector.get_columns(table)}
            for column in USER_COLUMNS:
                if column in columns:
                    found[table] = column
        return found

    async with database.engine.connect() as connection:
        return await connection.run_sync(find)


async def personal_tables(database: Database) -> set[str]:
    return set(await personal_columns(database))


async def rows_about(database: Database, user_id: int) -> dict[str, int]:
    counts = {}
    async with database.engine.connect() as connection:
        for table, column in sorted((await personal_columns(database)).items()):
            result = await connection.execute(
                text(f"SELECT count(*) FROM {table} WHERE {column} = :id"),  # noqa: S608
                {"id": user_id},
            )
            counts[table] = int(result.scalar_one())
    return counts


async def fill_every_table(harness: Harness, user: TgUser, number: str) -> None:
    """A link, history, throttle counts, a remembered code, an inactive mark, an RSVP, a
    half-written announcement, a UiTiD login in progress, a stored (v4) refresh token and a
    redemption claim."""
    database = harness.running.database
    await say(harness, user, f"/link {number}")
    await harness.telegram.send_photo(user, poster_photo(JAZZ_CODE))
    await harness.telegram.wait_for_call(
        "sendMessage", chat_id=user.id, where=lambda c: "✅" in (c.text or "")
    )
    pending = PendingCheckinRepository(database, keep_for=timedelta(hours=6))
    await pending.remember(user.id, "https://uitpas.be/?qr=remembered")
    await UserStatusRepository(database).mark_inactive(user.id, "test")
    announcement = await AnnouncementRepository(database).add(
        Announcement(
            token=f"t{user.id}",
            chat_id=-100777,
            language="nl",
            title="Filmavond",
            place="De Kelder",
            starts_at=datetime.now(UTC) + timedelta(days=2),
            time_zone="Europe/Brussels",
        )
    )
    assert announcement.id is not None
    await AnnouncementMemberRepository(database).toggle_coming(announcement.id, user.id)
    await AnnouncementDraftRepository(database, keep_for=timedelta(hours=1)).save(
        AnnouncementDraft(chat_id=-100777, actor_id=user.id, step="title", language="nl")
    )
    await LoginStateRepository(database).add(
        UitidLoginState(
            state_hash=f"{user.id:064d}",
            telegram_user_id=user.id,
            code_verifier="verifier",
            language="nl",
            expires_at=datetime.now(UTC) + timedelta(minutes=10),
        )
    )
    await UitidTokenRepository(database).save(user.id, "gAAAA-encrypted-refresh-token")
    claims = RedemptionClaimRepository(database, lease=Lease(timedelta(seconds=15)))
    await claims.claim(user.id, "k" * 64, "113", issued_before=datetime.now(UTC))
    await claims.answered(user.id, "k" * 64, "113", "ACTION_SUCCEEDED", redemption_id="r-1")
    # The family (issue 16): a card, the remembered choice, a chooser, a step-by-step add.
    await FamilyCardRepository(database).add(user.id, CHILD, "Lina")
    await FamilyChoiceRepository(database).save(user.id, ["self"])
    await family_prompts(database).create(user.id, JAZZ_CODE, [["self", None]], ["self"])
    await family_drafts(database).start(user.id, CHILD)
    # Notifications (issue 19): a kind on (and its schedule), a wish, a notice told and held.
    notifications = NotificationRepository(database)
    now = datetime.now(UTC)
    await notifications.set_kinds(user.id, [WITHIN_REACH], now=now)
    await notifications.toggle_wish(user.id, "101", now=now)
    held = Notice(WITHIN_REACH, "101", "Gratis koffie", 5)
    await notifications.record(
        user.id, notices=[Found(held.kind, held.subject, held.to_json())], now=now
    )


async def press(harness: Harness, user: TgUser, message: BotCall, data: str, **kw: bool) -> str:
    query_id = await harness.telegram.press_button(user, message.result["message_id"], data, **kw)
    await harness.telegram.wait_for_call(
        "answerCallbackQuery", where=lambda c: c.params.get("callback_query_id") == query_id
    )
    return query_id


async def test_every_table_with_personal_data_has_a_deleter(harness: Harness) -> None:
    """A new table keyed by telegram_user_id without a /forget deleter fails here."""
    database = harness.running.database
    tables = await personal_tables(database)
    assert {"passholder_links", "checkins", "pending_checkins"} <= tables
    assert build_personal_data(database).tables == tables


async def test_forget_asks_first_then_deletes_every_row_of_that_user_only(
    harness: Harness,
) -> None:
    database = harness.running.database
    await fill_every_table(harness, AN, NORMAL)
    await fill_every_table(harness, JOHN, OTHER)
    before = await rows_about(database, AN.id)
    assert all(before.values()), before  # the test really has something in every table

    await harness.telegram.send_text(AN, "/forget")
    question = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    assert "Alles wissen" in question.text
    assert [data for _, data in question.buttons[0]] == ["forget:yes", "forget:no"]
    after_asking = await rows_about(database, AN.id)
    # Asking deletes nothing; only the "blocked the bot" mark goes, because An wrote.
    assert after_asking == before | {"inactive_users": 0}

    await press(harness, AN, question, "forget:yes")
    edit = await harness.telegram.wait_for_call("editMessageText", chat_id=AN.id)
    assert "alles wat ik over je bewaarde is gewist" in edit.text
    assert not any((await rows_about(database, AN.id)).values())
    assert all((await rows_about(database, JOHN.id)).values())  # John is untouched
    assert "geen UiTPAS" in await say(harness, AN, "/unlink")


async def test_the_forget_service_empties_every_table_for_the_user(harness: Harness) -> None:
    """Every table filled (including the inactive mark a tap would clear first), then forget."""
    database = harness.running.database
    await fill_every_table(harness, AN, NORMAL)
    assert all((await rows_about(database, AN.id)).values())
    deleted = await harness.running.services.privacy.forget(AN.id)
    assert deleted >= len(await personal_tables(database))
    assert not any((await rows_about(database, AN.id)).values())


async def test_forget_cancelled_deletes_nothing_and_a_second_tap_is_harmless(
    harness: Harness,
) -> None:
    await say(harness, AN, f"/link {NORMAL}")
    await harness.telegram.send_text(AN, "/forget")
    question = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    await press(harness, AN, question, "forget:no")
    edit = await harness.telegram.wait_for_call("editMessageText", chat_id=AN.id)
    assert edit.ok
    assert "niets gewist" in edit.text
    # The same tap again (an old client, a double tap): Telegram says "message is not
    # modified"; the bot treats that as done, not as a failure to report.
    await press(harness, AN, question, "forget:no", force=True)
    again = await harness.telegram.wait_for_call("editMessageText", chat_id=AN.id, after=edit.seq)
    assert not again.ok
    assert "not modified" in (again.description or "")
    assert "/help" in await say(harness, AN, "hallo")  # the next answer is the normal one
    calls = await harness.telegram.calls()
    assert not [c for c in calls if "Er ging bij mij iets mis" in (c.text or "")]
    assert MASKED in await say(harness, AN, "/start")


MASKED = mask_uitpas_number(NORMAL)


async def test_a_forged_forget_button_deletes_only_the_tappers_own_data(harness: Harness) -> None:
    await say(harness, AN, f"/link {NORMAL}")
    reply = await harness.telegram.send_text(JOHN, "/help")
    help_message = await harness.telegram.wait_for_call("sendMessage", chat_id=JOHN.id)
    assert reply
    await press(harness, JOHN, help_message, "forget:yes", force=True)
    assert (await rows_about(harness.running.database, AN.id))["passholder_links"] == 1


async def test_privacy_explains_storage_with_the_number_masked(harness: Harness) -> None:
    await say(harness, AN, f"/link {NORMAL}")
    text_nl = await say(harness, AN, "/privacy")
    assert "Wat deze bot over je bewaart, en waarom" in text_nl
    assert "Na 365 dagen automatisch gewist" in text_nl
    assert f"je UiTPAS {MASKED} en 0 check-ins" in text_nl
    assert NORMAL not in text_nl
    text_en = await say(harness, JOHN, "/privacy")
    assert "no UiTPAS, 0 check-ins in your history." in text_en


async def test_personal_commands_in_a_group_point_to_the_private_chat(harness: Harness) -> None:
    await say(harness, AN, f"/link {NORMAL}")
    await harness.telegram.create_group(GROUP_ID, "Vrienden", {AN: "creator", JOHN: "member"})
    for command in ("/privacy", "/forget"):
        await harness.telegram.send_text(AN, command, chat_id=GROUP_ID)
        reply = await harness.telegram.wait_for_call("sendMessage", chat_id=GROUP_ID)
        assert "privégesprek" in reply.text
        assert NORMAL not in reply.text
        assert MASKED not in reply.text
    assert (await rows_about(harness.running.database, AN.id))["passholder_links"] == 1


async def test_history_past_the_retention_period_is_purged(start_bot: StartBot) -> None:
    async with start_bot(checkin_retention_days=30) as harness:
        checkins = CheckinRepository(harness.running.database)
        now = datetime.now(UTC)
        for age_days in (400, 31, 29, 0):
            await checkins.add(
                CheckinRecord(
                    telegram_user_id=AN.id,
                    result_code=f"AGE_{age_days}",
                    created_at=now - timedelta(days=age_days),
                )
            )
        await housekeeping_once(harness.running.services)
        kept = await checkins.recent(AN.id, limit=10)
        assert sorted(record.result_code for record in kept) == ["AGE_0", "AGE_29"]


async def test_default_retention_is_365_days(harness: Harness) -> None:
    assert harness.running.services.privacy.retention == timedelta(days=365)


async def test_forged_personal_buttons_in_a_group_show_nothing_there(harness: Harness) -> None:
    """Promotion (points), recheck (points) and forget buttons act only in private chats."""
    await say(harness, AN, f"/link {NORMAL}")
    await harness.telegram.create_group(GROUP_ID, "Vrienden", {AN: "creator", JOHN: "member"})
    await harness.telegram.send_text(AN, "/start", chat_id=GROUP_ID)
    # (The bot's greeting on joining the group comes first; the pointer answers /start.)
    pointer = await harness.telegram.wait_for_call(
        "sendMessage", chat_id=GROUP_ID, where=lambda c: (c.text or "").startswith("Dat doe ik")
    )
    for data in ("promo:101", "recheck", "forget:yes"):
        query_id = await harness.telegram.press_button(
            AN, pointer.result["message_id"], data, chat_id=GROUP_ID, force=True
        )
        await harness.telegram.wait_for_call(
            "answerCallbackQuery",
            where=lambda c, q=query_id: c.params.get("callback_query_id") == q,
        )
        answer = await harness.telegram.callback_answer(query_id)
        assert "alleen in een privégesprek" in answer["answer"]["text"]
    calls = await harness.telegram.calls(after=pointer.seq)
    assert not [c for c in calls if c.chat_id == GROUP_ID and c.method != "getUpdates"], [
        c.describe() for c in calls
    ]
    assert (await rows_about(harness.running.database, AN.id))["passholder_links"] == 1


async def test_privacy_lists_every_store_forget_empties_and_what_each_holds(
    harness: Harness,
) -> None:
    """/privacy reads the same registry as /forget: every store is described, and every store
    holding rows about the user says how many (issue 15, point 7)."""
    database = harness.running.database
    registry = build_personal_data(database)
    assert registry.uncounted == frozenset()
    await fill_every_table(harness, AN, NORMAL)
    text = await say(harness, AN, "/privacy")
    held = await rows_about(database, AN.id)  # after the reply: writing cleared the inactive mark
    for table in registry.tables:
        assert t("nl", f"privacy_kind_{table}", days=365) in text, table
        if held[table] and table not in ("passholder_links", "checkins"):
            assert f"• {t('nl', f'privacy_name_{table}')}: {held[table]}" in text, table
    assert f"je UiTPAS {MASKED} en 1 check-in in je geschiedenis." in text
    assert NORMAL not in text


async def test_privacy_says_what_announcements_keep_after_a_member_used_one(
    harness: Harness,
) -> None:
    await make_group(harness, bot_status="administrator")
    await say(harness, JOHN, f"/link {NORMAL}")
    before = await say(harness, JOHN, "/privacy")
    assert "announcements where I keep" not in before
    poster = await harness.telegram.send_photo(AN, poster_photo(THEATER_CODE), chat_id=GROUP)
    starts = typed(from_now(MovableClock(), hours=3) + timedelta(minutes=1))
    card = await announce(
        harness, f"/announce Theater | {starts} | CC De Werf", reply_to=poster["message_id"]
    )
    await harness.telegram.press_button(
        JOHN, message_id(card), f"rsvp:{token_of(card)}", chat_id=GROUP
    )
    await harness.telegram.wait_for_call("editMessageText", chat_id=GROUP)
    await harness.telegram.send_text(JOHN, f"/start a_{token_of(card)}")
    await harness.telegram.wait_for_call(
        "sendMessage", chat_id=JOHN.id, where=lambda c: "You saved" in (c.text or "")
    )
    text = await say(harness, JOHN, "/privacy")
    assert (
        "whether you said you are coming, whether you opened the private chat with me and "
        "whether you saved your point there"
    ) in text
    assert (
        "• announcements where I keep whether you are coming, opened the private chat or saved "
        "your point: 1"
    ) in text
