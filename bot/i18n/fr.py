"""Messages en français (de Belgique), pour les Bruxellois de Paspartoe, l'UiTPAS de Bruxelles.

Keys and placeholders match nl.py (a test checks every catalogue in ``CATALOGUES``). The tone
follows the Dutch: informal ("tu", as Paspartoe speaks to its holders), short sentences. UiTPAS's
own French words: "avantages" (omruilvoordelen), "épargner des points", "guichet UiTPAS"
(balie), "tarif réduit". Type ordinary spaces before ``: ; ? !`` and inside « »: ``_spaced``
turns them into the no-break spaces French typography wants, so Telegram never puts a lone
"?" at the start of a line.
"""

import re

_BEFORE_PUNCTUATION = re.compile(r" ([:;?!»])")
_AFTER_GUILLEMET = re.compile(r"« ")


def _spaced(messages: dict[str, str]) -> dict[str, str]:
    return {
        key: _AFTER_GUILLEMET.sub("«\u00a0", _BEFORE_PUNCTUATION.sub("\u00a0\\1", text))
        for key, text in messages.items()
    }


_WRITTEN: dict[str, str] = {
    # Commands in the menu (setMyCommands); plain text, no HTML.
    "command_start": "Commence ici : ce que fait ce bot",
    "command_help": "Aide et toutes les commandes",
    "command_link": "Lie ton numéro UiTPAS",
    "command_unlink": "Délie ton UiTPAS et efface tes données",
    "command_points": "Tes points et tes derniers check-ins",
    "command_promotions": "Ce que tu peux obtenir avec tes points",
    # Greeting and help.
    "start": (
        "Bonjour {name} ! 👋 Avec ce bot, tu épargnes tes points UiTPAS avec une photo.\n\n"
        "<b>1.</b> Lie ta carte : envoie ton numéro UiTPAS (13 chiffres, au dos de ta carte).\n"
        "<b>2.</b> À une activité : envoie une photo du code QR de check-in.\n\n"
        "Je te dis tout de suite combien de points tu as épargnés et ce que tu peux en faire."
    ),
    "start_login": (
        "Bonjour {name} ! 👋 Avec ce bot, tu épargnes tes points UiTPAS avec une photo.\n\n"
        "<b>1.</b> Lie ta carte : appuie sur /link et connecte-toi avec ton UiTiD.\n"
        "<b>2.</b> À une activité : envoie une photo du code QR de check-in.\n\n"
        "Je te dis tout de suite combien de points tu as épargnés et ce que tu peux en faire."
    ),
    "start_linked": (
        "Bonjour {name} ! 👋 Ton UiTPAS {masked} est lié.\n\n"
        "À une activité : envoie une photo du code QR de check-in et j'épargne ton point."
    ),
    "help": (
        "<b>Comment épargner des points</b>\n"
        "<b>1.</b> Lie ta carte : envoie ton numéro UiTPAS (13 chiffres), ou /link suivi de "
        "ton numéro.\n"
        "<b>2.</b> À l'activité, envoie une photo du code QR de check-in. Si la photo ne marche "
        "pas, envoie l'image comme fichier.\n\n"
        "<b>Commandes</b>\n"
        "/start – commence ici\n"
        "/link 0930 0568 7880 2 – lie ton UiTPAS\n"
        "/points – tes points et tes derniers check-ins\n"
        "/promotions – ce que tu peux obtenir avec tes points\n"
        "/unlink – délie ton UiTPAS et efface tes données chez ce bot\n"
        "/privacy – ce que je garde sur toi\n"
        "/forget – efface tout ce que je garde sur toi\n"
        "/help – cette aide"
    ),
    "private_only": (
        "Je préfère faire ça en conversation privée, pour que tes données UiTPAS n'apparaissent "
        "pas dans le groupe. Appuie sur le bouton ci-dessous."
    ),
    "open_private_chat": "Ouvrir la conversation privée",
    # Linking.
    "link_usage": (
        "Mets ton numéro UiTPAS après la commande, par exemple :\n/link 0930 0568 7880 2"
    ),
    "number_not_digits": (
        "Un numéro UiTPAS n'a que des chiffres (les espaces et les points sont permis) : y a-t-il "
        "une lettre dans ce que tu as tapé, un O pour un 0 ou un I pour un 1 ? Vérifie et "
        "réessaie."
    ),
    "number_too_short": (
        "Ça fait {count} chiffres ; un numéro UiTPAS en a 13. "
        "Regarde au dos de ta carte et réessaie."
    ),
    "number_too_long": (
        "Ça fait {count} chiffres ; un numéro UiTPAS en a 13. "
        "Regarde au dos de ta carte et réessaie."
    ),
    "number_check_digit": (
        "Ce numéro n'est pas correct : le dernier chiffre est un chiffre de contrôle et il ne "
        "correspond pas au reste. Un chiffre a sans doute été mal tapé ; réessaie."
    ),
    "linked": (
        "✅ Ton UiTPAS {masked} est lié.\n"
        "À une activité, envoie une photo du code QR de check-in pour épargner un point."
    ),
    "linked_checking_pending": (
        "✅ Ton UiTPAS {masked} est lié. Je fais maintenant le check-in de ton code QR…"
    ),
    "unlinked": (
        "Ton UiTPAS {masked} est délié et ton historique de check-ins chez ce bot est effacé."
    ),
    # /link while another card is linked: named (masked), and replaced only after a tap.
    "link_current": (
        "Ton UiTPAS {masked} est lié. Lier une autre carte ? Mets le nouveau numéro après la "
        "commande, par exemple :\n/link 0930 0568 7880 2"
    ),
    "relink_question": (
        "Ton UiTPAS {current} est déjà lié. Veux-tu le remplacer par {new} ? Tes points chez "
        "UiTPAS restent sur chaque carte."
    ),
    "relink_yes": "Oui, lier {new}",
    "relink_no": "Non, garder {current}",
    "relink_replacing": "D'accord, je lie ta nouvelle carte.",
    "relink_kept": "D'accord, ton UiTPAS {masked} reste lié.",
    "relink_gone": (
        "Je ne retrouve plus le nouveau numéro (ton message a-t-il été effacé ?). Renvoie /link "
        "avec le numéro."
    ),
    "login_prompt_linked": (
        "Ton UiTPAS {masked} est lié pour le moment ; une autre connexion le remplace."
    ),
    # Linking with a UiTiD login (UITPAS_API=v4).
    "login_prompt": (
        "Lie ton UiTPAS en te connectant avec ton UiTiD (ton compte uitpas.be). "
        "Le bouton est valable 10 minutes."
    ),
    "login_button": "Se connecter avec UiTiD",
    "login_linked": (
        "✅ Tu es connecté ; ton UiTPAS {masked} est lié.\n"
        "À une activité, envoie une photo du code QR de check-in pour épargner un point."
    ),
    "login_linked_checking_pending": (
        "✅ Tu es connecté ; ton UiTPAS {masked} est lié. Je fais maintenant le check-in de ton "
        "code QR…"
    ),
    "login_failed": "La connexion n'a pas marché. Appuie sur /link pour réessayer.",
    "login_no_uitpas": (
        "Tu es connecté, mais aucun UiTPAS (actif) n'est lié à ce compte UiTiD. "
        "Un guichet UiTPAS peut t'aider."
    ),
    "LOGIN_REQUIRED": (
        "🔑 Ta connexion UiTiD a expiré ou a été révoquée, donc aucun point n'a été épargné. "
        "Appuie sur /link pour te reconnecter, puis renvoie la photo."
    ),
    "LOGIN_REQUIRED_button": (
        "🔑 Ta connexion UiTiD a expiré ou a été révoquée, donc aucun point n'a encore été "
        "épargné. Reconnecte-toi avec le bouton ci-dessous ; ensuite je fais tout de suite le "
        "check-in de ce code, sans nouvelle photo."
    ),
    "uitpas_end_user_message": "🚫 {message}",
    "unlink_nothing": "Aucun UiTPAS n'est lié à ton compte Telegram.",
    "needs_link": (
        "Lie d'abord ton UiTPAS : envoie ton numéro UiTPAS (13 chiffres, au dos de ta carte)."
    ),
    "needs_login_code_kept": (
        "J'ai lu le code QR. 👍 Appuie maintenant sur /link et connecte-toi avec ton UiTiD ; "
        "ensuite je fais tout de suite le check-in de ce code, sans nouvelle photo."
    ),
    "needs_link_code_kept": (
        "J'ai lu le code QR. 👍 Envoie maintenant ton numéro UiTPAS (13 chiffres, au dos de ta "
        "carte) ; ensuite je fais tout de suite le check-in de ce code, sans nouvelle photo."
    ),
    # Reading the photo.
    "qr_not_found": (
        "Je ne trouve pas de code QR sur cette photo. Quelques conseils :\n"
        "• Remplis l'image avec le code QR, de près et bien en face.\n"
        "• Évite les reflets et les ombres sur le code.\n"
        "• Tiens ton téléphone immobile, pour que la photo soit nette.\n"
        "• Ça ne marche toujours pas ? Envoie la photo comme fichier (📎 → Fichier) : elle "
        "reste nette."
    ),
    "qr_ambiguous": (
        "Ce code QR peut se lire de deux façons, donc je ne devine pas. Reprends une photo, bien "
        "en face du code et de près."
    ),
    "qr_several": (
        "Il y avait {count} codes QR sur la photo ; j'ai utilisé celui du check-in UiTPAS."
    ),
    "image_unreadable": (
        "Je n'arrive pas à ouvrir cette image. Renvoie-la comme photo, ou comme fichier JPEG ou "
        "PNG."
    ),
    "file_not_image": ("Ce fichier n'est pas une image. Envoie une photo du code QR de check-in."),
    "file_too_big": (
        "Ce fichier fait {size} Mo ; je peux lire des fichiers jusqu'à 20 Mo. "
        "Envoie l'image comme photo, ou une version plus petite."
    ),
    "code_empty": ("Ce code QR est vide. Envoie une photo du code QR de check-in de l'activité."),
    "code_foreign_url": (
        "Ce code QR mène à un site web ({host}), pas à un check-in UiTPAS. "
        "Je n'ai pas ouvert le lien. Cherche le code QR avec le logo UiTPAS."
    ),
    "code_unusable": (
        "Ce code QR n'est pas un check-in UiTPAS. Cherche le code QR avec le logo UiTPAS à "
        "l'activité."
    ),
    # Check-in answers.
    "checkin_success_one": "✅ Tu as épargné {count} point à <b>{event}</b>{organiser}.",
    "checkin_success_other": "✅ Tu as épargné {count} points à <b>{event}</b>{organiser}.",
    "checkin_success_no_event_one": "✅ Tu as épargné {count} point.",
    "checkin_success_no_event_other": "✅ Tu as épargné {count} points.",
    "checkin_repeat_running": (
        "⏳ Tu viens déjà d'envoyer ce code ; ce check-in est encore en cours. La réponse arrive "
        "tout de suite."
    ),
    "checkin_repeat_saved_one": (
        "✅ Tu viens déjà de scanner ce code : il t'a fait épargner {count} point. "
        "Le renvoyer n'épargne rien de plus."
    ),
    "checkin_repeat_saved_other": (
        "✅ Tu viens déjà de scanner ce code : il t'a fait épargner {count} points. "
        "Le renvoyer n'épargne rien de plus."
    ),
    "organiser_suffix": " ({name})",
    "an_event": "cette activité",
    "total_one": "Tu as maintenant {count} point au total.",
    "total_other": "Tu as maintenant {count} points au total.",
    "spotlight_header": "🎁 À la une, appuie pour voir ce que tu peux en faire :",
    "promotion_button_one": "{title} · {count} point",
    "promotion_button_other": "{title} · {count} points",
    "CHECKIN_CODE_EXPIRED": (
        "⌛ Ce code de check-in n'est plus (ou pas encore) valable. Le check-in est possible de "
        "5 heures avant à 5 heures après l'activité. Aucun point n'a été épargné."
    ),
    "CHECKIN_CODE_EXPIRED_event": (
        "⌛ Le code de check-in de <b>{event}</b> n'est plus (ou pas encore) valable. Le "
        "check-in est possible de 5 heures avant à 5 heures après l'activité. Aucun point n'a "
        "été épargné."
    ),
    "CHECKIN_CODE_INVALID": (
        "❌ UiTPAS ne connaît pas ce code de check-in. Vérifie que tu as photographié le code QR "
        "de cette activité (avec le logo UiTPAS). Aucun point n'a été épargné."
    ),
    "GROUPPAS_NOT_ALLOWED": (
        "❌ Avec un pass de groupe, tu ne peux pas faire le check-in toi-même avec un code QR. "
        "Demande au guichet UiTPAS de l'organisateur."
    ),
    "PARSE_INVALID_UITPASNUMBER": (
        "❌ UiTPAS n'accepte pas ton numéro lié comme numéro UiTPAS. Lie à nouveau ta carte "
        "avec /link et ton numéro tel qu'il figure sur ta carte."
    ),
    "UNKNOWN_UITPASNUMBER": (
        "❌ UiTPAS ne connaît pas le numéro lié {masked}. Vérifie le numéro sur ta carte et "
        "lie ta carte à nouveau avec /link."
    ),
    "INVALID_CARD_STATUS_BLOCKED": (
        "🚫 Ton UiTPAS est bloqué, donc aucun point n'a été épargné. Ta carte est perdue ou "
        "volée ? Passe à un guichet UiTPAS pour une nouvelle carte."
    ),
    "INVALID_CARD_STATUS_DELETED": (
        "🚫 Cet UiTPAS n'existe plus (la carte a été supprimée). Tu as une nouvelle carte ? "
        "Lie alors ce numéro avec /link."
    ),
    "INVALID_CARD_STATUS": (
        "🚫 Ton UiTPAS n'est pas actif pour le moment, donc aucun point n'a été épargné. Un "
        "guichet UiTPAS peut t'aider."
    ),
    "checkin_other_code": (
        "🚫 UiTPAS n'a pas épargné de point. UiTPAS dit : <i>{message}</i>\n"
        "Réessaie plus tard ou demande à l'organisateur."
    ),
    "checkin_other_code_no_message": (
        "🚫 UiTPAS n'a pas épargné de point et n'a pas dit pourquoi. Réessaie plus tard ou "
        "demande à l'organisateur."
    ),
    "uitpas_refused_bot": (
        "UiTPAS refuse ce bot en ce moment : un réglage du côté de l'administrateur n'est pas "
        "correct. Aucun point n'a été épargné ; l'erreur est notée dans le journal de "
        "l'administrateur."
    ),
    # UiTPAS does not allow the bot an operation (v4: a 403; the permission is in the log).
    "not_allowed_PASSHOLDERS_SELF_CHECKIN": (
        "🔒 UiTPAS ne permet pas à ce bot de faire ton check-in, donc aucun point n'a été "
        "épargné. L'administrateur est prévenu ; en attendant, tu peux faire le check-in avec "
        "l'app UiTPAS."
    ),
    "not_allowed_PASSES_READ": (
        "🔒 UiTPAS ne permet pas à ce bot de lire tes points. L'administrateur est prévenu ; "
        "réessaie plus tard."
    ),
    "not_allowed_PASSHOLDERS_SELF_READ": (
        "🔒 Tu es connecté, mais UiTPAS ne permet pas à ce bot de consulter ton UiTPAS, donc il "
        "n'est pas lié. L'administrateur est prévenu ; réessaie plus tard avec /link."
    ),
    "not_allowed_REWARDS_READ": (
        "🔒 UiTPAS ne permet pas à ce bot de montrer cet avantage. L'administrateur est prévenu."
    ),
    "not_allowed_REWARDS_REDEEM": (
        "🔒 UiTPAS ne permet pas à ce bot de vérifier si tu peux échanger cet avantage "
        "maintenant. L'administrateur est prévenu ; au guichet, ils le savent à coup sûr."
    ),
    "not_allowed_other": "🔒 UiTPAS ne permet pas ça à ce bot. L'administrateur est prévenu.",
    "checkin_refused_unknown": (
        "UiTPAS n'a pas épargné de point et a refusé ce check-in. Réessaie plus tard ou demande "
        "à l'organisateur."
    ),
    "uitpas_no_answer": (
        "UiTPAS n'a pas répondu. Aucun point n'a été épargné ; réessaie dans une minute."
    ),
    "uitpas_outcome_unknown": (
        "UiTPAS n'a pas répondu à temps, donc je ne sais pas si ton point a été épargné. "
        "Réessaie dans une minute : si la première fois a quand même marché, UiTPAS le dira."
    ),
    # Promotions.
    "promotion_points_one": "Nécessaire : <b>{count} point</b>",
    "promotion_points_other": "Nécessaire : <b>{count} points</b>",
    "promotion_affordable": "✅ Tu as {total} points : assez pour échanger cet avantage.",
    "promotion_missing_one": "Tu as {total} points : il te manque encore {count} point.",
    "promotion_missing_other": "Tu as {total} points : il te manque encore {count} points.",
    "promotion_units_left_one": "Encore {count} disponible.",
    "promotion_units_left_other": "Encore {count} disponibles.",
    "promotion_units_unlimited": "Disponible sans limite.",
    "promotion_gone": "Cet avantage n'est plus disponible.",
    "untitled": "(sans titre)",
    # Points and promotions (/points, /promotions).
    "points_balance_one": "💳 Ton UiTPAS {masked} a <b>{count} point</b>.",
    "points_balance_other": "💳 Ton UiTPAS {masked} a <b>{count} points</b>.",
    "pass_message_INFO": "ℹ️ {text}",
    "pass_message_WARN": "⚠️ {text}",
    "pass_message_ERROR": "❗ {text}",
    "points_history_header": "<b>Tes derniers check-ins via ce bot</b>",
    "points_history_line_one": "• {when} – {event}{organiser} : +{count} point",
    "points_history_line_other": "• {when} – {event}{organiser} : +{count} points",
    "points_history_line_uncertain": (
        "• {when} – {event}{organiser} : ⚠️ UiTPAS n'a pas répondu, un point a peut-être été épargné"
    ),
    "points_history_none": (
        "Tu n'as pas encore fait de check-in via ce bot. À une activité, envoie une photo du "
        "code QR de check-in."
    ),
    "history_unknown_event": "une activité",
    "points_promotions_button": "🎁 Qu'est-ce que je peux obtenir avec mes points ?",
    "account_PARSE_INVALID_UITPASNUMBER": (
        "❌ UiTPAS n'accepte pas ton numéro lié {masked} comme numéro UiTPAS. Lie à nouveau ta "
        "carte avec /link et ton numéro tel qu'il figure sur ta carte."
    ),
    "account_UNKNOWN_UITPASNUMBER": (
        "❌ UiTPAS ne connaît pas le numéro lié {masked}. Vérifie le numéro sur ta carte et "
        "lie ta carte à nouveau avec /link."
    ),
    "account_INVALID_CARD_STATUS_BLOCKED": (
        "🚫 Ton UiTPAS {masked} est bloqué, donc je ne peux pas montrer tes points. Ta carte est "
        "perdue ou volée ? Passe à un guichet UiTPAS pour une nouvelle carte."
    ),
    "account_INVALID_CARD_STATUS_DELETED": (
        "🚫 L'UiTPAS {masked} n'existe plus (la carte a été supprimée). Tu as une nouvelle "
        "carte ? Lie alors ce numéro avec /link."
    ),
    "account_INVALID_CARD": (
        "🚫 UiTPAS n'accepte pas (plus) la carte {masked}. Tu as une nouvelle carte ? Lie alors "
        "ce numéro avec /link."
    ),
    "account_INVALID_CARD_STATUS": (
        "🚫 Ton UiTPAS {masked} n'est pas actif pour le moment, donc je ne peux pas montrer tes "
        "points. Un guichet UiTPAS peut t'aider."
    ),
    "account_GROUPPAS_NOT_ALLOWED": (
        "ℹ️ {masked} est un pass de groupe : il n'a pas de points à lui à montrer ici. Demande au "
        "guichet UiTPAS de ton association."
    ),
    "account_UNKNOWN_CARD_SYSTEM": (
        "UiTPAS ne connaît pas le système de cartes de ta carte {masked}, donc je ne peux pas "
        "montrer d'avantages. Un guichet UiTPAS peut t'aider."
    ),
    "account_other": (
        "UiTPAS n'a pas pu montrer ça maintenant. UiTPAS dit : <i>{message}</i>\n"
        "Réessaie plus tard."
    ),
    "account_other_no_message": (
        "UiTPAS n'a pas pu montrer ça maintenant et n'a pas dit pourquoi. Réessaie plus tard."
    ),
    "account_refused_unknown": "UiTPAS a refusé. Réessaie plus tard.",
    "account_no_answer": "UiTPAS n'a pas répondu. Réessaie dans une minute.",
    "promotions_header_one": "🎁 <b>Avantages à échanger</b> · tu as {count} point",
    "promotions_header_other": "🎁 <b>Avantages à échanger</b> · tu as {count} points",
    "promotions_header_affordable_one": ("🎁 <b>Avantages à ta portée</b> · tu as {count} point"),
    "promotions_header_affordable_other": (
        "🎁 <b>Avantages à ta portée</b> · tu as {count} points"
    ),
    "promotions_page": "Page {page} sur {pages}",
    "promotions_entry_one": "{mark}{title} · {count} point{note}",
    "promotions_entry_other": "{mark}{title} · {count} points{note}",
    "promotions_entry_no_points": "{mark}{title}{note}",
    "promotions_note_sold_out": " (épuisé)",
    "promotions_note_not_now": " (pas échangeable pour le moment)",
    "promotions_legend": (
        "✅ assez de points · ⭐ à la une. Appuie sur un avantage pour en voir les détails."
    ),
    "promotions_changed": "🔄 La liste a changé entre-temps ; voici la nouvelle liste.",
    "promotions_changed_toast": "La liste a changé : voici la nouvelle.",
    "promotions_empty": ("Il n'y a pas d'avantages à échanger pour le moment. Repasse plus tard !"),
    "promotions_none_affordable_one": (
        "Avec ton {count} point, tu ne peux encore rien échanger. Continue à épargner, ou regarde "
        "tous les avantages."
    ),
    "promotions_none_affordable_other": (
        "Avec tes {count} points, tu ne peux encore rien échanger. Continue à épargner, ou "
        "regarde tous les avantages."
    ),
    "button_previous": "◀️ Précédent",
    "button_next": "Suivant ▶️",
    "button_only_affordable": "✅ Seulement ce que je peux obtenir",
    "button_show_all": "📋 Voir tous les avantages",
    "private_chat_only_toast": "Je ne montre ça qu'en conversation privée avec moi.",
    "promotion_enough_points": "Tu as {total} points : assez de points pour cet avantage.",
    "promotion_period_until": "📅 À échanger jusqu'au {end}.",
    "promotion_period_from": "📅 À échanger à partir du {begin}.",
    "promotion_period_between": "📅 À échanger du {begin} au {end}.",
    "promotion_balies": "📍 À échanger à : {places}",
    "promotion_cities": "🏙️ Valable à : {cities}",
    "promotion_state_NOT_POSSIBLE_DATE_CONSTRAINT": (
        "⏳ Pas échangeable pour le moment : on est en dehors de la période d'échange."
    ),
    "promotion_state_NOT_POSSIBLE_VOLUME_CONSTRAINT": "🚫 Épuisé : tout a déjà été échangé.",
    "promotion_state_NOT_POSSIBLE_USER_VOLUME_CONSTRAINT": (
        "🚫 Tu as déjà échangé cet avantage autant de fois que permis."
    ),
    "promotion_state_NOT_POSSIBLE_POINTS_CONSTRAINT": (
        "Tu n'as pas assez de points pour cet avantage."
    ),
    "promotion_state_NOT_POSSIBLE_CARD_CONSTRAINT": (
        "🚫 Avec cet UiTPAS, tu ne peux pas échanger cet avantage."
    ),
    "promotion_state_NOT_POSSIBLE_APPLICABLE_CARDSYSTEMS": (
        "🚫 Cet avantage n'est pas valable dans la région UiTPAS de ta carte."
    ),
    "promotion_state_NOT_POSSIBLE_NO_ACTIVE_CARDSYSTEMS": (
        "🚫 Ton UiTPAS n'est actif dans aucune région, donc tu ne peux rien échanger. Un "
        "guichet UiTPAS peut t'aider."
    ),
    "promotion_state_other": "🚫 Tu ne peux pas échanger ça pour le moment.",
    "promotion_how": "L'échange se fait au guichet : montre-y ton UiTPAS.",
    # Everything else.
    "unknown_text": (
        "Je ne comprends pas. Envoie ton numéro UiTPAS pour lier ta carte, ou une photo du code "
        "QR de check-in à une activité. /help montre tout ce que je sais faire."
    ),
    # Free text, knowing whether a card is linked (bot/views/free_text.py).
    "fallback_points": (
        "💳 Tes points et tes derniers check-ins, tu les vois avec /points. /promotions montre ce "
        "que tu peux obtenir avec."
    ),
    "fallback_promotions": (
        "🎁 Ce que tu peux obtenir avec tes points, tu le vois avec /promotions (avec ✅ ce que "
        "tu peux déjà échanger)."
    ),
    "fallback_checkin": (
        "📷 Tu épargnes un point en envoyant, à l'activité, une photo du code QR de check-in. "
        "Ton UiTPAS {masked} est lié."
    ),
    "fallback_already_linked": (
        "Ton UiTPAS {masked} est lié. Pour lier une autre carte, utilise /link ; /unlink délie "
        "ta carte."
    ),
    "fallback_linked": (
        "Je ne comprends pas. Ton UiTPAS {masked} est lié : à une activité, envoie une photo du "
        "code QR de check-in pour épargner un point, /points montre tes points et /promotions "
        "ce que tu peux obtenir avec. /help montre tout ce que je sais faire."
    ),
    "fallback_needs_link": (
        "Pour ça, lie d'abord ton UiTPAS : envoie ton numéro UiTPAS (13 chiffres, sur ta "
        "carte), par exemple /link 0930 0568 7880 2."
    ),
    "fallback_needs_login": (
        "Pour ça, lie d'abord ton UiTPAS : envoie /link et connecte-toi avec UiTiD."
    ),
    "unsupported_message": (
        "Je ne peux rien faire avec ça. Envoie une photo du code QR de check-in, ou /help."
    ),
    "internal_error": (
        "Quelque chose s'est mal passé chez moi. Réessaie dans une minute ; si ça continue, "
        "préviens l'administrateur."
    ),
    # Privacy, /forget, flood control, reconciliation, hostile input (issue 6).
    "command_privacy": "Ce que je garde sur toi, et pourquoi",
    "command_forget": "Efface tout ce que je garde sur toi",
    "privacy": (
        "<b>Ce que ce bot garde sur toi, et pourquoi</b>\n"
        "• Ton identifiant Telegram : pour savoir qui tu es, pour tout ce qui suit.\n"
        "{kinds}\n"
        "Les photos elles-mêmes, je ne les garde jamais : je lis le code QR et j'oublie l'image."
        "\n\n"
        "Je ne partage rien, sauf avec UiTPAS : ton numéro et le code de check-in, pour faire "
        "le check-in.\n\n"
        "<b>En ce moment, je garde</b> : {status}{held}\n\n"
        "/forget efface tout ça immédiatement."
    ),
    # One line per store of personal data (the registry /forget empties); a test checks that
    # every registered table has both keys in every catalogue.
    "privacy_kind_passholder_links": (
        "Ton numéro UiTPAS et ta langue (si tu lies ta carte) : pour faire le check-in pour toi. "
        "Jamais visible dans les groupes ni dans les journaux ; à toi, je le montre masqué. "
        "Jusqu'à /unlink."
    ),
    "privacy_kind_uitid_tokens": (
        "Ta connexion UiTiD (si tu t'es connecté avec UiTiD), chiffrée : pour interroger UiTPAS "
        "en ton nom. Jusqu'à /unlink."
    ),
    "privacy_kind_uitid_login_states": "Une connexion UiTiD encore en cours : 10 minutes.",
    "privacy_kind_checkins": (
        "Ton historique de check-ins (moment, activité, organisateur, points, réponse "
        "d'UiTPAS) : pour pouvoir te dire ce qui s'est passé quand UiTPAS n'a pas répondu. "
        "Effacé automatiquement après {days} jours."
    ),
    "privacy_kind_pending_checkins": (
        "Un code QR que tu as envoyé avant de lier ta carte : 6 heures au plus, pour en faire "
        "le check-in ensuite."
    ),
    "privacy_kind_recent_checkin_codes": (
        "Une empreinte des codes de check-in que tu viens d'envoyer : quelques minutes, pour "
        "qu'une même photo envoyée deux fois ne parte pas deux fois chez UiTPAS."
    ),
    "privacy_kind_announcement_members": (
        "Pour les annonces dans un groupe : si tu as dit que tu viens, si tu as ouvert la "
        "conversation privée avec moi et si tu y as épargné ton point. Le groupe ne voit que "
        "des nombres, jamais qui."
    ),
    "privacy_kind_announcement_drafts": (
        "Une annonce que tu écris pas à pas comme administrateur : une heure."
    ),
    "privacy_kind_throttle_windows": (
        "Combien de photos tu envoies par minute (protection contre les envois en rafale) : "
        "un jour."
    ),
    "privacy_kind_inactive_users": (
        "Le fait que tu as bloqué le bot (alors je ne t'envoie rien) : jusqu'à ce que tu "
        "m'écrives à nouveau."
    ),
    "privacy_name_passholder_links": "ton UiTPAS lié",
    "privacy_name_uitid_tokens": "ta connexion UiTiD",
    "privacy_name_uitid_login_states": "une connexion UiTiD en cours",
    "privacy_name_checkins": "check-ins dans ton historique",
    "privacy_name_pending_checkins": "un code QR retenu",
    "privacy_name_recent_checkin_codes": "empreintes de codes de check-in récents",
    "privacy_name_announcement_members": (
        "annonces pour lesquelles je note si tu viens, si tu as ouvert la conversation privée "
        "ou si tu as épargné ton point"
    ),
    "privacy_name_announcement_drafts": "une annonce en préparation",
    "privacy_name_throttle_windows": "compteurs contre les envois en rafale",
    "privacy_name_inactive_users": "l'indication que tu as bloqué le bot",
    "privacy_kind_line": "• {text}",
    "privacy_held_line": "\n• {name} : {count}",
    "privacy_status_linked_one": "ton UiTPAS {masked} et {count} check-in dans ton historique.",
    "privacy_status_linked_other": (
        "ton UiTPAS {masked} et {count} check-ins dans ton historique."
    ),
    "privacy_status_unlinked_one": "pas d'UiTPAS, {count} check-in dans ton historique.",
    "privacy_status_unlinked_other": "pas d'UiTPAS, {count} check-ins dans ton historique.",
    "forget_confirm": (
        "Effacer tout ce que je garde sur toi ? C'est-à-dire ton UiTPAS lié, ton historique de "
        "check-ins, un code QR retenu et toutes les autres données liées à ton compte Telegram. "
        "On ne peut pas revenir en arrière ; tes points chez UiTPAS restent là."
    ),
    "forget_yes": "Oui, tout effacer",
    "forget_no": "Non, ne rien effacer",
    "forgotten": (
        "🗑 C'est fait : tout ce que je gardais sur toi est effacé. Envoie /start si tu veux "
        "réutiliser le bot plus tard."
    ),
    "forget_cancelled": "D'accord, rien n'a été effacé.",
    "throttled": (
        "⏳ Tu envoies beaucoup de photos à la suite. Dans environ {seconds} secondes, je lis à "
        "nouveau les nouvelles photos ; ce que tu envoies d'ici là, je le laisse de côté."
    ),
    "edited_message": (
        "Je ne lis que les nouveaux messages, pas les modifications. Renvoie-le comme nouveau "
        "message."
    ),
    "stale_button": "Ce bouton ne marche plus. Envoie /help pour voir ce que tu peux faire.",
    "download_failed": (
        "Je n'ai pas pu récupérer ta photo chez Telegram. Renvoie-la, et je réessaie."
    ),
    "recheck_button": "🔄 Mon point est-il épargné ?",
    "reconciled_saved_one": (
        "✅ À propos de ton check-in précédent : il a quand même marché. UiTPAS a épargné "
        "{count} point ; tu as maintenant {total} points au total."
    ),
    "reconciled_saved_other": (
        "✅ À propos de ton check-in précédent : il a quand même marché. UiTPAS a épargné "
        "{count} points ; tu as maintenant {total} points au total."
    ),
    "reconciled_not_saved": (
        "À propos de ton check-in précédent : aucun point n'a été épargné (tes points sont "
        "restés à {total}). Si l'activité est encore en cours, renvoie la photo."
    ),
    "reconciled_saved_at_one": (
        "✅ À propos de ton check-in précédent : il a quand même marché. Tu as épargné {count} "
        "point à <b>{event}</b>{organiser}."
    ),
    "reconciled_saved_at_other": (
        "✅ À propos de ton check-in précédent : il a quand même marché. Tu as épargné {count} "
        "points à <b>{event}</b>{organiser}."
    ),
    "reconciled_saved_no_total_one": (
        "✅ À propos de ton check-in précédent : il a quand même marché. UiTPAS a épargné "
        "{count} point."
    ),
    "reconciled_saved_no_total_other": (
        "✅ À propos de ton check-in précédent : il a quand même marché. UiTPAS a épargné "
        "{count} points."
    ),
    "reconciled_not_saved_history": (
        "À propos de ton check-in précédent : il n'est pas dans ton historique UiTPAS, donc "
        "aucun point n'a été épargné. Si l'activité est encore en cours, renvoie la photo."
    ),
    "reconciled_unclear_history": (
        "À propos de ton check-in précédent : je ne peux pas dire s'il a marché. Dans l'app "
        "UiTPAS, tu vois tes check-ins."
    ),
    "reconciled_unclear": (
        "À propos de ton check-in précédent : je ne peux pas dire s'il a marché, car tes points "
        "ont changé entre-temps. Dans l'app UiTPAS, tu vois tes check-ins."
    ),
    "reconciled_still_unknown": (
        "Je ne sais pas encore si ton check-in précédent a marché : UiTPAS ne répond pas, ou "
        "s'en occupe encore. Réessaie dans une minute."
    ),
    "private_only_button": (
        "Je ne montre ça qu'en conversation privée avec moi, pas dans un groupe."
    ),
    "recheck_nothing": "Aucun check-in n'attend de réponse.",
    # --- group announcements (issue 5) ---
    "command_announce": "Annonce un événement (administrateurs)",
    "command_cancel": "Annule une annonce (réponds à la carte)",
    "command_remind": "Change le rappel (réponds à la carte)",
    "command_stats": "Combien viennent et ont fait le check-in (réponds à la carte)",
    "admins_only": "Désolé, seuls les administrateurs de ce groupe peuvent faire ça. 🙂",
    "announce_in_groups": (
        "Les annonces se font dans un groupe : ajoute-moi à ton groupe et tape-y par exemple\n"
        "<code>/announce Soirée cinéma | ven 12/12 20:00 | Maison de jeunes Le Cellier</code>"
    ),
    "announce_ask_title": (
        "📣 Nouvelle annonce. Comment s'appelle l'événement ? (Réponds à ce message.)"
    ),
    "announce_ask_when": (
        "Quand a lieu <b>{title}</b> ? Par exemple <code>ven 12/12 20:00</code>, "
        "<code>demain 20h</code> ou <code>12 décembre 19:30</code>."
    ),
    "announce_ask_place": "Où a lieu <b>{title}</b> ?",
    "announce_too_long": "C'est trop long : reste sous les {limit} caractères.",
    "when_unreadable": "Je ne comprends pas cette date et cette heure.",
    "when_no_time": "Il me manque l'heure.",
    "when_no_such_date": "Ce jour n'existe pas.",
    "when_weekday_mismatch": "Le {date} tombe un {weekday}. Le jour est-il correct ?",
    "when_past": "Le {date} est déjà passé.",
    "when_too_far": "Le {date} est dans plus d'un an.",
    "announce_poster_no_code": (
        "Sur cette photo, je ne trouve pas de code QR de check-in UiTPAS. Réponds avec /announce "
        "à une photo plus nette de l'affiche, ou annonce sans photo."
    ),
    "card_coming_none": "🙋 Tu viens ? Appuie sur « Je viens ».",
    "card_coming_one": "🙋 {count} personne vient",
    "card_coming_other": "🙋 {count} personnes viennent",
    "card_point_photo": (
        "⭐ Épargne ton point UiTPAS : appuie sur « Épargner mon point » et envoie-moi sur place "
        "une photo du code QR de check-in."
    ),
    "card_point_code": (
        "⭐ Épargne ton point UiTPAS : pendant l'événement, appuie sur « Épargner mon point » et "
        "je fais ton check-in."
    ),
    "card_cancelled": "❌ <b>Annulé</b>",
    "button_coming": "🙋 Je viens",
    "button_save_point": "⭐ Épargner mon point",
    "button_check_in_now": "✅ Faire le check-in",
    "rsvp_coming": (
        "C'est noté : tu viens ! 🎉 Appuie encore une fois si tu ne peux finalement pas venir."
    ),
    "rsvp_not_coming": "D'accord, tu n'es plus sur la liste.",
    "rsvp_cancelled": "Cet événement est annulé.",
    "rsvp_started": "Cet événement a déjà commencé ; on ne peut plus s'inscrire.",
    "rsvp_gone": "Je ne connais plus cette annonce.",
    "card_reply_needed": "Réponds avec {command} à l'annonce elle-même.",
    "cancel_done": "❌ <b>{title}</b> est annulé ; plus aucun rappel ne sera envoyé.",
    "cancel_already": "Cette annonce était déjà annulée.",
    "draft_dropped": "D'accord, l'annonce est abandonnée.",
    "remind_usage": (
        "Réponds à l'annonce avec /remind et combien de temps avant, par exemple "
        "<code>/remind 30m</code>, <code>/remind 2h</code>, <code>/remind 1j</code> ou "
        "<code>/remind off</code>."
    ),
    "remind_set": "⏰ Le rappel pour <b>{title}</b> part le {when}.",
    "remind_off": "🔕 Aucun rappel ne part pour <b>{title}</b>.",
    "remind_already_sent": "Le rappel a déjà été envoyé.",
    "remind_too_late": "Ce moment est déjà passé ; choisis un délai plus court.",
    "stats": (
        "📊 <b>{title}</b>\n"
        "🙋 Ont dit qu'ils viennent : {coming}\n"
        "💬 Ont ouvert la conversation privée : {opened}\n"
        "✅ Ont épargné leur point via le bot : {checked_in}"
    ),
    "reminder": (
        "⏰ <b>{title}</b> commence {left}, à {time}.\n📍 {place}\n\n"
        "⭐ N'oublie pas ton point UiTPAS : sur place, appuie sur « Épargner mon point »."
    ),
    "in_minutes_one": "dans {count} minute",
    "in_minutes_other": "dans {count} minutes",
    "in_hours_one": "dans {count} heure",
    "in_hours_other": "dans {count} heures",
    "in_days_one": "dans {count} jour",
    "in_days_other": "dans {count} jours",
    "open_event": "📣 <b>{title}</b>\n🗓 {when}\n📍 {place}",
    "open_gone": ("Je ne connais pas (plus) cette annonce. Demande un nouveau lien au groupe."),
    "open_cancelled": "❌ Cet événement est annulé.",
    "open_over": "Cet événement est terminé ; le check-in n'est plus possible.",
    "open_send_photo": (
        "Sur place : envoie-moi ici une photo du code QR de check-in, et j'épargne ton point."
    ),
    "open_link_first": (
        "Lie dès maintenant ton UiTPAS : envoie-moi ton numéro UiTPAS (13 chiffres, au dos de "
        "ta carte)."
    ),
    "open_not_yet": (
        "Le check-in est possible à partir du {opens}. Appuie alors sur « Faire le check-in » "
        "ci-dessous, ou à nouveau sur « Épargner mon point » dans le groupe."
    ),
    "open_link_first_code_kept": (
        "Envoie-moi ton numéro UiTPAS (13 chiffres, au dos de ta carte) ; je fais alors tout de "
        "suite ton check-in pour cet événement."
    ),
    "group_photo_private": (
        "📷 Tu as envoyé un code QR dans <b>{group}</b>. Je fais ton check-in ici, en privé, "
        "pour que tes données UiTPAS n'arrivent pas dans le groupe."
    ),
    "group_open_private_first": (
        "{name}, je ne peux pas encore t'envoyer de message privé. Ouvre la conversation privée "
        "avec moi, appuie sur Démarrer et envoie ta photo là : comme ça, tes données UiTPAS "
        "restent hors du groupe."
    ),
    "bot_added": (
        "👋 Bonjour ! Ici, les administrateurs annoncent des événements avec /announce, par "
        "exemple\n"
        "<code>/announce Soirée cinéma | ven 12/12 20:00 | Maison de jeunes Le Cellier</code>\n"
        "(ou simplement /announce, et je demande tout pas à pas). Les membres appuient sur "
        "« Je viens » et épargnent leur point UiTPAS dans une conversation privée avec moi : "
        "les données personnelles n'arrivent jamais dans le groupe."
    ),
    # Legacy answer codes of the check-in, points and promotion calls.
    "code_INVALID_CARD": (
        "🚫 UiTPAS ne peut pas utiliser cette carte. Vérifie le numéro sur ta carte ou demande à "
        "un guichet UiTPAS."
    ),
    "code_INVALID_CARD_STATUS_LOCAL_STOCK": (
        "🚫 Cet UiTPAS n'a pas encore été remis (il est encore dans le stock d'un guichet). "
        "Demande au guichet UiTPAS qui te l'a donné de l'activer."
    ),
    "code_INVALID_CARD_STATUS_STOCK": (
        "🚫 Cet UiTPAS n'a pas encore été remis (il est encore en stock). Un guichet UiTPAS "
        "peut l'activer pour toi."
    ),
    "code_INVALID_CARD_STATUS_PROVISIONED": (
        "🚫 Cet UiTPAS est préparé mais pas encore activé. Un guichet UiTPAS peut l'activer."
    ),
    "code_INVALID_CARD_STATUS_SENT_TO_BALIE": (
        "🚫 Cet UiTPAS est en route vers un guichet UiTPAS et pas encore actif. Va le chercher "
        "là-bas pour l'activer."
    ),
    "code_ACTION_NOT_ALLOWED": "🚫 UiTPAS ne permet pas ça pour ton pass.",
    "code_CHECKIN_CURRENTLY_NOT_ALLOWED": (
        "⌛ Le check-in à cette activité n'est pas possible pour le moment. Réessaie pendant "
        "l'activité."
    ),
    "code_MAXIMUM_REACHED": (
        "🚫 Le maximum est atteint : avec ce pass, tu ne peux plus épargner de points ici pour "
        "le moment."
    ),
    "code_PASSHOLDER_NO_ACTIVE_CARDSYSTEMS": (
        "🚫 Ton UiTPAS n'est actif dans aucune région pour le moment. Un guichet UiTPAS peut "
        "t'aider."
    ),
    "code_UNKNOWN_POINTS_PROMOTION_ID": "Cet avantage n'existe plus chez UiTPAS.",
    "code_no_point_saved": "UiTPAS n'a pas épargné de point.",
    "code_uitpas_said": "UiTPAS dit : <i>{message}</i>",
    "account_refused_bot": (
        "UiTPAS refuse en ce moment les identifiants de ce bot : un réglage n'est pas correct "
        "chez l'administrateur. L'erreur est notée pour l'administrateur."
    ),
    # Activités UiTPAS de l'UiTdatabank (issue 20)
    "command_events": "Activités UiTPAS près de chez toi",
    "events_prompt": (
        "📍 Appuie sur le bouton ci-dessous et partage ta position : je cherche les activités "
        "UiTPAS près de chez toi. Ta position, je ne l'utilise que pour cette recherche-là, je "
        "ne la garde pas.\n\n"
        "Ou cherche par mots : <code>/events jazz</code>, <code>/events aujourd'hui</code>, "
        "<code>/events ce week-end Gent</code>."
    ),
    "events_location_button": "📍 Partager ma position",
    "events_no_location": (
        "Je n'ai pas reçu ta position. Telegram ne la partage que si tu le permets : active la "
        "localisation pour Telegram dans les réglages de ton appareil, ou partage-la avec 📎 → "
        "Position.\n\n"
        "Sans position, ça marche aussi : <code>/events Gent</code> ou "
        "<code>/events concert</code>."
    ),
    "events_header_near": (
        "📍 <b>Activités UiTPAS à moins de {km} km</b>, les plus proches d'abord :"
    ),
    "events_header_widened": (
        "📍 Rien à moins de {first} km. <b>Activités UiTPAS à moins de {km} km</b>, les plus "
        "proches d'abord :"
    ),
    "events_header_words": "🔎 <b>Activités UiTPAS pour « {words} »</b> :",
    "events_page": "Page {page} sur {pages} · {total} trouvées",
    "events_entry": "<b>{number}. {title}</b>\n🗓 {when}\n📍 {place}",
    "events_entry_distance": " · {km} km",
    "events_entry_kansentarief": "\n💶 Avec ton tarif réduit : {price} €",
    "events_when_unknown": "date inconnue",
    "events_place_unknown": "lieu inconnu",
    "events_legend": "Appuie sur une activité pour en voir tous les détails.",
    "events_outside": (
        "📍 Cet endroit est en dehors de la Flandre et de Bruxelles : les activités UiTPAS ne "
        "sont que là. Partage une position en Flandre ou à Bruxelles, ou cherche par mots, "
        "comme <code>/events Gent</code>."
    ),
    "events_none_near": (
        "Je n'ai trouvé aucune activité UiTPAS à moins de {km} km de cet endroit. Essaie un "
        "autre endroit, ou cherche par mots : <code>/events concert</code>."
    ),
    "events_none_words": (
        "Je n'ai trouvé aucune activité UiTPAS pour « {words} ». Essaie d'autres mots, ou moins "
        "de mots."
    ),
    "events_none_page": "Cette page n'existe plus : la liste est devenue plus courte entre-temps.",
    "events_empty_search": (
        "Qu'est-ce que je dois chercher ? Tape des mots après /events, par exemple "
        "<code>/events concert</code> ou <code>/events ce week-end</code>, ou partage ta "
        "position avec le bouton 📍."
    ),
    "events_silent": (
        "L'agenda de l'UiTdatabank ne répond pas pour le moment, donc je ne peux pas montrer "
        "d'activités. Réessaie dans un moment ; épargner des points avec une photo marche comme "
        "d'habitude."
    ),
    "events_location_gone": (
        "Partage à nouveau ta position : je ne la garde pas, et le message avec ta position a "
        "disparu."
    ),
    "events_search_gone": ("Cherche à nouveau avec /events : le message avec tes mots a disparu."),
    "events_button_gone": "Ce bouton ne marche plus.",
    "events_gone": "Cette activité n'est pas (ou plus) dans l'agenda UiTPAS.",
    "events_detail_title": "<b>{title}</b>",
    "events_detail_when": "🗓 {when}",
    "events_detail_place": "📍 {place}",
    "events_detail_address": "     {address}",
    "events_detail_organiser": "🏢 Organisateur : {organiser}",
    "events_detail_price": "💶 Prix : {price} €",
    "events_detail_free": "💶 Gratuit",
    "events_detail_kansentarief": "💶 Avec ton tarif réduit : {price} €",
    "events_detail_cancelled": "❌ Cette activité est annulée ou reportée.",
    "events_button_link": "🔗 Plus sur UiTinVlaanderen",
    "events_button_announce": "📣 Annoncer dans un groupe",
    "events_announce_preview": (
        "📣 <b>Annoncer cette activité ?</b>\n\n<b>{title}</b>\n🗓 {when}\n📍 {place}\n\n"
        "C'est correct ? Appuie sur ✅, ou sur ✏️ pour le modifier d'abord."
    ),
    "events_announce_confirm": "✅ Annoncer",
    "events_announce_edit": "✏️ Modifier",
    "events_announce_edit_text": (
        "Copie cette ligne, corrige ce qui ne va pas et envoie-la :\n\n<code>{line}</code>"
    ),
    "events_announce_no_start": (
        "Cette activité a déjà commencé ou n'a pas de début fixe. Annonce-la toi-même avec "
        "<code>/announce {title} | jour heure | lieu</code>."
    ),
    "events_announce_done_toast": "Annoncé.",
    "inline_description": "{when} · {place}",
    "inline_message": (
        "🎟 <b>{title}</b>\n🗓 {when}\n📍 {place}\n\n"
        "Une activité UiTPAS : tu peux y épargner un point."
    ),
    "inline_open_bot": "🎟 Plus dans le bot UiTPAS",
    "inline_search_in_bot": "Chercher des activités UiTPAS dans le bot",
    # Avantages : échanger en ligne, déjà échangés, historique, tarif réduit (kansentarief) et
    # coupons (issue 17)
    "command_history": "Ton historique : points épargnés et dépensés",
    "redeem_button": "🛒 Échanger en ligne",
    "redeem_offer_title": "🛒 Échanger <b>{title}</b> ?",
    "redeem_offer_cost_one": "Ça coûte <b>{count} point</b> de ton UiTPAS {masked}.",
    "redeem_offer_cost_other": "Ça coûte <b>{count} points</b> de ton UiTPAS {masked}.",
    "redeem_offer_after_one": ("Tu as maintenant {total} points ; après, il t'en restera {count}."),
    "redeem_offer_after_other": (
        "Tu as maintenant {total} points ; après, il t'en restera {count}."
    ),
    "redeem_offer_expired": "⌛ Cette confirmation avait expiré. Vérifie à nouveau :",
    "redeem_confirm_button": "✅ Oui, confirmer",
    "redeem_cancel_button": "✖️ Annuler",
    "redeem_cancelled": "Échange annulé. Aucun point n'a été utilisé.",
    "redeem_done": "🎉 Échangé : <b>{title}</b>",
    "redeem_code": "Ton code : <code>{code}</code>",
    "redeem_total_one": "Il te reste maintenant {count} point.",
    "redeem_total_other": "Il te reste maintenant {count} points.",
    "redeem_repeated": (
        "Cet échange était déjà fait : aucun point de plus n'a été utilisé. Voici à nouveau "
        "ton code."
    ),
    "redeem_recovered": "UiTPAS n'a pas répondu tout de suite, mais ton échange a bien marché.",
    "redeem_running": "⏳ Un instant : cet avantage est déjà en train d'être échangé.",
    "redeem_unknown": (
        "⌛ UiTPAS n'a pas répondu, et on ne sait pas encore si l'échange a marché. On ne "
        "réessaie pas comme ça. Appuie à nouveau sur « Oui, confirmer » dans une minute : on "
        "vérifiera d'abord si c'est déjà fait."
    ),
    "redeem_not_sent": (
        "UiTPAS n'est pas joignable pour le moment. Rien n'a été échangé et aucun point n'a été "
        "utilisé. Réessaie plus tard."
    ),
    "redeem_legacy": (
        "Échanger dans la conversation n'est pas possible avec cette connexion UiTPAS "
        "(l'ancienne API UiTPAS). Échange ton avantage au guichet UiTPAS."
    ),
    "redeem_not_online": ("Cet avantage ne s'échange pas en ligne : ça se fait au guichet UiTPAS."),
    "redeem_refused_points": "Tu n'as pas assez de points pour échanger cet avantage.",
    "redeem_refused_sold_out": "Cet avantage est épuisé : rien n'a été échangé.",
    "redeem_refused_limit": (
        "Tu as échangé cet avantage autant de fois que permis pour cette période. Ce sera à "
        "nouveau possible plus tard."
    ),
    "redeem_refused_period": (
        "Cet avantage ne peut pas être échangé maintenant : sa période d'échange est terminée."
    ),
    "redeem_refused_card": "Cet avantage ne peut pas être échangé avec cet UiTPAS.",
    "redeem_refused_region": "Cet avantage n'est pas valable dans ta région UiTPAS.",
    "redeem_refused_other": "UiTPAS a refusé l'échange. Aucun point n'a été utilisé.",
    "redeemed_button": "🧾 Déjà échangés",
    "redeemed_header": "🧾 <b>Déjà échangés</b> avec ton UiTPAS {masked} :",
    "redeemed_none": "Tu n'as encore rien échangé.",
    "redeemed_line": "• {when} – {title}",
    "redeemed_line_code": "• {when} – {title} : code <code>{code}</code>",
    "redeemed_legacy": (
        "Avec l'ancienne API UiTPAS, ce bot ne peut pas consulter ce que tu as déjà échangé. Tu "
        "le trouves dans l'app UiTPAS."
    ),
    "history_header": "📜 <b>Ton historique</b> ({masked}) :",
    "history_header_own": (
        "📜 <b>Tes check-ins via ce bot</b> ({masked}). Avec l'ancienne API UiTPAS, le bot ne "
        "connaît que les check-ins faits par lui, pas les échanges : ton historique complet est "
        "dans l'app UiTPAS."
    ),
    "history_none": "Rien encore dans ton historique.",
    "history_line_saved_one": "• {when} – {title}{place} : +{count} point",
    "history_line_saved_other": "• {when} – {title}{place} : +{count} points",
    "history_line_spent_one": "• {when} – {title}{place} : −{count} point",
    "history_line_spent_other": "• {when} – {title}{place} : −{count} points",
    "history_line_uncertain": "• {when} – {title}{place} : ❔ pas encore certain",
    "tariff_active_until": "🤝 Tarif réduit (kansentarief) : valable jusqu'au {end}.",
    "tariff_active": "🤝 Tarif réduit (kansentarief) : actif.",
    "tariff_grace": (
        "🤝 Tarif réduit (kansentarief) : sa date de fin ({end}) est passée, mais tu l'as encore "
        "un moment. Renouvelle-le vite à ton guichet UiTPAS ou au CPAS."
    ),
    "tariff_expired_on": (
        "🤝 Tarif réduit (kansentarief) : expiré depuis le {end}. Demande à ton guichet UiTPAS "
        "ou au CPAS si tu peux le renouveler."
    ),
    "tariff_expired": (
        "🤝 Tarif réduit (kansentarief) : expiré. Demande à ton guichet UiTPAS ou au CPAS si tu "
        "peux le renouveler."
    ),
    "coupons_header": "🎟️ Tes coupons :",
    "coupon_line": "• {name}",
    "coupon_line_until": "• {name} : valable jusqu'au {end}",
    "coupon_line_left_until_one": "• {name} : encore {count} fois, valable jusqu'au {end}",
    "coupon_line_left_until_other": "• {name} : encore {count} fois, valable jusqu'au {end}",
    "redeem_not_allowed": (
        "🔒 UiTPAS ne permet pas à ce bot d'échanger des avantages. Rien n'a été échangé ; "
        "l'administrateur est prévenu."
    ),
    "privacy_kind_redemptions": (
        "Le fait que tu as échangé un avantage en ligne via le bot (une empreinte de ton UiTPAS, "
        "l'avantage et le numéro d'échange d'UiTPAS, jamais ton code) : un jour, pour qu'un "
        "double appui n'échange jamais deux fois."
    ),
    "privacy_name_redemptions": "échanges du dernier jour",
    "section_button_all": "📋 Tous ({count})",
    "section_button_spotlight": "⭐ À la une ({count})",
    "section_button_last_chance": "⏳ Dernière chance ({count})",
    "section_button_online": "🛒 En ligne ({count})",
    "section_title_spotlight": "⭐ <b>À la une</b>",
    "section_title_last_chance": "⏳ <b>Dernière chance</b> : bientôt plus échangeables",
    "section_title_online": (
        "🛒 <b>En ligne</b> : à échanger ici dans la conversation, avec un code"
    ),
    "section_button_welcome": "🎁 Avantages de bienvenue",
    "section_button_near": "📍 Près de chez toi",
    "section_title_welcome": "🎁 <b>Avantages de bienvenue</b> que tu peux encore obtenir",
    "section_title_near": "📍 <b>Près de chez toi</b> : chez des organisateurs de ton code postal",
    # Mini App (issue 18)
    "mini_app_button": "📷 Scanner",
    "mini_app_offer": "Ou scanne le code QR en direct avec ta caméra : appuie sur 📷 Scanner.",
    "mini_app_title": "Bot UiTPAS",
    "mini_app_scan": "📷 Scanner le code QR",
    "mini_app_scan_hint": "Pointe ta caméra vers le code QR de check-in",
    "mini_app_intro": (
        "Scanne le code QR de check-in à l'activité : le bot fait ton check-in et met aussi la "
        "réponse dans la conversation."
    ),
    "mini_app_linked": "Lié : {masked}",
    "mini_app_not_linked": (
        "Pas encore d'UiTPAS lié : lie d'abord ta carte dans la conversation (/link)."
    ),
    "mini_app_busy": "Check-in en cours…",
    "mini_app_unsupported": (
        "Ton app Telegram ne peut pas scanner de codes QR ici. Envoie plutôt une photo du code "
        "QR de check-in dans la conversation : ça marche tout aussi bien."
    ),
    "mini_app_in_chat": "La réponse est aussi dans la conversation.",
    "mini_app_failed": "Ça n'a pas marché (la connexion ?). Réessaie.",
    "mini_app_refused": (
        "Ouvre cette app depuis le bot dans Telegram. Ferme-la et ouvre-la à nouveau."
    ),
    "mini_app_spotlight_in_chat": (
        "🎁 Les avantages à la une sont dans la conversation : appuie sur l'un d'eux là-bas."
    ),
    "mini_app_login_in_chat": (
        "🔑 Ta connexion UiTiD a expiré ou a été révoquée, donc aucun point n'a encore été "
        "épargné. Reconnecte-toi avec le bouton dans la conversation ; ensuite je fais tout de "
        "suite le check-in de ce code, sans nouveau scan."
    ),
    # Famille et /card (issue 16)
    "command_family": "Ta famille : avec qui tu fais le check-in",
    "command_card": "Ton UiTPAS en code-barres, pour le scanner",
    "family_you": "Toi",
    "family_header": "👨‍👩‍👧 <b>Ta famille</b>",
    "family_member_one": "• {name} ({masked}) : {count} point",
    "family_member_other": "• {name} ({masked}) : {count} points",
    "family_member_no_points": "• {name} ({masked})",
    "family_points_header": "👨‍👩‍👧 <b>Ta famille</b>",
    "family_alone": "Il n'y a encore personne d'autre dans ta famille.",
    "family_lives_at_uitpas": (
        "Ta famille est enregistrée chez UiTPAS : ce que tu changes ici, tu le vois aussi dans "
        "l'app UiTPAS."
    ),
    "family_usage_v4": (
        "Ajouter quelqu'un : <code>/family add &lt;numéro UiTPAS&gt; &lt;date de "
        "naissance&gt;</code>, par ex. <code>/family add 0900 0119 0341 7 17/02/2015</code>, ou "
        "envoie seulement <code>/family add</code>. Retirer quelqu'un : "
        "<code>/family remove &lt;prénom&gt;</code>."
    ),
    "family_usage_legacy": (
        "Ajouter une carte : <code>/family add &lt;numéro UiTPAS&gt; &lt;prénom&gt;</code>, "
        "par ex. <code>/family add 0930 0000 0011 5 Bo</code>, ou envoie seulement "
        "<code>/family add</code>. Retirer : <code>/family remove &lt;prénom&gt;</code> ; "
        "renommer : <code>/family rename &lt;prénom&gt; &lt;nouveau nom&gt;</code>."
    ),
    "family_ask_number": "Quel est le numéro UiTPAS de la personne que tu veux ajouter ?",
    "family_ask_number_hint": "0900 0119 0341 7",
    "family_ask_birth_date": (
        "Et sa date de naissance (jj/mm/aaaa) ? Je la transmets une fois à UiTPAS et je ne la "
        "garde pas."
    ),
    "family_ask_birth_date_hint": "17/02/2015",
    "family_ask_name": "Sous quel prénom veux-tu voir cette carte ?",
    "family_ask_name_hint": "Bo",
    "family_draft_missing": (
        "Je ne sais plus quel numéro tu voulais ajouter. Recommence depuis le début."
    ),
    "family_added": "✅ {name} ({masked}) fait maintenant partie de ta famille.",
    "family_birth_date_invalid": (
        "Ce n'est pas une date de naissance valable. Écris-la comme jj/mm/aaaa, par ex. 17/02/2015."
    ),
    "family_name_invalid": (
        "Donne un prénom de 32 lettres au plus, qui n'est pas encore dans ta famille."
    ),
    "family_birth_date_mismatch": (
        "UiTPAS ne connaît pas de carte {masked} avec cette date de naissance. Vérifie le numéro "
        "et la date."
    ),
    "family_already": "{masked} fait déjà partie de ta famille.",
    "family_full_one": "Ta famille est complète : {count} carte au plus.",
    "family_full_other": "Ta famille est complète : {count} cartes au plus par compte.",
    "family_TOO_MANY_FAMILY_MEMBERS": (
        "Ta famille a déjà le nombre maximum de membres : {masked} ne peut pas s'y ajouter."
    ),
    "family_TOO_MANY_ADULTS_IN_FAMILY": (
        "Ta famille a déjà le nombre maximum d'adultes : {masked} ne peut pas s'y ajouter."
    ),
    "family_UNKNOWN_UITPASNUMBER": "UiTPAS ne connaît pas la carte {masked}.",
    "family_PARSE_INVALID_UITPASNUMBER": "UiTPAS n'accepte pas le numéro {masked}.",
    "family_LOGIN_REQUIRED": ("Reconnecte-toi d'abord avec /link : ta connexion a expiré."),
    "family_not_found": (
        "Personne ne s'appelle « {name} » dans ta famille. Envoie /family pour voir la liste."
    ),
    "family_removed": "{name} ne fait plus partie de ta famille.",
    "family_renamed": "{old} s'appelle maintenant {new}.",
    "family_rename_v4": (
        "Les noms de ta famille viennent d'UiTPAS même ; je ne peux pas les changer."
    ),
    "family_who": (
        "👨‍👩‍👧 Qui est avec toi ? Appuie sur les personnes que tu amènes, puis fais le check-in."
    ),
    "family_go": "▶️ Faire le check-in ({count})",
    "family_nobody_chosen": "Choisis d'abord qui est avec toi.",
    "family_chooser_used": (
        "Ce choix a déjà servi pour un check-in : personne ne fait le check-in deux fois."
    ),
    "family_chooser_stale": (
        "Ce choix est trop ancien : le code de cette photo n'est plus valable. Envoie une "
        "nouvelle photo."
    ),
    "family_chooser_gone": "Ce choix n'existe plus. Renvoie la photo.",
    "family_checking_in_done": "👨‍👩‍👧 Check-in fait : la réponse est ci-dessous.",
    "family_result_for": "<b>{name}</b>",
    "family_private_only": (
        "Je ne montre ta famille et ta carte qu'en conversation privée avec moi, pas dans un "
        "groupe."
    ),
    "family_unlinked_v4": (
        "Ce que je gardais sur ta famille est effacé aussi. Ta famille elle-même est "
        "enregistrée chez UiTPAS et y reste."
    ),
    "family_unlinked_legacy": "Les cartes de ta famille sont oubliées aussi.",
    "card_caption": ("🪪 L'UiTPAS de {name} ({masked}). Tiens le code-barres sous le scanner."),
    "card_button": "🪪 La carte de {name}",
    "card_not_found": "Cette personne ne fait plus partie de ta famille. Renvoie /card.",
    "privacy_kind_family_cards": (
        "Les cartes de ta famille que tu as ajoutées (numéro et prénom) : pour faire leur "
        "check-in avec toi. Jamais de date de naissance. Jusqu'à /unlink."
    ),
    "privacy_kind_family_choices": (
        "Qui tu as amené la dernière fois que tu as fait le check-in : jusqu'à /unlink."
    ),
    "privacy_kind_family_checkin_prompts": (
        "Le choix « Qui est avec toi ? » sous une photo, avec son code : 6 heures au plus."
    ),
    "privacy_kind_family_drafts": (
        "Le numéro que tu ajoutes pas à pas à ta famille : jusqu'à ce que tu répondes, une "
        "heure au plus."
    ),
    "privacy_name_family_cards": "les cartes de ta famille",
    "privacy_name_family_choices": "qui tu as amené la dernière fois",
    "privacy_name_family_checkin_prompts": "choix « Qui est avec toi ? »",
    "privacy_name_family_drafts": "un membre de la famille en cours d'ajout",
    # Polish, bot side (issue 15: a card's status at linking, check-in windows, promotion
    # details, group privacy without admin rights, admin errors in private)
    "link_card_blocked": (
        "⚠️ Attention : UiTPAS dit que cette carte est bloquée. Tant qu'elle l'est, tu ne peux "
        "ni épargner ni échanger de points avec elle. Une carte est le plus souvent bloquée "
        "quand elle a été déclarée perdue ou volée. Demande à un guichet UiTPAS de la "
        "débloquer, ou demande une nouvelle carte et lie ce numéro avec /link."
    ),
    "link_card_inactive": (
        "⚠️ Attention : UiTPAS dit que cette carte n'est pas (encore) active, par exemple "
        "parce qu'elle n'a pas encore été remise. Tant que c'est le cas, tu ne peux ni épargner "
        "ni échanger de points avec elle. Un guichet UiTPAS peut l'activer."
    ),
    "link_card_deleted": (
        "🚫 Je n'ai pas lié l'UiTPAS {masked} : UiTPAS dit que cette carte est supprimée, "
        "elle ne fonctionne donc plus nulle part. Tu as une nouvelle carte ? Lie-la avec "
        "/link. Un guichet UiTPAS peut t'aider."
    ),
    "linked_card_problem": "Ton UiTPAS {masked} est lié.",
    "login_linked_card_problem": "Tu es connecté·e ; ton UiTPAS {masked} est lié.",
    "checkin_not_open_yet": (
        "⌛ Le check-in à <b>{event}</b> n'est pas encore possible : il le sera à partir du "
        "{when} (5 heures avant le début). Aucun point n'a été épargné ; renvoie la photo à ce "
        "moment-là."
    ),
    "checkin_closed": (
        "⌛ Le check-in à <b>{event}</b> n'est plus possible : il l'était jusqu'au {when} "
        "(5 heures après le début). Aucun point n'a été épargné."
    ),
    "promotion_not_yet": "⏳ Pas encore à échanger : ce sera possible à partir du {begin}.",
    "promotion_no_longer": "⏳ Plus à échanger : c'était possible jusqu'au {end}.",
    "promotion_how_at": "📍 Tu l'échanges chez {places} : montre-y ton UiTPAS.",
    "button_back_to_list": "◀️ Retour à la liste",
    "answered_privately": (
        "📬 {name}, je t'ai répondu en privé, pour que tes données UiTPAS n'apparaissent pas "
        "dans le groupe."
    ),
    "link_in_group_not_deleted": (
        "⚠️ Tu as envoyé ton numéro UiTPAS dans <b>{group}</b>. Je n'ai pas pu supprimer ce "
        "message (je n'y suis pas administrateur), donc tout le groupe peut le voir. "
        "Supprime-le toi-même : appuie longuement sur le message et choisis Supprimer. Lie ta "
        "carte ici, dans cette conversation privée."
    ),
    "link_in_group_delete_yourself": (
        "Supprime toi-même ton message avec ton numéro : je ne peux pas le faire ici (je ne "
        "suis pas administrateur)."
    ),
    "admin_error_in_group": "Dans <b>{group}</b> :",
    # --- notify ---
    "command_notifications": "Alertes : assez de points, dernière chance, tarif social",
    "notify_settings": (
        "🔔 <b>Alertes</b>\nJe te dis ce que l'app UiTPAS ne dit jamais. Touche pour activer ou "
        "désactiver. Jamais pendant les heures calmes, au plus un message par jour."
    ),
    "notify_settings_legacy": "Cette connexion UiTPAS ne connaît que tes points et les avantages.",
    "notify_not_linked": (
        "🔔 Lie d'abord ton UiTPAS avec /link ; tu pourras ensuite choisir tes alertes."
    ),
    "notify_kind_reach": "Assez de points pour un avantage",
    "notify_kind_last_chance": "Dernière chance pour un avantage",
    "notify_kind_tariff": "Fin du tarif social",
    "notify_kind_coupons": "Coupon qui expire",
    "notify_kind_welcome": "Avantage de bienvenue",
    "notify_offer": (
        "🔔 Je te préviens quand tu as assez de points pour un avantage, quand un avantage "
        "touche à sa fin, ou quand ton tarif social ou un coupon expire ? Je n'envoie rien "
        "avant ton oui. Tu choisis par type avec /notifications."
    ),
    "notify_offer_yes": "🔔 Oui, active les alertes",
    "notify_saved_toast": "Enregistré",
    "notify_digest_title": "🔔 <b>Du neuf pour ton UiTPAS</b>",
    "notify_reach_line": "✅ Tu as assez de points pour <b>{title}</b> ({points} points).",
    "notify_last_chance_line": "⏳ Tu peux encore échanger <b>{title}</b> jusqu'au {end}.",
    "notify_tariff_ending": (
        "🤝 Ton tarif social se termine le {end}. Demande à temps une prolongation à ton "
        "comptoir UiTPAS."
    ),
    "notify_tariff_grace": (
        "🤝 La date de fin de ton tarif social ({end}) est passée : tu l'as encore un moment, "
        "mais renouvelle-le maintenant à ton comptoir UiTPAS."
    ),
    "notify_tariff_expired": (
        "🤝 Ton tarif social a expiré. Ton comptoir UiTPAS te dira si tu peux l'obtenir à nouveau."
    ),
    "notify_tariff_uitpas_says": "UiTPAS dit : {said}",
    "notify_coupon_line": "🎟️ Ton coupon <b>{title}</b> expire le {end}.",
    "notify_welcome_line": (
        "🎁 Un avantage de bienvenue que tu peux encore obtenir : <b>{title}</b>."
    ),
    "notify_more": "… et encore {count}.",
    "notify_stop_button": "🔕 Stop : {kind}",
    "notify_stopped_toast": "Désactivé : {kind}",
    "notify_wish_button": "⭐ Préviens-moi quand je peux l'avoir",
    "notify_wish_remove_button": "⭐ Retirer de ma liste d'envies",
    "notify_wish_added_toast": "⭐ Je te préviens dès que tu as assez de points.",
    "notify_wish_removed_toast": "Retiré de ta liste d'envies.",
    "notify_for_member": "👤 Pour {name} :",
    "privacy_kind_notify_subscriptions": (
        "Les alertes que tu as activées : jusqu'à ce que tu les désactives, /unlink ou /forget."
    ),
    "privacy_kind_notify_wishes": (
        "Les avantages que tu as marqués ⭐ : jusqu'à /unlink ou /forget."
    ),
    "privacy_kind_notify_told": (
        "Ce que je t'ai déjà signalé (quel avantage, quelle date de fin), pour ne rien dire deux "
        "fois : jusqu'à /unlink ou /forget."
    ),
    "privacy_kind_notify_schedule": (
        "Quand je regarde à nouveau chez UiTPAS pour tes alertes, et le jour de ton dernier "
        "message."
    ),
    "privacy_kind_notify_held": (
        "Les alertes qui attendent (heures calmes, un message par jour), et celles envoyées : "
        "30 jours au plus."
    ),
    "privacy_name_notify_subscriptions": "types d'alertes",
    "privacy_name_notify_wishes": "envies ⭐",
    "privacy_name_notify_told": "alertes déjà reçues",
    "privacy_name_notify_schedule": "un planning pour tes alertes",
    "privacy_name_notify_held": "alertes en attente ou envoyées",
    # --- member ---
    "member_tab": "👤 {name}",
    "member_tab_current": "▸ {name}",
    "history_header_member": "📜 <b>Historique de {name}</b> ({masked}) :",
    "redeemed_header_member": "🧾 <b>Déjà échangés</b> par {name}, avec l'UiTPAS {masked} :",
    "redeem_whose_title_one": (
        "🛒 <b>{title}</b> ({count} point) : échanger avec les points de qui ?"
    ),
    "redeem_whose_title_other": (
        "🛒 <b>{title}</b> ({count} points) : échanger avec les points de qui ?"
    ),
    "redeem_whose_can_one": "✅ {name} : {count} point",
    "redeem_whose_can_other": "✅ {name} : {count} points",
    "redeem_whose_cannot": "✖️ {name} : {reason}",
    "redeem_whose_button": "🛒 Avec les points de {name}",
    "redeem_whose_nobody": "Personne dans ta famille ne peut échanger cet avantage maintenant.",
    "redeem_with_points_of": "👤 Avec les points de <b>{name}</b>.",
    "redeem_offer_cost_member_one": "Ça coûte <b>{count} point</b> de l'UiTPAS {masked}.",
    "redeem_offer_cost_member_other": "Ça coûte <b>{count} points</b> de l'UiTPAS {masked}.",
    "redeem_offer_after_member_one": (
        "{name} a maintenant {total} points ; il en restera {count} point après."
    ),
    "redeem_offer_after_member_other": (
        "{name} a maintenant {total} points ; il en restera {count} points après."
    ),
    "redeem_total_member_one": "Il reste maintenant {count} point à {name}.",
    "redeem_total_member_other": "Il reste maintenant {count} points à {name}.",
    "redeem_refused_member": "👤 Avec les points de <b>{name}</b> :",
    "points_member_header": "👤 <b>{name}</b>",
    "redeem_login_required": (
        "🔑 Ta connexion UiTiD a expiré ou a été révoquée, donc rien n'a été échangé. "
        "Tape /link pour te reconnecter."
    ),
    "member_gone": "Ce membre ne fait plus partie de ta famille : rien n'a été fait.",
    # --- family3 ---
    "family_usage_v4_more": (
        "Choisir une icône : <code>/family icon &lt;prénom&gt;</code> ou 🎨 ci-dessous. Quitter "
        "la famille de quelqu'un d'autre : <code>/family leave</code>."
    ),
    "family_also_in": "🏠 Tu fais aussi partie de la famille de {name}.",
    "family_also_in_since": "🏠 Tu fais aussi partie de la famille de {name} (depuis le {since}).",
    "family_icon_button": "🎨 {name}",
    "family_leave_button": "🚪 Quitter la famille de {name}",
    "family_leave_confirm": (
        "Quitter la famille de {name} ? Ta carte et tes points restent à toi, mais {name} ne "
        "pourra plus te faire pointer."
    ),
    "family_leave_yes": "✅ Oui, quitter",
    "family_leave_no": "❌ Non",
    "family_leave_kept": "D'accord, tu restes dans cette famille.",
    "family_leave_which": (
        "Tu fais partie de plusieurs familles ({names}). Laquelle veux-tu quitter ? Envoie "
        "<code>/family leave &lt;prénom&gt;</code>."
    ),
    "family_leave_none": "Personne d'autre ne t'a ajouté à sa famille.",
    "family_leave_not_found": "Tu ne fais pas partie d'une famille de « {name} ».",
    "family_left": "🚪 Tu ne fais plus partie de la famille de {name}.",
    "family_leave_forbidden": "UiTPAS ne te laisse pas quitter la famille de {name}.",
    "family_leave_gone": (
        "UiTPAS ne te trouve plus dans la famille de {name} : tu l'as peut-être déjà quittée."
    ),
    "family_leave_refused": "UiTPAS a refusé que tu quittes la famille de {name}.",
    "family_leave_legacy": (
        "Avec cette UiTPAS, je garde moi-même les cartes d'une famille, sur le compte qui les a "
        "ajoutées : il n'y a pas de famille à quitter. Qui a ajouté ta carte peut la retirer "
        "avec <code>/family remove</code>."
    ),
    "family_icon_legacy": (
        "Avec cette UiTPAS, les cartes de ta famille n'ont pas d'icône ; tu peux leur donner un "
        "autre nom : <code>/family rename &lt;prénom&gt; &lt;nouveau nom&gt;</code>."
    ),
    "family_icon_pick": "🎨 Choisis une icône pour {name} :",
    "family_icon_changed": "{icon} {name} a une nouvelle icône.",
    "family_icon_invalid": "Je ne connais pas cette icône. Choisis-en une sous le message.",
    # --- miniapp2 ---
    "mini_app_tab_scan": "📷 Scanner",
    "mini_app_tab_card": "🪪 Carte",
    "mini_app_tab_rewards": "🎁 Avantages",
    "mini_app_card_previous": "‹ Précédente",
    "mini_app_card_next": "Suivante ›",
    "mini_app_card_hint": (
        "Tiens le code-barres sous le scanner. Glisse pour les cartes de ta famille."
    ),
    "mini_app_back": "◀️ Retour",
    "mini_app_redeem_in_chat": "Le code est aussi dans la conversation.",
    "mini_app_family_in_chat": "Le résultat est aussi dans la conversation.",
}

MESSAGES: dict[str, str] = _spaced(_WRITTEN)
