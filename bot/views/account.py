"""What /points and /promotions show: the balance, the paged list, and a promotion's details.

Kept apart from :mod:`bot.views.checkin` (the check-in replies) but built the same way: outcomes in,
``Reply`` out, every value escaped by the catalogue. Buttons get their callback data from a
``sign`` function (the handler binds it to the user and the signing key), so views never hold
a key and never see a UiTPAS number; the reply shows only the masked number.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, tzinfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Html, Language, escape, plain, shorten, t
from bot.i18n.dates import format_date, format_day_and_time, local
from bot.services.outcomes import (
    HistoryEntry,
    NotLinked,
    PointsBalance,
    PointsOutcome,
    PromotionDetail,
    PromotionEntry,
    PromotionListOutcome,
    PromotionPage,
    UitpasRefused,
    UitpasSilent,
)
from bot.uitpas.models import CONSUMER_REFUSAL_CODES, UNKNOWN_PROBLEM_CODES, Promotion
from bot.views import rewards as reward_views
from bot.views.callback_data import Button, ListEntry, ListPage, OpenList, SpotlightEntry
from bot.views.codes import LEGACY_CODE_MESSAGES
from bot.views.reply import Reply
from bot.views.uitpas_words import (
    end_user_note_of,
    not_allowed,
    pass_messages,
    with_end_user_message_of,
)

Sign = Callable[[Button], str | None]

_BUTTON_TITLE_LIMIT = 40
_CAPTION_LIMIT = 1024
_DESCRIPTION_LIMIT = 1500  # two of these and the rest stay under 4096
_CAPTION_DESCRIPTION_LIMIT = 300  # with a picture, the caption must stay under 1024
_ACCOUNT_CODES = frozenset(
    {
        "PARSE_INVALID_UITPASNUMBER",
        "UNKNOWN_UITPASNUMBER",
        "INVALID_CARD_STATUS_BLOCKED",
        "INVALID_CARD_STATUS_DELETED",
        "INVALID_CARD_STATUS",
        "INVALID_CARD",
        "GROUPPAS_NOT_ALLOWED",
        "UNKNOWN_CARD_SYSTEM",
    }
)
_STATES = frozenset(
    {
        "NOT_POSSIBLE_DATE_CONSTRAINT",
        "NOT_POSSIBLE_VOLUME_CONSTRAINT",
        "NOT_POSSIBLE_USER_VOLUME_CONSTRAINT",
        "NOT_POSSIBLE_POINTS_CONSTRAINT",
        "NOT_POSSIBLE_CARD_CONSTRAINT",
        "NOT_POSSIBLE_APPLICABLE_CARDSYSTEMS",
        "NOT_POSSIBLE_NO_ACTIVE_CARDSYSTEMS",
    }
)


# --- what went wrong -------------------------------------------------------------------------


def account_problem(outcome: NotLinked | UitpasRefused | UitpasSilent, language: Language) -> str:
    """Not linked, no answer, or UiTPAS's refusal, each in its own words."""
    match outcome:
        case NotLinked():
            return t(language, "needs_link")
        case UitpasSilent():
            return t(language, "account_no_answer")
        case UitpasRefused(required_permission=permission) if permission is not None:
            return not_allowed(permission, language)
        case UitpasRefused(end_user_message_nl=nl) if nl:
            # v4 wrote words for the passholder: they replace ours (or follow, in Dutch).
            own = _refusal_words(outcome, language, with_message=False)
            return with_end_user_message_of(own, outcome, language) or own
        case UitpasRefused():
            return _refusal_words(outcome, language, with_message=True)
    raise TypeError(f"unknown outcome {outcome!r}")


def _refusal_words(outcome: UitpasRefused, language: Language, *, with_message: bool) -> str:
    code, masked = outcome.code, outcome.masked_number
    message = outcome.message if with_message else None
    said = t(language, "code_uitpas_said", message=message) if message else ""
    if code in CONSUMER_REFUSAL_CODES:
        return "\n".join(filter(None, [t(language, "account_refused_bot"), said]))
    if code in UNKNOWN_PROBLEM_CODES:  # a v4 problem the bot does not know: no code shown
        return t(language, "account_refused_unknown")
    if code in _ACCOUNT_CODES:
        return t(language, f"account_{code}", masked=masked)
    if code in LEGACY_CODE_MESSAGES:
        return "\n".join(filter(None, [t(language, f"code_{code}"), said]))
    if message:
        return t(language, "account_other", message=message)
    return t(language, "account_other_no_message")


