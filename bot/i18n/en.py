"""English messages. Keys and placeholders match nl.py (a test checks it)."""

MESSAGES: dict[str, str] = {
    "command_start": "Start here: what this bot does",
    "command_help": "Help and all commands",
    "command_link": "Link your UiTPAS number",
    "command_unlink": "Unlink your UiTPAS and delete your data",
    "command_points": "Your points and recent check-ins",
    "command_promotions": "What you can get for your points",
    "start": (
        "Hi {name}! 👋 This bot saves your UiTPAS points from a photo.\n\n"
        "<b>1.</b> Link your card: send your UiTPAS number (13 digits, on the back of your "
        "card).\n"
        "<b>2.</b> At an event: send a photo of the check-in QR code.\n\n"
        "I'll tell you right away how many points you saved and what you can get for them."
    ),
    "start_login": (
        "Hi {name}! 👋 This bot saves your UiTPAS points from a photo.\n\n"
        "<b>1.</b> Link your card: tap /link and log in with your UiTiD.\n"
        "<b>2.</b> At an event: send a photo of the check-in QR code.\n\n"
        "I'll tell you right away how many points you saved and what you can get for them."
    ),
    "start_linked": (
        "Hi {name}! 👋 Your UiTPAS {masked} is linked.\n\n"
        "At an event: send a photo of the check-in QR code and I'll save your point."
    ),
    "help": (
        "<b>How to save points</b>\n"
        "<b>1.</b> Link your card: send your UiTPAS number (13 digits), or /link followed by "
        "your number.\n"
        "<b>2.</b> At the event, send a photo of the check-in QR code. If a photo doesn't work, "
        "send the picture as a file.\n\n"
        "<b>Commands</b>\n"
        "/start – start here\n"
        "/link 0930 0568 7880 2 – link your UiTPAS\n"
        "/points – your points and recent check-ins\n"
        "/promotions – what you can get for your points\n"
        "/unlink – unlink your UiTPAS and delete your data with this bot\n"
        "/help – this help"
    ),
    "private_only": (
        "Let's do that in a private chat, so your UiTPAS details don't show up in the group. "
        "Tap the button below."
    ),
    "open_private_chat": "Open private chat",
    "link_usage": "Put your UiTPAS number after the command, for example:\n/link 0930 0568 7880 2",
    "number_not_digits": (
        "A UiTPAS number has only digits (spaces and dots are fine). "
        "Check what you typed and try again."
    ),
    "number_too_short": (
        "That's {count} digits; a UiTPAS number has 13. "
        "Have a look at the back of your card and try again."
    ),
    "number_too_long": (
        "That's {count} digits; a UiTPAS number has 13. "
        "Have a look at the back of your card and try again."
    ),
    "number_check_digit": (
        "That number doesn't add up: the last digit is a check digit and it doesn't match the "
        "others. Probably one digit was mistyped; please try again."
    ),
    "linked": (
        "✅ Your UiTPAS {masked} is linked.\n"
        "At an event, send a photo of the check-in QR code to save a point."
    ),
    "linked_checking_pending": "✅ Your UiTPAS {masked} is linked. Checking in your QR code now…",
    "unlinked": (
        "Your UiTPAS {masked} is unlinked and your check-in history with this bot is deleted."
    ),
    # Linking with a UiTiD login (UITPAS_API=v4).
    "login_prompt": (
        "Link your UiTPAS by logging in with your UiTiD (your uitpas.be account). "
        "The button works for 10 minutes."
    ),
    "login_button": "Log in with UiTiD",
    "login_linked": (
        "✅ You are logged in; your UiTPAS {masked} is linked.\n"
        "At an event, send a photo of the check-in QR code to save a point."
    ),
    "login_linked_checking_pending": (
        "✅ You are logged in; your UiTPAS {masked} is linked. Checking in your QR code now…"
    ),
    "login_failed": "Logging in did not work. Tap /link to try again.",
    "login_no_uitpas": (
        "You are logged in, but that UiTiD account has no (active) UiTPAS. "
        "A UiTPAS desk can help you."
    ),
    "LOGIN_REQUIRED": (
        "🔑 Your UiTiD login expired or was revoked, so no point was saved. "
        "Tap /link to log in again, then send the photo again."
    ),
    "uitpas_end_user_message": "🚫 {message}",
    "unlink_nothing": "No UiTPAS is linked to your Telegram account.",
    "needs_link": (
        "First link your UiTPAS: send your UiTPAS number (13 digits, on the back of your card)."
    ),
    "needs_login_code_kept": (
        "I read the QR code. 👍 Now tap /link and log in with your UiTiD; then I'll check this "
        "code in right away, no new photo needed."
    ),
    "needs_link_code_kept": (
        "I read the QR code. 👍 Now send your UiTPAS number (13 digits, on the back of your "
        "card); then I'll check this code in right away, no new photo needed."
    ),
    "qr_not_found": (
        "I can't find a QR code in this photo. Tips:\n"
        "• Fill the frame with the QR code, close up and straight in front of it.\n"
        "• Avoid glare and shadows on the code.\n"
        "• Hold your phone still so the photo is sharp.\n"
        "• Still no luck? Send the photo as a file (📎 → File) so it stays sharp."
    ),
    "qr_several": "There were {count} QR codes in the photo; I used the UiTPAS check-in.",
    "image_unreadable": (
        "I can't open this image. Send it again as a photo, or as a JPEG or PNG file."
    ),
    "file_not_image": "This file isn't an image. Send a photo of the check-in QR code.",
    "file_too_big": (
        "This file is {size} MB; I can read files up to 20 MB. "
        "Send the picture as a photo, or a smaller version."
    ),
    "code_empty": "This QR code is empty. Send a photo of the event's check-in QR code.",
    "code_foreign_url": (
        "This QR code points to a website ({host}), not to a UiTPAS check-in. "
        "I didn't open the link. Look for the QR code with the UiTPAS logo."
    ),
    "code_unusable": (
        "This QR code isn't a UiTPAS check-in. Look for the QR code with the UiTPAS logo at the "
        "event."
    ),
    "checkin_success_one": "✅ You saved {count} point at <b>{event}</b>{organiser}.",
    "checkin_success_other": "✅ You saved {count} points at <b>{event}</b>{organiser}.",
    "checkin_success_no_event_one": "✅ You saved {count} point.",
    "checkin_success_no_event_other": "✅ You saved {count} points.",
    "organiser_suffix": " ({name})",
    "an_event": "this event",
    "total_one": "Your total is now {count} point.",
    "total_other": "Your total is now {count} points.",
    "spotlight_header": "🎁 In the spotlight, tap to see what you can get:",
    "promotion_button_one": "{title} · {count} point",
    "promotion_button_other": "{title} · {count} points",
    "CHECKIN_CODE_EXPIRED": (
        "⌛ This check-in code is no longer (or not yet) valid. Check-in is possible from 5 hours "
        "before until 5 hours after the event. No point was saved."
    ),
    "CHECKIN_CODE_EXPIRED_event": (
        "⌛ The check-in code of <b>{event}</b> is no longer (or not yet) valid. Check-in is "
        "possible from 5 hours before until 5 hours after the event. No point was saved."
    ),
    "CHECKIN_CODE_INVALID": (
        "❌ UiTPAS doesn't know this check-in code. Make sure you photographed this event's QR "
        "code (the one with the UiTPAS logo). No point was saved."
    ),
    "GROUPPAS_NOT_ALLOWED": (
        "❌ A group pass can't check in with a QR code by itself. Ask at the organiser's UiTPAS "
        "desk."
    ),
    "PARSE_INVALID_UITPASNUMBER": (
        "❌ UiTPAS doesn't accept your linked number as a UiTPAS number. Link your card again "
        "with /link and your number as printed on the card."
    ),
    "UNKNOWN_UITPASNUMBER": (
        "❌ UiTPAS doesn't know the linked number {masked}. Check the number on your card and "
        "link again with /link."
    ),
    "INVALID_CARD_STATUS_BLOCKED": (
        "🚫 Your UiTPAS is blocked, so no point was saved. Lost or stolen card? A UiTPAS desk "
        "can give you a new one."
    ),
    "INVALID_CARD_STATUS_DELETED": (
        "🚫 This UiTPAS no longer exists (the card was deleted). Got a new card? Link that "
        "number with /link."
    ),
    "INVALID_CARD_STATUS": (
        "🚫 Your UiTPAS is not active at the moment, so no point was saved. A UiTPAS desk can "
        "help you."
    ),
    "checkin_other_code": "UiTPAS saved no point and answered: <i>{message}</i> ({code}).",
    "checkin_other_code_no_message": (
        "UiTPAS saved no point (answer code {code}). Try again later or ask the organiser."
    ),
    "uitpas_refused_bot": (
        "UiTPAS is refusing this bot right now: a setting on the operator's side is wrong. "
        "No point was saved; the error has been logged for the operator."
    ),
    "uitpas_no_answer": "UiTPAS did not answer. No point was saved; try again in a minute.",
    "uitpas_outcome_unknown": (
        "UiTPAS did not answer in time, so I don't know whether your point was saved. Try again "
        "in a minute: if the first try did work, UiTPAS will say so."
    ),
    "promotion_points_one": "Needed: <b>{count} point</b>",
    "promotion_points_other": "Needed: <b>{count} points</b>",
    "promotion_affordable": "✅ You have {total} points: enough to trade for this.",
    "promotion_missing_one": "You have {total} points: you need {count} more point.",
    "promotion_missing_other": "You have {total} points: you need {count} more points.",
    "promotion_units_left_one": "{count} left.",
    "promotion_units_left_other": "{count} left.",
    "promotion_units_unlimited": "Unlimited availability.",
    "promotion_gone": "This promotion is no longer available.",
    "untitled": "(untitled)",
    "points_balance_one": "💳 Your UiTPAS {masked} has <b>{count} point</b>.",
    "points_balance_other": "💳 Your UiTPAS {masked} has <b>{count} points</b>.",
    "points_history_header": "<b>Your recent check-ins through this bot</b>",
    "points_history_line_one": "• {when} – {event}{organiser}: +{count} point",
    "points_history_line_other": "• {when} – {event}{organiser}: +{count} points",
    "points_history_line_uncertain": (
        "• {when} – {event}{organiser}: ⚠️ UiTPAS did not answer, a point may have been saved"
    ),
    "points_history_none": (
        "You haven't checked in through this bot yet. At an event, send a photo of the check-in "
        "QR code."
    ),
    "history_unknown_event": "an event",
    "points_promotions_button": "🎁 What can I get for my points?",
    "account_PARSE_INVALID_UITPASNUMBER": (
        "❌ UiTPAS doesn't accept your linked number {masked} as a UiTPAS number. Link your card "
        "again with /link and your number as printed on the card."
    ),
    "account_UNKNOWN_UITPASNUMBER": (
        "❌ UiTPAS doesn't know the linked number {masked}. Check the number on your card and "
        "link again with /link."
    ),
    "account_INVALID_CARD_STATUS_BLOCKED": (
        "🚫 Your UiTPAS {masked} is blocked, so I can't show your points. Lost or stolen card? "
        "A UiTPAS desk can give you a new one."
    ),
    "account_INVALID_CARD_STATUS_DELETED": (
        "🚫 The UiTPAS {masked} no longer exists (the card was deleted). Got a new card? Link "
        "that number with /link."
    ),
    "account_INVALID_CARD": (
        "🚫 UiTPAS doesn't accept the card {masked} (any more). Got a new card? Link that number "
        "with /link."
    ),
    "account_INVALID_CARD_STATUS": (
        "🚫 Your UiTPAS {masked} is not active at the moment, so I can't show your points. A "
        "UiTPAS desk can help you."
    ),
    "account_GROUPPAS_NOT_ALLOWED": (
        "ℹ️ {masked} is a group pass: it has no points of its own to show here. Ask at your "
        "group's UiTPAS desk."
    ),
    "account_UNKNOWN_CARD_SYSTEM": (
        "UiTPAS doesn't know the card system of your card {masked}, so I can't show any "
        "promotions. A UiTPAS desk can help you."
    ),
    "account_other": "UiTPAS answered: <i>{message}</i> ({code}). Try again later.",
    "account_other_no_message": (
        "UiTPAS gave no answer I can show (answer code {code}). Try again later."
    ),
    "account_no_answer": "UiTPAS did not answer. Try again in a minute.",
    "promotions_header_one": "🎁 <b>Promotions to trade for</b> · you have {count} point",
    "promotions_header_other": "🎁 <b>Promotions to trade for</b> · you have {count} points",
    "promotions_header_affordable_one": "🎁 <b>Within your reach</b> · you have {count} point",
    "promotions_header_affordable_other": "🎁 <b>Within your reach</b> · you have {count} points",
    "promotions_page": "Page {page} of {pages}",
    "promotions_entry_one": "{mark}{title} · {count} point{note}",
    "promotions_entry_other": "{mark}{title} · {count} points{note}",
    "promotions_entry_no_points": "{mark}{title}{note}",
    "promotions_note_sold_out": " (sold out)",
    "promotions_note_not_now": " (not available now)",
    "promotions_legend": "✅ enough points · ⭐ in the spotlight. Tap a promotion for details.",
    "promotions_changed": "🔄 The list has changed in the meantime; here is the new one.",
    "promotions_changed_toast": "The list has changed: here is the new one.",
    "promotions_empty": "There are no promotions to trade for right now. Check again later!",
    "promotions_none_affordable_one": (
        "With your {count} point you can't trade for anything yet. Keep saving, or see all "
        "promotions."
    ),
    "promotions_none_affordable_other": (
        "With your {count} points you can't trade for anything yet. Keep saving, or see all "
        "promotions."
    ),
    "button_previous": "◀️ Previous",
    "button_next": "Next ▶️",
    "button_only_affordable": "✅ Only what I can get",
    "button_show_all": "📋 Show all promotions",
    "private_chat_only_toast": "I only show that in a private chat with me.",
    "promotion_enough_points": "You have {total} points: enough points for this.",
    "promotion_period_until": "📅 Can be traded until {end}.",
    "promotion_period_from": "📅 Can be traded from {begin}.",
    "promotion_period_between": "📅 Can be traded from {begin} until {end}.",
    "promotion_balies": "📍 Trade at: {places}",
    "promotion_cities": "🏙️ Valid in: {cities}",
    "promotion_state_NOT_POSSIBLE_DATE_CONSTRAINT": (
        "⏳ Not available now: it is outside the trading period."
    ),
    "promotion_state_NOT_POSSIBLE_VOLUME_CONSTRAINT": "🚫 Sold out: all of them have been traded.",
    "promotion_state_NOT_POSSIBLE_USER_VOLUME_CONSTRAINT": (
        "🚫 You have already traded for this as often as allowed."
    ),
    "promotion_state_NOT_POSSIBLE_POINTS_CONSTRAINT": "You don't have enough points for this.",
    "promotion_state_other": "🚫 You can't trade for this right now (UiTPAS: {code}).",
    "promotion_how": "Trade at the desk: show your UiTPAS there.",
    "unknown_text": (
        "I don't understand that. Send your UiTPAS number to link your card, or a photo of the "
        "check-in QR code at an event. /help shows everything I can do."
    ),
    "unsupported_message": (
        "I can't do anything with that. Send a photo of the check-in QR code, or /help."
    ),
    "internal_error": (
        "Something went wrong on my side. Try again in a minute; if it keeps failing, let the "
        "operator know."
    ),
}
