"""Small v4 pieces without servers: views of v4 answers, problem mapping, settings, the cipher."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr

from bot.backends import make_backend
from bot.config import Settings
from bot.i18n import CATALOGUES
from bot.services.outcomes import AwaitingLink, CheckinAnswered
from bot.services.uitid_sessions import TokenCipher
from bot.uitpas.models import NOT_FOUND, REFUSED, AnswerCode, CheckinAnswer
from bot.uitpas.v4.problems import read_problem
from bot.views import checkin as views
from storage.database import Database

MASKED = "0930 •••• ••80 2"


def refusal(**fields: object) -> CheckinAnswered:
    return CheckinAnswered(CheckinAnswer(**fields), MASKED)  # type: ignore[arg-type]


def test_end_user_message_is_shown_to_dutch_users_escaped() -> None:
    outcome = refusal(code="CHECKIN_NOT_ALLOWED", message="x", end_user_message_nl="Niet <nu>")
    assert views.checkin(outcome, "nl").text == "🚫 Niet &lt;nu&gt;"


def test_english_users_get_the_catalogue_message_then_the_dutch_one() -> None:
    """publiq: always show the endUserMessage; without an English one, English users read
    ours first (so they know what happened) and then UiTPAS's Dutch words."""
    outcome = refusal(code=AnswerCode.CHECKIN_CODE_INVALID, end_user_message_nl="Ongeldige code")
    text = views.checkin(outcome, "en").text
    own = views.checkin(refusal(code=AnswerCode.CHECKIN_CODE_INVALID), "en").text
    assert text == f"{own}\nUiTPAS says: <i>Ongeldige code</i>"


def test_english_users_get_the_english_end_user_message_when_sent() -> None:
    outcome = refusal(
        code=AnswerCode.CHECKIN_CODE_INVALID,
        end_user_message_nl="Ongeldige code",
        end_user_message_en="Invalid <code>",
    )
    assert views.checkin(outcome, "en").text == "🚫 Invalid &lt;code&gt;"
    assert views.checkin(outcome, "nl").text == "🚫 Ongeldige code"


def test_french_users_get_the_french_end_user_message_when_sent() -> None:
    outcome = refusal(
        code=AnswerCode.CHECKIN_CODE_INVALID,
        end_user_message_nl="Ongeldige code",
        end_user_message_en="Invalid code",
        end_user_message_fr="Code <invalide>",
    )
    assert views.checkin(outcome, "fr").text == "🚫 Code &lt;invalide&gt;"
    assert views.checkin(outcome, "en").text == "🚫 Invalid code"
    dutch_only = refusal(code=AnswerCode.CHECKIN_CODE_INVALID, end_user_message_nl="Ongeldig")
    own = views.checkin(refusal(code=AnswerCode.CHECKIN_CODE_INVALID), "fr").text
    assert views.checkin(dutch_only, "fr").text == f"{own}\nUiTPAS dit\u00a0: <i>Ongeldig</i>"


def test_a_problem_keeps_every_end_user_message_it_can_use() -> None:
    body = {
        "type": P + "checkin-code-invalid",
        "endUserMessage": {"nl": "Ongeldig", "fr": "Invalide", "de": "Ungültig", "en": " "},
    }
    problem = read_problem(body, 400)
    assert problem is not None
    assert problem.end_user_message_nl == "Ongeldig"
    assert problem.end_user_message_fr == "Invalide"
    assert problem.end_user_message_en is None  # blank: as if not sent


def test_an_unknown_problem_never_shows_its_code() -> None:
    for language in CATALOGUES:
        text = views.checkin(refusal(code=REFUSED), language).text  # type: ignore[arg-type]
        assert "REFUSED" not in text
        assert text == views.checkin(refusal(code=NOT_FOUND), language).text  # type: ignore[arg-type]


def test_a_missing_check_in_permission_is_said_as_such() -> None:
    outcome = refusal(
        code="ACCESS_DENIED", http_status=403, required_permission="PASSHOLDERS_SELF_CHECKIN"
    )
    assert "niet toe je in te checken" in views.checkin(outcome, "nl").text
    assert "not allow this bot to check you in" in views.checkin(outcome, "en").text
    assert "operator has been told" in views.checkin(outcome, "en").text


def test_login_required_sends_the_user_to_link() -> None:
    assert "/link" in views.checkin(refusal(code=AnswerCode.LOGIN_REQUIRED), "nl").text
    assert "/link" in views.checkin(AwaitingLink(by_login=True), "en").text


P = "https://api.publiq.be/probs/uitpas/"