# --- /points ---------------------------------------------------------------------------------


def points(
    outcome: PointsOutcome,
    language: Language,
    sign: Sign,
    *,
    now: datetime | None = None,
    zone: tzinfo | None = None,
) -> Reply:
    """The total and the last check-ins, their times in ``zone`` (the bot's ``TIME_ZONE``)."""
    if not isinstance(outcome, PointsBalance):
        return Reply(account_problem(outcome, language))
    now = now or datetime.now(UTC)
    lines = [t(language, "points_balance", count=outcome.total, masked=outcome.masked_number)]
    # What the pass and UiTPAS say for the passholder must be read: right under the total.
    lines.extend(pass_messages(outcome.messages, language))
    note = end_user_note_of(outcome, language)
    if note:
        lines.append(note)
    if outcome.entitlements is not None:
        lines.extend(reward_views.entitlement_lines(outcome.entitlements, language))
    lines.append("")
    if outcome.recent:
        lines.append(t(language, "points_history_header"))
        lines.extend(_history_line(entry, language, now, zone) for entry in outcome.recent)
    else:
        lines.append(t(language, "points_history_none"))
    keyboard = None
    data = sign(OpenList(only_affordable=False))
    if data is not None:
        label = t(language, "points_promotions_button")
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data)]])
    return Reply("\n".join(lines), keyboard)


def _history_line(
    entry: HistoryEntry, language: Language, now: datetime, zone: tzinfo | None
) -> str:
    organiser = (
        Html(t(language, "organiser_suffix", name=entry.organiser_name))
        if entry.organiser_name
        else ""
    )
    values = {
        "when": format_day_and_time(entry.at, language, now=now, zone=zone),
        "event": entry.event_title or t(language, "history_unknown_event"),
        "organiser": organiser,
    }
    if entry.uncertain:
        return t(language, "points_history_line_uncertain", **values)
    return t(language, "points_history_line", count=entry.points_saved or 0, **values)


# --- /promotions: the list -------------------------------------------------------------------


def promotion_list(outcome: PromotionListOutcome, language: Language, sign: Sign) -> Reply:
    if not isinstance(outcome, PromotionPage):
        return Reply(account_problem(outcome, language))
    page = outcome
    lines = []
    if page.list_changed:
        lines += [t(language, "promotions_changed"), ""]
    header = "promotions_header_affordable" if page.only_affordable else "promotions_header"
    lines.append(t(language, header, count=page.total_points))
    if page.section != "all":
        lines.append(t(language, f"section_title_{page.section}"))
    if page.page_count > 1:
        lines.append(t(language, "promotions_page", page=page.page + 1, pages=page.page_count))
    lines.append("")
    if not page.entries:
        if page.only_affordable and page.listed_count:
            lines.append(t(language, "promotions_none_affordable", count=page.total_points))
        else:
            lines.append(t(language, "promotions_empty"))
    else:
        # The entries are the buttons themselves: listing them in the text too would only
        # make the message twice as long on a phone.
        lines.append(t(language, "promotions_legend"))
    return Reply("\n".join(lines), _list_keyboard(page, language, sign))


def _mark(entry: PromotionEntry) -> str:
    mark = "✅ " if entry.affordable and entry.unavailable is None else ""
    return mark + ("⭐ " if entry.promotion.in_spotlight else "")


def _note(entry: PromotionEntry, language: Language) -> Html:
    if entry.unavailable is None:
        return Html("")
    if entry.unavailable == "NOT_POSSIBLE_VOLUME_CONSTRAINT":
        return Html(t(language, "promotions_note_sold_out"))
    return Html(t(language, "promotions_note_not_now"))


def _entry_text(entry: PromotionEntry, language: Language, *, limit: int | None = None) -> str:
    promotion = entry.promotion
    title = promotion.title or t(language, "untitled")
    if limit is not None:
        title = shorten(title, limit)
    values = {"mark": Html(_mark(entry)), "title": title, "note": _note(entry, language)}
    if promotion.points is None:
        return t(language, "promotions_entry_no_points", **values)
    return t(language, "promotions_entry", count=promotion.points, **values)


