"""What /family, the "who's with you?" chooser and /card show (issue 16).

Outcomes in, ``Reply`` out, like the other views; numbers only ever masked. The chooser's and
the card buttons' data name a chooser (a random id the service checks against the user) or a
member key, never a UiTPAS number.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Language, plain, shorten, t
from bot.i18n.dates import format_date
from bot.services.card import CardNotFound
from bot.services.family import (
    AlreadyInFamily,
    BirthDateMismatch,
    BirthDateNotValid,
    FamilyFull,
    FamilyListing,
    FamilyOutcome,
    Member,
    MemberAdded,
    MemberNotFound,
    MemberRemoved,
    MemberRenamed,
    NameNotValid,
    OtherFamily,
    RenameNotPossible,
)
from bot.services.family_checkin import (
    ChooserGone,
    ChooserShown,
    ChooserStale,
    ChooserUsed,
    FamilyCheckedIn,
    NobodyChosen,
)
from bot.services.family_memberships import (
    ICONS,
    AtUitpasOnly,
    FamilyLeft,
    IconChanged,
    IconChoice,
    IconNotValid,
    LeaveAsked,
    LeaveRefused,
    NoOtherFamily,
    WhichFamily,
)
from bot.services.outcomes import NotLinked, NumberNotValid, UitpasRefused, UitpasSilent
from bot.views import checkin as checkin_views
from bot.views.account import account_problem
from bot.views.linking import number_problem
from bot.views.reply import Reply
from bot.views.uitpas_words import with_end_user_message_of

TOGGLE_PREFIX = "fam:t:"  # fam:t:<chooser id>:<position>
GO_PREFIX = "fam:go:"  # fam:go:<chooser id>
CARD_PREFIX = "card:"  # card:<member handle>
_LABEL_LIMIT = 30
_FAMILY_CODES = frozenset(
    {
        "TOO_MANY_FAMILY_MEMBERS",
        "TOO_MANY_ADULTS_IN_FAMILY",
        "UNKNOWN_UITPASNUMBER",
        "PARSE_INVALID_UITPASNUMBER",
        "LOGIN_REQUIRED",
    }
)


def name_of(member: Member, language: Language) -> str:
    return member.first_name or t(language, "family_you")


# --- /family ---------------------------------------------------------------------------------


def listing(outcome: FamilyOutcome, language: Language) -> Reply:
    if not isinstance(outcome, FamilyListing):
        return Reply(_problem(outcome, language))
    usage = t(language, "family_usage_v4" if outcome.at_uitpas else "family_usage_legacy")
    if outcome.at_uitpas:
        usage += "\n" + t(language, "family_usage_v4_more")
    memberships = [membership_line(f, language) for f in outcome.other_families]
    if memberships:
        memberships.insert(0, "")
    keyboard = listing_keyboard(outcome, language)
    if not outcome.others:
        text = "\n".join([t(language, "family_alone"), *memberships, "", usage])
        return Reply(text, keyboard)
    lines = [t(language, "family_header")]
    lines += [member_line(m, language) for m in outcome.members]
    lines += memberships
    if outcome.at_uitpas:
        lines += ["", t(language, "family_lives_at_uitpas")]
    lines += ["", usage]
    return Reply("\n".join(lines), keyboard)


def member_line(member: Member, language: Language) -> str:
    name = with_icon(member, name_of(member, language))
    if member.points is None:
        return t(language, "family_member_no_points", name=name, masked=member.masked_number)
    return t(language, "family_member", name=name, masked=member.masked_number, count=member.points)


def points_section(outcome: FamilyOutcome, language: Language) -> str | None:
    """The other members' points under /points; None without a family (nothing changes)."""
    if not isinstance(outcome, FamilyListing) or not outcome.others:
        return None
    lines = [t(language, "family_points_header")]
    lines += [member_line(m, language) for m in outcome.others]
    return "\n".join(lines)


def added(outcome: object, language: Language) -> Reply:
    match outcome:
        case MemberAdded(first_name=name, masked_number=masked):
            return Reply(t(language, "family_added", name=name or masked, masked=masked))
        case NumberNotValid():
            return number_problem(outcome, language)
        case BirthDateNotValid():
            return Reply(t(language, "family_birth_date_invalid"))
        case NameNotValid():
            return Reply(t(language, "family_name_invalid"))
        case BirthDateMismatch(masked_number=masked):
            return Reply(t(language, "family_birth_date_mismatch", masked=masked))
        case AlreadyInFamily(masked_number=masked):
            return Reply(t(language, "family_already", masked=masked))
        case FamilyFull(limit=limit):
            return Reply(t(language, "family_full", count=limit))
    return Reply(_problem(outcome, language))


