"""Trading points in words: the confirmation, the redemption and its code, each refusal, what
was redeemed, the history, kansentarief and coupons (issue 17).

Built like :mod:`bot.views.account`: outcomes in, ``Reply`` out, every value escaped by the
catalogue, buttons signed through ``sign``. UiTPAS's own words for the passholder
(``endUserMessage``, redeem-status's ``message``) come first, as publiq asks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Html, Language, escape, t
from bot.i18n.dates import format_date, format_day_and_time
from bot.services.outcomes import NotLinked, UitpasSilent
from bot.services.trading_outcomes import (
    MEMBER_GONE,
    Entitlements,
    HistoryPage,
    MemberEntitlements,
    MemberTab,
    Redeemed,
    RedeemedPage,
    RedeemNotAvailable,
    RedeemOffer,
    RedeemRefused,
    RedeemRunning,
    RedeemUnknown,
    Whose,
    WhosePoints,
)
from bot.uitpas.models import Promotion, SocialTariff, Transaction
from bot.uitpas.trading import Coupon, Redemption
from bot.views.callback_data import (
    Button,
    HistoryList,
    RedeemAsk,
    RedeemCancel,
    RedeemConfirm,
    RedeemedList,
)
from bot.views.reply import Reply
from bot.views.uitpas_words import not_allowed, with_end_user_message_of

Sign = Callable[[Button], str | None]

# Refusal codes (v4 problem types, and redeem-status states) → the bot's own words.
_REFUSALS = {
    "REWARD_PASSHOLDER_POINTS_CONSTRAINT": "redeem_refused_points",
    "NOT_POSSIBLE_POINTS_CONSTRAINT": "redeem_refused_points",
    "REWARD_VOLUME_CONSTRAINT": "redeem_refused_sold_out",
    "NOT_POSSIBLE_VOLUME_CONSTRAINT": "redeem_refused_sold_out",
    "REWARD_PASSHOLDER_VOLUME_CONSTRAINT": "redeem_refused_limit",
    "NOT_POSSIBLE_USER_VOLUME_CONSTRAINT": "redeem_refused_limit",
    "REWARD_PERIOD_CONSTRAINT": "redeem_refused_period",
    "NOT_POSSIBLE_DATE_CONSTRAINT": "redeem_refused_period",
    "INVALID_CARD": "redeem_refused_card",
    "NOT_POSSIBLE_CARD_CONSTRAINT": "redeem_refused_card",
    "INVALID_CARD_STATUS_BLOCKED": "redeem_refused_card",
    "PASSHOLDER_NO_ACTIVE_CARDSYSTEMS": "redeem_refused_card",
    "NOT_POSSIBLE_NO_ACTIVE_CARDSYSTEMS": "redeem_refused_card",
    "REWARD_PASSHOLDER_NO_APPLICABLE_CARDSYSTEMS": "redeem_refused_region",
    "NOT_POSSIBLE_APPLICABLE_CARDSYSTEMS": "redeem_refused_region",
    "UNKNOWN_POINTS_PROMOTION_ID": "promotion_gone",
    "REWARD_NOT_FOUND": "promotion_gone",
    MEMBER_GONE: "member_gone",
    "LOGIN_REQUIRED": "redeem_login_required",  # redeemed with the passholder's own login
}


def redeem_button(
    promotion: Promotion, language: Language, sign: Sign
) -> InlineKeyboardMarkup | None:
    """Under a promotion's details: "redeem online", when redeem-status allows it now."""
    if not promotion.redeemable_online_now or not promotion.id:
        return None
    data = sign(RedeemAsk(promotion.id))
    if data is None:
        return None
    label = t(language, "redeem_button")
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data)]])


def _problem(outcome: NotLinked | UitpasSilent | RedeemNotAvailable, language: Language) -> str:
    match outcome:
        case NotLinked():
            return t(language, "needs_link")
        case UitpasSilent():
            return t(language, "account_no_answer")
        case RedeemNotAvailable(legacy=True):
            return t(language, "redeem_legacy")
        case RedeemNotAvailable():
            return t(language, "redeem_not_online")
    raise TypeError(f"unknown outcome {outcome!r}")


def refusal(outcome: RedeemRefused, language: Language) -> str:
    """Each refusal its own words; UiTPAS's own message first (Dutch: instead of ours). For a
    family member, the words are the same, under whose points they are about."""
    words = _refusal_words(outcome, language)
    if _is_member(outcome.whose):
        name = member_name(outcome.whose, language)
        return f"{t(language, 'redeem_refused_member', name=name)}\n{words}"
    return words


def _refusal_words(outcome: RedeemRefused, language: Language) -> str:
    if outcome.required_permission == "REWARDS_REDEEM":
        return t(language, "redeem_not_allowed")
    if outcome.required_permission is not None:
        return not_allowed(outcome.required_permission, language)
    own = t(language, _REFUSALS.get(outcome.code, "redeem_refused_other"))
    return with_end_user_message_of(own, outcome, language) or own


