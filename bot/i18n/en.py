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
}
