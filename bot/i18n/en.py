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
        "/privacy – what I store about you\n"
        "/forget – delete everything I store about you\n"
        "/help – this help"
    ),
    "private_only": (
        "Let's do that in a private chat, so your UiTPAS details don't show up in the group. "
        "Tap the button below."
    ),
    "open_private_chat": "Open private chat",
    "link_usage": "Put your UiTPAS number after the command, for example:\n/link 0930 0568 7880 2",
    "number_not_digits": (
        "A UiTPAS number has only digits (spaces and dots are fine): is there a letter in "
        "what you typed, an O for a 0 or an I for a 1? Check it and try again."
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
    # /link while another card is linked: named (masked), and replaced only after a tap.
    "link_current": (
        "Your UiTPAS {masked} is linked. Link another card? Put the new number after the "
        "command, for example:\n/link 0930 0568 7880 2"
    ),
    "relink_question": (
        "Your UiTPAS {current} is linked already. Replace it with {new}? Your points at UiTPAS "
        "stay on each card."
    ),
    "relink_yes": "Yes, link {new}",
    "relink_no": "No, keep {current}",
    "relink_replacing": "OK, linking your new card.",
    "relink_kept": "OK, your UiTPAS {masked} stays linked.",
    "relink_gone": (
        "I can't find the new number any more (was your message deleted?). Send /link with the "
        "number again."
    ),
    "login_prompt_linked": "Your UiTPAS {masked} is linked now; another login replaces it.",
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
    "LOGIN_REQUIRED_button": (
        "🔑 Your UiTiD login expired or was revoked, so no point was saved yet. Log in again "
        "with the button below; then I'll check this code in right away, no new photo needed."
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
    "qr_ambiguous": (
        "This QR code can be read two ways, so I won't guess. Take another photo, straight in "
        "front of the code and close up."
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
    "checkin_repeat_running": (
        "⏳ You just sent this code; that check-in is still running. The answer follows shortly."
    ),
    "checkin_repeat_saved_one": (
        "✅ You just scanned this code: it saved you {count} point. "
        "Sending it again saves nothing extra."
    ),
    "checkin_repeat_saved_other": (
        "✅ You just scanned this code: it saved you {count} points. "
        "Sending it again saves nothing extra."
    ),
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
    "checkin_other_code": (
        "🚫 UiTPAS saved no point. UiTPAS says: <i>{message}</i>\n"
        "Try again later or ask the organiser."
    ),
    "checkin_other_code_no_message": (
        "🚫 UiTPAS saved no point and did not say why. Try again later or ask the organiser."
    ),
    "uitpas_refused_bot": (
        "UiTPAS is refusing this bot right now: a setting on the operator's side is wrong. "
        "No point was saved; the error has been logged for the operator."
    ),
    # UiTPAS does not allow the bot an operation (v4: a 403; the permission is in the log).
    "not_allowed_PASSHOLDERS_SELF_CHECKIN": (
        "🔒 UiTPAS does not allow this bot to check you in, so no point was saved. The operator "
        "has been told; meanwhile you can check in with the UiTPAS app."
    ),
    "not_allowed_PASSES_READ": (
        "🔒 UiTPAS does not allow this bot to read your points. The operator has been told; "
        "try again later."
    ),
    "not_allowed_PASSHOLDERS_SELF_READ": (
        "🔒 You are logged in, but UiTPAS does not allow this bot to look up your UiTPAS, so it "
        "was not linked. The operator has been told; try /link again later."
    ),
    "not_allowed_REWARDS_READ": (
        "🔒 UiTPAS does not allow this bot to show this reward. The operator has been told."
    ),
    "not_allowed_REWARDS_REDEEM": (
        "🔒 UiTPAS does not allow this bot to check whether you can trade for this now. The "
        "operator has been told; the desk knows for sure."
    ),
    "not_allowed_other": (
        "🔒 UiTPAS does not allow this bot to do that. The operator has been told."
    ),
    "checkin_refused_unknown": (
        "UiTPAS saved no point and refused this check-in. Try again later or ask the organiser."
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
    "pass_message_INFO": "ℹ️ {text}",
    "pass_message_WARN": "⚠️ {text}",
    "pass_message_ERROR": "❗ {text}",
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
    "account_other": (
        "UiTPAS could not show this now. UiTPAS says: <i>{message}</i>\nTry again later."
    ),
    "account_other_no_message": (
        "UiTPAS could not show this now and did not say why. Try again later."
    ),
    "account_refused_unknown": "UiTPAS refused this. Try again later.",
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
    "promotion_state_NOT_POSSIBLE_CARD_CONSTRAINT": (
        "🚫 This UiTPAS cannot be used to trade for this."
    ),
    "promotion_state_NOT_POSSIBLE_APPLICABLE_CARDSYSTEMS": (
        "🚫 This reward is not valid in your card's UiTPAS region."
    ),
    "promotion_state_NOT_POSSIBLE_NO_ACTIVE_CARDSYSTEMS": (
        "🚫 Your UiTPAS is not active in any region, so you cannot trade for anything. A UiTPAS "
        "desk can help you."
    ),
    "promotion_state_other": "🚫 You can't trade for this right now.",
    "promotion_how": "Trade at the desk: show your UiTPAS there.",
    "unknown_text": (
        "I don't understand that. Send your UiTPAS number to link your card, or a photo of the "
        "check-in QR code at an event. /help shows everything I can do."
    ),
    # Free text, knowing whether a card is linked (bot/views/free_text.py).
    "fallback_points": (
        "💳 /points shows your points and your last check-ins. /promotions shows what you can "
        "get with them."
    ),
    "fallback_promotions": (
        "🎁 /promotions shows what you can get with your points (with ✅ on what you can "
        "trade right now)."
    ),
    "fallback_checkin": (
        "📷 You save a point by sending a photo of the check-in QR code at the event. Your "
        "UiTPAS {masked} is linked."
    ),
    "fallback_already_linked": (
        "Your UiTPAS {masked} is linked. /link links another card; /unlink unlinks yours."
    ),
    "fallback_linked": (
        "I don't understand that. Your UiTPAS {masked} is linked: send a photo of the check-in "
        "QR code at an event to save a point, /points shows your points and /promotions what "
        "you can get with them. /help shows everything I can do."
    ),
    "fallback_needs_link": (
        "First link your UiTPAS: send your UiTPAS number (13 digits, on your card), for "
        "example /link 0930 0568 7880 2."
    ),
    "fallback_needs_login": "First link your UiTPAS: send /link and log in with UiTiD.",
    "unsupported_message": (
        "I can't do anything with that. Send a photo of the check-in QR code, or /help."
    ),
    "internal_error": (
        "Something went wrong on my side. Try again in a minute; if it keeps failing, let the "
        "operator know."
    ),
    # Privacy, /forget, flood control, reconciliation, hostile input (issue 6).
    "command_privacy": "What I store about you, and why",
    "command_forget": "Delete everything I store about you",
    "privacy": (
        "<b>What this bot stores about you, and why</b>\n"
        "• Your Telegram id: to know who you are, with everything below.\n"
        "{kinds}\n"
        "Photos themselves are never stored: I read the QR code and forget the image.\n\n"
        "I share nothing, except with UiTPAS: your number and the check-in code, to check in.\n\n"
        "<b>Right now I store</b>: {status}{held}\n\n"
        "/forget deletes all of it immediately."
    ),
    # One line per store of personal data (the registry /forget empties); a test checks that
    # every registered table has both keys in every catalogue.
    "privacy_kind_passholder_links": (
        "Your UiTPAS number and language (if you link your card): to check in for you. Never "
        "shown in groups or in logs; to you I show it masked. Until /unlink."
    ),
    "privacy_kind_uitid_tokens": (
        "Your UiTiD login (if you logged in with UiTiD), encrypted: to ask UiTPAS on your "
        "behalf. Until /unlink."
    ),
    "privacy_kind_uitid_login_states": "A UiTiD login in progress: 10 minutes.",
    "privacy_kind_checkins": (
        "Your check-in history (time, event, organiser, points, UiTPAS's answer): so I can "
        "tell you what happened when UiTPAS did not answer. Deleted automatically after "
        "{days} days."
    ),
    "privacy_kind_pending_checkins": (
        "A QR code you sent before linking: at most 6 hours, to check it in afterwards."
    ),
    "privacy_kind_recent_checkin_codes": (
        "A fingerprint of the check-in codes you just sent: a few minutes, so the same photo "
        "twice does not ask UiTPAS twice."
    ),
    "privacy_kind_announcement_members": (
        "For announcements in a group: whether you said you are coming, whether you opened the "
        "private chat with me and whether you saved your point there. The group only sees "
        "counts, never who."
    ),
    "privacy_kind_announcement_drafts": (
        "An announcement you are writing step by step as an admin: one hour."
    ),
    "privacy_kind_throttle_windows": (
        "How many photos you send per minute (flood protection): one day."
    ),
    "privacy_kind_inactive_users": (
        "That you blocked the bot (then I send you nothing): until you write to me again."
    ),
    "privacy_name_passholder_links": "your linked UiTPAS",
    "privacy_name_uitid_tokens": "your UiTiD login",
    "privacy_name_uitid_login_states": "a UiTiD login in progress",
    "privacy_name_checkins": "check-ins in your history",
    "privacy_name_pending_checkins": "a remembered QR code",
    "privacy_name_recent_checkin_codes": "fingerprints of recent check-in codes",
    "privacy_name_announcement_members": (
        "announcements where I keep whether you are coming, opened the private chat or saved "
        "your point"
    ),
    "privacy_name_announcement_drafts": "an announcement being written",
    "privacy_name_throttle_windows": "flood protection counters",
    "privacy_name_inactive_users": "the mark that you blocked the bot",
    "privacy_kind_line": "• {text}",
    "privacy_held_line": "\n• {name}: {count}",
    "privacy_status_linked_one": "your UiTPAS {masked} and {count} check-in in your history.",
    "privacy_status_linked_other": "your UiTPAS {masked} and {count} check-ins in your history.",
    "privacy_status_unlinked_one": "no UiTPAS, {count} check-in in your history.",
    "privacy_status_unlinked_other": "no UiTPAS, {count} check-ins in your history.",
    "forget_confirm": (
        "Delete everything I store about you? That's your linked UiTPAS, your check-in history, "
        "a remembered QR code and any other data tied to your Telegram account. This can't be "
        "undone; your points at UiTPAS stay as they are."
    ),
    "forget_yes": "Yes, delete everything",
    "forget_no": "No, keep it",
    "forgotten": (
        "🗑 Done: everything I stored about you is deleted. Send /start whenever you want to use "
        "the bot again."
    ),
    "forget_cancelled": "OK, nothing was deleted.",
    "throttled": (
        "⏳ You're sending a lot of photos in a short time. I'll read new photos again in about "
        "{seconds} seconds; anything you send until then is skipped."
    ),
    "edited_message": (
        "I only read new messages, not edits. Please send it again as a new message."
    ),
    "stale_button": "This button no longer works. Send /help to see what you can do.",
    "download_failed": "I couldn't fetch your photo from Telegram. Send it again and I'll retry.",
    "recheck_button": "🔄 Was my point saved?",
    "reconciled_saved_one": (
        "✅ About your earlier check-in: it did work. UiTPAS saved {count} point; your total is "
        "now {total} points."
    ),
    "reconciled_saved_other": (
        "✅ About your earlier check-in: it did work. UiTPAS saved {count} points; your total is "
        "now {total} points."
    ),
    "reconciled_not_saved": (
        "About your earlier check-in: no point was saved then (your points stayed at {total}). "
        "If the event is still on, send the photo again."
    ),
    "reconciled_saved_at_one": (
        "✅ About your earlier check-in: it did work. You saved {count} point at "
        "<b>{event}</b>{organiser}."
    ),
    "reconciled_saved_at_other": (
        "✅ About your earlier check-in: it did work. You saved {count} points at "
        "<b>{event}</b>{organiser}."
    ),
    "reconciled_saved_no_total_one": (
        "✅ About your earlier check-in: it did work. UiTPAS saved {count} point."
    ),
    "reconciled_saved_no_total_other": (
        "✅ About your earlier check-in: it did work. UiTPAS saved {count} points."
    ),
    "reconciled_not_saved_history": (
        "About your earlier check-in: it is not in your UiTPAS history, so no point was saved. "
        "If the event is still on, send the photo again."
    ),
    "reconciled_unclear_history": (
        "About your earlier check-in: I can't tell whether it worked. The UiTPAS app shows your "
        "check-ins."
    ),
    "reconciled_unclear": (
        "About your earlier check-in: I can't tell whether it worked, because your points "
        "changed in the meantime. The UiTPAS app shows your check-ins."
    ),
    "reconciled_still_unknown": (
        "I can't tell yet whether your earlier check-in worked: UiTPAS doesn't answer, or is "
        "still processing it. Try again in a minute."
    ),
    "private_only_button": "I only show that in a private chat with me, not in a group.",
    "recheck_nothing": "There's no check-in waiting for an answer.",
    # --- group announcements (issue 5) ---
    "command_announce": "Announce an event (admins)",
    "command_cancel": "Cancel an announcement (reply to the card)",
    "command_remind": "Change the reminder (reply to the card)",
    "command_stats": "How many came and checked in (reply to the card)",
    "admins_only": "Sorry, only this group's admins can do that. 🙂",
    "announce_in_groups": (
        "Announcing works in a group: add me to your group and type there, for example\n"
        "<code>/announce Film night | Fri 12/12 20:00 | Youth club De Kelder</code>"
    ),
    "announce_ask_title": "📣 New announcement. What is the event called? (Reply to this message.)",
    "announce_ask_when": (
        "When is <b>{title}</b>? For example <code>Fri 12/12 20:00</code>, "
        "<code>tomorrow 8pm</code> or <code>12 December 19:30</code>."
    ),
    "announce_ask_place": "Where is <b>{title}</b>?",
    "announce_too_long": "That's too long: keep it under {limit} characters.",
    "when_unreadable": "I don't understand that date and time.",
    "when_no_time": "The time is missing.",
    "when_no_such_date": "That day doesn't exist.",
    "when_weekday_mismatch": "{date} is a {weekday}. Is the day right?",
    "when_past": "{date} has already passed.",
    "when_too_far": "{date} is more than a year away.",
    "announce_poster_no_code": (
        "I can't find a UiTPAS check-in QR code in that photo. Reply with /announce to a "
        "sharper photo of the poster, or announce without a photo."
    ),
    "card_coming_none": "🙋 Coming? Tap ‘I'm coming’.",
    "card_coming_one": "🙋 {count} person is coming",
    "card_coming_other": "🙋 {count} people are coming",
    "card_point_photo": (
        "⭐ Save your UiTPAS point: tap ‘Save my point’ and send me a photo of the check-in QR "
        "code at the event."
    ),
    "card_point_code": (
        "⭐ Save your UiTPAS point: tap ‘Save my point’ during the event and I'll check you in."
    ),
    "card_cancelled": "❌ <b>Cancelled</b>",
    "button_coming": "🙋 I'm coming",
    "button_save_point": "⭐ Save my point",
    "button_check_in_now": "✅ Check in now",
    "rsvp_coming": "Noted: you're coming! 🎉 Tap again if you can't make it after all.",
    "rsvp_not_coming": "OK, you're off the list.",
    "rsvp_cancelled": "This event is cancelled.",
    "rsvp_started": "This event has already started; RSVPs are closed.",
    "rsvp_gone": "I no longer know this announcement.",
    "card_reply_needed": "Reply with {command} to the announcement itself.",
    "cancel_done": "❌ <b>{title}</b> is cancelled; no reminder will go out.",
    "cancel_already": "This announcement was already cancelled.",
    "draft_dropped": "OK, the announcement is dropped.",
    "remind_usage": (
        "Reply to the announcement with /remind and how long before, for example "
        "<code>/remind 30m</code>, <code>/remind 2h</code>, <code>/remind 1d</code> or "
        "<code>/remind off</code>."
    ),
    "remind_set": "⏰ The reminder for <b>{title}</b> goes out on {when}.",
    "remind_off": "🔕 No reminder will go out for <b>{title}</b>.",
    "remind_already_sent": "The reminder has already been sent.",
    "remind_too_late": "That moment has passed; pick a shorter time before.",
    "stats": (
        "📊 <b>{title}</b>\n"
        "🙋 Said they were coming: {coming}\n"
        "💬 Opened the private chat: {opened}\n"
        "✅ Saved their point through the bot: {checked_in}"
    ),
    "reminder": (
        "⏰ <b>{title}</b> starts {left}, at {time}.\n📍 {place}\n\n"
        "⭐ Don't forget your UiTPAS point: tap ‘Save my point’ at the event."
    ),
    "in_minutes_one": "in {count} minute",
    "in_minutes_other": "in {count} minutes",
    "in_hours_one": "in {count} hour",
    "in_hours_other": "in {count} hours",
    "in_days_one": "in {count} day",
    "in_days_other": "in {count} days",
    "open_event": "📣 <b>{title}</b>\n🗓 {when}\n📍 {place}",
    "open_gone": "I don't know this announcement (any more). Ask the group for a new link.",
    "open_cancelled": "❌ This event is cancelled.",
    "open_over": "This event is over; checking in is no longer possible.",
    "open_send_photo": (
        "At the event: send me a photo of the check-in QR code here and I'll save your point."
    ),
    "open_link_first": (
        "Link your UiTPAS now: send me your UiTPAS number (13 digits, on the back of your card)."
    ),
    "open_not_yet": (
        "Check-in opens {opens}. Then tap ‘Check in now’ below, or ‘Save my point’ in the group "
        "again."
    ),
    "open_link_first_code_kept": (
        "Send me your UiTPAS number (13 digits, on the back of your card) and I'll check you in "
        "for this event right away."
    ),
    "group_photo_private": (
        "📷 You sent a QR code in <b>{group}</b>. I'm checking you in here, privately, so your "
        "UiTPAS details stay out of the group."
    ),
    "group_open_private_first": (
        "{name}, I can't message you privately yet. Open the private chat with me, tap Start "
        "and send your photo there: that keeps your UiTPAS details out of the group."
    ),
    "bot_added": (
        "👋 Hi! Admins announce events here with /announce, for example\n"
        "<code>/announce Film night | Fri 12/12 20:00 | Youth club De Kelder</code>\n"
        "(or just /announce and I'll ask step by step). Members tap ‘I'm coming’ and save their "
        "UiTPAS point in a private chat with me: personal details never show up in the group."
    ),
    # Legacy answer codes of the check-in, points and promotion endpoints, in words that fit
    # wherever they are answered; the check-in reply adds "no point was saved".
    "code_INVALID_CARD": (
        "🚫 UiTPAS can't use this card. Check the number on your card, or ask a UiTPAS desk."
    ),
    "code_INVALID_CARD_STATUS_LOCAL_STOCK": (
        "🚫 This UiTPAS has not been handed out yet (it is still in a desk's stock). Ask the "
        "UiTPAS desk where you got it to activate it."
    ),
    "code_INVALID_CARD_STATUS_STOCK": (
        "🚫 This UiTPAS has not been handed out yet (it is still in stock). A UiTPAS desk can "
        "activate it for you."
    ),
    "code_INVALID_CARD_STATUS_PROVISIONED": (
        "🚫 This UiTPAS is prepared but not activated yet. A UiTPAS desk can activate it."
    ),
    "code_INVALID_CARD_STATUS_SENT_TO_BALIE": (
        "🚫 This UiTPAS is on its way to a UiTPAS desk and not active yet. Collect it there to "
        "activate it."
    ),
    "code_ACTION_NOT_ALLOWED": "🚫 UiTPAS does not allow this for your pass.",
    "code_CHECKIN_CURRENTLY_NOT_ALLOWED": (
        "⌛ Checking in at this event is not possible right now. Try again during the event."
    ),
    "code_MAXIMUM_REACHED": (
        "🚫 The maximum has been reached: this pass can't save more points here for now."
    ),
    "code_PASSHOLDER_NO_ACTIVE_CARDSYSTEMS": (
        "🚫 Your UiTPAS is not active in any region at the moment. A UiTPAS desk can help you."
    ),
    "code_UNKNOWN_POINTS_PROMOTION_ID": "This promotion no longer exists at UiTPAS.",
    "code_no_point_saved": "UiTPAS saved no point.",
    "code_uitpas_said": "UiTPAS says: <i>{message}</i>",
    "account_refused_bot": (
        "UiTPAS refuses the bot's credentials right now: a setting on the operator's side is "
        "wrong. The error has been logged for the operator."
    ),
    # What's on: UiTPAS events from UiTdatabank (issue 20)
    "command_events": "UiTPAS events near you",
    "events_prompt": (
        "📍 Tap the button below and share your location: I'll look for UiTPAS events near "
        "you. I use your location for that one search only, I don't keep it.\n\n"
        "Or search by words: <code>/events jazz</code>, <code>/events today</code>, "
        "<code>/events this weekend Gent</code>."
    ),
    "events_location_button": "📍 Share my location",
    "events_no_location": (
        "I didn't get your location. Telegram only shares it when allowed to: turn location on "
        "for Telegram in your device's settings, or share it with 📎 → Location.\n\n"
        "Without a location works too: <code>/events Gent</code> or <code>/events theatre</code>."
    ),
    "events_header_near": "📍 <b>UiTPAS events within {km} km</b>, nearest first:",
    "events_header_widened": (
        "📍 Nothing within {first} km. <b>UiTPAS events within {km} km</b>, nearest first:"
    ),
    "events_header_words": "🔎 <b>UiTPAS events for “{words}”</b>:",
    "events_page": "Page {page} of {pages} · {total} found",
    "events_entry": "<b>{number}. {title}</b>\n🗓 {when}\n📍 {place}",
    "events_entry_distance": " · {km} km",
    "events_entry_kansentarief": "\n💶 With your reduced tariff: € {price}",
    "events_when_unknown": "date unknown",
    "events_place_unknown": "place unknown",
    "events_legend": "Tap an event for all its details.",
    "events_outside": (
        "📍 That place is outside Flanders and Brussels: UiTPAS events are only there. Share "
        "a location in Flanders or Brussels, or search by words, like "
        "<code>/events Gent</code>."
    ),
    "events_none_near": (
        "I found no UiTPAS events within {km} km of that place. Try another place, or search "
        "by words: <code>/events theatre</code>."
    ),
    "events_none_words": "I found no UiTPAS events for “{words}”. Try other or fewer words.",
    "events_none_page": "This page is gone: the list has become shorter meanwhile.",
    "events_empty_search": (
        "What shall I look for? Type words after /events, for example "
        "<code>/events concert</code> or <code>/events this weekend</code>, or share your "
        "location with the 📍 button."
    ),
    "events_silent": (
        "The UiTdatabank agenda is not answering right now, so I can't show events. Try again "
        "in a moment; saving points with a photo works as usual."
    ),
    "events_location_gone": (
        "Share your location again: I don't keep it, and the message with your location is gone."
    ),
    "events_search_gone": "Search again with /events: the message with your words is gone.",
    "events_button_gone": "That button no longer works.",
    "events_gone": "That event is not (or no longer) in the UiTPAS agenda.",
    "events_detail_title": "<b>{title}</b>",
    "events_detail_when": "🗓 {when}",
    "events_detail_place": "📍 {place}",
    "events_detail_address": "     {address}",
    "events_detail_organiser": "🏢 Organiser: {organiser}",
    "events_detail_price": "💶 Price: € {price}",
    "events_detail_free": "💶 Free",
    "events_detail_kansentarief": "💶 With your reduced tariff: € {price}",
    "events_detail_cancelled": "❌ This event is cancelled or postponed.",
    "events_button_link": "🔗 More on UiTinVlaanderen",
    "events_button_announce": "📣 Announce in a group",
    "events_announce_preview": (
        "📣 <b>Announce this event?</b>\n\n<b>{title}</b>\n🗓 {when}\n📍 {place}\n\n"
        "Is it right? Tap ✅, or ✏️ to change it first."
    ),
    "events_announce_confirm": "✅ Announce",
    "events_announce_edit": "✏️ Change",
    "events_announce_edit_text": (
        "Copy this line, change what is wrong and send it:\n\n<code>{line}</code>"
    ),
    "events_announce_no_start": (
        "This event is already on or has no fixed start. Announce it yourself with "
        "<code>/announce {title} | day time | place</code>."
    ),
    "events_announce_done_toast": "Announced.",
    "inline_description": "{when} · {place}",
    "inline_message": (
        "🎟 <b>{title}</b>\n🗓 {when}\n📍 {place}\n\nA UiTPAS event: save a point there."
    ),
    "inline_open_bot": "🎟 More in the UiTPAS bot",
    "inline_search_in_bot": "Search UiTPAS events in the bot",
    # Rewards: redeeming online, already redeemed, history, kansentarief and coupons (issue 17)
    "command_history": "Your history: points saved and spent",
    "redeem_button": "🛒 Online: redeem now",
    "redeem_offer_title": "🛒 Redeem <b>{title}</b>?",
    "redeem_offer_cost_one": "This costs <b>{count} point</b> of your UiTPAS {masked}.",
    "redeem_offer_cost_other": "This costs <b>{count} points</b> of your UiTPAS {masked}.",
    "redeem_offer_after_one": "You have {total} points now; {count} point is left afterwards.",
    "redeem_offer_after_other": "You have {total} points now; {count} points are left afterwards.",
    "redeem_offer_expired": "⌛ That confirmation had expired. Please check again:",
    "redeem_confirm_button": "✅ Yes, confirm",
    "redeem_cancel_button": "✖️ Cancel",
    "redeem_cancelled": "Redemption cancelled. No points were used.",
    "redeem_done": "🎉 Redeemed: <b>{title}</b>",
    "redeem_code": "Your code: <code>{code}</code>",
    "redeem_total_one": "You now have {count} point left.",
    "redeem_total_other": "You now have {count} points left.",
    "redeem_repeated": (
        "This confirmation was already redeemed: no more points were used. Here is your code again."
    ),
    "redeem_recovered": "UiTPAS did not answer at once, but your redemption went through.",
    "redeem_running": "⏳ One moment: this reward is being redeemed already.",
    "redeem_unknown": (
        "⌛ UiTPAS did not answer, and we do not know yet whether the redemption went through. "
        "We will not simply try again. Tap confirm once more in a minute: we will check first "
        "whether it already happened."
    ),
    "redeem_not_sent": (
        "UiTPAS cannot be reached right now. Nothing was redeemed and no points were used. "
        "Please try again later."
    ),
    "redeem_legacy": (
        "Redeeming in the chat is not available with this UiTPAS connection (the old UiTPAS "
        "API). Trade your reward at the desk."
    ),
    "redeem_not_online": "This reward is not redeemed online: trade it at the desk.",
    "redeem_refused_points": "You do not have enough points to redeem this reward.",
    "redeem_refused_sold_out": "This reward is sold out: nothing was redeemed.",
    "redeem_refused_limit": (
        "You have redeemed this reward as often as allowed in this period. It is possible "
        "again later."
    ),
    "redeem_refused_period": "This reward cannot be redeemed now: its redemption period is over.",
    "redeem_refused_card": "This reward cannot be redeemed with this UiTPAS.",
    "redeem_refused_region": "This reward does not apply in your UiTPAS region.",
    "redeem_refused_other": "UiTPAS refused the redemption. No points were used.",
    "redeemed_button": "🧾 Already redeemed",
    "redeemed_header": "🧾 <b>Already redeemed</b> with your UiTPAS {masked}:",
    "redeemed_none": "You have not redeemed anything yet.",
    "redeemed_line": "• {when} – {title}",
    "redeemed_line_code": "• {when} – {title}: code <code>{code}</code>",
    "redeemed_legacy": (
        "This bot cannot look up what you redeemed with the old UiTPAS API. You find it in the "
        "UiTPAS app."
    ),
    "history_header": "📜 <b>Your history</b> ({masked}):",
    "history_header_own": (
        "📜 <b>Your check-ins through this bot</b> ({masked}). With the old UiTPAS API the bot "
        "only knows the check-ins made through it, no redemptions: your full history is in the "
        "UiTPAS app."
    ),
    "history_none": "Nothing in your history yet.",
    "history_line_saved_one": "• {when} – {title}{place}: +{count} point",
    "history_line_saved_other": "• {when} – {title}{place}: +{count} points",
    "history_line_spent_one": "• {when} – {title}{place}: −{count} point",
    "history_line_spent_other": "• {when} – {title}{place}: −{count} points",
    "history_line_uncertain": "• {when} – {title}{place}: ❔ not certain yet",
    "tariff_active_until": "🤝 Kansentarief (reduced tariff): valid until {end}.",
    "tariff_active": "🤝 Kansentarief (reduced tariff): active.",
    "tariff_grace": (
        "🤝 Kansentarief (reduced tariff): its end date ({end}) has passed, but you still get "
        "it for a while. Renew it soon at your UiTPAS desk or the OCMW."
    ),
    "tariff_expired_on": (
        "🤝 Kansentarief (reduced tariff): expired since {end}. Ask your UiTPAS desk or the "
        "OCMW whether you can renew it."
    ),
    "tariff_expired": (
        "🤝 Kansentarief (reduced tariff): expired. Ask your UiTPAS desk or the OCMW whether "
        "you can renew it."
    ),
    "coupons_header": "🎟️ Your coupons:",
    "coupon_line": "• {name}",
    "coupon_line_until": "• {name}: valid until {end}",
    "coupon_line_left_until_one": "• {name}: {count} more time, valid until {end}",
    "coupon_line_left_until_other": "• {name}: {count} more times, valid until {end}",
    "redeem_not_allowed": (
        "🔒 UiTPAS does not allow this bot to redeem rewards. Nothing was redeemed; the "
        "operator has been told."
    ),
    "privacy_kind_redemptions": (
        "That you redeemed a reward online through the bot (a fingerprint of your UiTPAS, the "
        "reward and UiTPAS's number of the redemption, never your code): one day, so a double "
        "tap never redeems twice."
    ),
    "privacy_name_redemptions": "redemptions of the last day",
    "section_button_all": "📋 All ({count})",
    "section_button_spotlight": "⭐ In the spotlight ({count})",
    "section_button_last_chance": "⏳ Last chance ({count})",
    "section_button_online": "🛒 Online ({count})",
    "section_title_spotlight": "⭐ <b>In the spotlight</b>",
    "section_title_last_chance": "⏳ <b>Last chance</b>: soon no longer redeemable",
    "section_title_online": "🛒 <b>Online</b>: redeemed here in the chat, with a code",
    "section_button_welcome": "🎁 Welcome rewards",
    "section_button_near": "📍 Near you",
    "section_title_welcome": "🎁 <b>Welcome rewards</b> you can still get",
    "section_title_near": "📍 <b>Near you</b>: from organizers in your postal code",
    # Mini App (issue 18)
    "mini_app_button": "📷 Scan",
    "mini_app_offer": "Or scan the QR code live with your camera: tap 📷 Scan.",
    "mini_app_title": "UiTPAS bot",
    "mini_app_scan": "📷 Scan the QR code",
    "mini_app_scan_hint": "Point your camera at the check-in QR code",
    "mini_app_intro": (
        "Scan the check-in QR code at the event: the bot checks you in and puts the answer in "
        "the chat too."
    ),
    "mini_app_linked": "Linked: {masked}",
    "mini_app_not_linked": "No UiTPAS linked yet: link your card in the chat first (/link).",
    "mini_app_busy": "Checking in…",
    "mini_app_unsupported": (
        "Your Telegram app cannot scan QR codes here. Send a photo of the check-in QR code in "
        "the chat instead: that works just as well."
    ),
    "mini_app_in_chat": "The answer is in the chat too.",
    "mini_app_failed": "That did not work (the connection?). Try again.",
    "mini_app_refused": "Open this app from the bot in Telegram. Close it and open it again.",
    "mini_app_spotlight_in_chat": (
        "🎁 The promotions in the spotlight are in the chat: tap one there."
    ),
    "mini_app_login_in_chat": (
        "🔑 Your UiTiD login expired or was revoked, so no point was saved yet. Log in again "
        "with the button in the chat; then I'll check this code in right away, no new scan "
        "needed."
    ),
    # Family (issue 16)
    "command_family": "Your family: who you check in with",
    "command_card": "Your UiTPAS as a barcode, for the scanner",
    "family_you": "You",
    "family_header": "👨‍👩‍👧 <b>Your family</b>",
    "family_member_one": "• {name} ({masked}): {count} point",
    "family_member_other": "• {name} ({masked}): {count} points",
    "family_member_no_points": "• {name} ({masked})",
    "family_points_header": "👨‍👩‍👧 <b>Your family</b>",
    "family_alone": "Nobody else is in your family yet.",
    "family_lives_at_uitpas": (
        "Your family lives at UiTPAS: what you change here shows in the UiTPAS app too."
    ),
    "family_usage_v4": (
        "Add someone: <code>/family add &lt;UiTPAS number&gt; &lt;date of birth&gt;</code>, "
        "e.g. <code>/family add 0900 0119 0341 7 17/02/2015</code>, or send just "
        "<code>/family add</code>. Remove someone: <code>/family remove &lt;first name&gt;</code>."
    ),
    "family_usage_legacy": (
        "Add a card: <code>/family add &lt;UiTPAS number&gt; &lt;first name&gt;</code>, "
        "e.g. <code>/family add 0930 0000 0011 5 Bo</code>, or send just "
        "<code>/family add</code>. Remove: <code>/family remove &lt;first name&gt;</code>; "
        "rename: <code>/family rename &lt;first name&gt; &lt;new name&gt;</code>."
    ),
    "family_ask_number": "What is the UiTPAS number of the person you want to add?",
    "family_ask_number_hint": "0900 0119 0341 7",
    "family_ask_birth_date": (
        "And their date of birth (dd/mm/yyyy)? I pass it on to UiTPAS once and do not keep it."
    ),
    "family_ask_birth_date_hint": "17/02/2015",
    "family_ask_name": "Under which first name do you want to see that card?",
    "family_ask_name_hint": "Bo",
    "family_draft_missing": "I no longer know which number you wanted to add. Start again.",
    "family_added": "✅ {name} ({masked}) is now part of your family.",
    "family_birth_date_invalid": (
        "That is not a valid date of birth. Write it as dd/mm/yyyy, e.g. 17/02/2015."
    ),
    "family_name_invalid": (
        "Give a first name of at most 32 letters that is not in your family yet."
    ),
    "family_birth_date_mismatch": (
        "UiTPAS knows no card {masked} with that date of birth. Check the number and the date."
    ),
    "family_already": "{masked} is already part of your family.",
    "family_full_one": "Your family is full: at most {count} card fits.",
    "family_full_other": "Your family is full: at most {count} cards fit on one account.",
    "family_TOO_MANY_FAMILY_MEMBERS": (
        "Your family has the most members it can have: {masked} cannot join."
    ),
    "family_TOO_MANY_ADULTS_IN_FAMILY": (
        "Your family has the most adults it can have: {masked} cannot join."
    ),
    "family_UNKNOWN_UITPASNUMBER": "UiTPAS does not know the card {masked}.",
    "family_PARSE_INVALID_UITPASNUMBER": "UiTPAS does not accept the number {masked}.",
    "family_LOGIN_REQUIRED": "Please log in again with /link first: your login expired.",
    "family_not_found": "Nobody called “{name}” is in your family. Send /family for the list.",
    "family_removed": "{name} is no longer part of your family.",
    "family_renamed": "{old} is now called {new}.",
    "family_rename_v4": "The names in your family come from UiTPAS itself; I cannot change them.",
    "family_who": "👨‍👩‍👧 Who's with you? Tap who you bring along, then check in.",
    "family_go": "▶️ Let's check in ({count})",
    "family_nobody_chosen": "First choose who is with you.",
    "family_chooser_used": "This choice was checked in already: nobody is checked in twice.",
    "family_chooser_stale": (
        "This choice is too old: the code in that photo is no longer valid. Send a new photo."
    ),
    "family_chooser_gone": "This choice no longer exists. Send the photo again.",
    "family_checking_in_done": "👨‍👩‍👧 Checked in: the answer is below.",
    "family_result_for": "<b>{name}</b>",
    "family_private_only": (
        "I only show your family and your card in a private chat with me, not in a group."
    ),
    "family_unlinked_v4": (
        "What I kept about your family is deleted too. Your family itself lives at UiTPAS and "
        "stays."
    ),
    "family_unlinked_legacy": "Your family's cards are forgotten too.",
    "card_caption": "🪪 {name}'s UiTPAS ({masked}). Hold the barcode under the scanner.",
    "card_button": "🪪 {name}'s card",
    "card_not_found": "That person is no longer in your family. Send /card again.",
    "privacy_kind_family_cards": (
        "The cards of your family you added (number and first name): to check them in with you. "
        "Never a date of birth. Until /unlink."
    ),
    "privacy_kind_family_choices": "Who you brought along last time you checked in: until /unlink.",
    "privacy_kind_family_checkin_prompts": (
        "The “who's with you?” choice under a photo, with its code: at most 6 hours."
    ),
    "privacy_kind_family_drafts": (
        "The number you are adding to your family step by step: until you answer, an hour at most."
    ),
    "privacy_name_family_cards": "your family's cards",
    "privacy_name_family_choices": "who you brought along last time",
    "privacy_name_family_checkin_prompts": "“who's with you?” choices",
    "privacy_name_family_drafts": "a family member being added",
    # Polish, bot side (issue 15: card status, check-in window, promotions, limits, groups)
    "link_card_blocked": (
        "⚠️ Note: UiTPAS says this card is blocked. As long as it is, you cannot save or trade "
        "points with it. A card is usually blocked after it was reported lost or stolen. Ask a "
        "UiTPAS desk to unblock it, or get a new card there and link that number with /link."
    ),
    "link_card_inactive": (
        "⚠️ Note: UiTPAS says this card is not active (yet), for instance because it has not "
        "been handed out. As long as it is not, you cannot save or trade points with it. A "
        "UiTPAS desk can activate it."
    ),
    "link_card_deleted": (
        "🚫 I did not link the UiTPAS {masked}: UiTPAS says this card was deleted, so it no "
        "longer works anywhere. Do you have a new card? Link that one with /link. A UiTPAS "
        "desk can help you further."
    ),
    "linked_card_problem": "Your UiTPAS {masked} is linked.",
    "login_linked_card_problem": "You are logged in; your UiTPAS {masked} is linked.",
    "checkin_not_open_yet": (
        "⌛ Check-in at <b>{event}</b> has not opened yet: it opens on {when} (5 hours before the "
        "start). No point was saved; send the photo again then."
    ),
    "checkin_closed": (
        "⌛ Check-in at <b>{event}</b> has closed: it was possible until {when} (5 hours after "
        "the start). No point was saved."
    ),
    "promotion_not_yet": "⏳ Not available yet: you can trade it from {begin}.",
    "promotion_no_longer": "⏳ No longer available: it could be traded until {end}.",
    "promotion_how_at": "📍 Trade it at {places}: show your UiTPAS there.",
    "button_back_to_list": "◀️ Back to the list",
    "answered_privately": (
        "📬 {name}, I answered you privately, so your UiTPAS details stay out of the group."
    ),
    "link_in_group_not_deleted": (
        "⚠️ You sent your UiTPAS number in <b>{group}</b>. I could not delete that message (I am "
        "not an admin there), so everyone in the group can see it. Please delete it yourself: "
        "press and hold the message and choose Delete. Link your card here, in this private "
        "chat."
    ),
    "link_in_group_delete_yourself": (
        "Please delete your message with your number yourself: I cannot do that here (I am "
        "not an admin)."
    ),
    "admin_error_in_group": "In <b>{group}</b>:",
    # --- notify ---
    "command_notifications": "Notices: enough points, last chances, kansentarief",
    "notify_settings": (
        "🔔 <b>Notifications</b>\nI tell you what the UiTPAS app never does. Tap to turn on or "
        "off. Never during the quiet hours, at most one message a day."
    ),
    "notify_settings_legacy": "This UiTPAS connection knows only your points and the rewards.",
    "notify_not_linked": "🔔 Link your UiTPAS with /link first; then you can pick notifications.",
    "notify_kind_reach": "Enough points for a reward",
    "notify_kind_last_chance": "Last chance for a reward",
    "notify_kind_tariff": "Kansentarief ending",
    "notify_kind_coupons": "Coupon expiring",
    "notify_kind_welcome": "Welcome benefit",
    "notify_offer": (
        "🔔 Shall I tell you when you have enough points for a reward, when a reward is about "
        "to end, or when your kansentarief or a coupon expires? I send nothing before you say "
        "yes. Choose per kind with /notifications."
    ),
    "notify_offer_yes": "🔔 Yes, turn notifications on",
    "notify_saved_toast": "Saved",
    "notify_digest_title": "🔔 <b>News about your UiTPAS</b>",
    "notify_reach_line": "✅ You have enough points for <b>{title}</b> ({points} points).",
    "notify_last_chance_line": "⏳ You can still trade for <b>{title}</b> until {end}.",
    "notify_tariff_ending": (
        "🤝 Your kansentarief ends on {end}. Ask your UiTPAS desk for a renewal in time."
    ),
    "notify_tariff_grace": (
        "🤝 Your kansentarief's end date ({end}) has passed: you still get it for a while, but "
        "renew it now at your UiTPAS desk."
    ),
    "notify_tariff_expired": (
        "🤝 Your kansentarief has expired. Your UiTPAS desk can tell you whether you can get "
        "it again."
    ),
    "notify_tariff_uitpas_says": "UiTPAS says: {said}",
    "notify_coupon_line": "🎟️ Your coupon <b>{title}</b> expires on {end}.",
    "notify_welcome_line": "🎁 A welcome benefit you can still get: <b>{title}</b>.",
    "notify_more": "… and {count} more.",
    "notify_stop_button": "🔕 Stop: {kind}",
    "notify_stopped_toast": "Turned off: {kind}",
    "notify_wish_button": "⭐ Tell me when I can get this",
    "notify_wish_remove_button": "⭐ Remove from my wish list",
    "notify_wish_added_toast": "⭐ I will tell you as soon as you have enough points.",
    "notify_wish_removed_toast": "Removed from your wish list.",
    "notify_for_member": "👤 For {name}:",
    "privacy_kind_notify_subscriptions": (
        "Which notifications you turned on: until you turn them off, /unlink or /forget."
    ),
    "privacy_kind_notify_wishes": "The rewards you marked ⭐: until /unlink or /forget.",
    "privacy_kind_notify_told": (
        "What I already told you (which reward, which end date), so I never say it twice: "
        "until /unlink or /forget."
    ),
    "privacy_kind_notify_schedule": (
        "When I next look at UiTPAS for your notifications, and the day of your last message."
    ),
    "privacy_kind_notify_held": (
        "Notifications still waiting (quiet hours, one message a day), and sent ones: at most "
        "30 days."
    ),
    "privacy_name_notify_subscriptions": "kinds of notification",
    "privacy_name_notify_wishes": "⭐ wishes",
    "privacy_name_notify_told": "notifications you already got",
    "privacy_name_notify_schedule": "a schedule for your notifications",
    "privacy_name_notify_held": "waiting or sent notifications",
    # --- member ---
    "member_tab": "👤 {name}",
    "member_tab_current": "▸ {name}",
    "history_header_member": "📜 <b>History of {name}</b> ({masked}):",
    "redeemed_header_member": "🧾 <b>Already redeemed</b> by {name}, with UiTPAS {masked}:",
    "redeem_whose_title_one": "🛒 <b>{title}</b> ({count} point): redeem with whose points?",
    "redeem_whose_title_other": "🛒 <b>{title}</b> ({count} points): redeem with whose points?",
    "redeem_whose_can_one": "✅ {name}: {count} point",
    "redeem_whose_can_other": "✅ {name}: {count} points",
    "redeem_whose_cannot": "✖️ {name}: {reason}",
    "redeem_whose_button": "🛒 With the points of {name}",
    "redeem_whose_nobody": "Nobody in your family can redeem this reward now.",
    "redeem_with_points_of": "👤 With the points of <b>{name}</b>.",
    "redeem_offer_cost_member_one": "This costs <b>{count} point</b> of UiTPAS {masked}.",
    "redeem_offer_cost_member_other": "This costs <b>{count} points</b> of UiTPAS {masked}.",
    "redeem_offer_after_member_one": (
        "{name} has {total} points now; {count} point is left afterwards."
    ),
    "redeem_offer_after_member_other": (
        "{name} has {total} points now; {count} points are left afterwards."
    ),
    "redeem_total_member_one": "{name} now has {count} point left.",
    "redeem_total_member_other": "{name} now has {count} points left.",
    "redeem_refused_member": "👤 With the points of <b>{name}</b>:",
    "points_member_header": "👤 <b>{name}</b>",
    "redeem_login_required": (
        "🔑 Your UiTiD login expired or was revoked, so nothing was redeemed. "
        "Tap /link to log in again."
    ),
    "member_gone": "That family member is no longer in your family: nothing was done.",
    # --- family3 ---
    "family_usage_v4_more": (
        "Choose an icon: <code>/family icon &lt;first name&gt;</code> or 🎨 below. Leave someone "
        "else's family: <code>/family leave</code>."
    ),
    "family_also_in": "🏠 You are also in {name}'s family.",
    "family_also_in_since": "🏠 You are also in {name}'s family (since {since}).",
    "family_icon_button": "🎨 {name}",
    "family_leave_button": "🚪 Leave {name}'s family",
    "family_leave_confirm": (
        "Leave {name}'s family? Your card and your points stay yours, but {name} can no longer "
        "check you in."
    ),
    "family_leave_yes": "✅ Yes, leave",
    "family_leave_no": "❌ No",
    "family_leave_kept": "Fine, you stay in that family.",
    "family_leave_which": (
        "You are in more than one family ({names}). Which one do you want to leave? Send "
        "<code>/family leave &lt;first name&gt;</code>."
    ),
    "family_leave_none": "Nobody else has added you to their family.",
    "family_leave_not_found": "You are not in a family of “{name}”.",
    "family_left": "🚪 You are no longer in {name}'s family.",
    "family_leave_forbidden": "UiTPAS does not let you leave {name}'s family.",
    "family_leave_gone": (
        "UiTPAS no longer finds you in {name}'s family: perhaps you have left it already."
    ),
    "family_leave_refused": "UiTPAS refused to let you leave {name}'s family.",
    "family_leave_legacy": (
        "With this UiTPAS I keep a family's cards myself, on the account that added them: there "
        "is no family to leave. Whoever added your card can take it off with "
        "<code>/family remove</code>."
    ),
    "family_icon_legacy": (
        "With this UiTPAS your family's cards have no icon; you can give one another name: "
        "<code>/family rename &lt;first name&gt; &lt;new name&gt;</code>."
    ),
    "family_icon_pick": "🎨 Choose an icon for {name}:",
    "family_icon_changed": "{icon} {name} has a new icon.",
    "family_icon_invalid": "I do not know that icon. Pick one of the icons under the message.",
    # --- miniapp2 ---
    "mini_app_tab_scan": "📷 Scan",
    "mini_app_tab_card": "🪪 Card",
    "mini_app_tab_rewards": "🎁 Rewards",
    "mini_app_card_previous": "‹ Previous",
    "mini_app_card_next": "Next ›",
    "mini_app_card_hint": "Hold the barcode under the scanner. Swipe for your family's cards.",
    "mini_app_back": "◀️ Back",
    "mini_app_redeem_in_chat": "The code is in the chat too.",
    "mini_app_family_in_chat": "The result is in the chat too.",
}
