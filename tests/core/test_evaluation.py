"""Measured detection quality: labelled JSONL in, hand-computed scores out."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from chatscan.core.errors import ChatscanError, InputError
from chatscan.core.evaluation import (
    Counts,
    DetectorPredictor,
    LabelledDataError,
    LabelledMessage,
    Pair,
    RulePredictor,
    evaluate,
    parse_labelled,
    read_labelled,
)
from chatscan.core.models import Hit, Tier
from chatscan.core.pipeline import ScanOptions, scan_file
from chatscan.core.rules import RulePack, load_pack, pack_from_dict

# Three categories found by one word each, and one that no rule finds.
PACK_DATA: dict[str, Any] = {
    "name": "words",
    "version": "1",
    "window": 2,
    "categories": [{"name": n} for n in ("PING", "PONG", "BANG", "QUIET")],
    "rules": [
        {"id": w, "category": w.upper(), "tier": "TOKEN", "pattern": rf"\b{w}\b"}
        for w in ("ping", "pong", "bang")
    ],
    "sequences": [
        {"start": "PING", "end": "PONG", "speakers": "different"},
        {"start": "PING", "end": "BANG", "speakers": "same"},
        {"start": "PONG", "end": "BANG"},
    ],
}
PACK = pack_from_dict(PACK_DATA)

# (id, conv, speaker, text, labels); what the rules predict is the words of the text.
TEN = [
    ("x1", "x", "A", "ping", ["PING"]),  # PING tp
    ("x2", "x", "B", "pong", ["PONG"]),  # PONG tp
    ("x3", "x", "A", "ping pong", ["PING"]),  # PING tp, PONG fp
    ("x4", "x", "B", "hello", ["BANG"]),  # BANG fn
    ("x5", "x", "A", "bang", ["BANG"]),  # BANG tp
    ("x6", "x", "B", "bang ping", []),  # BANG fp, PING fp
    ("y1", "y", "A", "pong", ["PONG", "PING"]),  # PONG tp, PING fn
    ("y2", "y", "B", "nothing", []),
    ("y3", "y", "A", "bang", ["BANG"]),  # BANG tp
    ("y4", "y", "B", "ping", ["PING"]),  # PING tp
]


def jsonl(rows: Sequence[tuple[Any, ...]]) -> str:
    keys = ("id", "conv", "speaker", "text", "labels")
    return "".join(json.dumps(dict(zip(keys, row, strict=True))) + "\n" for row in rows)


def items_of(rows: Sequence[tuple[Any, ...]], pack: RulePack = PACK) -> list[LabelledMessage]:
    return parse_labelled(jsonl(rows), "t.jsonl", pack.category_names)


def without_speed(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key != "speed"}


# -- scores ---------------------------------------------------------------------------


def test_categories_by_hand() -> None:
    evaluation = evaluate(items_of(TEN), PACK)
    scores = {score.name: score for score in evaluation.categories}
    assert [s.name for s in evaluation.categories] == ["PING", "PONG", "BANG", "QUIET"]
    assert scores["PING"].counts == Counts(tp=3, fp=1, fn=1)
    assert scores["PONG"].counts == Counts(tp=2, fp=1, fn=0)
    assert scores["BANG"].counts == Counts(tp=2, fp=1, fn=1)
    assert scores["QUIET"].counts == Counts(0, 0, 0)

    ping, pong, bang = scores["PING"].counts, scores["PONG"].counts, scores["BANG"].counts
    assert (ping.precision, ping.recall, ping.f1) == (3 / 4, 3 / 4, 3 / 4)
    assert (pong.precision, pong.recall) == (2 / 3, 1.0)
    assert pong.f1 == pytest.approx(2 * (2 / 3) * 1 / (2 / 3 + 1))  # 0.8
    assert (bang.precision, bang.recall) == (2 / 3, 2 / 3)
    assert bang.f1 == pytest.approx(2 / 3)
    assert (ping.support, ping.predicted) == (4, 4)
    assert (pong.support, pong.predicted) == (2, 3)

    quiet = scores["QUIET"].counts  # 0/0 is 0: untested, not perfect
    assert (quiet.precision, quiet.recall, quiet.f1) == (0.0, 0.0, 0.0)

    assert scores["PING"].false_positives == ("x6",)
    assert scores["PING"].false_negatives == ("y1",)
    assert scores["BANG"].false_negatives == ("x4",)

    micro = evaluation.micro  # tp 7, fp 3, fn 2
    assert micro.counts == Counts(7, 3, 2)
    assert (micro.precision, micro.recall) == (7 / 10, 7 / 9)
    assert micro.f1 == pytest.approx(14 / 19)  # 2tp / (2tp + fp + fn)

    macro = evaluation.macro  # over PING, PONG, BANG: QUIET has no support or predictions
    assert macro.over == 3
    assert macro.precision == pytest.approx((3 / 4 + 2 / 3 + 2 / 3) / 3)
    assert macro.recall == pytest.approx((3 / 4 + 1 + 2 / 3) / 3)
    assert macro.f1 == pytest.approx((3 / 4 + 0.8 + 2 / 3) / 3)
    assert evaluation.messages == 10 and evaluation.conversations == 2
    assert evaluation.predictions[5] == {"BANG", "PING"}


def test_sequence_pairs_by_hand() -> None:
    evaluation = evaluate(items_of(TEN), PACK)
    ping_pong, ping_bang, pong_bang = evaluation.sequences
    # PING -> PONG, different speakers: only x1 (A) -> x2 (B); x3 holds both, one speaker;
    # x6 (B, PING) -> y1 (A, PONG) would fit but crosses conversations.
    assert ping_pong.counts == Counts(1, 0, 0)
    # PING -> BANG, same speaker: labelled x3 -> x5 and y1 -> y3; y1 is not predicted PING.
    assert ping_bang.counts == Counts(1, 0, 1)
    assert ping_bang.false_negatives == (Pair("y", "y1", "y3"),)
    # PONG -> BANG, any speaker: labelled x2 -> x4, y1 -> y3; predicted x3 -> x5, y1 -> y3.
    assert pong_bang.counts == Counts(1, 1, 1)
    assert pong_bang.false_positives == (Pair("x", "x3", "x5"),)
    assert pong_bang.false_negatives == (Pair("x", "x2", "x4"),)
    assert ping_bang.counts.f1 == pytest.approx(2 / 3)

    micro = evaluation.sequence_micro
    assert micro.counts == Counts(3, 1, 2)
    assert micro.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    macro = evaluation.sequence_macro
    assert macro.over == 3
    assert macro.precision == pytest.approx((1 + 1 + 0.5) / 3)
    assert macro.recall == pytest.approx((1 + 0.5 + 0.5) / 3)


def test_window_counts_messages_of_the_conversation() -> None:
    wide = evaluate(items_of(TEN), PACK, window=2).sequences[1]
    narrow = evaluate(items_of(TEN), PACK, window=1).sequences[1]
    assert wide.counts.support == 2  # x3 -> x5, y1 -> y3: two messages apart
    assert narrow.counts.support == 0
    assert evaluate(items_of(TEN), PACK).window == 2  # the pack's


def test_every_pair_in_the_window_counts() -> None:
    rows = [
        ("1", "c", "A", "ping", ["PING"]),
        ("2", "c", "B", "pong", ["PONG"]),
        ("3", "c", "B", "pong", ["PONG"]),
        ("4", "c", "B", "pong", ["PONG"]),  # three messages after 1: out of the window
    ]
    score = evaluate(items_of(rows), PACK).sequences[0]
    assert score.counts == Counts(2, 0, 0)


SPEAKER_ROWS = [
    ("1", "c", "A", "ping", ["PING"]),
    ("2", "c", "A", "pong bang", ["PONG", "BANG"]),
    ("3", "c", "B", "pong bang", ["PONG", "BANG"]),
]


@pytest.mark.parametrize(
    ("speakers", "pairs"),
    [("any", {("1", "2"), ("1", "3")}), ("same", {("1", "2")}), ("different", {("1", "3")})],
)
def test_speaker_conditions(speakers: str, pairs: set[tuple[str, str]]) -> None:
    data = {**PACK_DATA, "sequences": [{"start": "PING", "end": "PONG", "speakers": speakers}]}
    pack = pack_from_dict(data)
    perfect = evaluate(items_of(SPEAKER_ROWS, pack), pack).sequences[0]
    assert perfect.counts == Counts(len(pairs), 0, 0)
    # labels that differ from the predictions show which pairs were counted
    relabelled = [(*row[:4], []) if row[0] == "1" else row for row in SPEAKER_ROWS]
    missed = evaluate(items_of(relabelled, pack), pack).sequences[0]
    assert {(p.first, p.second) for p in missed.false_positives} == pairs


@pytest.mark.parametrize("speakers", ["same", "different"])
def test_an_unknown_speaker_fits_neither_same_nor_different(speakers: str) -> None:
    data = {**PACK_DATA, "sequences": [{"start": "PING", "end": "PONG", "speakers": speakers}]}
    pack = pack_from_dict(data)
    rows = [("1", "c", None, "ping", ["PING"]), ("2", "c", "A", "pong", ["PONG"])]
    assert evaluate(items_of(rows, pack), pack).sequences[0].counts.support == 0


# -- the rules are measured as `chatscan scan` finds them --------------------------------


def test_the_original_pack_calls_no_worries_a_boundary() -> None:
    pack = load_pack("original")
    rows = [
        ("1", "c", "A", "no worries", []),
        ("2", "c", "A", "No problem at all", []),
        ("3", "c", "B", "please stop contacting me", ["BOUNDARY_LANGUAGE"]),
        ("4", "c", "B", "I'll send everyone those pictures", ["THREAT_OF_EXPOSURE"]),
    ]
    evaluation = evaluate(items_of(rows, pack), pack)
    scores = {score.name: score for score in evaluation.categories}
    boundary = scores["BOUNDARY_LANGUAGE"]
    assert boundary.false_positives == ("1", "2")
    assert boundary.counts == Counts(1, 2, 0)
    assert boundary.counts.precision == pytest.approx(1 / 3)
    assert scores["THREAT_OF_EXPOSURE"].false_negatives == ("4",)


def test_predictions_are_the_categories_scan_reports(tmp_path: Path) -> None:
    pack = load_pack("original")
    texts = [
        "Please stop calling me.",
        "no worries",
        "I was so scared, you made me scared",
        "I'm keeping you safe, I changed your password",
        "see you at six",
        "I was watching you. I recorded it",
        "no worries",
    ]
    chat = tmp_path / "chat.csv"
    with chat.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["timestamp", "sender", "message"])
        writer.writerows([f"2021-03-0{k + 1} 10:00", "AB"[k % 2], t] for k, t in enumerate(texts))
    result = scan_file(chat, ScanOptions(format="csv", rules=pack))
    scanned = [frozenset[str]() for _ in texts]
    for event in result.events:
        scanned[event.message.index] = frozenset(event.categories)
    rows = [(str(k), "c", "A", text, []) for k, text in enumerate(texts)]
    assert list(evaluate(items_of(rows, pack), pack).predictions) == scanned
    assert any(scanned)


def test_backends_give_the_same_scores() -> None:
    pack = load_pack("original")
    texts = ["stop it", "you hurt me", "I'm protecting you", "no", "I'll tell everyone", "ok"]
    items = items_of([(str(k), "c", "AB"[k % 2], t, []) for k, t in enumerate(texts)], pack)

    def scores(backend: str) -> dict[str, Any]:
        evaluation = evaluate(items, pack, backend=backend)
        assert evaluation.predictor.startswith("rules/")
        return without_speed(evaluation.to_dict()) | {"predictor": ""}

    assert scores("re") == scores("auto")


def test_results_are_deterministic() -> None:
    first = evaluate(items_of(TEN), PACK).to_dict()
    second = evaluate(items_of(list(TEN)), PACK).to_dict()
    assert without_speed(first) == without_speed(second)
    assert json.dumps(without_speed(first)) == json.dumps(without_speed(second))
    assert first["speed"]["messages_per_second"] > 0


def test_the_structured_result_holds_ids_never_text() -> None:
    data = json.dumps(evaluate(items_of(TEN), PACK).to_dict(examples=100))
    assert "hello" not in data and "nothing" not in data
    assert '"x6"' in data


def test_examples_are_limited_in_the_structured_result() -> None:
    rows = [(str(k), "c", "A", "ping", []) for k in range(5)]
    data = evaluate(items_of(rows), PACK).to_dict(examples=2)
    assert data["categories"][0]["false_positive_ids"] == ["0", "1"]
    assert data["categories"][0]["fp"] == 5


# -- the predictor hook ------------------------------------------------------------------


def test_any_predictor_is_measured_the_same_way() -> None:
    calls: list[int] = []

    def everything_pings(texts: Sequence[str]) -> list[set[str]]:
        calls.append(len(texts))
        return [{"PING"} for _ in texts]

    evaluation = evaluate(items_of(TEN), PACK, predict=everything_pings)
    assert evaluation.predictor == "custom"
    ping = evaluation.categories[0]
    assert ping.counts == Counts(tp=4, fp=6, fn=0)
    assert calls == [1, 10]  # a warm-up on the first message, then all of them


def test_rule_predictor_is_the_default_predictor() -> None:
    explicit = evaluate(items_of(TEN), PACK, predict=RulePredictor(PACK, "re"))
    default = evaluate(items_of(TEN), PACK, backend="re")
    assert without_speed(explicit.to_dict()) == without_speed(default.to_dict())


def test_a_predictor_must_answer_every_text_with_known_categories() -> None:
    with pytest.raises(ChatscanError, match="gave 0 answers for 10 texts"):
        evaluate(items_of(TEN), PACK, predict=lambda texts: [] if len(texts) > 1 else [set()])
    with pytest.raises(ChatscanError, match="category 'NOPE', which the rule pack"):
        evaluate(items_of(TEN), PACK, predict=lambda texts: [{"NOPE"} for _ in texts])


class QuietWordDetector:
    """A detector beside the rules: QUIET for every text that says "hello"."""

    name = "quiet"

    def detect(self, texts: Sequence[str]) -> list[tuple[Hit, ...]]:
        return [
            (Hit("quiet.hello", "QUIET", Tier.SEMANTIC, 0, len(t), 0.9, None, "hi"),)
            if "hello" in t
            else ()
            for t in texts
        ]

    def identity(self) -> dict[str, str]:
        return {"name": self.name, "model": "none"}


def test_detectors_are_measured_beside_the_rules_and_alone() -> None:
    items = items_of(TEN)
    rules_only = evaluate(items, PACK)
    union = evaluate(items, PACK, predict=RulePredictor(PACK, detectors=(QuietWordDetector(),)))
    alone = evaluate(items, PACK, predict=DetectorPredictor(QuietWordDetector()))
    assert union.predictor.endswith("+quiet") and alone.predictor == "quiet"
    assert union.detectors == ({"name": "quiet", "model": "none"},)
    assert union.to_dict()["detectors"] == [{"name": "quiet", "model": "none"}]
    assert "detectors" not in rules_only.to_dict()
    assert rules_only.detectors == ()
    x4 = [item.id for item in items].index("x4")  # "hello": only the detector finds it
    assert rules_only.predictions[x4] == frozenset()
    assert union.predictions[x4] == alone.predictions[x4] == frozenset({"QUIET"})
    others = [p for k, p in enumerate(union.predictions) if k != x4]
    assert others == [p for k, p in enumerate(rules_only.predictions) if k != x4]


def test_items_built_in_code_are_checked_too() -> None:
    item = LabelledMessage("1", "c", "A", "ping", frozenset({"PANG"}))
    with pytest.raises(ChatscanError, match="unknown label 'PANG'"):
        evaluate([item], PACK)
    ok = LabelledMessage("1", "c", "A", "ping", frozenset({"PING"}))
    with pytest.raises(ChatscanError, match="'1' is used twice"):
        evaluate([ok, ok], PACK)
    with pytest.raises(ChatscanError, match="at least 1 message"):
        evaluate([ok], PACK, window=0)


# -- reading the labelled file -----------------------------------------------------------

GOOD = '{"id": "1", "conv": "c", "speaker": "A", "text": "ping", "labels": ["PING"]}'


def line(**changes: Any) -> str:
    record = json.loads(GOOD)
    record.update(changes)
    for key in [k for k, v in changes.items() if v is ...]:
        del record[key]
    return json.dumps(record)


@pytest.mark.parametrize(
    ("second_line", "line_number", "reason"),
    [
        ('{"id": "2", "conv": "c",', 2, "not valid JSON"),
        ("[1, 2]", 2, "must be a JSON object with id, conv, speaker, text, labels; got list"),
        (line(id="2", labels=...), 2, "missing field labels"),
        (line(id="2", text=..., labels=...), 2, "missing fields text, labels"),
        (line(id=""), 2, "id must be non-empty text or a whole number; got str"),
        (line(id=True), 2, "id must be non-empty text or a whole number; got bool"),
        (line(id="2", conv=None), 2, "conv must be non-empty text or a whole number; got null"),
        (line(id="2", speaker=3), 2, "speaker must be text or null; got int"),
        (line(id="2", text=["ping"]), 2, "text must be text; got list"),
        (line(id="2", labels="PING"), 2, "labels must be a list of category names"),
        (line(id="2", labels=[1]), 2, "labels must be a list of category names"),
        (
            line(id="2", labels=["PANG"]),
            2,
            "unknown label 'PANG'; valid labels (the rule pack's categories): "
            "PING, PONG, BANG, QUIET",
        ),
        (line(), 2, "id '1' is already used on line 1"),
    ],
)
def test_malformed_lines_are_named(second_line: str, line_number: int, reason: str) -> None:
    with pytest.raises(LabelledDataError) as caught:
        parse_labelled(GOOD + "\n" + second_line + "\n", "t.jsonl", PACK.category_names)
    assert caught.value.line == line_number
    assert caught.value.message.startswith(f"t.jsonl: line {line_number}: {reason}")


def test_a_conversation_must_be_contiguous() -> None:
    text = "\n".join([GOOD, line(id="2", conv="d"), line(id="3"), line(id="4", conv="d")])
    with pytest.raises(LabelledDataError) as caught:
        parse_labelled(text, "t.jsonl", PACK.category_names)
    assert caught.value.line == 3
    assert "conversation 'c' continues after other conversations (its last line was 1)" in (
        caught.value.message
    )


def test_blank_lines_ids_and_extra_fields() -> None:
    text = f"\n{line(id=7, conv=3, note='x', labels=['PING', 'PING'])}\n\n{line(id='8', conv=3)}"
    items = parse_labelled(text, "t.jsonl", PACK.category_names)
    assert [(i.id, i.conv, i.line, i.index) for i in items] == [("7", "3", 2, 0), ("8", "3", 4, 1)]
    assert items[0].labels == {"PING"}


def test_labels_are_not_checked_without_categories() -> None:
    assert parse_labelled(line(labels=["ANYTHING"]))[0].labels == {"ANYTHING"}


def test_an_empty_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(LabelledDataError, match=r"empty\.jsonl: no labelled messages"):
        read_labelled(path)


def test_reading_files(tmp_path: Path) -> None:
    path = tmp_path / "l.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode() + b"\n")
    assert read_labelled(path, PACK.category_names)[0].id == "1"
    path.write_bytes(GOOD.encode() + b"\n" + GOOD.replace("ping", "p\xffng").encode("latin-1"))
    with pytest.raises(LabelledDataError, match=r"line 2: not UTF-8 text \(byte offset"):
        read_labelled(path)
    with pytest.raises(InputError, match="no such file"):
        read_labelled(tmp_path / "missing.jsonl")
    with pytest.raises(InputError, match="is a directory"):
        read_labelled(tmp_path)
