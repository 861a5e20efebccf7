"""The v4 UiTPAS API (api.uitpas.be) and its UiTiD authorization server.

:mod:`.oauth` speaks OAuth 2 with the authorization server (client credentials, authorization
code with PKCE, refresh, revocation); :mod:`.client` is the :class:`~bot.uitpas.api.UitpasApi`
over the v4 resource endpoints; :mod:`.problems` and :mod:`.rewards` turn v4 answers into the
same typed answers the legacy client gives, so services and views do not change.
"""