def offer(outcome: RedeemOffer, language: Language, sign: Sign) -> Reply:
    """The confirmation: what it costs, the total now and after, confirm or cancel."""
    promo = outcome.promotion
    lines = []
    if outcome.expired_before:
        lines += [t(language, "redeem_offer_expired"), ""]
    lines.append(t(language, "redeem_offer_title", title=promo.title or t(language, "untitled")))
    cost = "redeem_offer_cost_member" if _is_member(outcome.whose) else "redeem_offer_cost"
    lines.append(t(language, cost, count=promo.points or 0, masked=outcome.masked_number))
    if _is_member(outcome.whose):
        name = member_name(outcome.whose, language)
        lines.append(t(language, "redeem_with_points_of", name=name))
        lines.append(
            t(
                language,
                "redeem_offer_after_member",
                name=name,
                total=outcome.total_points,
                count=outcome.points_after,
            )
        )
    else:
        lines.append(
            t(
                language,
                "redeem_offer_after",
                total=outcome.total_points,
                count=outcome.points_after,
            )
        )
    rows = []
    issued = int(outcome.issued_at.timestamp())
    handle = outcome.whose.handle if outcome.whose is not None else None
    confirm = sign(RedeemConfirm(promo.id or "", issued, handle))
    cancel = sign(RedeemCancel(promo.id or ""))
    if confirm is not None and cancel is not None:
        rows.append(
            [
                InlineKeyboardButton(t(language, "redeem_confirm_button"), callback_data=confirm),
                InlineKeyboardButton(t(language, "redeem_cancel_button"), callback_data=cancel),
            ]
        )
    return Reply("\n".join(lines), InlineKeyboardMarkup(rows) if rows else None)


def _code_lines(redemption: Redemption | None, language: Language) -> list[str]:
    if redemption is None:
        return []
    lines = []
    if redemption.code:
        lines.append(t(language, "redeem_code", code=redemption.code))
    if redemption.info_text:
        lines.append(escape(redemption.info_text))
    if redemption.info_link:
        label = redemption.info_label or redemption.info_link
        lines.append(
            Html(f'<a href="{escape(redemption.info_link)}">{escape(label)}</a>')
            if redemption.info_link.startswith("https://")
            else escape(redemption.info_link)
        )
    return lines


def redeem_outcome(
    outcome: Redeemed
    | RedeemRefused
    | RedeemRunning
    | RedeemUnknown
    | RedeemNotAvailable
    | NotLinked
    | UitpasSilent,
    language: Language,
) -> Reply:
    """What confirming did: the code, a refusal, or that it is not known yet."""
    match outcome:
        case Redeemed():
            return Reply(_redeemed_text(outcome, language))
        case RedeemRefused():
            return Reply(refusal(outcome, language))
        case RedeemRunning():
            return Reply(t(language, "redeem_running"))
        case RedeemUnknown():
            return Reply(t(language, "redeem_unknown"))
        case UitpasSilent():
            return Reply(t(language, "redeem_not_sent"))
    return Reply(_problem(outcome, language))


def _redeemed_text(outcome: Redeemed, language: Language) -> str:
    lines = []
    if outcome.repeated:
        lines.append(t(language, "redeem_repeated"))
    elif outcome.recovered:
        lines.append(t(language, "redeem_recovered"))
    title = outcome.title or t(language, "untitled")
    lines.append(t(language, "redeem_done", title=title))
    member = _is_member(outcome.whose)
    if member:
        lines.append(
            t(language, "redeem_with_points_of", name=member_name(outcome.whose, language))
        )
    lines.extend(_code_lines(outcome.redemption, language))
    if outcome.total_points is not None and member:
        name = member_name(outcome.whose, language)
        lines.append(t(language, "redeem_total_member", name=name, count=outcome.total_points))
    elif outcome.total_points is not None:
        lines.append(t(language, "redeem_total", count=outcome.total_points))
    return "\n".join(lines)


def unknown(
    language: Language, sign: Sign, promotion_id: str, issued: int, member: str | None = None
) -> Reply:
    """Not known whether it was redeemed: the same confirm button stays, to look again."""
    data = sign(RedeemConfirm(promotion_id, issued, member))
    keyboard = None
    if data is not None:
        label = t(language, "redeem_confirm_button")
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data)]])
    return Reply(t(language, "redeem_unknown"), keyboard)


def cancelled(language: Language) -> Reply:
    return Reply(t(language, "redeem_cancelled"))


def problem_reply(
    outcome: NotLinked | UitpasSilent | RedeemNotAvailable, language: Language
) -> Reply:
    return Reply(_problem(outcome, language))


# --- what was redeemed -----------------------------------------------------------------------


