"""Slack workspace export zips: golden fixture, layout variants, malformed members."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from chatscan.core.errors import InputError
from chatscan.core.ingest.base import IngestLog, IngestOptions, Sniff, Source
from chatscan.core.ingest.slack import FORMAT
from chatscan.core.models import Message
from tests.core.ingest.support import read_source, record
from tests.paths import REPO_ROOT, SHARED

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "slack"
WORKSPACE = FIXTURES / "workspace"
OTHER_FIXTURES = REPO_ROOT / "tests" / "fixtures"
CHAT_MINER = SHARED / "fixtures" / "chat-miner"
SECRET = "SECRETWORD"  # planted in bad records: must never reach a reason or message


def zip_members(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2021, 3, 5, 0, 0, 0)), data)
    return buffer.getvalue()


def workspace_members(prefix: str = "") -> dict[str, bytes]:
    """The fixture folder as zip members (the export is kept unzipped to be readable)."""
    return {
        prefix + path.relative_to(WORKSPACE).as_posix(): path.read_bytes()
        for path in sorted(WORKSPACE.rglob("*"))
        if path.is_file()
    }


def read_zip(data: bytes, name: str = "export.zip") -> tuple[list[Message], IngestLog]:
    return read_source(FORMAT, Source(name, data=data))


def as_record(message: Message) -> dict[str, Any]:
    return record(message, context=True)


def no_secret(log: IngestLog) -> None:
    assert SECRET not in repr(log.skipped) and SECRET not in repr(log.warnings)


def test_fixture_matches_expected(tmp_path: Path) -> None:
    path = tmp_path / "workspace.zip"
    path.write_bytes(zip_members(workspace_members()))
    log = IngestLog()
    messages = list(FORMAT.read(Source(path.name, path=path), IngestOptions(), log))
    expected = json.loads((FIXTURES / "workspace.expected.json").read_text(encoding="utf-8"))
    assert len(messages) == len(expected)
    assert [m.index for m in messages] == list(range(len(expected)))
    for message, want in zip(messages, expected, strict=True):
        assert as_record(message) == want
    assert log.skipped == [] and log.warnings == []


def test_channels_in_listed_order_each_in_ts_order_with_utc_times() -> None:
    messages, _ = read_zip(zip_members(workspace_members()))
    keys = [m.context.key for m in messages]
    assert keys == sorted(keys, key=["#general", "#random", "#D024BE91L"].index)
    for key in set(keys):
        stamps = [m.timestamp for m in messages if m.context.key == key]
        assert stamps == sorted(stamps)  # type: ignore[type-var]
    assert all(m.timestamp is not None and m.timestamp.utcoffset() is not None for m in messages)
    assert all(m.context.place == m.context.key and m.context.year == "" for m in messages)
    first = messages[1]
    assert first.timestamp is not None and first.timestamp.microsecond == 200


def test_export_inside_a_top_folder_reads_the_same() -> None:
    flat, _ = read_zip(zip_members(workspace_members()))
    nested, log = read_zip(zip_members(workspace_members("Acme Slack export/")))
    assert [as_record(m) | {"source_ref": ""} for m in nested] == [
        as_record(m) | {"source_ref": ""} for m in flat
    ]
    assert nested[0].source_ref == "Acme Slack export/general/2021-03-04.json[0]"
    assert log.skipped == []


def test_zip_without_channels_json_is_an_input_error() -> None:
    members = {k: v for k, v in workspace_members().items() if k != "channels.json"}
    with pytest.raises(InputError, match=r"no channels\.json"):
        read_zip(zip_members(members))


def test_not_a_zip_is_an_input_error() -> None:
    with pytest.raises(InputError, match="not a readable zip"):
        read_zip(b"PK\x03\x04" + SECRET.encode() * 10)


def test_channels_json_not_a_list_or_not_json_is_an_input_error() -> None:
    for bad, reason in ((b'{"name": "general"}', "not a JSON list"), (b"[{", "not valid JSON")):
        members = workspace_members() | {"channels.json": bad}
        with pytest.raises(InputError, match=reason) as caught:
            read_zip(zip_members(members))
        assert "channels.json" in caught.value.message


def test_day_file_that_is_not_a_list_is_skipped_by_member_name() -> None:
    members = workspace_members() | {
        "random/2021-03-04.json": json.dumps({"text": SECRET}).encode(),
        "random/2021-03-05.json": b'[{"type": "message", "text": "' + SECRET.encode(),
    }
    messages, log = read_zip(zip_members(members))
    assert not any(m.context.key == "#random" for m in messages)
    assert [s.position for s in log.skipped] == [
        "random/2021-03-04.json",
        "random/2021-03-05.json",
    ]
    assert log.skipped[0].reason == "the day file is not a JSON list of messages"
    assert log.skipped[1].reason.startswith("the day file is not valid JSON (")
    assert "line 1, column" in log.skipped[1].reason
    no_secret(log)


def test_bad_messages_are_skipped_by_position() -> None:
    day = [
        {"type": "message", "text": "fine", "user": "U01AAAAAA", "ts": "1614852672.000100"},
        {"type": "message", "text": SECRET, "user": "U01AAAAAA", "ts": SECRET},
        SECRET,
        {"type": "message", "text": {"rich": SECRET}, "user": "U01AAAAAA", "ts": "1614852673"},
    ]
    members = workspace_members() | {"random/2021-03-04.json": json.dumps(day).encode()}
    messages, log = read_zip(zip_members(members))
    assert [m.text for m in messages if m.context.key == "#random"] == ["fine"]
    assert [(s.position, s.reason) for s in log.skipped] == [
        ("random/2021-03-04.json[1]", "'ts' is not a Slack timestamp"),
        ("random/2021-03-04.json[2]", "not a JSON object"),
        ("random/2021-03-04.json[3]", "'text' is not a string"),
    ]
    no_secret(log)


def test_without_users_json_speakers_come_from_profiles_or_ids() -> None:
    members = {k: v for k, v in workspace_members().items() if k != "users.json"}
    messages, log = read_zip(zip_members(members))
    speakers = {m.source_ref: m.speaker for m in messages}
    assert speakers["general/2021-03-04.json[2]"] == "Avery Stone"  # user_profile
    assert speakers["random/2021-03-04.json[1]"] == "U01BBBBBB"  # user id only
    assert log.warnings == [
        "the Slack export has no users.json; some speakers are shown by user id"
    ]


def test_folders_not_listed_are_read_after_listed_ones() -> None:
    extra = [{"type": "message", "text": "archived talk", "user": "U01AAAAAA", "ts": "1.5"}]
    members = workspace_members() | {"old-project/2019-01-01.json": json.dumps(extra).encode()}
    messages, _ = read_zip(zip_members(members))
    assert messages[-1].context.key == "#old-project" and messages[-1].text == "archived talk"


def test_sniff_scores_slack_zips_high_and_others_low() -> None:
    data = zip_members(workspace_members())
    assert FORMAT.sniff(Sniff.of(Source("export.zip", data=data))) >= 0.9
    whatsapp_zip = zip_members({"_chat.txt": b"[01/01/19 11:25] Jo: hi\n"})
    assert FORMAT.sniff(Sniff.of(Source("chat.zip", data=whatsapp_zip))) == 0.0
    others = [
        CHAT_MINER / "telegram" / "test_single_export.json",
        CHAT_MINER / "signal" / "test_export.txt",
        *sorted((OTHER_FIXTURES / "sms").glob("*.xml")),
    ]
    for other in others:
        assert FORMAT.sniff(Sniff.of(Source(other.name, path=other))) == 0.0, other.name
    assert FORMAT.sniff(Sniff("notes.txt", "channels.json and users.json\n")) == 0.0


def test_an_export_unpacking_past_the_limit_is_refused() -> None:
    data = zip_members(workspace_members())
    source = Source("export.zip", data=data)
    options = IngestOptions(max_unpacked_bytes=100)
    with pytest.raises(InputError, match="unpacks to more than 100 bytes"):
        list(FORMAT.read(source, options, IngestLog()))
    assert list(FORMAT.read(source, IngestOptions(), IngestLog()))  # the default allows it
