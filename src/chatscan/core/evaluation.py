"""Measured detection quality: a labelled JSONL file against what a rule pack finds.

Each line of the file is one message, ``{"id", "conv", "speaker", "text", "labels"}``,
conversations in order (see ``docs/EVALUATION.md``). :func:`evaluate` runs the pack
through the same engine and message analysis as ``chatscan scan`` and compares the
categories it finds in each message with the labels: per category true and false
positives, false negatives, precision, recall and F1; micro and macro averages; and
the same for sequence pairs (a start category, then an end category within the window,
speakers as the sequence asks). Results carry message ids, never text.

Precision and recall are 0 when undefined (0/0), and so is F1 when both are 0.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from chatscan.core.analysis.messages import MessageAnalysis, _speakers_fit
from chatscan.core.engine import create_engine
from chatscan.core.engine.base import Detector
from chatscan.core.errors import ChatscanError, InputError
from chatscan.core.models import Message
from chatscan.core.rules import RulePack
from chatscan.core.rules.schema import SequenceSpec

__all__ = [
    "Average",
    "CategoryScore",
    "Counts",
    "DetectorPredictor",
    "Evaluation",
    "LabelledDataError",
    "LabelledMessage",
    "Pair",
    "Predictor",
    "RulePredictor",
    "SequenceScore",
    "evaluate",
    "parse_labelled",
    "read_labelled",
]

FIELDS = ("id", "conv", "speaker", "text", "labels")

Predictor = Callable[[Sequence[str]], Sequence[Collection[str]]]
"""Categories for each text, in the same order. ``RulePredictor`` is the pack's rules, with
extra detectors (the semantic layer) beside them when given; ``DetectorPredictor`` is one
detector alone."""


class LabelledDataError(InputError):
    """A labelled file cannot be used; ``line`` is 1-based (0: the file as a whole)."""

    code = "bad_labelled_data"

    def __init__(self, source: str, line: int, reason: str) -> None:
        super().__init__(f"{source}: line {line}: {reason}" if line else f"{source}: {reason}")
        self.source = source
        self.line = line
        self.reason = reason


@dataclass(frozen=True, slots=True)
class LabelledMessage:
    """One labelled message; ``index`` is its place in the file (0-based, blank lines
    not counted), ``line`` its line number."""

    id: str
    conv: str
    speaker: str | None
    text: str
    labels: frozenset[str]
    index: int = 0
    line: int = 0


# -- reading ---------------------------------------------------------------------------


def _name(value: object) -> str | None:
    """An id or conversation: text, or a whole number written as text."""
    if isinstance(value, str) and value:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _type_name(value: object) -> str:
    return "null" if value is None else type(value).__name__


def _parse_line(
    raw: str, index: int, line: int, source: str, categories: Collection[str] | None
) -> LabelledMessage:
    def bad(reason: str) -> LabelledDataError:
        return LabelledDataError(source, line, reason)

    try:
        record = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise bad(f"not valid JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(record, dict):
        raise bad(f"must be a JSON object with {', '.join(FIELDS)}; got {_type_name(record)}")
    missing = [key for key in FIELDS if key not in record]
    if missing:
        raise bad(f"missing field{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    message_id, conv = _name(record["id"]), _name(record["conv"])
    if message_id is None:
        raise bad(f"id must be non-empty text or a whole number; got {_type_name(record['id'])}")
    if conv is None:
        raise bad(
            f"conv must be non-empty text or a whole number; got {_type_name(record['conv'])}"
        )
    speaker, text, labels = record["speaker"], record["text"], record["labels"]
    if speaker is not None and not isinstance(speaker, str):
        raise bad(f"speaker must be text or null; got {_type_name(speaker)}")
    if not isinstance(text, str):
        raise bad(f"text must be text; got {_type_name(text)}")
    if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
        raise bad("labels must be a list of category names (text); [] for none")
    if categories is not None:
        unknown = [label for label in labels if label not in categories]
        if unknown:
            raise bad(
                f"unknown label {unknown[0]!r}; valid labels (the rule pack's categories): "
                f"{', '.join(categories)}"
            )
    return LabelledMessage(message_id, conv, speaker, text, frozenset(labels), index, line)


def parse_labelled(
    text: str, source: str = "<labelled>", categories: Collection[str] | None = None
) -> list[LabelledMessage]:
    """Labelled messages from JSONL text; blank lines are skipped.

    With ``categories`` (a pack's category names, in order), every label must be one.
    Raises :class:`LabelledDataError` naming the line: bad JSON, a missing or mistyped
    field, an unknown label, an id used twice, a conversation whose lines are not together.
    """
    items: list[LabelledMessage] = []
    line_of_id: dict[str, int] = {}
    last_line_of_conv: dict[str, int] = {}
    current_conv: str | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        item = _parse_line(raw, len(items), number, source, categories)
        first = line_of_id.setdefault(item.id, number)
        if first != number:
            raise LabelledDataError(
                source, number, f"id {item.id!r} is already used on line {first}"
            )
        if item.conv != current_conv and item.conv in last_line_of_conv:
            raise LabelledDataError(
                source,
                number,
                f"conversation {item.conv!r} continues after other conversations (its last "
                f"line was {last_line_of_conv[item.conv]}); keep each conversation's lines "
                "together, in order",
            )
        current_conv = item.conv
        last_line_of_conv[item.conv] = number
        items.append(item)
    if not items:
        raise LabelledDataError(source, 0, "no labelled messages (the file is empty)")
    return items


def read_labelled(
    path: str | Path, categories: Collection[str] | None = None
) -> list[LabelledMessage]:
    """:func:`parse_labelled` on a UTF-8 file (a byte-order mark is allowed)."""
    path = Path(path)
    source = str(path)
    if not path.exists():
        raise InputError(f"{source}: no such file")
    if path.is_dir():
        raise InputError(f"{source}: is a directory, not a labelled JSONL file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{source}: cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise LabelledDataError(source, line, f"not UTF-8 text (byte offset {exc.start})") from None
    return parse_labelled(text, source, categories)


# -- predicting ------------------------------------------------------------------------


class RulePredictor:
    """A pack's categories for each text, found exactly as ``chatscan scan`` finds them:
    the pack's engine and the message-mode analysis (an event's categories), with the
    given extra ``detectors`` beside the rules, as ``ScanOptions.detectors`` runs them."""

    def __init__(
        self, pack: RulePack, backend: str = "auto", detectors: Sequence[Detector] = ()
    ) -> None:
        self.engine = create_engine(pack, backend)
        self.detectors = tuple(detectors)
        self.name = "+".join([f"rules/{self.engine.name}", *(d.name for d in self.detectors)])

    def __call__(self, texts: Sequence[str]) -> list[frozenset[str]]:
        analysis = MessageAnalysis(self.engine, self.detectors)
        analysis.feed(Message(index, text) for index, text in enumerate(texts))
        found: list[frozenset[str]] = [frozenset()] * len(texts)
        for event in analysis.events:
            found[event.message.index] = frozenset(event.categories)
        return found


class DetectorPredictor:
    """One detector alone (no rules): the categories of its hits on each text."""

    def __init__(self, detector: Detector) -> None:
        self.detectors = (detector,)
        self.name = detector.name

    def __call__(self, texts: Sequence[str]) -> list[frozenset[str]]:
        (detector,) = self.detectors
        return [frozenset(hit.category for hit in hits) for hits in detector.detect(texts)]


# -- scoring ---------------------------------------------------------------------------


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives, false negatives, and what follows from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        """How many the labels hold (tp + fn)."""
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        """How many were found (tp + fp)."""
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.predicted)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.support)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "support": self.support,
            "predicted": self.predicted,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(frozen=True, slots=True)
class Average:
    """Micro (``counts`` summed over every row) or macro (the mean of the rows' precision,
    recall and F1, over the ``over`` rows that have support or predictions)."""

    precision: float
    recall: float
    f1: float
    over: int
    counts: Counts | None = None  # micro only

    @classmethod
    def micro(cls, rows: Sequence[Counts]) -> Average:
        total = sum(rows, Counts())
        used = sum(1 for row in rows if row.support or row.predicted)
        return cls(total.precision, total.recall, total.f1, used, total)

    @classmethod
    def macro(cls, rows: Sequence[Counts]) -> Average:
        used = [row for row in rows if row.support or row.predicted]
        if not used:
            return cls(0.0, 0.0, 0.0, 0)
        n = len(used)
        return cls(
            sum(row.precision for row in used) / n,
            sum(row.recall for row in used) / n,
            sum(row.f1 for row in used) / n,
            n,
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = (
            self.counts.to_dict()
            if self.counts is not None
            else {"precision": self.precision, "recall": self.recall, "f1": self.f1}
        )
        data["over"] = self.over
        return data


class Pair(NamedTuple):
    """A sequence pair: the ids of its first and second message, in one conversation."""

    conv: str
    first: str
    second: str


@dataclass(frozen=True, slots=True)
class CategoryScore:
    """One category over every message; the examples are message ids in file order."""

    name: str
    counts: Counts
    false_positives: tuple[str, ...]
    false_negatives: tuple[str, ...]

    def to_dict(self, examples: int) -> dict[str, Any]:
        return {
            "name": self.name,
            **self.counts.to_dict(),
            "false_positive_ids": list(self.false_positives[:examples]),
            "false_negative_ids": list(self.false_negatives[:examples]),
        }


@dataclass(frozen=True, slots=True)
class SequenceScore:
    """One sequence of the pack over every pair; the examples are pairs in file order."""

    spec: SequenceSpec
    counts: Counts
    false_positives: tuple[Pair, ...]
    false_negatives: tuple[Pair, ...]

    @property
    def name(self) -> str:
        return f"{self.spec.start} -> {self.spec.end}"

    def to_dict(self, examples: int) -> dict[str, Any]:
        return {
            "name": self.name,
            "start": self.spec.start,
            "end": self.spec.end,
            "speakers": self.spec.speakers,
            **self.counts.to_dict(),
            "false_positive_pairs": [p._asdict() for p in self.false_positives[:examples]],
            "false_negative_pairs": [p._asdict() for p in self.false_negatives[:examples]],
        }


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The outcome of :func:`evaluate`. ``predictions`` holds each message's categories,
    in file order; ``seconds`` is the time the predictor took over all messages (after a
    warm-up call on the first message)."""

    pack: dict[str, str]
    predictor: str
    window: int
    messages: int
    conversations: int
    categories: tuple[CategoryScore, ...]
    micro: Average
    macro: Average
    sequences: tuple[SequenceScore, ...]
    sequence_micro: Average
    sequence_macro: Average
    predictions: tuple[frozenset[str], ...]
    seconds: float
    detectors: tuple[dict[str, str], ...] = ()  # identities of detectors beside the rules

    @property
    def messages_per_second(self) -> float:
        return self.messages / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self, examples: int = 10) -> dict[str, Any]:
        """Plain data for JSON: scores and up to ``examples`` ids per list, never text."""
        return {
            "pack": dict(self.pack),
            "predictor": self.predictor,
            "window": self.window,
            "messages": self.messages,
            "conversations": self.conversations,
            "categories": [score.to_dict(examples) for score in self.categories],
            "micro": self.micro.to_dict(),
            "macro": self.macro.to_dict(),
            "sequences": [score.to_dict(examples) for score in self.sequences],
            "sequence_micro": self.sequence_micro.to_dict(),
            "sequence_macro": self.sequence_macro.to_dict(),
            # only when a detector ran beside the rules: rules-only documents keep their keys
            **({"detectors": [dict(d) for d in self.detectors]} if self.detectors else {}),
            "speed": {
                "seconds": self.seconds,
                "messages_per_second": self.messages_per_second,
            },
        }


