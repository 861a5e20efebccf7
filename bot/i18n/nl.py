"""Nederlandse berichten (de standaardtaal). Sleutels en plaatshouders gelijk aan en.py."""

MESSAGES: dict[str, str] = {
    # Commands in the menu (setMyCommands); plain text, no HTML.
    "command_start": "Begin hier: wat deze bot doet",
    "command_help": "Hulp en alle commando's",
    "command_link": "Koppel je UiTPAS-nummer",
    "command_unlink": "Ontkoppel je UiTPAS en wis je gegevens",
    "command_points": "Je punten en je laatste check-ins",
    "command_promotions": "Wat je met je punten kunt krijgen",
    # Greeting and help.
    "start": (
        "Hallo {name}! 👋 Met deze bot spaar je UiTPAS-punten met een foto.\n\n"
        "<b>1.</b> Koppel je kaart: stuur je UiTPAS-nummer (13 cijfers, achteraan op je kaart).\n"
        "<b>2.</b> Op een activiteit: stuur een foto van de check-in QR-code.\n\n"
        "Ik zeg meteen hoeveel punten je gespaard hebt en wat je ermee kunt doen."
    ),
    "start_login": (
        "Hallo {name}! 👋 Met deze bot spaar je UiTPAS-punten met een foto.\n\n"
        "<b>1.</b> Koppel je kaart: tik /link en meld je aan met je UiTiD.\n"
        "<b>2.</b> Op een activiteit: stuur een foto van de check-in QR-code.\n\n"
        "Ik zeg meteen hoeveel punten je gespaard hebt en wat je ermee kunt doen."
    ),
    "start_linked": (
        "Hallo {name}! 👋 Je UiTPAS {masked} is gekoppeld.\n\n"
        "Op een activiteit: stuur een foto van de check-in QR-code en ik spaar je punt."
    ),
    "help": (
        "<b>Zo spaar je punten</b>\n"
        "<b>1.</b> Koppel je kaart: stuur je UiTPAS-nummer (13 cijfers), of /link gevolgd door "
        "je nummer.\n"
        "<b>2.</b> Stuur op de activiteit een foto van de check-in QR-code. Lukt het niet met "
        "een foto, stuur het beeld dan als bestand.\n\n"
        "<b>Commando's</b>\n"
        "/start – begin hier\n"
        "/link 0930 0568 7880 2 – koppel je UiTPAS\n"
        "/points – je punten en je laatste check-ins\n"
        "/promotions – wat je met je punten kunt krijgen\n"
        "/unlink – ontkoppel je UiTPAS en wis je gegevens bij deze bot\n"
        "/privacy – wat ik over je bewaar\n"
        "/forget – wis alles wat ik over je bewaar\n"
        "/help – deze hulp"
    ),
    "private_only": (
        "Dat doe ik liever in een privégesprek, zodat je UiTPAS-gegevens niet in de groep "
        "verschijnen. Tik op de knop hieronder."
    ),
    "open_private_chat": "Open privégesprek",
    # Linking.
    "link_usage": (
        "Zet je UiTPAS-nummer achter het commando, bijvoorbeeld:\n/link 0930 0568 7880 2"
    ),
    "number_not_digits": (
        "Een UiTPAS-nummer bestaat alleen uit cijfers (spaties en puntjes mogen): staat er "
        "een letter in wat je typte, een O voor een 0 of een I voor een 1? Controleer het en "
        "probeer opnieuw."
    ),
    "number_too_short": (
        "Dat zijn {count} cijfers; een UiTPAS-nummer heeft er 13. "
        "Kijk even achteraan op je kaart en probeer opnieuw."
    ),
    "number_too_long": (
        "Dat zijn {count} cijfers; een UiTPAS-nummer heeft er 13. "
        "Kijk even achteraan op je kaart en probeer opnieuw."
    ),
    "number_check_digit": (
        "Dat nummer klopt niet: het laatste cijfer is een controlecijfer en dat past niet bij "
        "de rest. Waarschijnlijk is er een cijfer verkeerd getypt; probeer opnieuw."
    ),
    "linked": (
        "✅ Je UiTPAS {masked} is gekoppeld.\n"
        "Stuur op een activiteit een foto van de check-in QR-code om een punt te sparen."
    ),
    "linked_checking_pending": "✅ Je UiTPAS {masked} is gekoppeld. Ik check nu je QR-code in…",
    "unlinked": (
        "Je UiTPAS {masked} is ontkoppeld en je check-ingeschiedenis bij deze bot is gewist."
    ),
    # /link while another card is linked: named (masked), and replaced only after a tap.
    "link_current": (
        "Je UiTPAS {masked} is gekoppeld. Een andere kaart koppelen? Zet het nieuwe nummer "
        "achter het commando, bijvoorbeeld:\n/link 0930 0568 7880 2"
    ),
    "relink_question": (
        "Je UiTPAS {current} is al gekoppeld. Wil je die vervangen door {new}? Je punten bij "
        "UiTPAS blijven bij elke kaart gewoon staan."
    ),
    "relink_yes": "Ja, koppel {new}",
    "relink_no": "Nee, houd {current}",
    "relink_replacing": "Oké, ik koppel je nieuwe kaart.",
    "relink_kept": "Oké, je UiTPAS {masked} blijft gekoppeld.",
    "relink_gone": (
        "Ik vind het nieuwe nummer niet meer (is je bericht gewist?). Stuur /link met het "
        "nummer opnieuw."
    ),
    "login_prompt_linked": (
        "Je UiTPAS {masked} is nu gekoppeld; een andere aanmelding vervangt die."
    ),
    # Linking with a UiTiD login (UITPAS_API=v4).
    "login_prompt": (
        "Koppel je UiTPAS door aan te melden met je UiTiD (het account van uitpas.be). "
        "De knop is 10 minuten geldig."
    ),
    "login_button": "Aanmelden met UiTiD",
    "login_linked": (
        "✅ Je bent aangemeld; je UiTPAS {masked} is gekoppeld.\n"
        "Stuur op een activiteit een foto van de check-in QR-code om een punt te sparen."
    ),
    "login_linked_checking_pending": (
        "✅ Je bent aangemeld; je UiTPAS {masked} is gekoppeld. Ik check nu je QR-code in…"
    ),
    "login_failed": "Het aanmelden is niet gelukt. Tik /link om het opnieuw te proberen.",
    "login_no_uitpas": (
        "Je bent aangemeld, maar bij dat UiTiD-account hoort geen (actieve) UiTPAS. "
        "Een UiTPAS-balie kan je verder helpen."
    ),
    "LOGIN_REQUIRED": (
        "🔑 Je aanmelding bij UiTiD is verlopen of ingetrokken, dus er is geen punt gespaard. "
        "Tik /link om opnieuw aan te melden en stuur dan de foto opnieuw."
    ),
    "LOGIN_REQUIRED_button": (
        "🔑 Je aanmelding bij UiTiD is verlopen of ingetrokken, dus er is nog geen punt gespaard. "
        "Meld je opnieuw aan met de knop hieronder; daarna check ik deze code meteen in, zonder "
        "nieuwe foto."
    ),
    "uitpas_end_user_message": "🚫 {message}",
    "unlink_nothing": "Er is geen UiTPAS aan je Telegram-account gekoppeld.",
    "needs_link": (
        "Koppel eerst je UiTPAS: stuur je UiTPAS-nummer (13 cijfers, achteraan op je kaart)."
    ),
    "needs_login_code_kept": (
        "Ik heb de QR-code gelezen. 👍 Tik nu /link en meld je aan met je UiTiD; daarna check "
        "ik deze code meteen in, zonder nieuwe foto."
    ),
    "needs_link_code_kept": (
        "Ik heb de QR-code gelezen. 👍 Stuur nu je UiTPAS-nummer (13 cijfers, achteraan op je "
        "kaart); daarna check ik deze code meteen in, zonder nieuwe foto."
    ),
    # Reading the photo.
    "qr_not_found": (
        "Ik vind geen QR-code op deze foto. Tips:\n"
        "• Vul het beeld met de QR-code, van dichtbij en recht ervoor.\n"
        "• Vermijd schittering en schaduw op de code.\n"
        "• Hou je toestel stil, zodat de foto scherp is.\n"
        "• Lukt het niet, stuur de foto dan als bestand (📎 → Bestand): dan blijft hij scherp."
    ),
    "qr_ambiguous": (
        "Deze QR-code laat zich op twee manieren lezen, dus ik gok niet. Neem een nieuwe foto, "
        "recht voor de code en van dichtbij."
    ),
    "qr_several": "Er stonden {count} QR-codes op de foto; ik heb de UiTPAS-check-in gebruikt.",
    "image_unreadable": (
        "Ik kan deze afbeelding niet openen. Stuur ze opnieuw als foto, of als JPEG- of "
        "PNG-bestand."
    ),
    "file_not_image": "Dit bestand is geen afbeelding. Stuur een foto van de check-in QR-code.",
    "file_too_big": (
        "Dit bestand is {size} MB; ik kan bestanden tot 20 MB lezen. "
        "Stuur het beeld als foto, of een kleinere versie."
    ),
    "code_empty": "Deze QR-code is leeg. Stuur een foto van de check-in QR-code van de activiteit.",
    "code_foreign_url": (
        "Deze QR-code verwijst naar een website ({host}), niet naar een UiTPAS-check-in. "
        "Ik heb de link niet geopend. Zoek de QR-code met het UiTPAS-logo."
    ),
    "code_unusable": (
        "Deze QR-code is geen UiTPAS-check-in. Zoek de QR-code met het UiTPAS-logo op de "
        "activiteit."
    ),
    # Check-in answers.
    "checkin_success_one": "✅ Je spaarde {count} punt bij <b>{event}</b>{organiser}.",
    "checkin_success_other": "✅ Je spaarde {count} punten bij <b>{event}</b>{organiser}.",
    "checkin_success_no_event_one": "✅ Je spaarde {count} punt.",
    "checkin_success_no_event_other": "✅ Je spaarde {count} punten.",
    "checkin_repeat_running": (
        "⏳ Deze code heb je net al gestuurd; die check-in loopt nog. Het antwoord komt zo."
    ),
    "checkin_repeat_saved_one": (
        "✅ Deze code heb je net al gescand: je spaarde er {count} punt mee. "
        "Nog eens sturen spaart niets extra."
    ),
    "checkin_repeat_saved_other": (
        "✅ Deze code heb je net al gescand: je spaarde er {count} punten mee. "
        "Nog eens sturen spaart niets extra."
    ),
    "organiser_suffix": " ({name})",
    "an_event": "deze activiteit",
    "total_one": "Je hebt nu in totaal {count} punt.",
    "total_other": "Je hebt nu in totaal {count} punten.",
    "spotlight_header": "🎁 In de kijker, tik om te zien wat je ermee kunt doen:",
    "promotion_button_one": "{title} · {count} punt",
    "promotion_button_other": "{title} · {count} punten",
    "CHECKIN_CODE_EXPIRED": (
        "⌛ Deze check-in code is niet meer (of nog niet) geldig. Inchecken kan vanaf 5 uur voor "
        "tot 5 uur na de activiteit. Er is geen punt gespaard."
    ),
    "CHECKIN_CODE_EXPIRED_event": (
        "⌛ De check-in code van <b>{event}</b> is niet meer (of nog niet) geldig. Inchecken kan "
        "vanaf 5 uur voor tot 5 uur na de activiteit. Er is geen punt gespaard."
    ),
    "CHECKIN_CODE_INVALID": (
        "❌ UiTPAS kent deze check-in code niet. Controleer of je de QR-code van deze activiteit "
        "fotografeerde (met het UiTPAS-logo). Er is geen punt gespaard."
    ),
    "GROUPPAS_NOT_ALLOWED": (
        "❌ Met een groepspas kun je niet zelf inchecken met een QR-code. Vraag het aan de "
        "UiTPAS-balie van de organisator."
    ),
    "PARSE_INVALID_UITPASNUMBER": (
        "❌ UiTPAS aanvaardt je gekoppelde nummer niet als UiTPAS-nummer. Koppel je kaart "
        "opnieuw met /link en je nummer zoals het op je kaart staat."
    ),
    "UNKNOWN_UITPASNUMBER": (
        "❌ UiTPAS kent het gekoppelde nummer {masked} niet. Controleer het nummer op je kaart "
        "en koppel opnieuw met /link."
    ),
    "INVALID_CARD_STATUS_BLOCKED": (
        "🚫 Je UiTPAS is geblokkeerd, dus er is geen punt gespaard. Is je kaart verloren of "
        "gestolen? Ga langs bij een UiTPAS-balie voor een nieuwe kaart."
    ),
    "INVALID_CARD_STATUS_DELETED": (
        "🚫 Deze UiTPAS bestaat niet meer (de kaart is verwijderd). Heb je een nieuwe kaart? "
        "Koppel dan dat nummer met /link."
    ),
    "INVALID_CARD_STATUS": (
        "🚫 Je UiTPAS is momenteel niet actief, dus er is geen punt gespaard. Een UiTPAS-balie "
        "kan je verder helpen."
    ),
    "checkin_other_code": (
        "🚫 UiTPAS heeft geen punt gespaard. UiTPAS zegt: <i>{message}</i>\n"
        "Probeer het later opnieuw of vraag het aan de organisator."
    ),
    "checkin_other_code_no_message": (
        "🚫 UiTPAS heeft geen punt gespaard en zei niet waarom. Probeer het later opnieuw of "
        "vraag het aan de organisator."
    ),
    "uitpas_refused_bot": (
        "UiTPAS weigert deze bot op dit moment: een instelling aan de kant van de beheerder "
        "klopt niet. Er is geen punt gespaard; de fout is gemeld in het logboek van de beheerder."
    ),
    # UiTPAS does not allow the bot an operation (v4: a 403; the permission is in the log).
    "not_allowed_PASSHOLDERS_SELF_CHECKIN": (
        "🔒 UiTPAS staat deze bot niet toe je in te checken, dus er is geen punt gespaard. De "
        "beheerder is verwittigd; intussen kan je inchecken met de UiTPAS-app."
    ),
    "not_allowed_PASSES_READ": (
        "🔒 UiTPAS staat deze bot niet toe je punten te lezen. De beheerder is verwittigd; "
        "probeer het later opnieuw."
    ),
    "not_allowed_PASSHOLDERS_SELF_READ": (
        "🔒 Je bent aangemeld, maar UiTPAS staat deze bot niet toe je UiTPAS op te vragen, dus "
        "die is niet gekoppeld. De beheerder is verwittigd; probeer het later opnieuw met /link."
    ),
    "not_allowed_REWARDS_READ": (
        "🔒 UiTPAS staat deze bot niet toe dit voordeel te tonen. De beheerder is verwittigd."
    ),
    "not_allowed_REWARDS_REDEEM": (
        "🔒 UiTPAS staat deze bot niet toe na te gaan of jij dit voordeel nu kan omruilen. De "
        "beheerder is verwittigd; aan de balie weten ze het zeker."
    ),
    "not_allowed_other": "🔒 UiTPAS staat deze bot dit niet toe. De beheerder is verwittigd.",
    "checkin_refused_unknown": (
        "UiTPAS heeft geen punt gespaard en weigerde deze check-in. Probeer het later opnieuw "
        "of vraag het aan de organisator."
    ),
    "uitpas_no_answer": (
        "UiTPAS antwoordde niet. Er is geen punt gespaard; probeer het over een minuutje opnieuw."
    ),
    "uitpas_outcome_unknown": (
        "UiTPAS antwoordde niet op tijd, dus ik weet niet of je punt gespaard is. Probeer het "
        "over een minuutje opnieuw: als het de eerste keer toch lukte, zegt UiTPAS dat."
    ),
    # Promotions.
    "promotion_points_one": "Nodig: <b>{count} punt</b>",
    "promotion_points_other": "Nodig: <b>{count} punten</b>",
    "promotion_affordable": "✅ Je hebt {total} punten: genoeg om dit om te ruilen.",
    "promotion_missing_one": "Je hebt {total} punten: je hebt nog {count} punt nodig.",
    "promotion_missing_other": "Je hebt {total} punten: je hebt nog {count} punten nodig.",
    "promotion_units_left_one": "Nog {count} beschikbaar.",
    "promotion_units_left_other": "Nog {count} beschikbaar.",
    "promotion_units_unlimited": "Onbeperkt beschikbaar.",
    "promotion_gone": "Dit voordeel is niet meer beschikbaar.",
    "untitled": "(zonder titel)",
    # Points and promotions (/points, /promotions).
    "points_balance_one": "💳 Je UiTPAS {masked} heeft <b>{count} punt</b>.",
    "points_balance_other": "💳 Je UiTPAS {masked} heeft <b>{count} punten</b>.",
    "pass_message_INFO": "ℹ️ {text}",
    "pass_message_WARN": "⚠️ {text}",
    "pass_message_ERROR": "❗ {text}",
    "points_history_header": "<b>Je laatste check-ins via deze bot</b>",
    "points_history_line_one": "• {when} – {event}{organiser}: +{count} punt",
    "points_history_line_other": "• {when} – {event}{organiser}: +{count} punten",
    "points_history_line_uncertain": (
        "• {when} – {event}{organiser}: ⚠️ UiTPAS antwoordde niet, misschien is er een punt gespaard"
    ),
    "points_history_none": (
        "Je hebt nog niet ingecheckt via deze bot. Stuur op een activiteit een foto van de "
        "check-in QR-code."
    ),
    "history_unknown_event": "een activiteit",
    "points_promotions_button": "🎁 Wat kan ik krijgen met mijn punten?",
    "account_PARSE_INVALID_UITPASNUMBER": (
        "❌ UiTPAS aanvaardt je gekoppelde nummer {masked} niet als UiTPAS-nummer. Koppel je "
        "kaart opnieuw met /link en je nummer zoals het op je kaart staat."
    ),
    "account_UNKNOWN_UITPASNUMBER": (
        "❌ UiTPAS kent het gekoppelde nummer {masked} niet. Controleer het nummer op je kaart "
        "en koppel opnieuw met /link."
    ),
    "account_INVALID_CARD_STATUS_BLOCKED": (
        "🚫 Je UiTPAS {masked} is geblokkeerd, dus ik kan je punten niet tonen. Is je kaart "
        "verloren of gestolen? Ga langs bij een UiTPAS-balie voor een nieuwe kaart."
    ),
    "account_INVALID_CARD_STATUS_DELETED": (
        "🚫 De UiTPAS {masked} bestaat niet meer (de kaart is verwijderd). Heb je een nieuwe "
        "kaart? Koppel dan dat nummer met /link."
    ),
    "account_INVALID_CARD": (
        "🚫 UiTPAS aanvaardt de kaart {masked} niet (meer). Heb je een nieuwe kaart? Koppel dan "
        "dat nummer met /link."
    ),
    "account_INVALID_CARD_STATUS": (
        "🚫 Je UiTPAS {masked} is momenteel niet actief, dus ik kan je punten niet tonen. Een "
        "UiTPAS-balie kan je verder helpen."
    ),
    "account_GROUPPAS_NOT_ALLOWED": (
        "ℹ️ {masked} is een groepspas: die heeft geen eigen punten om hier te tonen. Vraag het "
        "aan de UiTPAS-balie van je vereniging."
    ),
    "account_UNKNOWN_CARD_SYSTEM": (
        "UiTPAS kent het kaartsysteem van je kaart {masked} niet, dus ik kan geen voordelen "
        "tonen. Een UiTPAS-balie kan je verder helpen."
    ),
    "account_other": (
        "UiTPAS kon dit nu niet tonen. UiTPAS zegt: <i>{message}</i>\nProbeer het later opnieuw."
    ),
    "account_other_no_message": (
        "UiTPAS kon dit nu niet tonen en zei niet waarom. Probeer het later opnieuw."
    ),
    "account_refused_unknown": "UiTPAS weigerde dit. Probeer het later opnieuw.",
    "account_no_answer": "UiTPAS antwoordde niet. Probeer het over een minuutje opnieuw.",
    "promotions_header_one": "🎁 <b>Voordelen om te ruilen</b> · je hebt {count} punt",
    "promotions_header_other": "🎁 <b>Voordelen om te ruilen</b> · je hebt {count} punten",
    "promotions_header_affordable_one": (
        "🎁 <b>Voordelen binnen je bereik</b> · je hebt {count} punt"
    ),
    "promotions_header_affordable_other": (
        "🎁 <b>Voordelen binnen je bereik</b> · je hebt {count} punten"
    ),
    "promotions_page": "Pagina {page} van {pages}",
    "promotions_entry_one": "{mark}{title} · {count} punt{note}",
    "promotions_entry_other": "{mark}{title} · {count} punten{note}",
    "promotions_entry_no_points": "{mark}{title}{note}",
    "promotions_note_sold_out": " (uitverkocht)",
    "promotions_note_not_now": " (nu niet om te ruilen)",
    "promotions_legend": "✅ genoeg punten · ⭐ in de kijker. Tik op een voordeel voor de details.",
    "promotions_changed": "🔄 De lijst is intussen veranderd; dit is de nieuwe lijst.",
    "promotions_changed_toast": "De lijst is veranderd: hier is de nieuwe.",
    "promotions_empty": "Er zijn op dit moment geen voordelen om te ruilen. Kijk later nog eens!",
    "promotions_none_affordable_one": (
        "Met je {count} punt kun je nog niets omruilen. Spaar verder, of bekijk alle voordelen."
    ),
    "promotions_none_affordable_other": (
        "Met je {count} punten kun je nog niets omruilen. Spaar verder, of bekijk alle voordelen."
    ),
    "button_previous": "◀️ Vorige",
    "button_next": "Volgende ▶️",
    "button_only_affordable": "✅ Alleen wat ik kan krijgen",
    "button_show_all": "📋 Toon alle voordelen",
    "private_chat_only_toast": "Dat toon ik alleen in een privégesprek met mij.",
    "promotion_enough_points": "Je hebt {total} punten: genoeg punten voor dit voordeel.",
    "promotion_period_until": "📅 Om te ruilen tot {end}.",
    "promotion_period_from": "📅 Om te ruilen vanaf {begin}.",
    "promotion_period_between": "📅 Om te ruilen van {begin} tot {end}.",
    "promotion_balies": "📍 Omruilen bij: {places}",
    "promotion_cities": "🏙️ Geldig in: {cities}",
    "promotion_state_NOT_POSSIBLE_DATE_CONSTRAINT": (
        "⏳ Nu niet om te ruilen: het is buiten de omruilperiode."
    ),
    "promotion_state_NOT_POSSIBLE_VOLUME_CONSTRAINT": "🚫 Uitverkocht: alles is al omgeruild.",
    "promotion_state_NOT_POSSIBLE_USER_VOLUME_CONSTRAINT": (
        "🚫 Je hebt dit voordeel al zo vaak omgeruild als mag."
    ),
    "promotion_state_NOT_POSSIBLE_POINTS_CONSTRAINT": (
        "Je hebt niet genoeg punten voor dit voordeel."
    ),
    "promotion_state_NOT_POSSIBLE_CARD_CONSTRAINT": (
        "🚫 Met deze UiTPAS kan je dit voordeel niet omruilen."
    ),
    "promotion_state_NOT_POSSIBLE_APPLICABLE_CARDSYSTEMS": (
        "🚫 Dit voordeel geldt niet in de UiTPAS-regio van je kaart."
    ),
    "promotion_state_NOT_POSSIBLE_NO_ACTIVE_CARDSYSTEMS": (
        "🚫 Je UiTPAS is in geen enkele regio actief, dus je kan niets omruilen. Een "
        "UiTPAS-balie kan je helpen."
    ),
    "promotion_state_other": "🚫 Je kunt dit nu niet omruilen.",
    "promotion_how": "Omruilen doe je aan de balie: toon daar je UiTPAS.",
    # Everything else.
    "unknown_text": (
        "Dat begrijp ik niet. Stuur je UiTPAS-nummer om je kaart te koppelen, of een foto van "
        "de check-in QR-code op een activiteit. /help toont alles wat ik kan."
    ),
    # Free text, knowing whether a card is linked (bot/views/free_text.py).
    "fallback_points": (
        "💳 Je punten en je laatste check-ins zie je met /points. /promotions toont wat je "
        "ermee kunt krijgen."
    ),
    "fallback_promotions": (
        "🎁 Wat je met je punten kunt krijgen, zie je met /promotions (met ✅ wat je nu al "
        "kunt omruilen)."
    ),
    "fallback_checkin": (
        "📷 Een punt spaar je door op de activiteit een foto van de check-in QR-code te sturen. "
        "Je UiTPAS {masked} is gekoppeld."
    ),
    "fallback_already_linked": (
        "Je UiTPAS {masked} is gekoppeld. Een andere kaart koppelen kan met /link; /unlink "
        "ontkoppelt je kaart."
    ),
    "fallback_linked": (
        "Dat begrijp ik niet. Je UiTPAS {masked} is gekoppeld: stuur op een activiteit een foto "
        "van de check-in QR-code om een punt te sparen, /points toont je punten en /promotions "
        "wat je ermee kunt krijgen. /help toont alles wat ik kan."
    ),
    "fallback_needs_link": (
        "Daarvoor koppel je eerst je UiTPAS: stuur je UiTPAS-nummer (13 cijfers, op je kaart), "
        "bijvoorbeeld /link 0930 0568 7880 2."
    ),
    "fallback_needs_login": (
        "Daarvoor koppel je eerst je UiTPAS: stuur /link en meld je aan met UiTiD."
    ),
    "unsupported_message": (
        "Daar kan ik niets mee. Stuur een foto van de check-in QR-code, of /help."
    ),
    "internal_error": (
        "Er ging bij mij iets mis. Probeer het over een minuutje opnieuw; als het blijft "
        "mislukken, laat het de beheerder weten."
    ),
    # Privacy, /forget, flood control, reconciliation, hostile input (issue 6).
    "command_privacy": "Wat ik over je bewaar, en waarom",
    "command_forget": "Wis alles wat ik over je bewaar",
    "privacy": (
        "<b>Wat deze bot over je bewaart, en waarom</b>\n"
        "• Je Telegram-id: om te weten wie je bent, bij alles hieronder.\n"
        "{kinds}\n"
        "Foto's zelf bewaar ik nooit: ik lees de QR-code en vergeet het beeld.\n\n"
        "Ik deel niets, behalve met UiTPAS: je nummer en de check-in code, om in te checken.\n\n"
        "<b>Nu bewaar ik</b>: {status}{held}\n\n"
        "/forget wist dat allemaal meteen."
    ),
    # One line per store of personal data (the registry /forget empties); a test checks that
    # every registered table has both keys in every catalogue.
    "privacy_kind_passholder_links": (
        "Je UiTPAS-nummer en je taal (als je je kaart koppelt): om voor jou in te checken. Nooit "
        "zichtbaar in groepen of in logs; aan jou toon ik het gemaskeerd. Tot /unlink."
    ),
    "privacy_kind_uitid_tokens": (
        "Je UiTiD-aanmelding (als je je aanmeldde met UiTiD), versleuteld: om namens jou bij "
        "UiTPAS te vragen. Tot /unlink."
    ),
    "privacy_kind_uitid_login_states": "Een UiTiD-aanmelding die nog bezig is: 10 minuten.",
    "privacy_kind_checkins": (
        "Je check-ingeschiedenis (moment, activiteit, organisator, punten, antwoord van "
        "UiTPAS): om je te kunnen zeggen wat er gebeurde als UiTPAS niet antwoordde. Na "
        "{days} dagen automatisch gewist."
    ),
    "privacy_kind_pending_checkins": (
        "Een QR-code die je stuurde vóór het koppelen: hoogstens 6 uur, om ze daarna in te checken."
    ),
    "privacy_kind_recent_checkin_codes": (
        "Een vingerafdruk van de check-in codes die je net stuurde: enkele minuten, zodat "
        "dezelfde foto twee keer niet twee keer bij UiTPAS aanklopt."
    ),
    "privacy_kind_announcement_members": (
        "Bij aankondigingen in een groep: of je zei dat je komt, of je het privégesprek met mij "
        "opende en of je er je punt spaarde. De groep ziet alleen aantallen, nooit wie."
    ),
    "privacy_kind_announcement_drafts": (
        "Een aankondiging die je als beheerder stap voor stap schrijft: een uur."
    ),
    "privacy_kind_throttle_windows": (
        "Hoeveel foto's je per minuut stuurt (bescherming tegen overspoeling): één dag."
    ),
    "privacy_kind_inactive_users": (
        "Dat je de bot blokkeerde (dan stuur ik je niets): tot je me weer schrijft."
    ),
    "privacy_name_passholder_links": "je gekoppelde UiTPAS",
    "privacy_name_uitid_tokens": "je UiTiD-aanmelding",
    "privacy_name_uitid_login_states": "een UiTiD-aanmelding die bezig is",
    "privacy_name_checkins": "check-ins in je geschiedenis",
    "privacy_name_pending_checkins": "een onthouden QR-code",
    "privacy_name_recent_checkin_codes": "vingerafdrukken van recente check-in codes",
    "privacy_name_announcement_members": (
        "aankondigingen waarbij ik bijhoud of je komt, het privégesprek opende of je punt spaarde"
    ),
    "privacy_name_announcement_drafts": "een aankondiging in wording",
    "privacy_name_throttle_windows": "tellers tegen overspoeling",
    "privacy_name_inactive_users": "de markering dat je de bot blokkeerde",
    "privacy_kind_line": "• {text}",
    "privacy_held_line": "\n• {name}: {count}",
    "privacy_status_linked_one": "je UiTPAS {masked} en {count} check-in in je geschiedenis.",
    "privacy_status_linked_other": "je UiTPAS {masked} en {count} check-ins in je geschiedenis.",
    "privacy_status_unlinked_one": "geen UiTPAS, {count} check-in in je geschiedenis.",
    "privacy_status_unlinked_other": "geen UiTPAS, {count} check-ins in je geschiedenis.",
    "forget_confirm": (
        "Alles wissen wat ik over je bewaar? Dat is je gekoppelde UiTPAS, je "
        "check-ingeschiedenis, een onthouden QR-code en alle andere gegevens bij je "
        "Telegram-account. Dit kan niet ongedaan gemaakt worden; je punten bij UiTPAS blijven "
        "gewoon staan."
    ),
    "forget_yes": "Ja, wis alles",
    "forget_no": "Nee, niets wissen",
    "forgotten": (
        "🗑 Gedaan: alles wat ik over je bewaarde is gewist. Stuur /start als je de bot later "
        "weer wilt gebruiken."
    ),
    "forget_cancelled": "Oké, er is niets gewist.",
    "throttled": (
        "⏳ Je stuurt heel veel foto's na elkaar. Over ongeveer {seconds} seconden lees ik "
        "weer nieuwe foto's; wat je tot dan stuurt, sla ik over."
    ),
    "edited_message": (
        "Ik lees alleen nieuwe berichten, geen aanpassingen. Stuur het opnieuw als nieuw bericht."
    ),
    "stale_button": "Deze knop werkt niet meer. Stuur /help om te zien wat je kunt doen.",
    "download_failed": (
        "Ik kon je foto niet ophalen bij Telegram. Stuur ze nog eens, dan probeer ik opnieuw."
    ),
    "recheck_button": "🔄 Is mijn punt gespaard?",
    "reconciled_saved_one": (
        "✅ Over je vorige check-in: die is toch gelukt. UiTPAS spaarde {count} punt; je hebt "
        "nu in totaal {total} punten."
    ),
    "reconciled_saved_other": (
        "✅ Over je vorige check-in: die is toch gelukt. UiTPAS spaarde {count} punten; je hebt "
        "nu in totaal {total} punten."
    ),
    "reconciled_not_saved": (
        "Over je vorige check-in: daarbij is geen punt gespaard (je punten bleven {total}). "
        "Loopt de activiteit nog, stuur de foto dan opnieuw."
    ),
    "reconciled_saved_at_one": (
        "✅ Over je vorige check-in: die is toch gelukt. Je spaarde {count} punt bij "
        "<b>{event}</b>{organiser}."
    ),
    "reconciled_saved_at_other": (
        "✅ Over je vorige check-in: die is toch gelukt. Je spaarde {count} punten bij "
        "<b>{event}</b>{organiser}."
    ),
    "reconciled_saved_no_total_one": (
        "✅ Over je vorige check-in: die is toch gelukt. UiTPAS spaarde {count} punt."
    ),
    "reconciled_saved_no_total_other": (
        "✅ Over je vorige check-in: die is toch gelukt. UiTPAS spaarde {count} punten."
    ),
    "reconciled_not_saved_history": (
        "Over je vorige check-in: die staat niet in je UiTPAS-geschiedenis, dus er is geen punt "
        "gespaard. Loopt de activiteit nog, stuur de foto dan opnieuw."
    ),
    "reconciled_unclear_history": (
        "Over je vorige check-in: ik kan niet zeggen of die gelukt is. In de UiTPAS-app zie je "
        "je check-ins."
    ),
    "reconciled_unclear": (
        "Over je vorige check-in: ik kan niet zeggen of die gelukt is, want je punten "
        "veranderden intussen. In de UiTPAS-app zie je je check-ins."
    ),
    "reconciled_still_unknown": (
        "Ik weet nog niet of je vorige check-in gelukt is: UiTPAS antwoordt niet, of is er nog "
        "mee bezig. Probeer het over een minuutje opnieuw."
    ),
    "private_only_button": "Dat toon ik alleen in een privégesprek met mij, niet in een groep.",
    "recheck_nothing": "Er wacht geen check-in op een antwoord.",
    # --- group announcements (issue 5) ---
    "command_announce": "Kondig een evenement aan (beheerders)",
    "command_cancel": "Annuleer een aankondiging (antwoord op de kaart)",
    "command_remind": "Wijzig de herinnering (antwoord op de kaart)",
    "command_stats": "Hoeveel komen en checkten in (antwoord op de kaart)",
    "admins_only": "Sorry, dat kunnen alleen de beheerders van deze groep. 🙂",
    "announce_in_groups": (
        "Aankondigen doe je in een groep: voeg me toe aan je groep en typ daar bijvoorbeeld\n"
        "<code>/announce Filmavond | vr 12/12 20:00 | Jeugdhuis De Kelder</code>"
    ),
    "announce_ask_title": (
        "📣 Nieuwe aankondiging. Hoe heet het evenement? (Antwoord op dit bericht.)"
    ),
    "announce_ask_when": (
        "Wanneer is <b>{title}</b>? Bijvoorbeeld <code>vr 12/12 20:00</code>, "
        "<code>morgen 20u</code> of <code>12 december 19:30</code>."
    ),
    "announce_ask_place": "Waar is <b>{title}</b>?",
    "announce_too_long": "Dat is te lang: hou het onder {limit} tekens.",
    "when_unreadable": "Die datum en dat uur begrijp ik niet.",
    "when_no_time": "Ik mis het uur.",
    "when_no_such_date": "Die dag bestaat niet.",
    "when_weekday_mismatch": "{date} valt op een {weekday}. Klopt de dag?",
    "when_past": "{date} is al voorbij.",
    "when_too_far": "{date} is meer dan een jaar ver.",
    "announce_poster_no_code": (
        "Op die foto vind ik geen UiTPAS check-in QR-code. Antwoord met /announce op een "
        "scherpere foto van de affiche, of kondig aan zonder foto."
    ),
    "card_coming_none": "🙋 Kom je? Tik op ‘Ik kom’.",
    "card_coming_one": "🙋 {count} persoon komt",
    "card_coming_other": "🙋 {count} personen komen",
    "card_point_photo": (
        "⭐ Spaar je UiTPAS-punt: tik op ‘Spaar mijn punt’ en stuur me ter plaatse een foto van "
        "de check-in QR-code."
    ),
    "card_point_code": (
        "⭐ Spaar je UiTPAS-punt: tik tijdens het evenement op ‘Spaar mijn punt’, dan check ik "
        "je in."
    ),
    "card_cancelled": "❌ <b>Gaat niet door</b>",
    "button_coming": "🙋 Ik kom",
    "button_save_point": "⭐ Spaar mijn punt",
    "button_check_in_now": "✅ Nu inchecken",
    "rsvp_coming": "Genoteerd: je komt! 🎉 Tik nog eens als het toch niet lukt.",
    "rsvp_not_coming": "Oké, je staat niet meer op de lijst.",
    "rsvp_cancelled": "Dit evenement gaat niet door.",
    "rsvp_started": "Dit evenement is al begonnen; aanmelden kan niet meer.",
    "rsvp_gone": "Deze aankondiging ken ik niet meer.",
    "card_reply_needed": "Antwoord met {command} op de aankondiging zelf.",
    "cancel_done": "❌ <b>{title}</b> is geannuleerd; er gaat geen herinnering meer uit.",
    "cancel_already": "Deze aankondiging was al geannuleerd.",
    "draft_dropped": "Oké, de aankondiging is geschrapt.",
    "remind_usage": (
        "Antwoord op de aankondiging met /remind en hoe lang vooraf, bijvoorbeeld "
        "<code>/remind 30m</code>, <code>/remind 2u</code>, <code>/remind 1d</code> of "
        "<code>/remind uit</code>."
    ),
    "remind_set": "⏰ De herinnering voor <b>{title}</b> gaat uit op {when}.",
    "remind_off": "🔕 Er gaat geen herinnering uit voor <b>{title}</b>.",
    "remind_already_sent": "De herinnering is al verstuurd.",
    "remind_too_late": "Dat moment is al voorbij; kies een kortere tijd vooraf.",
    "stats": (
        "📊 <b>{title}</b>\n"
        "🙋 Zeiden dat ze komen: {coming}\n"
        "💬 Openden het privégesprek: {opened}\n"
        "✅ Spaarden hun punt via de bot: {checked_in}"
    ),
    "reminder": (
        "⏰ <b>{title}</b> begint {left}, om {time}.\n📍 {place}\n\n"
        "⭐ Vergeet je UiTPAS-punt niet: tik ter plaatse op ‘Spaar mijn punt’."
    ),
    "in_minutes_one": "over {count} minuut",
    "in_minutes_other": "over {count} minuten",
    "in_hours_one": "over {count} uur",
    "in_hours_other": "over {count} uur",
    "in_days_one": "over {count} dag",
    "in_days_other": "over {count} dagen",
    "open_event": "📣 <b>{title}</b>\n🗓 {when}\n📍 {place}",
    "open_gone": "Deze aankondiging ken ik niet (meer). Vraag de groep om een nieuwe link.",
    "open_cancelled": "❌ Dit evenement gaat niet door.",
    "open_over": "Dit evenement is voorbij; inchecken kan niet meer.",
    "open_send_photo": (
        "Ter plaatse: stuur me hier een foto van de check-in QR-code, dan spaar ik je punt."
    ),
    "open_link_first": (
        "Koppel alvast je UiTPAS: stuur me je UiTPAS-nummer (13 cijfers, achteraan op je kaart)."
    ),
    "open_not_yet": (
        "Inchecken kan vanaf {opens}. Tik dan op ‘Nu inchecken’ hieronder, of opnieuw op ‘Spaar "
        "mijn punt’ in de groep."
    ),
    "open_link_first_code_kept": (
        "Stuur me je UiTPAS-nummer (13 cijfers, achteraan op je kaart); dan check ik je meteen "
        "in voor dit evenement."
    ),
    "group_photo_private": (
        "📷 Je stuurde een QR-code in <b>{group}</b>. Ik check je hier in, privé, zodat je "
        "UiTPAS-gegevens niet in de groep komen."
    ),
    "group_open_private_first": (
        "{name}, ik kan je nog geen privébericht sturen. Open het privégesprek met mij, tik op "
        "Start en stuur je foto daar: zo blijven je UiTPAS-gegevens uit de groep."
    ),
    "bot_added": (
        "👋 Hallo! Beheerders kondigen hier evenementen aan met /announce, bijvoorbeeld\n"
        "<code>/announce Filmavond | vr 12/12 20:00 | Jeugdhuis De Kelder</code>\n"
        "(of gewoon /announce, dan vraag ik alles stap voor stap). Leden tikken ‘Ik kom’ en "
        "sparen hun UiTPAS-punt in een privégesprek met mij: persoonlijke gegevens komen nooit "
        "in de groep."
    ),
    # Legacy antwoordcodes van de check-in-, punten- en omruilvoordeel-aanroepen.
    "code_INVALID_CARD": (
        "🚫 UiTPAS kan deze kaart niet gebruiken. Controleer het nummer op je kaart of vraag "
        "het aan een UiTPAS-balie."
    ),
    "code_INVALID_CARD_STATUS_LOCAL_STOCK": (
        "🚫 Deze UiTPAS is nog niet uitgereikt (hij zit nog in de voorraad van een balie). "
        "Vraag de UiTPAS-balie waar je hem kreeg om hem te activeren."
    ),
    "code_INVALID_CARD_STATUS_STOCK": (
        "🚫 Deze UiTPAS is nog niet uitgereikt (hij zit nog in voorraad). Een UiTPAS-balie kan "
        "hem voor je activeren."
    ),
    "code_INVALID_CARD_STATUS_PROVISIONED": (
        "🚫 Deze UiTPAS is klaargemaakt maar nog niet geactiveerd. Een UiTPAS-balie kan hem "
        "activeren."
    ),
    "code_INVALID_CARD_STATUS_SENT_TO_BALIE": (
        "🚫 Deze UiTPAS is onderweg naar een UiTPAS-balie en nog niet actief. Haal hem daar op "
        "om hem te activeren."
    ),
    "code_ACTION_NOT_ALLOWED": "🚫 UiTPAS laat dit niet toe voor jouw pas.",
    "code_CHECKIN_CURRENTLY_NOT_ALLOWED": (
        "⌛ Inchecken bij deze activiteit kan nu niet. Probeer het opnieuw tijdens de activiteit."
    ),
    "code_MAXIMUM_REACHED": (
        "🚫 Het maximum is bereikt: met deze pas kun je hier voorlopig geen punten meer sparen."
    ),
    "code_PASSHOLDER_NO_ACTIVE_CARDSYSTEMS": (
        "🚫 Je UiTPAS is op dit moment in geen enkele regio actief. Een UiTPAS-balie kan je helpen."
    ),
    "code_UNKNOWN_POINTS_PROMOTION_ID": "Dit omruilvoordeel bestaat niet meer bij UiTPAS.",
    "code_no_point_saved": "UiTPAS heeft geen punt gespaard.",
    "code_uitpas_said": "UiTPAS zegt: <i>{message}</i>",
    "account_refused_bot": (
        "UiTPAS weigert nu de toegangsgegevens van deze bot: er klopt een instelling niet bij "
        "de beheerder. De fout is gelogd voor de beheerder."
    ),
    # What's on: UiTPAS events from UiTdatabank (issue 20)
    "command_events": "UiTPAS-activiteiten in de buurt",
    "events_prompt": (
        "📍 Tik op de knop hieronder en deel je locatie: ik zoek de UiTPAS-activiteiten in je "
        "buurt. Je locatie gebruik ik alleen voor die ene zoekopdracht, ik bewaar ze niet.\n\n"
        "Of zoek op woorden: <code>/events jazz</code>, <code>/events vandaag</code>, "
        "<code>/events dit weekend Gent</code>."
    ),
    "events_location_button": "📍 Deel mijn locatie",
    "events_no_location": (
        "Ik kreeg je locatie niet. Telegram deelt ze pas als het dat mag: zet locatie aan voor "
        "Telegram in de instellingen van je toestel, of deel ze via 📎 → Locatie.\n\n"
        "Zonder locatie kan het ook: <code>/events Gent</code> of <code>/events theater</code>."
    ),
    "events_header_near": "📍 <b>UiTPAS-activiteiten binnen {km} km</b>, de dichtste eerst:",
    "events_header_widened": (
        "📍 Niets binnen {first} km. <b>UiTPAS-activiteiten binnen {km} km</b>, de dichtste eerst:"
    ),
    "events_header_words": "🔎 <b>UiTPAS-activiteiten voor “{words}”</b>:",
    "events_page": "Pagina {page} van {pages} · {total} gevonden",
    "events_entry": "<b>{number}. {title}</b>\n🗓 {when}\n📍 {place}",
    "events_entry_distance": " · {km} km",
    "events_entry_kansentarief": "\n💶 Met je kansentarief: € {price}",
    "events_when_unknown": "datum niet bekend",
    "events_place_unknown": "plaats niet bekend",
    "events_legend": "Tik op een activiteit voor alle details.",
    "events_outside": (
        "📍 Die plek ligt buiten Vlaanderen en Brussel: alleen daar zijn UiTPAS-activiteiten. "
        "Deel een locatie in Vlaanderen of Brussel, of zoek op woorden, zoals "
        "<code>/events Gent</code>."
    ),
    "events_none_near": (
        "Ik vond geen UiTPAS-activiteiten binnen {km} km van die plek. Probeer een andere "
        "plek, of zoek op woorden: <code>/events theater</code>."
    ),
    "events_none_words": (
        "Ik vond geen UiTPAS-activiteiten voor “{words}”. Probeer andere of minder woorden."
    ),
    "events_none_page": "Deze pagina is er niet meer: de lijst is intussen korter.",
    "events_empty_search": (
        "Waarnaar zal ik zoeken? Typ woorden na /events, bijvoorbeeld "
        "<code>/events concert</code> of <code>/events dit weekend</code>, of deel je "
        "locatie met de knop 📍."
    ),
    "events_silent": (
        "De UiTdatabank-agenda antwoordt nu niet, dus ik kan geen activiteiten tonen. Probeer "
        "het zo meteen opnieuw; punten sparen met een foto werkt gewoon."
    ),
    "events_location_gone": (
        "Deel je locatie opnieuw: ik bewaar ze niet, en het bericht met je locatie is er niet meer."
    ),
    "events_search_gone": (
        "Zoek opnieuw met /events: het bericht met je zoekwoorden is er niet meer."
    ),
    "events_button_gone": "Die knop werkt niet meer.",
    "events_gone": "Die activiteit staat niet (meer) in de UiTPAS-agenda.",
    "events_detail_title": "<b>{title}</b>",
    "events_detail_when": "🗓 {when}",
    "events_detail_place": "📍 {place}",
    "events_detail_address": "     {address}",
    "events_detail_organiser": "🏢 Organisator: {organiser}",
    "events_detail_price": "💶 Prijs: € {price}",
    "events_detail_free": "💶 Gratis",
    "events_detail_kansentarief": "💶 Met je kansentarief: € {price}",
    "events_detail_cancelled": "❌ Deze activiteit is geannuleerd of uitgesteld.",
    "events_button_link": "🔗 Meer op UiTinVlaanderen",
    "events_button_announce": "📣 Aankondigen in een groep",
    "events_announce_preview": (
        "📣 <b>Deze activiteit aankondigen?</b>\n\n<b>{title}</b>\n🗓 {when}\n📍 {place}\n\n"
        "Klopt het? Tik op ✅, of op ✏️ om het eerst aan te passen."
    ),
    "events_announce_confirm": "✅ Aankondigen",
    "events_announce_edit": "✏️ Aanpassen",
    "events_announce_edit_text": (
        "Kopieer deze regel, pas aan wat niet klopt en stuur hem:\n\n<code>{line}</code>"
    ),
    "events_announce_no_start": (
        "Deze activiteit loopt al of heeft geen vaste start. Kondig ze zelf aan met "
        "<code>/announce {title} | dag uur | plaats</code>."
    ),
    "events_announce_done_toast": "Aangekondigd.",
    "inline_description": "{when} · {place}",
    "inline_message": (
        "🎟 <b>{title}</b>\n🗓 {when}\n📍 {place}\n\nEen UiTPAS-activiteit: spaar er een punt."
    ),
    "inline_open_bot": "🎟 Meer in de UiTPAS-bot",
    "inline_search_in_bot": "Zoek UiTPAS-activiteiten in de bot",
    # Rewards: online omruilen, al omgeruild, geschiedenis, kansentarief en coupons (issue 17)
    "command_history": "Je spaargeschiedenis: punten gespaard en omgeruild",
    "redeem_button": "🛒 Online omruilen",
    "redeem_offer_title": "🛒 <b>{title}</b> omruilen?",
    "redeem_offer_cost_one": "Dit kost <b>{count} punt</b> van je UiTPAS {masked}.",
    "redeem_offer_cost_other": "Dit kost <b>{count} punten</b> van je UiTPAS {masked}.",
    "redeem_offer_after_one": "Je hebt nu {total} punten; daarna blijft er {count} punt over.",
    "redeem_offer_after_other": (
        "Je hebt nu {total} punten; daarna blijven er {count} punten over."
    ),
    "redeem_offer_expired": "⌛ Die bevestiging was verlopen. Kijk het nog eens na:",
    "redeem_confirm_button": "✅ Ja, bevestig",
    "redeem_cancel_button": "✖️ Annuleer",
    "redeem_cancelled": "Omruilen geannuleerd. Er zijn geen punten gebruikt.",
    "redeem_done": "🎉 Omgeruild: <b>{title}</b>",
    "redeem_code": "Je code: <code>{code}</code>",
    "redeem_total_one": "Je hebt nu nog {count} punt.",
    "redeem_total_other": "Je hebt nu nog {count} punten.",
    "redeem_repeated": (
        "Dit voordeel is met deze bevestiging al omgeruild: er zijn geen punten meer gebruikt. "
        "Hier is je code opnieuw."
    ),
    "redeem_recovered": "UiTPAS antwoordde niet meteen, maar je omruiling is gelukt.",
    "redeem_running": "⏳ Even geduld: dit voordeel wordt al omgeruild.",
    "redeem_unknown": (
        "⌛ UiTPAS antwoordde niet, en we weten nog niet of het omruilen gelukt is. We proberen "
        "het niet zomaar opnieuw. Tik over een minuut nog eens op bevestig: we kijken dan eerst "
        "na of het al gebeurde."
    ),
    "redeem_not_sent": (
        "UiTPAS is nu niet bereikbaar. Er is niets omgeruild en er zijn geen punten gebruikt. "
        "Probeer het straks opnieuw."
    ),
    "redeem_legacy": (
        "Online omruilen in de chat kan niet met deze UiTPAS-koppeling (de oude UiTPAS-API). "
        "Ruil je voordeel om aan de balie."
    ),
    "redeem_not_online": "Dit voordeel ruil je niet online om: dat doe je aan de balie.",
    "redeem_refused_points": "Je hebt niet genoeg punten om dit voordeel om te ruilen.",
    "redeem_refused_sold_out": "Dit voordeel is uitverkocht: er is niets omgeruild.",
    "redeem_refused_limit": (
        "Je hebt dit voordeel al zo vaak omgeruild als mag in deze periode. Later kan het weer."
    ),
    "redeem_refused_period": "Dit voordeel kan je nu niet omruilen: de omruilperiode is voorbij.",
    "redeem_refused_card": "Met deze UiTPAS kan je dit voordeel niet omruilen.",
    "redeem_refused_region": "Dit voordeel geldt niet in jouw UiTPAS-regio.",
    "redeem_refused_other": "UiTPAS heeft het omruilen geweigerd. Er zijn geen punten gebruikt.",
    "redeemed_button": "🧾 Al omgeruild",
    "redeemed_header": "🧾 <b>Al omgeruild</b> met je UiTPAS {masked}:",
    "redeemed_none": "Je hebt nog niets omgeruild.",
    "redeemed_line": "• {when} – {title}",
    "redeemed_line_code": "• {when} – {title}: code <code>{code}</code>",
    "redeemed_legacy": (
        "Wat je al omruilde kan deze bot niet opvragen met de oude UiTPAS-API. Je vindt het in "
        "de UiTPAS-app."
    ),
    "history_header": "📜 <b>Je spaargeschiedenis</b> ({masked}):",
    "history_header_own": (
        "📜 <b>Je check-ins via deze bot</b> ({masked}). Met de oude UiTPAS-API kent de bot "
        "alleen de check-ins die via hem gebeurden, geen omruilingen: je volledige geschiedenis "
        "staat in de UiTPAS-app."
    ),
    "history_none": "Nog niets in je geschiedenis.",
    "history_line_saved_one": "• {when} – {title}{place}: +{count} punt",
    "history_line_saved_other": "• {when} – {title}{place}: +{count} punten",
    "history_line_spent_one": "• {when} – {title}{place}: −{count} punt",
    "history_line_spent_other": "• {when} – {title}{place}: −{count} punten",
    "history_line_uncertain": "• {when} – {title}{place}: ❔ nog niet zeker",
    "tariff_active_until": "🤝 Kansentarief: geldig tot {end}.",
    "tariff_active": "🤝 Kansentarief: actief.",
    "tariff_grace": (
        "🤝 Kansentarief: de einddatum ({end}) is voorbij, maar je krijgt nog even kansentarief. "
        "Verleng het snel bij je UiTPAS-balie of het OCMW."
    ),
    "tariff_expired_on": (
        "🤝 Kansentarief: verlopen sinds {end}. Vraag bij je UiTPAS-balie of het OCMW of je "
        "het kan verlengen."
    ),
    "tariff_expired": (
        "🤝 Kansentarief: verlopen. Vraag bij je UiTPAS-balie of het OCMW of je het kan verlengen."
    ),
    "coupons_header": "🎟️ Je coupons:",
    "coupon_line": "• {name}",
    "coupon_line_until": "• {name}: geldig tot {end}",
    "coupon_line_left_until_one": "• {name}: nog {count} keer, geldig tot {end}",
    "coupon_line_left_until_other": "• {name}: nog {count} keer, geldig tot {end}",
    "redeem_not_allowed": (
        "🔒 UiTPAS staat deze bot niet toe voordelen om te ruilen. Er is niets omgeruild; de "
        "beheerder is verwittigd."
    ),
    "privacy_kind_redemptions": (
        "Dat je een voordeel online omruilde via de bot (een vingerafdruk van je UiTPAS, het "
        "voordeel en het nummer van de omruiling bij UiTPAS, nooit je code): één dag, zodat "
        "een dubbele tik nooit twee keer omruilt."
    ),
    "privacy_name_redemptions": "omruilingen van de laatste dag",
    "section_button_all": "📋 Alles ({count})",
    "section_button_spotlight": "⭐ In de kijker ({count})",
    "section_button_last_chance": "⏳ Laatste kans ({count})",
    "section_button_online": "🛒 Online ({count})",
    "section_title_spotlight": "⭐ <b>In de kijker</b>",
    "section_title_last_chance": "⏳ <b>Laatste kans</b>: binnenkort niet meer om te ruilen",
    "section_title_online": "🛒 <b>Online</b>: om te ruilen hier in de chat, met een code",
    "section_button_welcome": "🎁 Welkomstvoordelen",
    "section_button_near": "📍 In de buurt",
    "section_title_welcome": "🎁 <b>Welkomstvoordelen</b> die je nog kan krijgen",
    "section_title_near": "📍 <b>In de buurt</b>: bij organisatoren in jouw postcode",
    # Mini App (issue 18)
    "mini_app_button": "📷 Scan",
    "mini_app_offer": "Of scan de QR-code live met je camera: tik op 📷 Scan.",
    "mini_app_title": "UiTPAS-bot",
    "mini_app_scan": "📷 Scan de QR-code",
    "mini_app_scan_hint": "Richt je camera op de check-in QR-code",
    "mini_app_intro": (
        "Scan de check-in QR-code op de activiteit: de bot checkt je in en zet het antwoord "
        "ook in de chat."
    ),
    "mini_app_linked": "Gekoppeld: {masked}",
    "mini_app_not_linked": "Nog geen UiTPAS gekoppeld: koppel je kaart eerst in de chat (/link).",
    "mini_app_busy": "Bezig met inchecken…",
    "mini_app_unsupported": (
        "Je Telegram-app kan hier geen QR-codes scannen. Stuur in de chat een foto van de "
        "check-in QR-code: dat werkt even goed."
    ),
    "mini_app_in_chat": "Het antwoord staat ook in de chat.",
    "mini_app_failed": "Dat lukte niet (de verbinding?). Probeer opnieuw.",
    "mini_app_refused": (
        "Deze app moet je openen vanuit de bot in Telegram. Sluit hem en open hem opnieuw."
    ),
    "mini_app_spotlight_in_chat": (
        "🎁 De voordelen in de kijker staan in de chat: tik daar op een knop."
    ),
    "mini_app_login_in_chat": (
        "🔑 Je aanmelding bij UiTiD is verlopen of ingetrokken, dus er is nog geen punt "
        "gespaard. Meld je opnieuw aan met de knop in de chat; daarna check ik deze code meteen "
        "in, zonder nieuwe scan."
    ),
    # Family (issue 16)
    "command_family": "Je gezin: wie je mee incheckt",
    "command_card": "Je UiTPAS als barcode, voor de scanner",
    "family_you": "Jij",
    "family_header": "👨‍👩‍👧 <b>Je gezin</b>",
    "family_member_one": "• {name} ({masked}): {count} punt",
    "family_member_other": "• {name} ({masked}): {count} punten",
    "family_member_no_points": "• {name} ({masked})",
    "family_points_header": "👨‍👩‍👧 <b>Je gezin</b>",
    "family_alone": "Er staat nog niemand anders in je gezin.",
    "family_lives_at_uitpas": (
        "Je gezin staat bij UiTPAS: wat je hier verandert, zie je ook in de UiTPAS-app."
    ),
    "family_usage_v4": (
        "Iemand toevoegen: <code>/family add &lt;UiTPAS-nummer&gt; &lt;geboortedatum&gt;</code>, "
        "bv. <code>/family add 0900 0119 0341 7 17/02/2015</code>, of stuur alleen "
        "<code>/family add</code>. Iemand verwijderen: "
        "<code>/family remove &lt;voornaam&gt;</code>."
    ),
    "family_usage_legacy": (
        "Een kaart toevoegen: <code>/family add &lt;UiTPAS-nummer&gt; &lt;voornaam&gt;</code>, "
        "bv. <code>/family add 0930 0000 0011 5 Bo</code>, of stuur alleen "
        "<code>/family add</code>. Verwijderen: <code>/family remove &lt;voornaam&gt;</code>; "
        "hernoemen: <code>/family rename &lt;voornaam&gt; &lt;nieuwe naam&gt;</code>."
    ),
    "family_ask_number": "Wat is het UiTPAS-nummer van wie je wilt toevoegen?",
    "family_ask_number_hint": "0900 0119 0341 7",
    "family_ask_birth_date": (
        "En de geboortedatum van die persoon (dd/mm/jjjj)? Ik geef hem één keer door aan UiTPAS "
        "en bewaar hem niet."
    ),
    "family_ask_birth_date_hint": "17/02/2015",
    "family_ask_name": "Onder welke voornaam wil je die kaart zien?",
    "family_ask_name_hint": "Bo",
    "family_draft_missing": "Ik weet niet meer welk nummer je wilde toevoegen. Begin opnieuw.",
    "family_added": "✅ {name} ({masked}) hoort nu bij je gezin.",
    "family_birth_date_invalid": (
        "Dat is geen geldige geboortedatum. Schrijf hem als dd/mm/jjjj, bv. 17/02/2015."
    ),
    "family_name_invalid": (
        "Geef een voornaam van hoogstens 32 letters, die nog niet in je gezin voorkomt."
    ),
    "family_birth_date_mismatch": (
        "UiTPAS kent geen kaart {masked} met die geboortedatum. Kijk het nummer en de datum na."
    ),
    "family_already": "{masked} hoort al bij je gezin.",
    "family_full_one": "Je gezin is vol: er kan hoogstens {count} kaart bij.",
    "family_full_other": "Je gezin is vol: er kunnen hoogstens {count} kaarten bij één account.",
    "family_TOO_MANY_FAMILY_MEMBERS": (
        "Je gezin heeft al het maximum aantal leden: {masked} kan er niet meer bij."
    ),
    "family_TOO_MANY_ADULTS_IN_FAMILY": (
        "Je gezin heeft al het maximum aantal volwassenen: {masked} kan er niet bij."
    ),
    "family_UNKNOWN_UITPASNUMBER": "UiTPAS kent de kaart {masked} niet.",
    "family_PARSE_INVALID_UITPASNUMBER": "UiTPAS aanvaardt het nummer {masked} niet.",
    "family_LOGIN_REQUIRED": "Meld je eerst opnieuw aan met /link: je aanmelding is verlopen.",
    "family_not_found": (
        "Ik vind niemand die „{name}” heet in je gezin. Stuur /family voor de lijst."
    ),
    "family_removed": "{name} hoort niet meer bij je gezin.",
    "family_renamed": "{old} heet nu {new}.",
    "family_rename_v4": ("De namen in je gezin komen van UiTPAS zelf; die kan ik niet veranderen."),
    "family_who": "👨‍👩‍👧 Wie is er bij je? Tik aan wie je meeneemt en check dan in.",
    "family_go": "▶️ Nu inchecken ({count})",
    "family_nobody_chosen": "Kies eerst wie er bij is.",
    "family_chooser_used": "Met deze keuze is al ingecheckt: niemand wordt twee keer ingecheckt.",
    "family_chooser_stale": (
        "Deze keuze is te oud: de code van die foto geldt niet meer. Stuur een nieuwe foto."
    ),
    "family_chooser_gone": "Deze keuze bestaat niet meer. Stuur de foto opnieuw.",
    "family_checking_in_done": "👨‍👩‍👧 Ingecheckt: het antwoord staat hieronder.",
    "family_result_for": "<b>{name}</b>",
    "family_private_only": (
        "Je gezin en je kaart toon ik alleen in een privégesprek met mij, niet in een groep."
    ),
    "family_unlinked_v4": (
        "Wat ik over je gezin bijhield, is ook gewist. Je gezin zelf staat bij UiTPAS en blijft "
        "bestaan."
    ),
    "family_unlinked_legacy": "Ook de kaarten van je gezin zijn vergeten.",
    "card_caption": "🪪 De UiTPAS van {name} ({masked}). Hou de barcode onder de scanner.",
    "card_button": "🪪 Kaart van {name}",
    "card_not_found": "Die persoon hoort niet meer bij je gezin. Stuur /card opnieuw.",
    "privacy_kind_family_cards": (
        "De kaarten van je gezin die je toevoegde (nummer en voornaam): om ze mee in te checken. "
        "Nooit een geboortedatum. Tot /unlink."
    ),
    "privacy_kind_family_choices": "Wie je de vorige keer meenam bij het inchecken: tot /unlink.",
    "privacy_kind_family_checkin_prompts": (
        "De keuze „wie is er bij je?” onder een foto, met de code: hoogstens 6 uur."
    ),
    "privacy_kind_family_drafts": (
        "Het nummer dat je stap voor stap aan je gezin toevoegt: tot je antwoordt, hoogstens "
        "een uur."
    ),
    "privacy_name_family_cards": "kaarten van je gezin",
    "privacy_name_family_choices": "wie je vorige keer meenam",
    "privacy_name_family_checkin_prompts": "keuzes „wie is er bij je?”",
    "privacy_name_family_drafts": "een gezinslid in wording",
    # Polish, bot side (issue 15: card status, check-in window, promotions, limits, groups)
    "link_card_blocked": (
        "⚠️ Let op: UiTPAS zegt dat deze kaart geblokkeerd is. Zolang dat zo is, kun je er geen "
        "punten mee sparen of omruilen. Meestal wordt een kaart geblokkeerd als ze verloren of "
        "gestolen is gemeld. Vraag aan een UiTPAS-balie om ze te deblokkeren, of vraag er een "
        "nieuwe kaart en koppel dan dat nummer met /link."
    ),
    "link_card_inactive": (
        "⚠️ Let op: UiTPAS zegt dat deze kaart (nog) niet actief is, bijvoorbeeld omdat ze nog "
        "niet is uitgereikt. Zolang dat zo is, kun je er geen punten mee sparen of omruilen. "
        "Een UiTPAS-balie kan ze activeren."
    ),
    "link_card_deleted": (
        "🚫 Ik heb de UiTPAS {masked} niet gekoppeld: UiTPAS zegt dat deze kaart verwijderd is, "
        "dus ze werkt nergens meer. Heb je een nieuwe kaart? Koppel dan die met /link. Een "
        "UiTPAS-balie kan je verder helpen."
    ),
    "linked_card_problem": "Je UiTPAS {masked} is gekoppeld.",
    "login_linked_card_problem": "Je bent aangemeld; je UiTPAS {masked} is gekoppeld.",
    "checkin_not_open_yet": (
        "⌛ Inchecken bij <b>{event}</b> kan nog niet: dat kan vanaf {when} (5 uur voor de "
        "start). Er is geen punt gespaard; stuur de foto dan opnieuw."
    ),
    "checkin_closed": (
        "⌛ Inchecken bij <b>{event}</b> kan niet meer: dat kon tot {when} (5 uur na de "
        "start). Er is geen punt gespaard."
    ),
    "promotion_not_yet": "⏳ Nog niet om te ruilen: dat kan vanaf {begin}.",
    "promotion_no_longer": "⏳ Niet meer om te ruilen: dat kon tot {end}.",
    "promotion_how_at": "📍 Omruilen doe je bij {places}: toon daar je UiTPAS.",
    "button_back_to_list": "◀️ Terug naar de lijst",
    "answered_privately": (
        "📬 {name}, ik heb je privé geantwoord, zodat je UiTPAS-gegevens niet in de groep komen."
    ),
    "link_in_group_not_deleted": (
        "⚠️ Je stuurde je UiTPAS-nummer in <b>{group}</b>. Ik kon dat bericht niet verwijderen "
        "(ik ben daar geen beheerder), dus iedereen in de groep kan het zien. Verwijder het zelf: "
        "houd het bericht ingedrukt en kies Verwijderen. Koppel je kaart hier, in dit "
        "privégesprek."
    ),
    "link_in_group_delete_yourself": (
        "Verwijder je bericht met je nummer zelf: ik kan dat hier niet (ik ben geen beheerder)."
    ),
    "admin_error_in_group": "In <b>{group}</b>:",
    # --- notify ---
    "command_notifications": "Meldingen: punten genoeg, laatste kans, kansentarief",
    "notify_settings": (
        "🔔 <b>Meldingen</b>\nIk laat je weten wat de UiTPAS-app nooit zegt. Tik om aan of uit "
        "te zetten. Nooit tussen de stille uren, hoogstens één bericht per dag."
    ),
    "notify_settings_legacy": "Deze UiTPAS-koppeling kent alleen je punten en de voordelen.",
    "notify_not_linked": "🔔 Koppel eerst je UiTPAS met /link; daarna kan je meldingen kiezen.",
    "notify_kind_reach": "Genoeg punten voor een voordeel",
    "notify_kind_last_chance": "Laatste kans op een voordeel",
    "notify_kind_tariff": "Kansentarief loopt af",
    "notify_kind_coupons": "Coupon vervalt",
    "notify_kind_welcome": "Welkomstvoordeel",
    "notify_offer": (
        "🔔 Zal ik je een seintje geven als je genoeg punten hebt voor een voordeel, als een "
        "voordeel bijna afloopt, of als je kansentarief of een coupon vervalt? Ik stuur niets "
        "voor je ja zegt. Kiezen per soort kan met /notifications."
    ),
    "notify_offer_yes": "🔔 Ja, zet de meldingen aan",
    "notify_saved_toast": "Opgeslagen",
    "notify_digest_title": "🔔 <b>Nieuws over je UiTPAS</b>",
    "notify_reach_line": "✅ Je hebt genoeg punten voor <b>{title}</b> ({points} punten).",
    "notify_last_chance_line": "⏳ <b>{title}</b> kan je nog omruilen tot {end}.",
    "notify_tariff_ending": (
        "🤝 Je kansentarief loopt af op {end}. Vraag tijdig een verlenging aan bij je UiTPAS-balie."
    ),
    "notify_tariff_grace": (
        "🤝 De einddatum van je kansentarief ({end}) is voorbij: je krijgt het nog even, maar "
        "verleng het nu bij je UiTPAS-balie."
    ),
    "notify_tariff_expired": (
        "🤝 Je kansentarief is verlopen. Bij je UiTPAS-balie hoor je of je het opnieuw kan krijgen."
    ),
    "notify_tariff_uitpas_says": "UiTPAS zegt: {said}",
    "notify_coupon_line": "🎟️ Je coupon <b>{title}</b> vervalt op {end}.",
    "notify_welcome_line": "🎁 Welkomstvoordeel dat je nog kan krijgen: <b>{title}</b>.",
    "notify_more": "… en nog {count}.",
    "notify_stop_button": "🔕 Stop: {kind}",
    "notify_stopped_toast": "Uitgezet: {kind}",
    "notify_wish_button": "⭐ Zeg het me als ik dit kan krijgen",
    "notify_wish_remove_button": "⭐ Niet meer op mijn wensenlijst",
    "notify_wish_added_toast": "⭐ Ik zeg het je zodra je genoeg punten hebt.",
    "notify_wish_removed_toast": "Van je wensenlijst gehaald.",
    "notify_for_member": "👤 Voor {name}:",
    "privacy_kind_notify_subscriptions": (
        "Welke meldingen je aanzette: tot je ze uitzet, /unlink of /forget."
    ),
    "privacy_kind_notify_wishes": "De voordelen die je ⭐ markeerde: tot /unlink of /forget.",
    "privacy_kind_notify_told": (
        "Wat ik je al meldde (welk voordeel, welke einddatum), zodat ik niets twee keer zeg: "
        "tot /unlink of /forget."
    ),
    "privacy_kind_notify_schedule": (
        "Wanneer ik weer bij UiTPAS kijk voor je meldingen, en de dag van je laatste bericht."
    ),
    "privacy_kind_notify_held": (
        "Meldingen die nog wachten (stille uren, één bericht per dag), en verstuurde: "
        "hoogstens 30 dagen."
    ),
    "privacy_name_notify_subscriptions": "soorten meldingen",
    "privacy_name_notify_wishes": "⭐ wensen",
    "privacy_name_notify_told": "meldingen die je al kreeg",
    "privacy_name_notify_schedule": "een planning voor je meldingen",
    "privacy_name_notify_held": "wachtende of verstuurde meldingen",
    # --- member ---
    "member_tab": "👤 {name}",
    "member_tab_current": "▸ {name}",
    "history_header_member": "📜 <b>Spaargeschiedenis van {name}</b> ({masked}):",
    "redeemed_header_member": "🧾 <b>Al omgeruild</b> door {name}, met UiTPAS {masked}:",
    "redeem_whose_title_one": "🛒 <b>{title}</b> ({count} punt): met wiens punten omruilen?",
    "redeem_whose_title_other": "🛒 <b>{title}</b> ({count} punten): met wiens punten omruilen?",
    "redeem_whose_can_one": "✅ {name}: {count} punt",
    "redeem_whose_can_other": "✅ {name}: {count} punten",
    "redeem_whose_cannot": "✖️ {name}: {reason}",
    "redeem_whose_button": "🛒 Met de punten van {name}",
    "redeem_whose_nobody": "Niemand in je gezin kan dit voordeel nu omruilen.",
    "redeem_with_points_of": "👤 Met de punten van <b>{name}</b>.",
    "redeem_offer_cost_member_one": "Dit kost <b>{count} punt</b> van UiTPAS {masked}.",
    "redeem_offer_cost_member_other": "Dit kost <b>{count} punten</b> van UiTPAS {masked}.",
    "redeem_offer_after_member_one": (
        "{name} heeft nu {total} punten; daarna blijft er {count} punt over."
    ),
    "redeem_offer_after_member_other": (
        "{name} heeft nu {total} punten; daarna blijven er {count} punten over."
    ),
    "redeem_total_member_one": "{name} heeft nu nog {count} punt.",
    "redeem_total_member_other": "{name} heeft nu nog {count} punten.",
    "redeem_refused_member": "👤 Met de punten van <b>{name}</b>:",
    "points_member_header": "👤 <b>{name}</b>",
    "redeem_login_required": (
        "🔑 Je aanmelding bij UiTiD is verlopen of ingetrokken, dus er is niets omgeruild. "
        "Tik /link om opnieuw aan te melden."
    ),
    "member_gone": "Dat gezinslid hoort niet meer bij je gezin: er is niets gedaan.",
    # --- family3 ---
    "family_usage_v4_more": (
        "Een icoon kiezen: <code>/family icon &lt;voornaam&gt;</code> of 🎨 hieronder. Het gezin "
        "van iemand anders verlaten: <code>/family leave</code>."
    ),
    "family_also_in": "🏠 Je hoort ook bij het gezin van {name}.",
    "family_also_in_since": "🏠 Je hoort ook bij het gezin van {name} (sinds {since}).",
    "family_icon_button": "🎨 {name}",
    "family_leave_button": "🚪 Verlaat het gezin van {name}",
    "family_leave_confirm": (
        "Verlaat het gezin van {name}? Je kaart en je punten blijven van jou, maar {name} kan je "
        "dan niet meer mee inchecken."
    ),
    "family_leave_yes": "✅ Ja, verlaat",
    "family_leave_no": "❌ Nee",
    "family_leave_kept": "Goed, je blijft in dat gezin.",
    "family_leave_which": (
        "Je hoort bij meer dan één gezin ({names}). Welk wil je verlaten? Stuur "
        "<code>/family leave &lt;voornaam&gt;</code>."
    ),
    "family_leave_none": "Niemand anders heeft je aan zijn of haar gezin toegevoegd.",
    "family_leave_not_found": "Je hoort niet bij een gezin van „{name}”.",
    "family_left": "🚪 Je hoort niet meer bij het gezin van {name}.",
    "family_leave_forbidden": "UiTPAS laat je het gezin van {name} niet verlaten.",
    "family_leave_gone": (
        "UiTPAS vindt je niet (meer) in het gezin van {name}: misschien ben je er al uit."
    ),
    "family_leave_refused": "UiTPAS weigerde dat je het gezin van {name} verlaat.",
    "family_leave_legacy": (
        "Met deze UiTPAS houd ik de kaarten van een gezin zelf bij, op het account dat ze "
        "toevoegde: er is geen gezin om te verlaten. Wie jouw kaart toevoegde, kan die weghalen "
        "met <code>/family remove</code>."
    ),
    "family_icon_legacy": (
        "Met deze UiTPAS hebben de kaarten van je gezin geen icoon; een andere naam geven kan: "
        "<code>/family rename &lt;voornaam&gt; &lt;nieuwe naam&gt;</code>."
    ),
    "family_icon_pick": "🎨 Kies een icoon voor {name}:",
    "family_icon_changed": "{icon} {name} heeft een nieuw icoon.",
    "family_icon_invalid": "Dat icoon ken ik niet. Kies een van de iconen onder het bericht.",
    # --- miniapp2 ---
    "mini_app_tab_scan": "📷 Scan",
    "mini_app_tab_card": "🪪 Kaart",
    "mini_app_tab_rewards": "🎁 Voordelen",
    "mini_app_card_previous": "‹ Vorige",
    "mini_app_card_next": "Volgende ›",
    "mini_app_card_hint": "Hou de barcode onder de scanner. Veeg voor de kaart van je gezin.",
    "mini_app_back": "◀️ Terug",
    "mini_app_redeem_in_chat": "De code staat ook in de chat.",
    "mini_app_family_in_chat": "Het resultaat staat ook in de chat.",
}