def _list_keyboard(
    page: PromotionPage, language: Language, sign: Sign
) -> InlineKeyboardMarkup | None:
    rows: list[list[InlineKeyboardButton]] = []
    own_list = page.section in ("welcome", "near")  # not in the whole list: opened by id
    for entry in page.entries:
        promotion_id = entry.promotion.id or ""
        data = sign(
            SpotlightEntry(promotion_id)
            if own_list
            else ListEntry(promotion_id, page.fingerprint, page.page, page.only_affordable)
        )
        if data is None:
            continue  # an id too long or too odd for a button: the entry stays in the text
        label = _entry_text(entry, language, limit=_BUTTON_TITLE_LIMIT)
        rows.append([InlineKeyboardButton(plain(label), callback_data=data)])
    sections = []
    for name, count in page.section_counts:
        if name == page.section or count == 0:
            continue
        data = sign(ListPage(0, page.only_affordable, page.fingerprint, name))
        if data is not None:
            key = f"section_button_{name}"
            label = t(language, key) if count is None else t(language, key, count=count)
            sections.append(InlineKeyboardButton(label, callback_data=data))
    rows.extend(sections[i : i + 2] for i in range(0, len(sections), 2))
    navigation = []
    for target, key in ((page.page - 1, "button_previous"), (page.page + 1, "button_next")):
        if 0 <= target < page.page_count:
            data = sign(ListPage(target, page.only_affordable, page.fingerprint, page.section))
            if data is not None:
                navigation.append(InlineKeyboardButton(t(language, key), callback_data=data))
    if navigation:
        rows.append(navigation)
    if page.listed_count:
        toggle = sign(ListPage(0, not page.only_affordable, page.fingerprint, page.section))
        key = "button_show_all" if page.only_affordable else "button_only_affordable"
        if toggle is not None:
            rows.append([InlineKeyboardButton(t(language, key), callback_data=toggle)])
    redeemed = reward_views.redeemed_list_button(language, sign)
    if redeemed is not None:
        rows.append([redeemed])
    return InlineKeyboardMarkup(rows) if rows else None


# --- one promotion ---------------------------------------------------------------------------


def promotion_detail(
    detail: PromotionDetail | UitpasRefused | None,
    language: Language,
    *,
    now: datetime | None = None,
    sign: Sign | None = None,
    back: str | None = None,
) -> Reply:
    """Descriptions, points and whether the passholder's total covers them, the cashing
    period, where to trade it, units left, why it cannot be traded now, and the picture;
    with ``sign``, a "redeem online" button when UiTPAS allows that now.

    ``back``: the callback data of the list page the detail was opened from (a ◀️ button)."""
    if detail is None:
        return Reply(t(language, "promotion_gone"))
    if isinstance(detail, UitpasRefused):
        return Reply(account_problem(detail, language))
    promo = detail.promotion
    picture = promo.pictures[0] if promo.pictures else None
    now = now or datetime.now(UTC)
    text = _detail_text(detail, language, now, _DESCRIPTION_LIMIT)
    if picture and len(text) > _CAPTION_LIMIT:
        # Shorter descriptions first: the picture is worth more than the end of a long text.
        text_short = _detail_text(detail, language, now, _CAPTION_DESCRIPTION_LIMIT)
        if len(text_short) <= _CAPTION_LIMIT:
            text = text_short
        else:
            picture = None  # a caption this long would be refused; the text matters more
    keyboard = reward_views.redeem_button(promo, language, sign) if sign is not None else None
    if back is not None:
        button = InlineKeyboardButton(t(language, "button_back_to_list"), callback_data=back)
        rows = [*keyboard.inline_keyboard, [button]] if keyboard is not None else [[button]]
        keyboard = InlineKeyboardMarkup(rows)
    return Reply(text, keyboard, photo_url=picture)


def _detail_text(
    detail: PromotionDetail, language: Language, now: datetime, description_limit: int
) -> str:
    promo = detail.promotion
    lines = [f"<b>{escape(promo.title or t(language, 'untitled'))}</b>"]
    for description in (promo.description1, promo.description2):
        if description and description.strip():
            lines.append(escape(shorten(description.strip(), description_limit)))
    lines.append("")
    standing, said_how = _standing(detail, language, now)
    lines.extend(standing)
    period = _period(promo, language, now)
    if period:
        lines.append(period)
    if promo.balies and not said_how:  # "trade at <places>" was said with how to trade
        lines.append(t(language, "promotion_balies", places=_places(promo)))
    if promo.cities:
        lines.append(t(language, "promotion_cities", cities=", ".join(promo.cities)))
    units_left = promo.units_left
    if units_left is None:
        lines.append(t(language, "promotion_units_unlimited"))
    elif not _sold_out(promo):  # "sold out" already said it: no "0 left" after it
        lines.append(t(language, "promotion_units_left", count=units_left))
    return "\n".join(lines)


