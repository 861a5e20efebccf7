"""``python -m bot.sandbox.uitpas [--host H] [--port P] [--posters DIR]``."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.sandbox.uitpas.cli import run_sandbox


def main() -> None:
    parser = argparse.ArgumentParser(description="A local UiTPAS (legacy API) sandbox.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--posters", type=Path, default=None, help="where to write QR posters")
    args = parser.parse_args()
    run_sandbox(args.host, args.port, args.posters)


if __name__ == "__main__":
    main()
