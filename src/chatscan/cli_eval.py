"""``chatscan eval``: measured detection quality of a rule pack on a labelled JSONL file.

A thin shell over :mod:`chatscan.core.evaluation`; plain aligned tables (no rich), or one
JSON document with ``--json``. Added to the main ``chatscan`` group in ``cli.py``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import click

from chatscan._version import __version__
from chatscan.core.engine import BACKENDS
from chatscan.core.errors import ChatscanError
from chatscan.core.evaluation import (
    Counts,
    Evaluation,
    LabelledMessage,
    Predictor,
    RulePredictor,
    evaluate,
    read_labelled,
)
from chatscan.core.rules import BUILTIN_PACKS, MESSAGE_DEFAULT_PACK, load_pack

__all__ = ["eval_command"]

EXIT_BAD_INPUT = 2
JSON_EXAMPLES = 10  # ids per list in --json output unless --show-examples says otherwise
EXAMPLE_CHARS = 120


def _fail(message: str) -> NoReturn:
    print(f"error: {message}", file=sys.stderr, flush=True)
    sys.exit(EXIT_BAD_INPUT)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Columns aligned with two spaces between them: the first left, the others right."""
    widths = [max(len(row[k]) for row in (header, *rows)) for k in range(len(header))]
    lines = []
    for row in (header, *rows):
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
    return lines


def _score_cells(counts: Counts) -> list[str]:
    return [
        f"{counts.precision:.3f}",
        f"{counts.recall:.3f}",
        f"{counts.f1:.3f}",
        str(counts.support),
        str(counts.predicted),
        str(counts.tp),
        str(counts.fp),
        str(counts.fn),
    ]


SCORE_HEADER = ("precision", "recall", "f1", "support", "predicted", "tp", "fp", "fn")


def _averages(evaluation: Evaluation, *, sequences: bool) -> list[list[str]]:
    micro = evaluation.sequence_micro if sequences else evaluation.micro
    macro = evaluation.sequence_macro if sequences else evaluation.macro
    pad = [""] if sequences else []
    return [
        ["micro", *pad, *_score_cells(micro.counts or Counts())],
        [
            f"macro (over {macro.over})",
            *pad,
            f"{macro.precision:.3f}",
            f"{macro.recall:.3f}",
            f"{macro.f1:.3f}",
            *[""] * 5,
        ],
    ]


def _detector_line(identity: dict[str, str]) -> str:
    if identity.get("name") == "semantic":
        return (
            f"semantic layer: model {identity['model']} (sha256 "
            f"{identity['model_sha256'][:12]}...), {identity['exemplars']} exemplars, "
            f"{identity['negatives']} negatives"
        )
    return f"detector {identity.get('name', '?')}: " + ", ".join(
        f"{key} {value}" for key, value in identity.items() if key != "name"
    )


def render_text(evaluation: Evaluation, source: str) -> str:
    pack = evaluation.pack
    lines = [
        f"{source}: {evaluation.messages} messages in {evaluation.conversations} "
        f"conversations; rule pack {pack['name']} {pack['version']} "
        f"(sha256 {pack['sha256'][:12]}...); predictor {evaluation.predictor}",
        *[_detector_line(identity) for identity in evaluation.detectors],
        "",
    ]
    rows = [[score.name, *_score_cells(score.counts)] for score in evaluation.categories]
    lines += _table(("category", *SCORE_HEADER), [*rows, *_averages(evaluation, sequences=False)])
    lines.append("")
    if evaluation.sequences:
        rows = [
            [score.name, score.spec.speakers, *_score_cells(score.counts)]
            for score in evaluation.sequences
        ]
        header = (f"sequence (window {evaluation.window} messages)", "speakers", *SCORE_HEADER)
        lines += _table(header, [*rows, *_averages(evaluation, sequences=True)])
    else:
        lines.append("sequences: the rule pack defines none")
    lines.append("")
    lines.append(
        f"matching: {evaluation.messages} messages in {evaluation.seconds:.4f} s "
        f"({evaluation.messages_per_second:,.0f} messages/s)"
    )
    return "\n".join(lines)


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXAMPLE_CHARS else flat[: EXAMPLE_CHARS - 3] + "..."