def _conversations(items: Sequence[LabelledMessage]) -> dict[str, list[int]]:
    """Positions in ``items`` of each conversation's messages, in order."""
    found: dict[str, list[int]] = {}
    for position, item in enumerate(items):
        found.setdefault(item.conv, []).append(position)
    return found


def _pairs(
    messages: Sequence[Message],
    items: Sequence[LabelledMessage],
    categories: Sequence[Collection[str]],
    conversations: dict[str, list[int]],
    spec: SequenceSpec,
    window: int,
) -> set[Pair]:
    """Every (i, j) of one conversation with ``spec.start`` at i, ``spec.end`` at j,
    0 < j - i <= window (in the conversation's messages), speakers as ``spec`` asks."""
    found: set[Pair] = set()
    for conv, positions in conversations.items():
        for k, i in enumerate(positions):
            if spec.start not in categories[i]:
                continue
            for j in positions[k + 1 : k + 1 + window]:
                if spec.end in categories[j] and _speakers_fit(
                    spec.speakers, messages[i], messages[j]
                ):
                    found.add(Pair(conv, items[i].id, items[j].id))
    return found


def _in_file_order(pairs: Iterable[Pair], order: dict[str, int]) -> tuple[Pair, ...]:
    return tuple(sorted(pairs, key=lambda p: (order[p.first], order[p.second])))


