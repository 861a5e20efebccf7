"""The emulator's file storage: photos, documents and the ids Telegram gives them.

Like Telegram, a file is known by an opaque ``file_id`` plus a stable ``file_unique_id``, and it
only gets a download path once somebody calls getFile. Files sent by URL are recorded but never
fetched (the emulator must not reach out to the internet), so they have no bytes.
"""

from __future__ import annotations

import mimetypes
import posixpath
import secrets
from dataclasses import dataclass
from itertools import count
from typing import Any
from urllib.parse import urlsplit

from .photos import renditions

_PREFIX = {"photo": ("AgACAgQAAxkBAAI", "AQAD"), "document": ("BQACAgQAAxkBAAI", "AgAD")}


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    kind: str
    data: bytes | None
    file_name: str | None = None
    mime_type: str | None = None
    width: int = 0
    height: int = 0
    source_url: str | None = None
    file_path: str | None = None

    @property
    def size(self) -> int:
        return len(self.data) if self.data is not None else 0

    def photo_size(self) -> dict[str, Any]:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.size,
            "width": self.width,
            "height": self.height,
        }

    def document(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.size,
        }
        if self.file_name:
            document["file_name"] = self.file_name
        if self.mime_type:
            document["mime_type"] = self.mime_type
        return document


def guess_mime_type(file_name: str | None, declared: str | None) -> str:
    guessed = mimetypes.guess_type(file_name or "")[0]
    return guessed or declared or "application/octet-stream"


class FileStore:
    def __init__(self) -> None:
        self._files: dict[str, StoredFile] = {}
        self._paths: dict[str, StoredFile] = {}
        self._photo_sets: dict[str, list[StoredFile]] = {}
        self._path_numbers = count()

    def _new(self, kind: str, data: bytes | None, **details: Any) -> StoredFile:
        id_prefix, unique_prefix = _PREFIX[kind]
        stored = StoredFile(
            file_id=id_prefix + secrets.token_urlsafe(40),
            file_unique_id=unique_prefix + secrets.token_urlsafe(9),
            kind=kind,
            data=data,
            **details,
        )
        self._files[stored.file_id] = stored
        return stored

    def _photo_set(self, sizes: list[StoredFile]) -> list[dict[str, Any]]:
        for size in sizes:
            self._photo_sets[size.file_id] = sizes
        return [size.photo_size() for size in sizes]

    def add_photo(self, image: bytes) -> list[dict[str, Any]]:
        """PhotoSize objects for an uploaded image (raises ``photos.NotAnImage``)."""
        sizes = [
            self._new("photo", r.jpeg, width=r.width, height=r.height) for r in renditions(image)
        ]
        return self._photo_set(sizes)

    def add_photo_url(self, url: str) -> list[dict[str, Any]]:
        """A placeholder PhotoSize for a photo sent by URL: size unknown, since never fetched."""
        return self._photo_set([self._new("photo", None, source_url=url)])

    def add_document(self, data: bytes, file_name: str, mime_type: str | None) -> StoredFile:
        """Keep ``data`` byte for byte; without a usable ``mime_type`` guess from the name."""
        if mime_type in (None, "", "application/octet-stream"):
            mime_type = guess_mime_type(file_name, mime_type)
        return self._new("document", data, file_name=file_name, mime_type=mime_type)

    def add_document_url(self, url: str) -> StoredFile:
        name = posixpath.basename(urlsplit(url).path) or "file"
        return self._new(
            "document", None, file_name=name, mime_type=guess_mime_type(name, None), source_url=url
        )

    def get(self, file_id: str) -> StoredFile | None:
        return self._files.get(file_id)

    def photo_sizes(self, file_id: str) -> list[dict[str, Any]]:
        return [size.photo_size() for size in self._photo_sets.get(file_id, [])]

    def assign_path(self, stored: StoredFile) -> str:
        """The download path getFile hands out; stable once assigned."""
        if stored.file_path is None:
            folder = "photos" if stored.kind == "photo" else "documents"
            extension = (
                ".jpg" if stored.kind == "photo" else posixpath.splitext(stored.file_name or "")[1]
            )
            stored.file_path = f"{folder}/file_{next(self._path_numbers)}{extension}"
            self._paths[stored.file_path] = stored
        return stored.file_path

    def by_path(self, path: str) -> StoredFile | None:
        return self._paths.get(path)
