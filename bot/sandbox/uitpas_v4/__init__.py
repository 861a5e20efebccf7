"""The v4 side of the UiTPAS sandbox: a UiTiD authorization server and the v4 endpoints.

Both are mounted in the same Starlette app as the legacy endpoints
(:func:`bot.sandbox.uitpas.app.create_app`) and share its demo world and ledger, so the same
passholders, events and promotions exist under both APIs and a point saved through one is seen
through the other. ``{sandbox}/v4`` is ``UITPAS_API_URL`` and ``{sandbox}/auth`` is
``UITPAS_AUTH_URL`` for a bot with ``UITPAS_API=v4``.
"""

V4_PREFIX = "/v4"
AUTH_PREFIX = "/auth"

__all__ = ["AUTH_PREFIX", "V4_PREFIX"]
