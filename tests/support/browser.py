"""Browser tests' harness: ``uitpas-bot demo`` as a process, and headless Debian Chromium.

The demo runs exactly as a visitor starts it (``python -m bot demo --port 0``), so the tests
cover the command, the web chat, the emulator, the real bot and the sandbox together.
Chromium is Debian's package driven by Playwright's Python driver (no browser download). When
either is missing the tests skip locally, and fail in CI (``REQUIRE_BROWSER=1``, set in .ci/run).
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium reaches out to Google's services, which a
# closed network refuses (and which a test has no business calling).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_URL = re.compile(r"Open the chat:\s+(http://\S+)")


def require_browser() -> None:
    """Skip (locally) or fail (CI) when Chromium or Playwright is not there."""
    problem = None
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        problem = "the playwright package is not installed (pip install -e '.[dev]')"
    if problem is None and not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        problem = f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)"
    if problem is None:
        return
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(f"browser tests are required but cannot run: {problem}")
    pytest.skip(problem)


@dataclass
class DemoProcess:
    process: subprocess.Popen[str]
    url: str
    output: list[str]


@contextmanager
def demo_process(
    *args: str, timeout: float = 60.0, env: dict[str, str] | None = None
) -> Iterator[DemoProcess]:
    """``python -m bot demo --port 0 ...`` until it prints its URL; stopped with Ctrl-C after.

    ``env`` adds to the environment (``TIME_ZONE``...). A thread reads the output into a
    queue, so waiting for a line has a deadline.
    """
    process = subprocess.Popen(  # noqa: S603 - our own command, fixed arguments
        [sys.executable, "-m", "bot", "demo", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, **(env or {})},
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line.rstrip("\n"))
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    output: list[str] = []
    url = None
    deadline = time.monotonic() + timeout
    try:
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                line = lines.get(timeout=remaining)
            except queue.Empty:
                break
            if line is None:
                break
            output.append(line)
            if found := _URL.search(line):
                url = found.group(1)
            if line.startswith("Sandbox data only"):  # the last line of the announcement
                break
        if url is None:
            raise AssertionError("the demo printed no URL:\n" + "\n".join(output))
        yield DemoProcess(process, url, output)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