def redeemed_page(
    outcome: RedeemedPage | RedeemRefused | RedeemNotAvailable | NotLinked | UitpasSilent,
    language: Language,
    sign: Sign,
) -> Reply:
    if isinstance(outcome, RedeemRefused):
        return Reply(refusal(outcome, language))
    if not isinstance(outcome, RedeemedPage):
        if isinstance(outcome, RedeemNotAvailable) and outcome.legacy:
            return Reply(t(language, "redeemed_legacy"))
        return Reply(_problem(outcome, language))
    if _is_member(outcome.whose):
        name = member_name(outcome.whose, language)
        lines = [t(language, "redeemed_header_member", name=name, masked=outcome.masked_number)]
    else:
        lines = [t(language, "redeemed_header", masked=outcome.masked_number)]
    if outcome.page_count > 1:
        lines.append(
            t(language, "promotions_page", page=outcome.page + 1, pages=outcome.page_count)
        )
    lines.append("")
    if not outcome.redemptions:
        lines.append(t(language, "redeemed_none"))
    for redemption in outcome.redemptions:
        when = format_date(redemption.redeemed_at, language) if redemption.redeemed_at else "?"
        title = redemption.reward_title or t(language, "untitled")
        if redemption.code:
            lines.append(
                t(language, "redeemed_line_code", when=when, title=title, code=redemption.code)
            )
        else:
            lines.append(t(language, "redeemed_line", when=when, title=title))
    handle = _handle(outcome.whose)
    pager = _pager(
        outcome.page,
        outcome.page_count,
        lambda page: RedeemedList(page, member=handle),
        language,
        sign,
    )
    tabs = member_tabs(
        outcome.family, outcome.whose, lambda h: RedeemedList(0, member=h), language, sign
    )
    return Reply("\n".join(lines), _with_rows(pager, tabs))


def _pager(
    page: int,
    page_count: int,
    button: Callable[[int], Button],
    language: Language,
    sign: Sign,
) -> InlineKeyboardMarkup | None:
    navigation = []
    for target, key in ((page - 1, "button_previous"), (page + 1, "button_next")):
        if 0 <= target < page_count:
            data = sign(button(target))
            if data is not None:
                navigation.append(InlineKeyboardButton(t(language, key), callback_data=data))
    return InlineKeyboardMarkup([navigation]) if navigation else None


def redeemed_list_button(language: Language, sign: Sign) -> InlineKeyboardButton | None:
    """The /promotions button to what was redeemed."""
    data = sign(RedeemedList(0, fresh=True))
    if data is None:
        return None
    return InlineKeyboardButton(t(language, "redeemed_button"), callback_data=data)


# --- /history --------------------------------------------------------------------------------


def history_page(
    outcome: HistoryPage | NotLinked | UitpasSilent | RedeemRefused,
    language: Language,
    sign: Sign,
    *,
    now: datetime | None = None,
) -> Reply:
    if isinstance(outcome, RedeemRefused):
        return Reply(refusal(outcome, language))
    if not isinstance(outcome, HistoryPage):
        return Reply(_problem(outcome, language))
    now = now or datetime.now(UTC)
    if _is_member(outcome.whose):
        name = member_name(outcome.whose, language)
        lines = [t(language, "history_header_member", name=name, masked=outcome.masked_number)]
    else:
        key = "history_header_own" if outcome.own_only else "history_header"
        lines = [t(language, key, masked=outcome.masked_number)]
    if outcome.page_count > 1:
        lines.append(
            t(language, "promotions_page", page=outcome.page + 1, pages=outcome.page_count)
        )
    lines.append("")
    if not outcome.transactions:
        lines.append(t(language, "history_none"))
    uncertain = outcome.uncertain or (False,) * len(outcome.transactions)
    for transaction, unsure in zip(outcome.transactions, uncertain, strict=False):
        lines.append(_history_line(transaction, unsure, language, now))
    handle = _handle(outcome.whose)
    pager = _pager(
        outcome.page,
        outcome.page_count,
        lambda page: HistoryList(page, handle),
        language,
        sign,
    )
    tabs = member_tabs(outcome.family, outcome.whose, lambda h: HistoryList(0, h), language, sign)
    return Reply("\n".join(lines), _with_rows(pager, tabs))


def _history_line(transaction: Transaction, unsure: bool, language: Language, now: datetime) -> str:
    place = (
        Html(t(language, "organiser_suffix", name=transaction.location))
        if transaction.location
        else ""
    )
    values = {
        "when": format_day_and_time(transaction.created, language, now=now)
        if transaction.created
        else "?",
        "title": transaction.title or t(language, "history_unknown_event"),
        "place": place,
    }
    if unsure:
        return t(language, "history_line_uncertain", **values)
    points = transaction.points or 0
    if points < 0:
        return t(language, "history_line_spent", count=-points, **values)
    return t(language, "history_line_saved", count=points, **values)