def removed(outcome: object, language: Language) -> Reply:
    match outcome:
        case MemberRemoved(first_name=name):
            return Reply(t(language, "family_removed", name=name or "?"))
        case MemberNotFound(name=name):
            return Reply(t(language, "family_not_found", name=name))
        case MemberRenamed(old_name=old, new_name=new):
            return Reply(t(language, "family_renamed", old=old or "?", new=new))
        case NameNotValid():
            return Reply(t(language, "family_name_invalid"))
        case RenameNotPossible():
            return Reply(t(language, "family_rename_v4"))
    return Reply(_problem(outcome, language))


def _problem(outcome: object, language: Language) -> str:
    match outcome:
        case UitpasRefused(code=code, masked_number=masked) if code in _FAMILY_CODES:
            own = t(language, f"family_{code}", masked=masked)
            return with_end_user_message_of(own, outcome, language) or own
        case NotLinked() | UitpasRefused() | UitpasSilent():
            return account_problem(outcome, language)
    raise TypeError(f"unknown family outcome {outcome!r}")


# --- "who's with you?" -----------------------------------------------------------------------


def chooser(outcome: ChooserShown, language: Language) -> Reply:
    rows = []
    icons = (*outcome.icons, *([None] * len(outcome.offered)))
    for position, (key, name) in enumerate(outcome.offered):
        mark = "✅" if key in outcome.chosen else "⬜"
        label = shorten(plain(name or t(language, "family_you")), _LABEL_LIMIT)
        emoji = icon_emoji(icons[position])  # after the name: the mark and name come first
        label = f"{label} {emoji}" if emoji else label
        rows.append(
            [
                InlineKeyboardButton(
                    f"{mark} {label}", callback_data=f"{TOGGLE_PREFIX}{outcome.id}:{position}"
                )
            ]
        )
    go = t(language, "family_go", count=len(outcome.chosen))
    rows.append([InlineKeyboardButton(plain(go), callback_data=f"{GO_PREFIX}{outcome.id}")])
    return Reply(t(language, "family_who"), InlineKeyboardMarkup(rows))


def chooser_toast(outcome: object, language: Language) -> str | None:
    """A toast for a press that checks nobody in; None when there is a result to show."""
    match outcome:
        case ChooserUsed():
            return t(language, "family_chooser_used")
        case ChooserStale():
            return t(language, "family_chooser_stale")
        case ChooserGone():
            return t(language, "family_chooser_gone")
        case NobodyChosen():
            return t(language, "family_nobody_chosen")
    return None


def checked_in(outcome: FamilyCheckedIn, language: Language) -> Reply:
    """One reply for everyone chosen: each member's points and total, or their own reason."""
    blocks = []
    keyboard = None
    for index, (name, result) in enumerate(outcome.results):
        reply = checkin_views.checkin(result, language)
        who = name or t(language, "family_you")
        blocks.append(t(language, "family_result_for", name=who) + "\n" + reply.text)
        if index == 0 and outcome.includes_self:
            keyboard = reply.keyboard  # the passholder's own spotlight, login or recheck
    return Reply("\n\n".join(blocks), keyboard)


def stale_text(language: Language) -> str:
    return t(language, "family_chooser_stale")


# --- /card -----------------------------------------------------------------------------------


def card_problem(outcome: object, language: Language) -> Reply:
    if isinstance(outcome, CardNotFound):
        return Reply(t(language, "card_not_found"))
    return Reply(_problem(outcome, language))


def card_caption(member: Member, language: Language) -> str:
    return t(
        language,
        "card_caption",
        name=name_of(member, language),
        masked=member.masked_number,
    )


def card_keyboard(
    members: tuple[Member, ...], shown: str, language: Language
) -> InlineKeyboardMarkup | None:
    others = [m for m in members if m.key != shown]
    if len(members) < 2 or not others:
        return None
    rows = [
        [
            InlineKeyboardButton(
                plain(t(language, "card_button", name=shorten(name_of(m, language), _LABEL_LIMIT))),
                callback_data=f"{CARD_PREFIX}{m.handle}",
            )
        ]
        for m in others
    ]
    return InlineKeyboardMarkup(rows)


# --- the icons and leaving someone else's family (v4) ----------------------------------------

ICON_PREFIX = "fam:ic:"  # fam:ic:<member handle>: the icons for that member
SET_ICON_PREFIX = "fam:is:"  # fam:is:<member handle>:<icon position>
LEAVE_PREFIX = "fam:lv:"  # fam:lv:<family handle>: the confirmation
LEAVE_YES_PREFIX = "fam:ly:"  # fam:ly:<family handle>: leave
LEAVE_NO = "fam:ln"
# The bot's stand-ins for UiTPAS's pictures (a button shows text only), by position in ICONS.
ICON_EMOJI = ("🦊", "🐻", "🐼", "🐨", "🐯", "🦁", "🐸", "🐰")
_ICONS_PER_ROW = 4


