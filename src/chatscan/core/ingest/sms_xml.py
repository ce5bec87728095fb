"""Android text messages as "SMS Backup & Restore" writes them: one XML file.

``<smses>`` holds ``<sms>`` elements (``body``, ``address``, ``contact_name``, ``type``
1 = received, 2 = sent, 3 = draft, 4 = outbox, 5 = failed, 6 = queued) and ``<mms>``
elements (the same with ``msg_box``, text in ``<part ct="text/plain" text="...">``, the
sender of a received message in ``<addr type="137">``). ``date`` is milliseconds since
1970 and becomes a timezone-aware UTC datetime. Messages are yielded oldest first (the
app writes texts and multimedia messages in separate runs); drafts were never sent and
are skipped. A position is an XPath, ``/smses/sms[12]`` (1-based, per element name).

The file is parsed as a stream (``iterparse``, each message cleared once read), so
memory does not grow with the attachments a backup carries. XML that declares a document
type is refused before parsing: an SMS backup has no use for one, and entity
declarations are how "billion laughs" bombs and external-entity reads work. Character
references to UTF-16 surrogate halves (``&#55357;&#56832;``), which older versions of
the app write for emoji and which XML forbids, are joined into one reference of the same
length before parsing, so reported line and column numbers stay those of the file.
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import BinaryIO, NamedTuple, Protocol
from xml.parsers.expat import ErrorString

from chatscan.core.errors import InputError
from chatscan.core.ingest.base import Format, IngestLog, IngestOptions, Sniff, Source
from chatscan.core.models import Message

__all__ = ["FORMAT", "read_sms_xml"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_SECONDS_BELOW = 10**11  # a smaller ``date`` is in seconds (before 1973 as milliseconds)
_RECEIVED, _SENT_KINDS, _DRAFT = "1", frozenset({"2", "4", "5", "6"}), "3"
_FROM_ADDRESS = "137"  # the ``<addr>`` type of an MMS's sender
_NO_NAME = frozenset({"", "(Unknown)", "null"})
_PROLOG_CHUNK = 64 * 1024
_PROLOG_LOOKAHEAD = 9  # len("<!DOCTYPE")

_HIGH_REF = (
    rb"&#(?:55(?:29[6-9]|[3-9][0-9]{2})|56(?:[0-2][0-9]{2}|3[01][0-9])"
    rb"|[xX][dD][89abAB][0-9a-fA-F]{2});"
)
_LOW_REF = (
    rb"&#(?:56(?:3[2-9][0-9]|[4-9][0-9]{2})|57(?:[0-2][0-9]{2}|3[0-3][0-9]|34[0-3])"
    rb"|[xX][dD][c-fC-F][0-9a-fA-F]{2});"
)
_SURROGATE_REFS_RE = re.compile(rb"(" + _HIGH_REF + rb")(" + _LOW_REF + rb")?|" + _LOW_REF)
_HOLD_BACK = 24  # longer than a reference pair (18 bytes)


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class Parsed(NamedTuple):
    text: str
    speaker: str | None
    timestamp: datetime
    flags: frozenset[str]


# --- safety and repair of the byte stream -------------------------------------------


def _prolog_encoding(first: bytes) -> str:
    if first.startswith(codecs.BOM_UTF16_LE) or first[:2] == b"<\x00":
        return "utf-16-le"
    if first.startswith(codecs.BOM_UTF16_BE) or first[:2] == b"\x00<":
        return "utf-16-be"
    return "utf-8"  # or any ASCII-compatible encoding: only ASCII markup is looked at


def refuse_doctype(stream: BinaryIO) -> None:
    """Raise InputError when the prolog (all before the first element) holds ``<!DOCTYPE``.

    Reads comments and processing instructions of any length in bounded memory; anything
    malformed is left for the parser to report with its position.
    """
    raw = stream.read(_PROLOG_CHUNK)
    decoder = codecs.getincrementaldecoder(_prolog_encoding(raw))(errors="replace")
    text = decoder.decode(raw)
    closing: str | None = None  # the end of a comment or processing instruction
    ended = not raw
    while True:
        if closing is not None:
            end = text.find(closing)
            if end >= 0:
                text, closing = text[end + len(closing) :], None
                continue
            text = text[-(len(closing) - 1) :]
        else:
            text = text.lstrip(" \t\r\n\ufeff")
            if len(text) >= _PROLOG_LOOKAHEAD or ended:
                if text.startswith("<?"):
                    text, closing = text[2:], "?>"
                    continue
                if text.startswith("<!--"):
                    text, closing = text[4:], "-->"
                    continue
                if text.startswith("<!"):
                    raise InputError(
                        "the XML file declares a document type (<!DOCTYPE ...>), which an "
                        "SMS backup never does; it is refused because entity declarations "
                        "can expand without limit or read other files"
                    )
                return
        if ended:
            return
        raw = stream.read(_PROLOG_CHUNK)
        ended = not raw
        text += decoder.decode(raw, final=ended)


def _reference_value(reference: bytes) -> int:
    body = reference[2:-1]
    return int(body[1:], 16) if body[:1] in (b"x", b"X") else int(body)


def _join_surrogates(match: re.Match[bytes]) -> bytes:
    high, low = match.group(1), match.group(2)
    if high and low:
        code = 0x10000 + ((_reference_value(high) - 0xD800) << 10) + _reference_value(low) - 0xDC00
    else:
        code = 0xFFFD  # a lone half: the replacement character
    digits = len(match.group(0)) - 3
    return b"&#" + str(code).zfill(digits).encode() + b";"


class SurrogateRefFixer:
    """A binary stream that rewrites surrogate-half character references as it is read."""

    def __init__(self, stream: Readable) -> None:
        self._stream = stream
        self._tail = b""

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            data, self._tail = self._tail + self._stream.read(), b""
            return _SURROGATE_REFS_RE.sub(_join_surrogates, data)
        while True:
            chunk = self._stream.read(size)
            data = self._tail + chunk
            if not chunk:
                self._tail = b""
                return _SURROGATE_REFS_RE.sub(_join_surrogates, data)
            cut = max(0, len(data) - _HOLD_BACK)
            for match in _SURROGATE_REFS_RE.finditer(data, max(0, cut - _HOLD_BACK)):
                if match.start() >= cut:
                    break
                if match.end() > cut:
                    cut = match.start()
                    break
            self._tail = data[cut:]
            if cut:
                return _SURROGATE_REFS_RE.sub(_join_surrogates, data[:cut])


# --- reading raw records ------------------------------------------------------------


def read_elements(stream: Readable) -> Iterator[tuple[str, ET.Element]]:
    """Each child of ``<smses>`` with its XPath, cleared after the caller has used it."""
    counts: dict[str, int] = {}
    depth = 0
    root: ET.Element | None = None
    try:
        for event, element in ET.iterparse(stream, events=("start", "end")):
            if event == "start":
                depth += 1
                if depth == 1:
                    root = element
                    if element.tag != "smses":
                        raise InputError(
                            "the XML file is not an SMS Backup & Restore file "
                            "(its top element is not <smses>)"
                        )
                continue
            depth -= 1
            if depth == 1 and root is not None:
                counts[element.tag] = counts.get(element.tag, 0) + 1
                yield f"/smses/{element.tag}[{counts[element.tag]}]", element
                root.clear()
    except ET.ParseError as exc:
        line, column = exc.position
        raise InputError(
            f"the SMS backup is not well-formed XML: {ErrorString(exc.code)} "
            f"at line {line}, column {column + 1}"
        ) from None


# --- parsing one record -------------------------------------------------------------


def _timestamp(value: str | None) -> datetime | None:
    value = (value or "").strip()
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    milliseconds = number * 1000 if number < _SECONDS_BELOW else number
    try:
        return _EPOCH + timedelta(milliseconds=milliseconds)
    except OverflowError:
        return None


def _name(contact_name: str | None, address: str | None) -> str | None:
    for value in (contact_name, address):
        if value is not None and value.strip() not in _NO_NAME:
            return value.strip()
    return None


def _digits(address: str) -> str:
    return "".join(c for c in address if c.isdigit())[-10:]


def _same_address(a: str, b: str) -> bool:
    digits = _digits(a)
    return digits == _digits(b) if digits else a.strip().lower() == b.strip().lower()


def _mms_sender(element: ET.Element) -> str | None:
    """The sender of a received MMS: its ``from`` address, named where the file names it.

    A group message lists its members as ``address="a~b"`` and ``contact_name="A, B"``.
    """
    contact_name, address = element.get("contact_name"), element.get("address")
    sender = next(
        (a.get("address") for a in element.iter("addr") if a.get("type") == _FROM_ADDRESS),
        None,
    )
    if not sender or sender.strip() in _NO_NAME:
        return _name(contact_name, address) if "~" not in (address or "") else None
    addresses, names = (address or "").split("~"), (contact_name or "").split(", ")
    if len(addresses) == len(names):
        for one_address, one_name in zip(addresses, names, strict=True):
            if _same_address(one_address, sender):
                return _name(one_name, sender)
    return sender.strip()


def _speaker(kind: str | None, received: str | None) -> str | None:
    if kind == _RECEIVED:
        return received
    return "Me" if kind in _SENT_KINDS else None


def parse_sms(element: ET.Element) -> Parsed | str:
    """One ``<sms>``, or why it cannot be used."""
    timestamp = _timestamp(element.get("date"))
    if timestamp is None:
        return "'date' is not a whole number of milliseconds"
    kind = element.get("type")
    if kind == _DRAFT:
        return "a draft (type 3), never sent"
    body = element.get("body")
    if body is None:
        return "no 'body' attribute"
    received = _name(element.get("contact_name"), element.get("address"))
    return Parsed(body, _speaker(kind, received), timestamp, frozenset())


def parse_mms(element: ET.Element) -> Parsed | str:
    """One ``<mms>``: its text parts joined with newlines, or ``media`` when it has none."""
    timestamp = _timestamp(element.get("date"))
    if timestamp is None:
        return "'date' is not a whole number of milliseconds"
    kind = element.get("msg_box")
    if kind == _DRAFT:
        return "a draft (msg_box 3), never sent"
    texts = [
        text
        for part in element.iter("part")
        if (part.get("ct") or "").lower() == "text/plain" and (text := part.get("text"))
    ]
    flags = frozenset() if texts else frozenset({"media"})
    received = _mms_sender(element) if kind == _RECEIVED else None
    return Parsed("\n".join(texts), _speaker(kind, received), timestamp, flags)


_PARSERS = {"sms": parse_sms, "mms": parse_mms}


def read_sms_xml(source: Source, options: IngestOptions, log: IngestLog) -> Iterator[Message]:
    with source.open() as head:
        refuse_doctype(head)
    records: list[tuple[Parsed, str]] = []
    with source.open() as stream:
        for position, element in read_elements(SurrogateRefFixer(stream)):
            parser = _PARSERS.get(element.tag)
            parsed = parser(element) if parser else "not an <sms> or <mms> element"
            if isinstance(parsed, str):
                log.skip(position, parsed)
            else:
                records.append((parsed, position))
    if not records and not log.skipped_total:
        log.warn("the SMS backup holds no messages")
    records.sort(key=lambda record: record[0].timestamp)  # stable: file order on ties
    for index, (parsed, position) in enumerate(records):
        yield Message(
            index,
            parsed.text,
            parsed.speaker,
            parsed.timestamp,
            source_ref=position,
            flags=parsed.flags,
        )


def sniff(s: Sniff) -> float:
    if s.zip_names is not None or s.json_keys is not None:
        return 0.0
    head = s.head.lstrip("\ufeff \t\r\n")
    if not head.startswith("<"):
        return 0.0
    if re.search(r"<smses[\s>]", head[:8192]):
        return 0.95
    if head.startswith("<?xml") and re.search(r"<(?:sms|mms)\s", head):
        return 0.6
    return 0.0


FORMAT = Format(
    name="sms_xml",
    title="Android SMS (SMS Backup & Restore XML)",
    example='<smses count="2"><sms address="+15550100" date="1614852672000" type="1" '
    'body="..." contact_name="Alex" />',
    sniff=sniff,
    read=read_sms_xml,
    extensions=(".xml",),
)
