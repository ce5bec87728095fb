"""Extra detectors beside the rules: message mode runs them, paragraph mode refuses them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from chatscan.core.analysis.messages import MessageAnalysis
from chatscan.core.engine import create_engine
from chatscan.core.errors import ChatscanError
from chatscan.core.models import Event, Hit, Message, Tier
from chatscan.core.pipeline import PARAGRAPH_DETECTORS_ERROR, ScanOptions, scan_file
from chatscan.core.rules import pack_from_dict

PACK = pack_from_dict(
    {
        "name": "p",
        "version": "1",
        "categories": [{"name": "A"}, {"name": "B"}],
        "rules": [
            {"id": "a.phrase", "category": "A", "tier": "PHRASE", "pattern": r"\bapple pie\b"},
            {"id": "a.token", "category": "A", "tier": "TOKEN", "pattern": r"\bapple\b"},
            {"id": "b.token", "category": "B", "tier": "TOKEN", "pattern": r"\bbanana\b"},
        ],
    }
)


class WordDetector:
    """Semantic-tier hits for every text holding a word; records the batches it got."""

    name = "word"

    def __init__(self, word: str, category: str) -> None:
        self.word, self.category = word, category
        self.batches: list[int] = []

    def detect(self, texts: Sequence[str]) -> list[tuple[Hit, ...]]:
        self.batches.append(len(texts))
        return [
            (Hit("semantic.x", self.category, Tier.SEMANTIC, 0, len(t), 0.7, None, "ex"),)
            if self.word in t
            else ()
            for t in texts
        ]

    def identity(self) -> dict[str, str]:
        return {"name": self.name, "word": self.word}


def _hit(category: str, tier: Tier) -> Hit:
    return Hit("r", category, tier, 0, 1)


@pytest.mark.parametrize(
    ("tiers", "strength"),
    [
        ((Tier.SEMANTIC,), Tier.SEMANTIC),
        ((Tier.TOKEN, Tier.SEMANTIC), Tier.TOKEN),
        ((Tier.SEMANTIC, Tier.TOKEN), Tier.TOKEN),
        ((Tier.SEMANTIC, Tier.PHRASE, Tier.TOKEN), Tier.PHRASE),
        ((Tier.TOKEN, Tier.PHRASE, Tier.SEMANTIC), Tier.PHRASE),
    ],
)
def test_strength_is_the_strongest_tier(tiers: tuple[Tier, ...], strength: Tier) -> None:
    hits = (*(_hit("A", tier) for tier in tiers), _hit("B", Tier.SEMANTIC))
    event = Event(0, Message(0, "x"), hits, "f")
    assert event.categories == ("A", "B")
    assert event.strengths == (strength, Tier.SEMANTIC)


def test_detector_hits_follow_rule_hits_and_make_events() -> None:
    detector = WordDetector("cherry", "B")
    analysis = MessageAnalysis(create_engine(PACK, "re"), [detector])
    analysis.feed(
        [
            Message(0, "apple pie and cherry"),
            Message(1, "a cherry"),
            Message(2, "nothing"),
            Message(3, "cherry", flags=frozenset({"system"})),
        ]
    )
    first, second = analysis.events
    assert [h.rule_id for h in first.hits] == ["a.phrase", "a.token", "semantic.x"]
    assert first.strengths == (Tier.PHRASE, Tier.SEMANTIC)
    assert second.message.index == 1 and second.strengths == (Tier.SEMANTIC,)
    assert detector.batches == [3]  # one batch, system messages left out


def test_detectors_get_whole_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    import chatscan.core.analysis.messages as messages

    monkeypatch.setattr(messages, "BATCH_MESSAGES", 4)
    detector = WordDetector("cherry", "B")
    analysis = MessageAnalysis(create_engine(PACK, "re"), [detector])
    analysis.feed(Message(k, f"cherry {k}") for k in range(10))
    assert detector.batches == [4, 4, 2]
    assert len(analysis.events) == 10


def test_a_detector_giving_the_wrong_number_of_answers_is_an_error() -> None:
    class Broken(WordDetector):
        def detect(self, texts: Sequence[str]) -> list[tuple[Hit, ...]]:
            return []

    analysis = MessageAnalysis(create_engine(PACK, "re"), [Broken("x", "A")])
    with pytest.raises(ValueError, match="gave 0 answers for 1 texts"):
        analysis.feed([Message(0, "x")])


def test_scan_records_detector_identities(tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text("12/03/2024, 10:00 - Rob: a cherry\n12/03/2024, 10:01 - Ann: apple\n")
    detector = WordDetector("cherry", "B")
    options = ScanOptions(format="whatsapp", rules=PACK, date_order="dmy", detectors=(detector,))
    result = scan_file(chat, options)
    assert result.detectors == [{"name": "word", "word": "cherry"}]
    assert [e.categories for e in result.events] == [("B",), ("A",)]
    assert scan_file(chat, ScanOptions(format="whatsapp", rules=PACK)).detectors == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_paragraph_mode_refuses_detectors(tmp_path: Path, jobs: int) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("apple\n\nbanana\n")
    options = ScanOptions(format="paragraphs", rules=PACK, jobs=jobs,
                          detectors=(WordDetector("x", "A"),))  # fmt: skip
    with pytest.raises(ChatscanError, match="works on messages, not paragraph mode"):
        scan_file(text, options)
    assert "semantic layer" in PARAGRAPH_DETECTORS_ERROR
