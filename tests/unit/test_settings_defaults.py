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
