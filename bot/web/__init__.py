"""The bot's own web server: the app factory, ``/telegram`` (webhook mode), ``/healthz``,
``/metrics`` and ``/oauth/callback``. Routes are thin; what they decide lives in services."""
