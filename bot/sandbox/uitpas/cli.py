"""Run the sandbox in the foreground for a demo: ``python -m bot.sandbox.uitpas``.

It prints what the bot needs (``UITPAS_API_URL``, consumer key and secret), the demo
passholders and check-in codes, and where the printable posters are, then serves until Ctrl-C.
The numbers are printed in full: they are made up.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

import uvicorn

from bot.sandbox.uitpas.app import API_PREFIX, create_app
from bot.sandbox.uitpas.auth import DEMO_CONSUMERS
from bot.sandbox.uitpas.posters import write_posters
from bot.sandbox.uitpas_v4 import AUTH_PREFIX, V4_PREFIX
from bot.sandbox.uitpas_v4.permissions import GRANTED
from bot.sandbox.uitpas_v4.uitid import DEMO_CLIENTS


def run_sandbox(
    host: str = "127.0.0.1",
    port: int = 8090,
    posters_dir: Path | None = None,
    withhold: Iterable[str] = (),
) -> None:
    """Serve the sandbox on ``host:port`` until interrupted; posters go to ``posters_dir``.

    Without ``posters_dir`` the posters go to a fresh temporary directory, so a demo always has
    something to photograph. ``withhold``: v4 permissions the demo clients lack.
    """
    app = create_app(withhold=withhold)
    data = app.state.sandbox.data
    directory = posters_dir or Path(tempfile.mkdtemp(prefix="uitpas-posters-"))
    posters = write_posters(directory, data)

    lines = [
        "UiTPAS sandbox",
        f"  UITPAS_API_URL=http://{host}:{port}{API_PREFIX}",
    ]
    for consumer in DEMO_CONSUMERS:
        permissions = ", ".join(sorted(consumer.permissions))
        lines.append(f"  consumer {consumer.key} / {consumer.secret}  ({permissions})")
    lines.append(f"  v4: UITPAS_API_URL=http://{host}:{port}{V4_PREFIX}")
    lines.append(f"      UITPAS_AUTH_URL=http://{host}:{port}{AUTH_PREFIX}")
    granted = app.state.sandbox.permissions
    allowed = ", ".join(p for p in GRANTED if granted.allows(p))
    for client in DEMO_CLIENTS:
        lines.append(f"      client {client.client_id} / {client.secret}  ({allowed})")
    if granted.withheld:
        lines.append(f"      withheld (answered 403): {', '.join(sorted(granted.withheld))}")
    lines.append("  passholders:")
    for passholder in data.passholders.values():
        kind = "groepspas" if passholder.group else passholder.status.value
        lines.append(
            f"    {passholder.number}  {passholder.points:>3} punten  {kind}  {passholder.name}"
        )
    lines.append("  events (check-in code):")
    for event in data.events:
        lines.append(f"    {event.title}: {event.checkin_code}")
    lines.append(f"  posters: {directory} ({len(posters)} files)")
    lines.append(f"  POST http://{host}:{port}/_sandbox/reset puts the events around now again")
    print("\n".join(lines), flush=True)

    uvicorn.run(app, host=host, port=port, log_level="info")