def render_examples(evaluation: Evaluation, items: Sequence[LabelledMessage], count: int) -> str:
    """Up to ``count`` false positives and false negatives per category, with their text,
    then per sequence the pairs (ids only)."""
    by_id = {item.id: item for item in items}
    lines: list[str] = []
    for score in evaluation.categories:
        for kind, ids in (("false positives", score.false_positives),
                          ("false negatives", score.false_negatives)):  # fmt: skip
            if not ids:
                continue
            shown = min(count, len(ids))
            lines.append(f"{score.name} {kind} ({len(ids)}, showing {shown}):")
            for message_id in ids[:count]:
                item = by_id[message_id]
                lines.append(f"  {message_id} [{item.conv}] {_excerpt(item.text)}")
    for sequence in evaluation.sequences:
        for kind, pairs in (("false positive pairs", sequence.false_positives),
                            ("false negative pairs", sequence.false_negatives)):  # fmt: skip
            if pairs:
                lines.append(f"{sequence.name} {kind} ({len(pairs)}, showing "
                             f"{min(count, len(pairs))}):")  # fmt: skip
                lines += [f"  {p.first} -> {p.second} [{p.conv}]" for p in pairs[:count]]
    return "\n".join(lines) if lines else "no false positives or false negatives"


@click.command("eval")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--rules", default=None,
    help=f"Rule pack: a YAML file or a built-in ({', '.join(BUILTIN_PACKS)}).",
)  # fmt: skip
@click.option(
    "--semantic", is_flag=True,
    help="Measure the rules and the semantic layer together (a message's categories from "
    "either); needs chatscan[semantic] and a pack with a semantic section [default pack "
    f"with this flag: {MESSAGE_DEFAULT_PACK}].",
)  # fmt: skip
@click.option("--json", "json_out", is_flag=True, help="Print one JSON document.")
@click.option(
    "--window", type=click.IntRange(min=1), default=None,
    help="Sequence pairs: how many messages after the start the end may come "
    "[default: the rule pack's window].",
)  # fmt: skip
@click.option(
    "--show-examples", type=click.IntRange(min=0), default=None, metavar="N",
    help="Print the text of up to N false positives and negatives per category "
    f"(with --json: N ids per list, never text; default {JSON_EXAMPLES}).",
)  # fmt: skip
@click.option(
    "--backend", type=click.Choice(BACKENDS), default="auto", show_default=True,
    help="Matching engine.",
)  # fmt: skip
def eval_command(
    file: Path,
    rules: str | None,
    semantic: bool,
    json_out: bool,
    window: int | None,
    show_examples: int | None,
    backend: str,
) -> None:
    """Measure a rule pack on FILE, a labelled JSONL file (see docs/EVALUATION.md).

    Prints precision, recall and F1 per category and per sequence, micro and macro
    averages, and the matching speed. Exit 0 on success, 2 on unusable input.
    """
    try:
        pack = load_pack(MESSAGE_DEFAULT_PACK if semantic and rules is None else rules)
        predict: Predictor | None = None
        if semantic:
            from chatscan.semantic import SemanticDetector

            detector = SemanticDetector.from_pack(pack)
            predict = RulePredictor(pack, backend, detectors=(detector,))
        items = read_labelled(file, pack.category_names)
        evaluation = evaluate(items, pack, backend=backend, window=window, predict=predict)
    except ChatscanError as exc:
        _fail(exc.message)
    if json_out:
        document = {
            "tool_version": __version__,
            "source": file.name,
            **evaluation.to_dict(JSON_EXAMPLES if show_examples is None else show_examples),
        }
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return
    print(render_text(evaluation, file.name))
    if show_examples:
        print()
        print(render_examples(evaluation, items, show_examples))
