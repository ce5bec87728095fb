"""Message mode: events per message, repeats kept, sequences by speaker and time."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from chatscan.core.analysis.messages import (
    MessageAnalysis,
    find_message_sequences,
    month_counts,
    speaker_rows,
)
from chatscan.core.analysis.window import Window
from chatscan.core.engine import create_engine
from chatscan.core.errors import ChatscanError
from chatscan.core.models import Message
from chatscan.core.rules import load_pack
from chatscan.core.rules.schema import SequenceSpec

START = datetime(2021, 3, 4, 9, 0)
BOUNDARY_THEN_HARM = SequenceSpec("BOUNDARY_LANGUAGE", "HARM_LANGUAGE", "different")


def chat(*lines: tuple[str, str, float], flags: dict[int, str] | None = None) -> list[Message]:
    """(speaker, text, hours after START) per message."""
    flags = flags or {}
    return [
        Message(
            i, text, speaker, START + timedelta(hours=hours), source_ref=f"line {i + 1}",
            flags=frozenset({flags[i]}) if i in flags else frozenset(),
        )
        for i, (speaker, text, hours) in enumerate(lines)
    ]  # fmt: skip


def analyse(messages: list[Message]) -> MessageAnalysis:
    analysis = MessageAnalysis(create_engine(load_pack()))
    analysis.feed(messages)
    return analysis


def test_repeats_are_events_that_point_back() -> None:
    messages = chat(("Jo", "I was watching you", 0), ("Jo", "i was  watching you", 1),
                    ("Al", "ok", 2))  # fmt: skip
    analysis = analyse(messages)
    assert [(e.message.index, e.repeat_of) for e in analysis.events] == [(0, None), (1, 0)]
    assert analysis.messages_total == 3


def test_system_messages_are_not_matched_or_counted() -> None:
    messages = chat(
        ("Jo", "Jo changed the group password", 0), ("Al", "no", 1), flags={0: "system"}
    )
    analysis = analyse(messages)
    assert analysis.messages_total == 1 and analysis.system_messages == 1
    assert [e.message.index for e in analysis.events] == [1]


@pytest.mark.parametrize(
    ("constraint", "expected"),
    [("different", [(0, 2)]), ("same", [(0, 1)]), ("any", [(0, 1)])],
)
def test_speaker_constraint(constraint: str, expected: list[tuple[int, int]]) -> None:
    messages = chat(("Al", "please stop texting me", 0), ("Al", "I'm so scared", 1),
                    ("Jo", "you'll get hurt", 2))  # fmt: skip
    events = analyse(messages).events
    spec = SequenceSpec("BOUNDARY_LANGUAGE", "HARM_LANGUAGE", constraint)
    found = find_message_sequences(events, [spec], Window(6))
    assert [(s.first.message.index, s.second.message.index) for s in found] == expected


def test_window_in_messages_counts_messages_not_events() -> None:
    filler = [("Al", "see you at noon", 0.1 * k) for k in range(6)]
    messages = chat(("Al", "stop", 0), *filler, ("Jo", "you'll get hurt", 1))
    events = analyse(messages).events
    assert find_message_sequences(events, [BOUNDARY_THEN_HARM], Window(7))
    assert not find_message_sequences(events, [BOUNDARY_THEN_HARM], Window(6))


def test_window_in_time() -> None:
    messages = chat(("Al", "stop", 0), ("Jo", "you'll get hurt", 47.5), ("Al", "no", 50),
                    ("Jo", "I'll hurt you", 99))  # fmt: skip
    events = analyse(messages).events
    found = find_message_sequences(events, [BOUNDARY_THEN_HARM], Window.parse("48h"))
    assert [(s.first.message.index, s.second.message.index) for s in found] == [(0, 1)]


def test_window_parse() -> None:
    assert Window.parse("6") == Window(6)
    assert Window.parse("30m").span == timedelta(minutes=30)
    assert Window.parse("2d").describe() == "48 hours"
    for bad in ("0", "-3", "48x", "soon"):
        with pytest.raises(ChatscanError, match="not a number of messages"):
            Window.parse(bad)


def test_speakers_and_months() -> None:
    messages = chat(("Al", "stop", 0), ("Jo", "you'll get hurt", 24 * 40), ("Jo", "hi", 1))
    analysis = analyse(messages)
    rows = speaker_rows(analysis.events, analysis.messages_by_speaker, load_pack().category_names)
    assert [(r.speaker, r.messages, r.events) for r in rows] == [("Jo", 2, 1), ("Al", 1, 1)]
    assert rows[0].categories["HARM_LANGUAGE"] == 1
    assert month_counts(analysis.events) == {
        "2021-03": {"BOUNDARY_LANGUAGE": 1},
        "2021-04": {"HARM_LANGUAGE": 1},
    }
