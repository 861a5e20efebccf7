"""A small multipart/form-data parser.

Starlette's own form parsing needs ``python-multipart``, which the project does not depend on;
the emulator only needs fields and whole in-memory files, which this covers in a few lines and
without copying large uploads more than once.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import Message


@dataclass(frozen=True)
class Upload:
    """A file part of a multipart body."""

    filename: str
    content_type: str | None
    data: bytes


class MultipartError(ValueError):
    """The body is not valid multipart/form-data."""


def _parse_header_params(value: str) -> tuple[str, dict[str, str]]:
    message = Message()
    message["content-disposition"] = value
    params = dict(message.get_params(header="content-disposition", unquote=True) or [])
    main = next(iter(params), "")
    params.pop(main, None)
    return main.lower(), {key.lower(): val for key, val in params.items()}


def boundary_of(content_type: str) -> bytes:
    message = Message()
    message["content-type"] = content_type
    boundary = message.get_param("boundary")
    if not isinstance(boundary, str) or not boundary:
        raise MultipartError("missing boundary")
    return boundary.encode("latin-1")


def parse_multipart(body: bytes, content_type: str) -> dict[str, str | Upload]:
    """Split ``body`` into its named parts: text fields as ``str``, files as :class:`Upload`."""
    delimiter = b"--" + boundary_of(content_type)
    chunks = body.split(delimiter)
    if len(chunks) < 2:
        raise MultipartError("no parts")
    fields: dict[str, str | Upload] = {}
    for chunk in chunks[1:]:
        if chunk.startswith(b"--"):
            break
        head, separator, data = chunk.partition(b"\r\n\r\n")
        if not separator:
            raise MultipartError("part without headers")
        if data.endswith(b"\r\n"):
            data = data[:-2]
        headers: dict[str, str] = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            name, colon, value = line.partition(":")
            if colon:
                headers[name.strip().lower()] = value.strip()
        disposition, params = _parse_header_params(headers.get("content-disposition", ""))
        name = params.get("name")
        if disposition != "form-data" or name is None:
            raise MultipartError("part without a form-data name")
        if "filename" in params:
            fields[name] = Upload(params["filename"], headers.get("content-type"), data)
        else:
            fields[name] = data.decode("utf-8", "replace")
    return fields
