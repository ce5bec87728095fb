"""Slack workspace exports: a zip of ``channels.json``, ``users.json`` and, per channel, a
folder of day files ``general/2021-03-04.json``, each a JSON list of messages.

Every channel folder is read (those listed in ``channels.json``, ``groups.json``,
``mpims.json`` and ``dms.json`` in that order, then any other folder of day files), and
each channel's messages are yielded in ``ts`` order with the context ``#channel``. The
speaker is the message's ``user_profile`` name, else the ``users.json`` name of its
``user``, else the bot's name, else the user id. ``ts`` (``"1614852672.000200"``, seconds
since 1970) becomes a timezone-aware UTC datetime. Join/leave/topic and other non-content
subtypes are flagged ``system``; ``tombstone`` (a deleted thread parent) ``deleted``; an
``edited`` mark ``edited``; files without text ``media``. A position is the zip member
and the message's place in it, ``general/2021-03-04.json[3]``.
"""

from __future__ import annotations

import json
import posixpath
import re
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from chatscan.core.errors import InputError
from chatscan.core.ingest.base import Format, IngestLog, IngestOptions, Sniff, Source
from chatscan.core.models import Context, Message

__all__ = ["FORMAT", "read_slack"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_DAY_FILE_RE = re.compile(r"\d{4}-\d{2}-\d{2}\.json")
_TS_RE = re.compile(r"(\d{1,12})(?:\.(\d{1,9}))?")
_LISTS = ("channels.json", "groups.json", "mpims.json", "dms.json")
_MAX_MEMBER_BYTES = 256 * 1024 * 1024  # no real day file or list comes near this
# Subtypes that are someone's words; every other subtype is a notice (joins, topics, ...).
_CONTENT_SUBTYPES = frozenset(
    {
        "bot_message",
        "me_message",
        "thread_broadcast",
        "reply_broadcast",
        "file_share",
        "file_comment",
        "file_mention",
        "slackbot_response",
        "huddle_thread",
    }
)
_DELETED_SUBTYPES = frozenset({"tombstone", "message_deleted"})


class Parsed(NamedTuple):
    ts: tuple[int, int]  # seconds, microseconds: sortable without float rounding
    timestamp: datetime
    text: str
    speaker: str | None
    flags: frozenset[str]


class Channel(NamedTuple):
    name: str
    folder: str  # the folder in the zip, with the export's root prefix
    days: list[str]  # member names of its day files, sorted


# --- reading raw records ------------------------------------------------------------


def _root_prefix(names: list[str]) -> str:
    """The folder holding ``channels.json`` (the export's root, usually the zip's root)."""
    found = [name for name in names if posixpath.basename(name) == "channels.json"]
    if not found:
        raise InputError(
            "the zip archive has no channels.json, so it is not a Slack workspace export"
        )
    best = min(found, key=lambda name: (name.count("/"), name))
    return best[: -len("channels.json")]


def _has(archive: zipfile.ZipFile, name: str) -> bool:
    try:
        archive.getinfo(name)
    except KeyError:
        return False
    return True


def _load_json(archive: zipfile.ZipFile, name: str) -> Any:
    """A member's JSON; ValueError (no chat text in it) when it cannot be read."""
    info = archive.getinfo(name)
    if info.file_size > _MAX_MEMBER_BYTES:
        raise ValueError(f"is larger than {_MAX_MEMBER_BYTES} bytes uncompressed")
    try:
        data = archive.read(info)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
        raise ValueError(f"cannot be extracted ({type(exc).__name__})") from None
    try:
        return json.loads(data)
    except UnicodeDecodeError:
        raise ValueError("is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None


def _listed_folders(archive: zipfile.ZipFile, prefix: str, log: IngestLog) -> list[str]:
    """Channel folder names in the order the workspace lists them."""
    folders: list[str] = []
    for list_name in _LISTS:
        member = prefix + list_name
        if not _has(archive, member):
            continue
        try:
            listed = _load_json(archive, member)
        except ValueError as exc:
            if list_name == "channels.json":
                raise InputError(f"the Slack export's channels.json {exc}") from None
            log.warn(f"the Slack export's {list_name} {exc}; its folders are read in name order")
            continue
        if not isinstance(listed, list):
            if list_name == "channels.json":
                raise InputError("the Slack export's channels.json is not a JSON list")
            log.warn(f"the Slack export's {list_name} is not a JSON list")
            continue
        key = "id" if list_name == "dms.json" else "name"
        for entry in listed:
            folder = entry.get(key) if isinstance(entry, dict) else None
            if isinstance(folder, str) and folder and folder not in folders:
                folders.append(folder)
    return folders


def find_channels(archive: zipfile.ZipFile, prefix: str, log: IngestLog) -> list[Channel]:
    """Every channel folder of the export with its day files, listed channels first."""
    names = archive.namelist()
    listed = _listed_folders(archive, prefix, log)
    days: dict[str, list[str]] = {}
    for name in names:
        if not name.startswith(prefix):
            continue
        folder, _, file_name = name[len(prefix) :].rpartition("/")
        if folder and "/" not in folder and _DAY_FILE_RE.fullmatch(file_name):
            days.setdefault(folder, []).append(name)
    order = [folder for folder in listed if folder in days]
    order += sorted(folder for folder in days if folder not in listed)
    return [Channel(folder, prefix + folder, sorted(days[folder])) for folder in order]


def read_day(
    archive: zipfile.ZipFile, member: str, log: IngestLog
) -> Iterator[tuple[str, dict[str, Any]]]:
    """The message objects of one day file, with their positions."""
    try:
        messages = _load_json(archive, member)
    except ValueError as exc:
        log.skip(member, f"the day file {exc}")
        return
    if not isinstance(messages, list):
        log.skip(member, "the day file is not a JSON list of messages")
        return
    for k, item in enumerate(messages):
        position = f"{member}[{k}]"
        if isinstance(item, dict):
            yield position, item
        else:
            log.skip(position, "not a JSON object")


# --- parsing one record -------------------------------------------------------------


def _ts(value: object) -> tuple[int, int] | None:
    match = _TS_RE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return None
    return int(match.group(1)), int((match.group(2) or "0")[:6].ljust(6, "0"))


def _profile_name(profile: object) -> str | None:
    if not isinstance(profile, dict):
        return None
    for key in ("real_name", "display_name", "name"):
        value = profile.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def user_names(users: object) -> dict[str, str]:
    """User id to name, from ``users.json`` (``real_name``, its profile's, or ``name``)."""
    names: dict[str, str] = {"USLACKBOT": "Slackbot"}
    if not isinstance(users, list):
        return names
    for user in users:
        if not isinstance(user, dict) or not isinstance(user.get("id"), str):
            continue
        name = _profile_name({"real_name": user.get("real_name")})
        name = name or _profile_name(user.get("profile")) or _profile_name(user)
        if name:
            names[user["id"]] = name
    return names


def _speaker(message: dict[str, Any], users: dict[str, str]) -> str | None:
    user = message.get("user")
    user = user if isinstance(user, str) and user else None
    name = _profile_name(message.get("user_profile"))
    if name is None and user is not None:
        name = users.get(user)
    if name is None and isinstance(message.get("username"), str) and message["username"]:
        name = message["username"]
    return name or _profile_name(message.get("bot_profile")) or user


def _flags(message: dict[str, Any], text: str) -> frozenset[str]:
    flags: set[str] = set()
    subtype = message.get("subtype")
    if subtype in _DELETED_SUBTYPES:
        flags.add("deleted")
    elif isinstance(subtype, str) and subtype not in _CONTENT_SUBTYPES:
        flags.add("system")
    if message.get("edited"):
        flags.add("edited")
    if (message.get("files") or message.get("attachments")) and not text.strip():
        flags.add("media")
    return frozenset(flags)


def parse_message(message: dict[str, Any], users: dict[str, str]) -> Parsed | str:
    """One message object, or why it cannot be used."""
    if message.get("type", "message") != "message":
        return "'type' is not 'message'"
    ts = _ts(message.get("ts"))
    if ts is None:
        return "'ts' is not a Slack timestamp"
    try:
        timestamp = _EPOCH + timedelta(seconds=ts[0], microseconds=ts[1])
    except OverflowError:
        return "'ts' is out of range"
    text = message.get("text", "")
    if text is None:
        text = ""
    if not isinstance(text, str):
        return "'text' is not a string"
    return Parsed(ts, timestamp, text, _speaker(message, users), _flags(message, text))


def _users(archive: zipfile.ZipFile, prefix: str, log: IngestLog) -> dict[str, str]:
    member = prefix + "users.json"
    if not _has(archive, member):
        log.warn("the Slack export has no users.json; some speakers are shown by user id")
        return user_names([])
    try:
        return user_names(_load_json(archive, member))
    except ValueError as exc:
        log.warn(f"the Slack export's users.json {exc}; some speakers are shown by user id")
        return user_names([])


def _check_unpacked_size(archive: zipfile.ZipFile, name: str, limit: int) -> None:
    """Refuse an export whose JSON members would unpack to more than ``limit`` bytes in all.

    The declared sizes can be trusted as bounds: zipfile stops a member at its declared size.
    """
    total = sum(info.file_size for info in archive.infolist() if info.filename.endswith(".json"))
    if total > limit:
        raise InputError(f"{name}: the Slack export unpacks to more than {limit} bytes; refused")


def read_slack(source: Source, options: IngestOptions, log: IngestLog) -> Iterator[Message]:
    index = 0
    with source.open() as stream:
        try:
            archive = zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, OSError):
            raise InputError("the Slack export is not a readable zip archive") from None
        with archive:
            _check_unpacked_size(archive, source.name, options.max_unpacked_bytes)
            prefix = _root_prefix(archive.namelist())
            channels = find_channels(archive, prefix, log)
            users = _users(archive, prefix, log)
            if not channels:
                log.warn("the Slack export has no channel folders with day files")
            for channel in channels:
                context = Context(key="#" + channel.name, place="#" + channel.name, year="")
                records: list[tuple[Parsed, str]] = []
                for member in channel.days:
                    for position, item in read_day(archive, member, log):
                        parsed = parse_message(item, users)
                        if isinstance(parsed, str):
                            log.skip(position, parsed)
                        else:
                            records.append((parsed, position))
                records.sort(key=lambda record: record[0].ts)
                for parsed, position in records:
                    yield Message(
                        index,
                        parsed.text,
                        parsed.speaker,
                        parsed.timestamp,
                        context,
                        position,
                        parsed.flags,
                    )
                    index += 1


def sniff(s: Sniff) -> float:
    if not s.zip_names:
        return 0.0
    bases = {posixpath.basename(name) for name in s.zip_names}
    if "channels.json" in bases and "users.json" in bases:
        return 0.95
    return 0.5 if "channels.json" in bases else 0.0


FORMAT = Format(
    name="slack",
    title="Slack workspace export (zip)",
    example="channels.json, users.json, general/2021-03-04.json",
    sniff=sniff,
    read=read_slack,
    extensions=(".zip",),
)
