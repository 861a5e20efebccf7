"""A local stand-in for the legacy UiTPAS API, for tests and demos.

``create_app()`` gives the Starlette app (serve it with :class:`bot.sandbox.server.BackgroundServer`
and point ``UITPAS_API_URL`` at ``{server.url}/uitid/rest``); ``run_sandbox()`` serves it in the
foreground for a demo.
"""

from bot.sandbox.uitpas.app import API_PREFIX, create_app
from bot.sandbox.uitpas.cli import run_sandbox

__all__ = ["API_PREFIX", "create_app", "run_sandbox"]
