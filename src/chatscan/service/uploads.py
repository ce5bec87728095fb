"""Reading an upload: a multipart body parsed as it streams in, held in memory only.

Starlette's own form parsing spools large files to disk and reads the whole body before
the route runs; here the size limit is enforced while the bytes arrive (a 2 GB body is
refused after ``limit`` bytes, never stored), and nothing touches the disk.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from python_multipart import MultipartParser
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import parse_options_header

from chatscan.core.ingest import all_formats
from chatscan.service.errors import ServiceError

__all__ = [
    "Upload",
    "UploadTooLarge",
    "allowed_extensions",
    "parse_multipart",
    "too_large_detail",
]

ORIGINAL_EXTENSIONS = (".txt", ".log", ".csv")
FIELD_LIMIT = 4096  # bytes of one plain form field (payment_intent_id, format, ...)
MAX_FIELDS = 16
OVERHEAD = 64 * 1024  # multipart headers and small fields on top of the file itself


class UploadTooLarge(ServiceError):
    status = 413
    error = "file_too_large"


def too_large_detail(limit: int) -> str:
    """The original API's wording, in whole MB when the limit is (10 MB by default)."""
    mb = 1024 * 1024
    size = f"{limit // mb}MB" if limit % mb == 0 else f"{limit} bytes"
    return f"File too large. Maximum size: {size}"


def allowed_extensions() -> tuple[str, ...]:
    """The original API's three, then every extension an ingest format reads."""
    found = list(ORIGINAL_EXTENSIONS)
    for fmt in all_formats():
        found.extend(ext for ext in fmt.extensions if ext not in found)
    return tuple(found)


@dataclass
class Upload:
    """The file part (name and bytes) and the plain fields of one multipart body."""

    filename: str | None = None
    data: bytearray = field(default_factory=bytearray)
    fields: dict[str, str] = field(default_factory=dict)
    files_seen: int = 0


class _Collector:
    """Callbacks for python-multipart's push parser, building an :class:`Upload`."""

    def __init__(self, file_field: str, limit: int) -> None:
        self.upload = Upload()
        self.file_field, self.limit = file_field, limit
        self._header_field = bytearray()
        self._header_value = bytearray()
        self._name: str | None = None
        self._is_file = False
        self._value = bytearray()
        self._target: str = "skip"  # "file", "field" or "skip"

    def on_part_begin(self) -> None:
        self._name, self._is_file, self._value = None, False, bytearray()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def on_header_end(self) -> None:
        if bytes(self._header_field).lower() == b"content-disposition":
            _, params = parse_options_header(bytes(self._header_value))
            name = params.get(b"name")
            self._name = name.decode("utf-8", "replace") if name is not None else None
            filename = params.get(b"filename")
            if filename is not None:
                self._is_file = True
                self._filename = filename.decode("utf-8", "replace")
        self._header_field, self._header_value = bytearray(), bytearray()

    def on_headers_finished(self) -> None:
        upload = self.upload
        if self._name == self.file_field and self._is_file:
            upload.files_seen += 1
            if upload.files_seen > 1:
                raise ServiceError(
                    "Only one file per analysis: send one 'file' part", error="too_many_files"
                )
            upload.filename = self._filename
            self._target = "file"
        elif self._name and not self._is_file:
            if len(upload.fields) >= MAX_FIELDS:
                raise ServiceError("Too many form fields", error="too_many_fields")
            self._target = "field"
        else:
            self._target = "skip"

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self._target == "file":
            self.upload.data += data[start:end]
            if len(self.upload.data) > self.limit:
                raise UploadTooLarge(too_large_detail(self.limit))
        elif self._target == "field":
            self._value += data[start:end]
            if len(self._value) > FIELD_LIMIT:
                raise ServiceError(
                    f"Form field {self._name!r} is longer than {FIELD_LIMIT} bytes",
                    error="field_too_long",
                )

    def on_part_end(self) -> None:
        if self._target == "field" and self._name is not None:
            self.upload.fields.setdefault(self._name, self._value.decode("utf-8", "replace"))
        self._target = "skip"


def _boundary(content_type: str | None) -> bytes:
    kind, params = parse_options_header(content_type or "")
    boundary = params.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise ServiceError(
            "Send the chat export as multipart/form-data with the file in a field named "
            "'file' (e.g. curl -F file=@chat.txt)",
            error="not_multipart",
        )
    return boundary


async def parse_multipart(
    content_type: str | None,
    content_length: str | None,
    body: AsyncIterator[bytes],
    *,
    limit: int,
    file_field: str = "file",
) -> Upload:
    """Parse a multipart body; raise :class:`UploadTooLarge` as soon as the file part
    passes ``limit`` bytes (or at once, when the declared length says it will)."""
    boundary = _boundary(content_type)
    declared = int(content_length) if content_length and content_length.isdigit() else 0
    if declared > limit + OVERHEAD:
        raise UploadTooLarge(too_large_detail(limit))
    collector = _Collector(file_field, limit)
    callbacks = {
        name: getattr(collector, name)
        for name in (
            "on_part_begin",
            "on_part_data",
            "on_part_end",
            "on_header_field",
            "on_header_value",
            "on_header_end",
            "on_headers_finished",
        )
    }
    parser = MultipartParser(boundary, callbacks)  # type: ignore[arg-type]
    received = 0
    try:
        async for chunk in body:
            received += len(chunk)
            if received > limit + OVERHEAD:
                raise UploadTooLarge(too_large_detail(limit))
            parser.write(chunk)
        parser.finalize()
    except MultipartParseError:
        raise ServiceError("Malformed multipart body", error="bad_multipart") from None
    return collector.upload