def _places(promo: Promotion) -> str:
    """The balies, each with its address when UiTPAS gave one: "CC De Werf (Molenstraat 51,
    9300 Aalst)"."""
    addresses = dict(promo.addresses)
    return ", ".join(
        f"{name} ({addresses[name]})" if name in addresses else name for name in promo.balies
    )


def _sold_out(promo: Promotion) -> bool:
    return promo.units_left == 0 or promo.cash_in_state == "NOT_POSSIBLE_VOLUME_CONSTRAINT"


def _standing(detail: PromotionDetail, language: Language, now: datetime) -> tuple[list[str], bool]:
    """Points needed, the passholder's total against them, and why it can't be traded now;
    and whether the lines said where to trade it (then the places are not listed again)."""
    promo, total = detail.promotion, detail.total_points
    state = promo.cash_in_state
    if _sold_out(promo) and state in (None, "POSSIBLE", "NOT_POSSIBLE_POINTS_CONSTRAINT"):
        state = "NOT_POSSIBLE_VOLUME_CONSTRAINT"  # none left: that is what stops everyone
    blocked = state is not None and state not in ("POSSIBLE", "NOT_POSSIBLE_POINTS_CONSTRAINT")
    lines = []
    if promo.points is not None:
        lines.append(t(language, "promotion_points", count=promo.points))
        if total is not None:
            missing = promo.points - total
            if missing > 0:
                lines.append(t(language, "promotion_missing", count=missing, total=total))
            elif _sold_out(promo):
                pass  # "enough points" next to "sold out" reads as a promise it cannot keep
            elif blocked:
                lines.append(t(language, "promotion_enough_points", total=total))
            else:
                lines.append(t(language, "promotion_affordable", total=total))
    said_how = False
    if blocked or (state == "NOT_POSSIBLE_POINTS_CONSTRAINT" and total is None):
        assert state is not None
        lines.append(_state_line(promo, state, language, now))
        if promo.cash_in_message:  # redeem-status's own words for the passholder
            lines.append(t(language, "code_uitpas_said", message=promo.cash_in_message))
    elif state == "POSSIBLE" and total is not None and (promo.points or 0) <= total:
        if promo.balies:
            lines.append(t(language, "promotion_how_at", places=_places(promo)))
            said_how = True
        else:
            lines.append(t(language, "promotion_how"))
    if promo.redeem_status_forbidden:
        lines.append(not_allowed("REWARDS_REDEEM", language))
    return lines, said_how


def _state_line(promo: Promotion, state: str, language: Language, now: datetime) -> str:
    """Why it cannot be traded; outside its period, which side and since or until when."""
    begin, end = promo.cashing_period_begin, promo.cashing_period_end
    if state == "NOT_POSSIBLE_DATE_CONSTRAINT":
        if begin is not None and local(begin) > local(now):
            return t(language, "promotion_not_yet", begin=format_date(begin, language))
        if end is not None and local(end) < local(now):
            return t(language, "promotion_no_longer", end=format_date(end, language))
    key = f"promotion_state_{state}" if state in _STATES else "promotion_state_other"
    return t(language, key, code=state)


def _period(promo: Promotion, language: Language, now: datetime) -> str | None:
    """The trading period; its start only when the state line did not say it already."""
    begin, end = promo.cashing_period_begin, promo.cashing_period_end
    upcoming = begin is not None and local(begin) > local(now)
    said_begin = upcoming and promo.cash_in_state == "NOT_POSSIBLE_DATE_CONSTRAINT"
    if upcoming and end is not None and not said_begin:
        assert begin is not None
        same_year = local(begin).year == local(end).year
        return t(
            language,
            "promotion_period_between",
            begin=format_date(begin, language, with_year=not same_year),
            end=format_date(end, language),
        )
    if upcoming and not said_begin:
        assert begin is not None
        return t(language, "promotion_period_from", begin=format_date(begin, language))
    if (
        end is not None
        and local(end) < local(now)
        and promo.cash_in_state == ("NOT_POSSIBLE_DATE_CONSTRAINT")
    ):
        return None  # "no longer, since <end>" was said
    if end is not None:
        return t(language, "promotion_period_until", end=format_date(end, language))
    return None


def entry_text(entry: PromotionEntry, language: Language) -> str:
    """One entry of the list as its button says it (the Mini App lists them as lines)."""
    return _entry_text(entry, language)
