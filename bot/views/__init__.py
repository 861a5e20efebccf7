"""Service outcomes rendered as Telegram replies: text, buttons, pictures.

Views take what a service decided and the reader's language, and return a
:class:`~bot.views.reply.Reply`; they never call a service, the database or UiTPAS, so every
reply can be tested from an outcome alone.
"""