@pytest.mark.parametrize(
    ("kind", "extra", "code"),
    [
        ("checkin-code-expired", {}, "CHECKIN_CODE_EXPIRED"),
        ("invalid-uitpas-number", {}, "PARSE_INVALID_UITPASNUMBER"),
        ("invalid-card-status", {"cardStatus": "DELETED"}, "INVALID_CARD_STATUS_DELETED"),
        ("checkin-not-allowed", {"passType": "GROUP"}, "GROUPPAS_NOT_ALLOWED"),
        ("checkin-not-allowed", {}, "CHECKIN_NOT_ALLOWED"),
        ("maximum-reached", {}, "MAXIMUM_REACHED"),
        # Not in publiq's errors guide: read by the status, never named after the type.
        ("invalid-uitpasnumber", {}, "REFUSED"),
        ("something-new", {}, "REFUSED"),
    ],
)
def test_problem_types_map_to_legacy_codes(kind: str, extra: dict[str, str], code: str) -> None:
    problem = read_problem({"type": P + kind, **extra}, 400)
    assert problem is not None
    assert problem.code == code


@pytest.mark.parametrize(
    ("type_uri", "status", "code"),
    [
        ("https://api.publiq.be/probs/auth/forbidden", 403, "ACCESS_DENIED"),
        ("https://api.publiq.be/probs/auth/unauthorized", 401, "ACCESS_DENIED"),
        # The same last segment elsewhere is another problem: only the whole URI counts.
        ("https://example.org/uitpas/checkin-code-expired", 400, "REFUSED"),
        ("https://api.publiq.be/probs/body/checkin-code-expired", 400, "REFUSED"),
        ("checkin-code-expired", 400, "REFUSED"),
        ("https://api.publiq.be/probs/uitpas/new-kind-of-missing", 404, "NOT_FOUND"),
        ("https://api.publiq.be/probs/other/forbidden", 403, "ACCESS_DENIED"),
    ],
)
def test_problem_types_are_matched_on_the_whole_uri(type_uri: str, status: int, code: str) -> None:
    problem = read_problem({"type": type_uri}, status)
    assert problem is not None
    assert problem.code == code


def test_a_problem_detail_is_never_the_message_for_the_passholder() -> None:
    body = {"type": P + "checkin-not-allowed", "detail": "internal: rule 17 failed"}
    problem = read_problem(body, 400)
    assert problem is not None
    assert (problem.message, problem.detail) == (None, "internal: rule 17 failed")


def test_a_body_that_is_not_a_problem_is_not_read_as_one() -> None:
    assert read_problem({"code": "X"}, 400) is None
    assert read_problem("<html>", 502) is None


async def test_v4_settings_name_what_is_missing(tmp_path: object) -> None:
    settings = Settings(
        _env_file=None, uitpas_api="v4", uitpas_api_url="https://api-test.uitpas.be"
    )  # type: ignore[call-arg]
    database = Database("sqlite:///:memory:")
    with pytest.raises(ValueError, match="UITPAS_AUTH_URL, UITPAS_CLIENT_ID") as raised:
        make_backend(settings, database)
    assert "TOKEN_ENCRYPTION_KEY" in str(raised.value)
    await database.dispose()


def test_a_bad_encryption_key_is_refused_with_advice() -> None:
    with pytest.raises(ValueError, match=r"Fernet\.generate_key"):
        TokenCipher("not a key")


def test_cipher_round_trip_and_tampering() -> None:
    cipher = TokenCipher(Fernet.generate_key().decode())
    encrypted = cipher.encrypt("refresh-token-123")
    assert "refresh-token-123" not in encrypted
    assert cipher.decrypt(encrypted) == "refresh-token-123"
    assert cipher.decrypt(encrypted[:-4] + "AAAA") is None
    assert TokenCipher(Fernet.generate_key().decode()).decrypt(encrypted) is None


def test_new_secrets_are_secret_str() -> None:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, uitpas_client_secret="s3cr3t-value", token_encryption_key="k3y-value-x"
    )
    assert isinstance(settings.uitpas_client_secret, SecretStr)
    assert "s3cr3t-value" not in repr(settings)
    assert "k3y-value-x" not in repr(settings)


def test_an_about_blank_problem_is_read_by_its_status() -> None:
    """RFC 9457's about:blank: publiq lists no type for some answers (the family's 404s).
    A 5xx stays no answer at all (not known)."""
    blank = {"type": "about:blank"}
    problem = read_problem({**blank, "title": "Family member not found", "status": 404}, 404)
    assert problem is not None
    assert (problem.type, problem.code, problem.known) == ("about:blank", "NOT_FOUND", True)
    refused = read_problem({**blank, "endUserMessage": {"nl": "Mag niet."}}, 403)
    assert refused is not None
    assert (refused.code, refused.end_user_message_nl) == ("ACCESS_DENIED", "Mag niet.")
    failed = read_problem({**blank, "title": "Oops", "status": 500}, 500)
    assert failed is not None
    assert not failed.known
