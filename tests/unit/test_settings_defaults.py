"""The defaults an operator gets without configuring anything."""

from __future__ import annotations

import pytest

from bot.config import Settings


def test_v4_is_the_default_api(monkeypatch: pytest.MonkeyPatch) -> None:
    """publiq phased the legacy API out: a bot started without UITPAS_API speaks v4."""
    monkeypatch.delenv("UITPAS_API", raising=False)
    assert Settings(_env_file=None).uitpas_api == "v4"  # type: ignore[call-arg]


def test_legacy_can_still_be_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UITPAS_API", "legacy")
    assert Settings(_env_file=None).uitpas_api == "legacy"  # type: ignore[call-arg]


def test_the_search_api_is_publiqs_production_server_with_the_uitpas_client_id(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 20: SEARCH_API_URL defaults to production, the client id to UITPAS_CLIENT_ID."""
    for name in ("SEARCH_API_URL", "SEARCH_API_CLIENT_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("UITPAS_CLIENT_ID", "uitpas-integration")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.search_api_url == "https://search.uitdatabank.be"
    assert settings.search_client_id == "uitpas-integration"
    monkeypatch.setenv("SEARCH_API_CLIENT_ID", "search-only")
    assert Settings(_env_file=None).search_client_id == "search-only"  # type: ignore[call-arg]


def test_scan_buttons_need_https_on_the_official_bot_api() -> None:
    """api.telegram.org refuses an http web_app button, and /start must not fail for it."""
    from bot.runtime import scan_offer_url

    official, local = "https://api.telegram.org", "http://127.0.0.1:8081"
    assert scan_offer_url("https://bot.example.be/app/", official) == "https://bot.example.be/app/"
    assert scan_offer_url("http://127.0.0.1:8080/app/", official) is None
    assert scan_offer_url("http://127.0.0.1:8080/app/", local) == "http://127.0.0.1:8080/app/"
    assert scan_offer_url(None, local) is None
