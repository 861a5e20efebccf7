"""The web chat of ``uitpas-bot demo``: a Telegram-like chat in the browser.

It is a client of the Telegram emulator's control API and nothing else — the bot it shows is
the real bot, polling the emulator, exactly as it would poll api.telegram.org.
"""
