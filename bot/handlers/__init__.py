"""Thin Telegram adapters, one module per feature; the logic lives in ``bot.services``."""
