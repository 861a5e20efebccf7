"""Notices a passholder opted into (issue 19): kinds, preferences, the shared scheduler."""
