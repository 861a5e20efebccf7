"""Every log record of the whole test run, checked at the end for secrets and card numbers.

A handler on the root logger sees the records of the bot, PTB, httpx, SQLAlchemy and every
other library, at the levels ``uitpas-bot run`` uses (INFO, noisy loggers at WARNING). Two
checks run over them when the session finishes:

- the formatted lines, as the production formatter writes them (redaction included), must hold
  no bot token, no UiTPAS consumer secret and no demo UiTPAS number;
- the raw messages and tracebacks of the bot's own loggers (``bot.*`` except the stand-ins for
  Telegram and UiTPAS under ``bot.sandbox``, ``storage.*``), before any redaction, must hold
  none of them either: redaction is the second line of defence, not the first.

The sandbox and the emulator are not the bot (they stand in for UiTPAS and Telegram, whose
logs are theirs), so their own records are left out of the second check only.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from bot.observability.logging_setup import LINE_FORMAT, RedactingFormatter, quieten_noisy_loggers
from bot.sandbox.telegram import TelegramEmulator
from bot.sandbox.uitpas import data
from bot.sandbox.uitpas.auth import DEMO_CONSUMERS

_OWN_PREFIXES = ("bot.", "storage.")
_STAND_INS = ("bot.sandbox",)


def demo_numbers() -> list[str]:
    return sorted(
        {
            value
            for value in vars(data).values()
            if isinstance(value, str) and len(value) == 13 and value.isdigit()
        }
    )


def secrets() -> dict[str, str]:
    """What must never be logged, by a name for the report (never the value itself)."""
    found = {"bot token": TelegramEmulator().token}
    found |= {f"consumer secret {c.key}": c.secret for c in DEMO_CONSUMERS}
    return found


def _number_pattern(number: str) -> re.Pattern[str]:
    """The number as typed too: "0930 0568 7880 2", "0930.0568.7880.2"."""
    return re.compile(r"[\s.\-]?".join(re.escape(digit) for digit in number))


@dataclass
class Leak:
    what: str
    logger: str
    check: str


@dataclass
class LogCapture(logging.Handler):
    lines: list[tuple[str, str]] = field(default_factory=list)  # (logger, formatted line)
    raw: list[tuple[str, str]] = field(default_factory=list)  # own loggers, unredacted

    def __post_init__(self) -> None:
        logging.Handler.__init__(self, logging.INFO)
        self.setFormatter(RedactingFormatter(LINE_FORMAT))
        self._plain = logging.Formatter("%(message)s")

    def __hash__(self) -> int:
        return id(self)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append((record.name, self.format(record)))
            if record.name.startswith(_OWN_PREFIXES) and not record.name.startswith(_STAND_INS):
                self.raw.append((record.name, self._plain.format(record)))
        except Exception:  # a broken record must not break the test it came from
            self.handleError(record)

    def install(self) -> None:
        """On the root logger (again, if something like ``configure_logging`` removed it)."""
        root = logging.getLogger()
        if self not in root.handlers:
            root.addHandler(self)
        if root.level > logging.INFO or root.level == logging.NOTSET:
            root.setLevel(logging.INFO)
        quieten_noisy_loggers()

    def own_records(self) -> int:
        return len(self.raw)


def find_leaks(lines: list[tuple[str, str]], raw: list[tuple[str, str]]) -> list[Leak]:
    forbidden = {name: re.compile(re.escape(value)) for name, value in secrets().items()}
    numbers = demo_numbers()
    forbidden |= {f"UiTPAS number {n[:4]}…{n[-3:]}": _number_pattern(n) for n in numbers}
    assert len(forbidden) == len(secrets()) + len(numbers), "two watched values share a name"
    leaks = []
    for check, entries in (("formatted", lines), ("raw bot record", raw)):
        for logger, text in entries:
            leaks.extend(
                Leak(name, logger, check)
                for name, pattern in forbidden.items()
                if pattern.search(text)
            )
    return leaks


CAPTURE = LogCapture()
