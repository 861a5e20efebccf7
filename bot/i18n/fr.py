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
        "<b>1.</b> Lie ta carte : touche /link et connecte-toi avec ton UiTiD.\n"
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
        "pas dans le groupe. Touche le bouton ci-dessous."
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
    "login_failed": "La connexion n'a pas marché. Touche /link pour réessayer.",
    "login_no_uitpas": (
        "Tu es connecté, mais aucun UiTPAS (actif) n'est lié à ce compte UiTiD. "
        "Un guichet UiTPAS peut t'aider."
    ),
    "LOGIN_REQUIRED": (
        "🔑 Ta connexion UiTiD a expiré ou a été révoquée, donc aucun point n'a été épargné. "
        "Touche /link pour te reconnecter, puis renvoie la photo."
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
        "J'ai lu le code QR. 👍 Touche maintenant /link et connecte-toi avec ton UiTiD ; "
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
    "file_not_image": (
        "Ce fichier n'est pas une image. Envoie une photo du code QR de check-in."
    ),
    "file_too_big": (
        "Ce fichier fait {size} Mo ; je peux lire des fichiers jusqu'à 20 Mo. "
        "Envoie l'image comme photo, ou une version plus petite."
    ),
    "code_empty": (
        "Ce code QR est vide. Envoie une photo du code QR de check-in de l'activité."
    ),
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
    "spotlight_header": "🎁 À la une, touche pour voir ce que tu peux en faire :",
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
}

MESSAGES: dict[str, str] = _spaced(_WRITTEN)