# --- kansentarief and coupons in /points -----------------------------------------------------


def entitlement_lines(entitlements: Entitlements, language: Language) -> list[str]:
    lines = []
    tariff = entitlements.social_tariff
    if tariff is not None:
        line = _tariff_line(tariff, entitlements.now, language)
        if line:
            lines.append(line)
    if entitlements.coupons:
        lines.append(t(language, "coupons_header"))
        lines.extend(_coupon_line(c, language) for c in entitlements.coupons)
    return lines


def _tariff_line(tariff: SocialTariff, now: datetime, language: Language) -> str | None:
    end = tariff.end_date
    if tariff.status == "ACTIVE" and end is not None and end < now:
        return t(language, "tariff_grace", end=format_date(end, language))
    if tariff.status == "ACTIVE" and end is not None:
        return t(language, "tariff_active_until", end=format_date(end, language))
    if tariff.status == "ACTIVE":
        return t(language, "tariff_active")
    if tariff.status == "EXPIRED":
        if end is not None:
            return t(language, "tariff_expired_on", end=format_date(end, language))
        return t(language, "tariff_expired")
    return None


def _coupon_line(coupon: Coupon, language: Language) -> str:
    name = coupon.name or t(language, "untitled")
    until = format_date(coupon.valid_until, language) if coupon.valid_until else None
    if coupon.remaining is not None and until:
        return t(language, "coupon_line_left_until", name=name, count=coupon.remaining, end=until)
    if until:
        return t(language, "coupon_line_until", name=name, end=until)
    return t(language, "coupon_line", name=name)


# --- per family member -----------------------------------------------------------------------


def _is_member(whose: Whose | None) -> bool:
    """A family member's card, not the passholder's own: the replies say whose."""
    return whose is not None and not whose.main


def _handle(whose: Whose | None) -> str | None:
    return whose.handle if whose is not None else None


def member_name(whose: Whose | MemberTab | None, language: Language) -> str:
    """A member's first name; the passholder themself (legacy knows no name) is "you"."""
    if whose is not None and whose.first_name:
        return whose.first_name
    return t(language, "family_you")


def member_tabs(
    family: tuple[MemberTab, ...],
    whose: Whose | None,
    button: Callable[[str], Button],
    language: Language,
    sign: Sign,
) -> list[list[InlineKeyboardButton]]:
    """One button per member (first name), the one shown marked; none without a family."""
    current = whose.handle if whose is not None and whose.handle else None
    buttons = []
    for tab in family:
        shown = tab.handle == current if current is not None else tab.main
        data = sign(button(tab.handle))
        if data is None:
            continue
        key = "member_tab_current" if shown else "member_tab"
        label = t(language, key, name=member_name(tab, language))
        buttons.append(InlineKeyboardButton(label, callback_data=data))
    return [buttons[i : i + 3] for i in range(0, len(buttons), 3)]


def _with_rows(
    keyboard: InlineKeyboardMarkup | None, rows: list[list[InlineKeyboardButton]]
) -> InlineKeyboardMarkup | None:
    existing = [list(row) for row in keyboard.inline_keyboard] if keyboard is not None else []
    return InlineKeyboardMarkup([*existing, *rows]) if existing or rows else None


def whose_points(outcome: WhosePoints, language: Language, sign: Sign) -> Reply:
    """Redeeming with a family: who can pay (a button each, from their own redeem-status) and
    why the others cannot, each in their own words."""
    promo = outcome.promotion
    lines = [
        t(
            language,
            "redeem_whose_title",
            title=promo.title or t(language, "untitled"),
            count=promo.points or 0,
        ),
        "",
    ]
    rows = []
    for status in outcome.members:
        name = member_name(status.member, language)
        if status.refusal is None:
            lines.append(t(language, "redeem_whose_can", name=name, count=status.points or 0))
            data = sign(RedeemAsk(promo.id or "", status.member.handle))
            if data is not None:
                label = t(language, "redeem_whose_button", name=name)
                rows.append([InlineKeyboardButton(label, callback_data=data)])
        else:
            words = _refusal_words(status.refusal, language)
            lines.append(t(language, "redeem_whose_cannot", name=name, reason=words))
    if not rows:
        lines += ["", t(language, "redeem_whose_nobody")]
    return Reply("\n".join(lines), InlineKeyboardMarkup(rows) if rows else None)


def member_entitlement_lines(
    members: tuple[MemberEntitlements, ...], language: Language
) -> list[str]:
    """Under /points: each other member's kansentarief and coupons, under their name."""
    lines: list[str] = []
    for member in members:
        found = entitlement_lines(member.entitlements, language)
        if found:
            name = member.first_name or t(language, "untitled")
            lines += ["", t(language, "points_member_header", name=name), *found]
    return lines
