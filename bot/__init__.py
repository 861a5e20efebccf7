"""uitpas-bot: a Telegram bot for UiTPAS passholders."""

__version__ = "0.1.0"