def icon_emoji(icon: str | None) -> str | None:
    """The emoji for one of :data:`ICONS`; None for no icon or one the bot does not know."""
    return ICON_EMOJI[ICONS.index(icon)] if icon in ICONS else None


def with_icon(member: Member, name: str) -> str:
    emoji = icon_emoji(member.icon)
    return f"{emoji} {name}" if emoji else name


def membership_line(family: OtherFamily, language: Language) -> str:
    name = family.first_name or "?"
    if family.since is None:
        return t(language, "family_also_in", name=name)
    since = format_date(family.since, language)
    return t(language, "family_also_in_since", name=name, since=since)


def listing_keyboard(outcome: FamilyListing, language: Language) -> InlineKeyboardMarkup | None:
    """v4: a 🎨 button per member (their icon) and a leave button per other family."""
    if not outcome.at_uitpas:
        return None
    icons = [
        InlineKeyboardButton(
            plain(t(language, "family_icon_button", name=shorten(name_of(m, language), 16))),
            callback_data=f"{ICON_PREFIX}{m.handle}",
        )
        for m in outcome.members
    ]
    rows = [icons[i : i + 2] for i in range(0, len(icons), 2)] if outcome.others else []
    rows += [
        [
            InlineKeyboardButton(
                plain(t(language, "family_leave_button", name=_short(f.first_name))),
                callback_data=f"{LEAVE_PREFIX}{f.handle}",
            )
        ]
        for f in outcome.other_families
    ]
    return InlineKeyboardMarkup(rows) if rows else None


def _short(name: str | None) -> str:
    return shorten(name or "?", _LABEL_LIMIT)


def leave(outcome: object, language: Language) -> Reply:
    """``/family leave`` and its buttons: the question, the answer, or why not."""
    match outcome:
        case LeaveAsked(family=family):
            name = _short(family.first_name)
            buttons = [
                InlineKeyboardButton(
                    plain(t(language, "family_leave_yes")),
                    callback_data=f"{LEAVE_YES_PREFIX}{family.handle}",
                ),
                InlineKeyboardButton(plain(t(language, "family_leave_no")), callback_data=LEAVE_NO),
            ]
            return Reply(
                t(language, "family_leave_confirm", name=name), InlineKeyboardMarkup([buttons])
            )
        case WhichFamily(families=families):
            names = ", ".join(f.first_name or "?" for f in families)
            return Reply(t(language, "family_leave_which", names=names))
        case NoOtherFamily(name=None):
            return Reply(t(language, "family_leave_none"))
        case NoOtherFamily(name=name):
            return Reply(t(language, "family_leave_not_found", name=name))
        case FamilyLeft(first_name=name):
            return Reply(t(language, "family_left", name=name or "?"))
        case LeaveRefused(first_name=name, http_status=status, refusal=refusal):
            key = {403: "family_leave_forbidden", 404: "family_leave_gone"}.get(
                status or 0, "family_leave_refused"
            )
            own = t(language, key, name=name or "?")
            return Reply(with_end_user_message_of(own, refusal, language) or own)
        case AtUitpasOnly():
            return Reply(t(language, f"family_{outcome.action}_legacy"))
    return Reply(_problem(outcome, language))


def leave_kept(language: Language) -> Reply:
    return Reply(t(language, "family_leave_kept"))


def icons(outcome: object, language: Language) -> Reply:
    """``/family icon <name>``, a 🎨 button, a tap on an icon: the icons, the change, or why
    not."""
    match outcome:
        case IconChoice(member=member, icons=offered):
            buttons = [
                InlineKeyboardButton(
                    ICON_EMOJI[position] if position < len(ICON_EMOJI) else str(position + 1),
                    callback_data=f"{SET_ICON_PREFIX}{member.handle}:{position}",
                )
                for position in range(len(offered))
            ]
            rows = [buttons[i : i + _ICONS_PER_ROW] for i in range(0, len(buttons), _ICONS_PER_ROW)]
            name = with_icon(member, name_of(member, language))
            return Reply(t(language, "family_icon_pick", name=name), InlineKeyboardMarkup(rows))
        case IconChanged(member=member, icon=icon):
            emoji = icon_emoji(icon) or ""
            return Reply(
                t(language, "family_icon_changed", name=name_of(member, language), icon=emoji)
            )
        case IconNotValid():
            return Reply(t(language, "family_icon_invalid"))
        case MemberNotFound(name=""):
            return Reply(t(language, "card_not_found"))
        case AtUitpasOnly():
            return Reply(t(language, f"family_{outcome.action}_legacy"))
    return removed(outcome, language)


def checkin_or_chooser(outcome: object, language: Language) -> Reply:
    """A code checked in without a photo now (kept from before linking, a deep link's): the
    chooser when there is a family, else the check-in's reply."""
    if isinstance(outcome, ChooserShown):
        return chooser(outcome, language)
    return checkin_views.checkin(outcome, language)  # type: ignore[arg-type]
