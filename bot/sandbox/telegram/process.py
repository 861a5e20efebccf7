"""Start ``python -m bot.sandbox.telegram`` as a child process and learn its URL.

For the load benchmark (and its test): the emulator gets its own interpreter and GIL. The child
runs this checkout's code whatever the working directory, and is stopped with SIGTERM.
"""

from __future__ import annotations

import contextlib
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from .cli import URL_LINE_PREFIX
from .emulator import DEFAULT_TOKEN

ROOT = Path(__file__).resolve().parents[3]


def _lines(stream: object, into: queue.Queue[str | None]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        into.put(line)
    into.put(None)


@contextlib.contextmanager
def emulator_process(
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    local_webhooks: bool = True,
    token: str = DEFAULT_TOKEN,
    startup_timeout: float = 30.0,
) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """Yield ``(url, process)`` once the emulator listens; stop it on exit."""
    command = [sys.executable, "-m", "bot.sandbox.telegram", "--host", host, "--port", str(port)]
    command += ["--token", token]
    if local_webhooks:
        command.append("--local-webhooks")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)  # noqa: S603
    lines: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_lines, args=(process.stdout, lines), daemon=True).start()
    try:
        url = _wait_for_url(lines, startup_timeout)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_url(lines: queue.Queue[str | None], timeout: float) -> str:
    while True:
        try:
            line = lines.get(timeout=timeout)
        except queue.Empty:
            raise RuntimeError(f"the emulator did not start within {timeout}s") from None
        if line is None:
            raise RuntimeError("the emulator exited before it was listening")
        if line.startswith(URL_LINE_PREFIX):
            return line.removeprefix(URL_LINE_PREFIX).strip()