def _category_scores(
    items: Sequence[LabelledMessage], predicted: Sequence[frozenset[str]], names: Sequence[str]
) -> list[CategoryScore]:
    tp = dict.fromkeys(names, 0)
    fps: dict[str, list[str]] = {name: [] for name in names}
    fns: dict[str, list[str]] = {name: [] for name in names}
    for item, got in zip(items, predicted, strict=True):
        for name in got & item.labels:
            tp[name] += 1
        for name in got - item.labels:
            fps[name].append(item.id)
        for name in item.labels - got:
            fns[name].append(item.id)
    return [
        CategoryScore(
            name,
            Counts(tp[name], len(fps[name]), len(fns[name])),
            tuple(fps[name]),
            tuple(fns[name]),
        )
        for name in names
    ]


def _check_items(items: Sequence[LabelledMessage], names: Sequence[str]) -> None:
    """What :func:`parse_labelled` checks per message, for items built in code."""
    seen: set[str] = set()
    for item in items:
        unknown = item.labels.difference(names)
        if unknown:
            raise ChatscanError(
                f"message {item.id!r}: unknown label {sorted(unknown)[0]!r}; valid labels: "
                f"{', '.join(names)}"
            )
        if item.id in seen:
            raise ChatscanError(f"message id {item.id!r} is used twice")
        seen.add(item.id)


