"""A stand-in for UiTdatabank's Search API (``GET /events``), over the sandbox's demo events.

Mounted in the UiTPAS sandbox app under :data:`SEARCH_PREFIX`, so the events a passholder
finds near them are the very events whose check-in posters the sandbox prints. Held to
publiq's published ``search-openapi.json`` in the tests (``tests/support/search_spec.py``).
"""

SEARCH_PREFIX = "/search"