def _check_categories(
    found: Sequence[Collection[str]], count: int, known: Collection[str], predictor: str
) -> list[frozenset[str]]:
    if len(found) != count:
        raise ChatscanError(f"predictor {predictor} gave {len(found)} answers for {count} texts")
    result = [frozenset(categories) for categories in found]
    for categories in result:
        unknown = categories.difference(known)
        if unknown:
            raise ChatscanError(
                f"predictor {predictor} gave category {sorted(unknown)[0]!r}, which the rule "
                "pack does not define"
            )
    return result


def evaluate(
    items: Sequence[LabelledMessage],
    pack: RulePack,
    backend: str = "auto",
    window: int | None = None,
    predict: Predictor | None = None,
) -> Evaluation:
    """Score ``pack`` (or ``predict``, when given) against the labels of ``items``.

    ``window``: how many messages after a sequence's start its end may come, within one
    conversation (default: the pack's window). ``backend`` picks the engine of the rules.
    """
    window = pack.window if window is None else window
    if window < 1:
        raise ChatscanError(f"window must be at least 1 message, not {window}")
    names = pack.category_names
    _check_items(items, names)
    predictor = predict if predict is not None else RulePredictor(pack, backend)
    predictor_name = str(getattr(predictor, "name", "custom"))
    texts = [item.text for item in items]
    predictor(texts[:1])  # one-time setup (a scratch space, a model) is not matching speed
    started = time.perf_counter()
    raw = predictor(texts)
    seconds = time.perf_counter() - started
    predicted = _check_categories(raw, len(items), names, predictor_name)

    category_scores = _category_scores(items, predicted, names)
    conversations = _conversations(items)
    gold_labels = [item.labels for item in items]
    as_messages = [Message(item.index, item.text, item.speaker) for item in items]
    order = {item.id: position for position, item in enumerate(items)}
    sequence_scores = []
    for spec in pack.spec.sequences:
        gold = _pairs(as_messages, items, gold_labels, conversations, spec, window)
        found = _pairs(as_messages, items, predicted, conversations, spec, window)
        counts = Counts(len(gold & found), len(found - gold), len(gold - found))
        sequence_scores.append(
            SequenceScore(
                spec,
                counts,
                _in_file_order(found - gold, order),
                _in_file_order(gold - found, order),
            )
        )

    category_counts = [score.counts for score in category_scores]
    sequence_counts = [score.counts for score in sequence_scores]
    return Evaluation(
        pack=pack.identity(),
        predictor=predictor_name,
        window=window,
        messages=len(items),
        conversations=len(conversations),
        categories=tuple(category_scores),
        micro=Average.micro(category_counts),
        macro=Average.macro(category_counts),
        sequences=tuple(sequence_scores),
        sequence_micro=Average.micro(sequence_counts),
        sequence_macro=Average.macro(sequence_counts),
        predictions=tuple(predicted),
        seconds=seconds,
        detectors=tuple(d.identity() for d in getattr(predictor, "detectors", ())),
    )
