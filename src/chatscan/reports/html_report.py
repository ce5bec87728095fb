"""``report.html``: one self-contained page to read a result and hand it on.

Everything is inline (CSS, charts as SVG), nothing is fetched and nothing runs: the
page has no scripts and a Content-Security-Policy that forbids them. Chat text is
hostile input. It reaches the page through Jinja2's autoescaping, or, for the rows of
events and sequences (built here, for speed with tens of thousands of them), through
:func:`escape_text` and :func:`highlight`, which escape every character they copy.
Control characters, bidirectional overrides and lone surrogates are shown as their code
points, never passed on. The same template, with ``for_print``, is what the PDF report
renders.
"""

from __future__ import annotations

import html
import io
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from functools import cache, lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from chatscan.core.models import Event, Hit, SequenceMatch, Tier
from chatscan.core.result import Result
from chatscan.reports.registry import ReportOptions, ReportWriter, register

if TYPE_CHECKING:
    import jinja2

__all__ = [
    "TEMPLATE",
    "escape_text",
    "event_rows",
    "highlight",
    "merged_spans",
    "render_html",
    "render_html_text",
    "sequence_rows",
    "visible",
]

TEMPLATE = "report.html.j2"
EXCERPT_CHARS = 180
MATCHED_CHARS = 80
SKIPPED_SHOWN = 200
WRITE_CHARS = 1 << 20
MEMO_SIZE = 4096
CONTEXT_COLUMNS = 60  # at most this many contexts in the chart (all are in the table)
MONTH_SPAN = 120  # a longer time span is charted per year
YEAR_SPAN = 300  # a longer one (implausible timestamps) shows only the years with events

# Characters that must not reach the page as they are: C0 controls other than tab and
# newline, DEL, C1 controls, the bidirectional embedding, override and isolate controls
# (which can make text display in another order than it is written: "Trojan Source"),
# lone surrogates (a JSON export may carry them) and the non-characters U+FFFE/U+FFFF.
_UNSAFE_CHARS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
_UNSAFE = re.compile(f"[{_UNSAFE_CHARS}]")
_SPECIAL = re.compile(f"[&<>\"'{_UNSAFE_CHARS}]")  # anything escape_text would change
# The charts' layout, in SVG user units: row labels left, totals right, bars between.
CHART_WIDTH, CHART_LEFT, CHART_RIGHT = 760, 180, 50
PLOT_WIDTH = CHART_WIDTH - CHART_LEFT - CHART_RIGHT
LABEL_ROOM = 36  # the least distance between two year labels

_HEX64 = re.compile(r"[0-9a-f]{64}")
_PLAIN = re.compile(r"[^A-Za-z0-9.+_ -]")


def visible(text: str) -> str:
    """``text`` with each control character, lone surrogate or non-character replaced by
    U+FFFD: safe in any context (attributes, SVG labels, the page title)."""
    return _UNSAFE.sub("\ufffd", text)


def _code_point(match: re.Match[str]) -> str:
    return f'<span class="ctl" title="control character">U+{ord(match.group()):04X}</span>'


def escape_text(text: str) -> str:
    """``text`` as HTML for the body of an element: escaped, and each control character,
    lone surrogate or non-character shown as its code point (``U+0007``) in a framed
    box, so that what is there can be seen and told apart from typed text."""
    if _SPECIAL.search(text) is None:  # most text: one scan, nothing to change
        return text
    return _UNSAFE.sub(_code_point, html.escape(text))


def merged_spans(hits: Iterable[Hit], length: int) -> list[tuple[int, int, list[str]]]:
    """The hits' spans in order, overlapping or adjacent ones merged, each with the ids
    of the rules that matched inside it; spans are clipped to ``length``, empty ones
    dropped."""
    merged: list[tuple[int, int, list[str]]] = []
    for start, end, rule_id in sorted((h.start, h.end, h.rule_id) for h in hits):
        start, end = max(0, min(start, length)), max(0, min(end, length))
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            last_start, last_end, ids = merged[-1]
            if rule_id not in ids:
                ids.append(rule_id)
            merged[-1] = (last_start, max(last_end, end), ids)
        else:
            merged.append((start, end, [rule_id]))
    return merged


def highlight(text: str, hits: Iterable[Hit]) -> str:
    """``text`` as escaped HTML with the matched words (merged spans) in ``<mark>``, each
    titled with the ids of the rules that matched there. Semantic hits mark nothing: they
    are about the whole message, and say so in the event's explanation."""
    parts: list[str] = []
    position = 0
    rule_hits = [hit for hit in hits if hit.tier is not Tier.SEMANTIC]
    for start, end, ids in merged_spans(rule_hits, len(text)):
        parts.append(escape_text(text[position:start]))
        title = html.escape(visible(", ".join(ids)))
        parts.append(f'<mark title="{title}">{escape_text(text[start:end])}</mark>')
        position = end
    parts.append(escape_text(text[position:]))
    return "".join(parts)


def _when(stamp: datetime | None) -> str:
    return stamp.isoformat(sep=" ") if stamp is not None else ""


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…"


def _size(size: int) -> str:
    if size < 1024:
        return f"{size:,} bytes"
    value = float(size)
    for unit in ("KB", "MB", "GB", "TB"):
        value /= 1024
        if value < 1024 or unit == "TB":
            break
    return f"{size:,} bytes ({value:.1f} {unit})"


# ----------------------------------------------------------------------------- charts


def _label(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(categories: Sequence[str], counts: dict[str, int]) -> dict[str, Any]:
    """Geometry of the per-category bar chart (SVG user units)."""
    width, label_right, bar_left, row, bar = 720, 200, 210, 28, 18
    top = 6
    longest = max(60.0, width - bar_left - 70)
    peak = max((counts.get(c, 0) for c in categories), default=0) or 1
    bars = []
    for i, name in enumerate(categories):
        count = counts.get(name, 0)
        y = top + i * row
        length = longest * count / peak
        bars.append(
            {
                "name": name,
                "label": _label(name, 30),
                "count": count,
                "y": y,
                "text_y": y + bar / 2 + 4,
                "width": round(max(length, 1.5) if count else 0, 2),
                "count_x": round(bar_left + length + 6, 2),
            }
        )
    return {
        "width": width,
        "height": top + len(categories) * row + 4,
        "label_x": label_right,
        "bar_x": bar_left,
        "bar_h": bar,
        "bars": bars,
    }


def _months_between(first: tuple[int, int], last: tuple[int, int]) -> Iterator[tuple[int, int]]:
    year, month = first
    while (year, month) <= last:
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def small_multiples(
    columns: Sequence[str],
    rows: Sequence[tuple[str, Sequence[int]]],
    axis: Sequence[tuple[int, str, int]],
    rotate_labels: bool,
) -> dict[str, Any]:
    """Geometry of a chart with one row of bars per series, all on one scale.

    ``columns`` name each column (for the bars' tooltips), ``rows`` are (name, count
    per column), ``axis`` the labels under the chart as (column, text, line).
    """
    width, left, top, row_h, bar_max = CHART_WIDTH, CHART_LEFT, 18, 46, 30
    plot = PLOT_WIDTH
    n = max(len(columns), 1)
    column = plot / n
    bar_w = max(min(column * 0.72, 40.0), 0.8)
    peak = max((max(counts, default=0) for _, counts in rows), default=0) or 1
    out_rows = []
    for r, (name, counts) in enumerate(rows):
        baseline = top + r * row_h + 12 + bar_max
        bars = []
        for c, count in enumerate(counts):
            if not count:
                continue
            h = max(bar_max * count / peak, 1.5)
            x = left + c * column + (column - bar_w) / 2
            bars.append(
                {
                    "x": round(x, 2),
                    "y": round(baseline - h, 2),
                    "h": round(h, 2),
                    "count": count,
                    "label_x": round(x + bar_w / 2, 2),
                    "label_y": round(baseline - h - 3, 2),
                    "column": columns[c],
                }
            )
        out_rows.append(
            {
                "name": name,
                "label": _label(name, 26),
                "fill": "#111" if r == 0 else "#555",
                "total": sum(counts),
                "baseline": baseline,
                "text_y": baseline - 8,
                "bars": bars,
            }
        )
    axis_y = top + len(rows) * row_h + 4
    lines = max((line for _, _, line in axis), default=1)
    labels = [
        {
            "x": round(left + c * column + column / 2, 2),
            "y": axis_y + 12 * line,
            "text": text,
        }
        for c, text, line in axis
    ]
    return {
        "width": width,
        "height": axis_y + (100 if rotate_labels else 14 + 12 * lines),
        "left": left,
        "right_x": width - 6,
        "plot_right": left + plot,
        "bar_w": round(bar_w, 2),
        "show_counts": column >= 16,
        "rows": out_rows,
        "axis_y": axis_y,
        "labels": labels,
        "rotate": rotate_labels,
    }


def _every(column: float, room: float) -> int:
    return max(1, math.ceil(room / column)) if column > 0 else 1


def _spaced(candidates: Iterable[tuple[int, str]], column: float) -> list[tuple[int, str, int]]:
    """Axis labels on one line, each at least :data:`LABEL_ROOM` from the one before."""
    labels: list[tuple[int, str, int]] = []
    last = -math.inf
    for index, text in candidates:
        if index * column - last >= LABEL_ROOM:
            labels.append((index, text, 1))
            last = index * column
    return labels


def timeline_chart(result: Result, categories: Sequence[str]) -> dict[str, Any] | None:
    """Events per month (per year over long spans) and category, from the timestamps."""
    per_month: Counter[tuple[int, int, str]] = Counter()
    untimed = 0
    for event in result.events:
        stamp = event.message.timestamp
        if stamp is None:
            untimed += 1
            continue
        per_month[(stamp.year, stamp.month, "")] += 1
        for name in event.categories:
            per_month[(stamp.year, stamp.month, name)] += 1
    if not per_month:
        return None
    present = sorted({(y, m) for y, m, _ in per_month})
    span = (present[-1][0] - present[0][0]) * 12 + present[-1][1] - present[0][1] + 1
    axis: list[tuple[int, str, int]]
    if span <= MONTH_SPAN:
        keys: list[tuple[int, ...]] = list(_months_between(present[0], present[-1]))
        names = [f"{y:04d}-{m:02d}" for y, m in keys]
        counts = {(y, m, c): v for (y, m, c), v in per_month.items()}
        column = PLOT_WIDTH / len(keys)
        starts = [(i, str(y)) for i, (y, m) in enumerate(keys) if i == 0 or m == 1]
        if column >= 24:  # room for every month's name, the year under January
            axis = [(i, _MONTH_NAMES[m - 1], 1) for i, (_y, m) in enumerate(keys)]
            axis += [(i, text, 2) for i, text in starts]
        else:
            axis = _spaced(starts, column)
        unit = "month"
    else:
        years: Counter[tuple[int, str]] = Counter()
        for (y, _m, c), v in per_month.items():
            years[(y, c)] += v
        present_years = sorted({y for y, _ in years})
        span_years = present_years[-1] - present_years[0] + 1
        filled = span_years <= YEAR_SPAN
        year_keys = range(present_years[0], present_years[-1] + 1) if filled else present_years
        keys = [(y,) for y in year_keys]
        names = [f"{y:04d}" for (y,) in keys]
        counts = {(y, c): v for (y, c), v in years.items()}
        axis = _spaced(enumerate(names), PLOT_WIDTH / len(keys))
        unit = "year" if filled else "year (only years with events)"
    rows = [("All events", [counts.get((*k, ""), 0) for k in keys])]
    rows += [(name, [counts.get((*k, name), 0) for k in keys]) for name in categories]
    chart = small_multiples(names, rows, axis, rotate_labels=False)
    chart.update(unit=unit, untimed=untimed, first=names[0], last=names[-1])
    return chart


def context_chart(result: Result, categories: Sequence[str]) -> dict[str, Any] | None:
    """Events per context and category (at most :data:`CONTEXT_COLUMNS` contexts)."""
    if not result.context_summary:
        return None
    totals: Counter[str] = Counter(event.message.context.key for event in result.events)
    summary = result.context_summary
    shown = summary
    if len(summary) > CONTEXT_COLUMNS:
        keep = {key for key, _ in sorted(summary, key=lambda kc: -totals[kc[0]])[:CONTEXT_COLUMNS]}
        shown = [(key, counts) for key, counts in summary if key in keep]
    names = [key for key, _ in shown]
    rows = [("All events", [totals[key] for key in names])]
    rows += [(name, [counts.get(name, 0) for _, counts in shown]) for name in categories]
    step = _every(PLOT_WIDTH / len(names), 14)
    axis = [(i, _label(names[i], 22), 1) for i in range(0, len(names), step)]
    chart = small_multiples(names, rows, axis, rotate_labels=True)
    chart.update(omitted=len(summary) - len(shown), every=step)
    return chart


# ------------------------------------------------------------------------ view model


# Rows of events and sequences are the bulk of a large report. They are built here,
# every value through _e (escape_text) or highlight, and
# reach the template as Markup: a {{ }} per field in the template costs several times
# as much, for tens of thousands of rows.


def _e(value: object) -> str:
    """Any value as HTML text (:func:`escape_text`)."""
    return escape_text(str(value))


@lru_cache(maxsize=4096)
def _breakable_html(value: str) -> str:
    """Escaped, with a line-break opportunity after each ``_`` and ``.`` (long category
    names and rule ids wrap there rather than anywhere). Cached: rule pack names only."""
    return _e(value).replace("_", "_<wbr>").replace(".", ".<wbr>")


def _memo(make: Callable[[Any], str]) -> Callable[[Any], str]:
    """``make`` remembered for one report (cells repeat from row to row). Never kept
    beyond it, as what it holds is chat text, and never more than :data:`MEMO_SIZE`."""
    store: dict[Any, str] = {}

    def get(key: Any) -> str:
        value = store.get(key)
        if value is None:
            if len(store) >= MEMO_SIZE:
                store.clear()
            value = store[key] = make(key)
        return value

    return get


# One hit as the rules cell shows it: category, rule id, tier, the words matched (empty
# for a semantic hit), score, context word, exemplar.
_HitKey = tuple[str, str, str, str, float, str | None, str | None]
_RulesKey = tuple[tuple[str, ...], tuple[str, ...], tuple[_HitKey, ...]]


def _hit_order(hit: Hit) -> tuple[bool, int, int, str]:
    """Rule hits in text order, then the semantic layer's."""
    return hit.tier is Tier.SEMANTIC, hit.start, hit.end, hit.rule_id


def _rules_key(event: Event) -> _RulesKey:
    """What the rules cell shows: categories, strengths, and each hit (rule hits in text
    order, then semantic ones) with why it counts."""
    text = event.message.text
    hits = tuple(
        (
            hit.category,
            hit.rule_id,
            str(hit.tier),
            "" if hit.tier is Tier.SEMANTIC else text[hit.start : hit.end],
            hit.score,
            hit.context,
            hit.exemplar,
        )
        for hit in sorted(event.hits, key=_hit_order)
    )
    return event.categories, tuple(map(str, event.strengths)), hits


def _hit_html(key: _HitKey) -> str:
    """One hit's explanation: which detector and tier, the rule id, then for a rule the
    words matched, its score and the context word that satisfied its condition; for the
    semantic layer the similarity that decided and the nearest exemplar sentence."""
    _category, rule_id, tier, words, score, context_word, exemplar = key
    if tier == Tier.SEMANTIC:
        nearest = f" “{_e(_label(exemplar, EXCERPT_CHARS))}”" if exemplar else ""
        return (
            f'<br><span class="badge semantic">semantic</span> '
            f"<code>{_breakable_html(rule_id)}</code> similarity to the category {score:.2f}; "
            f'nearest example:{nearest} <span class="ref">the whole message</span>'
        )
    parts = [
        f'<br><span class="badge rules">rules · {_e(tier)}</span> '
        f"<code>{_breakable_html(rule_id)}</code> “{_e(_label(words, MATCHED_CHARS))}” "
        f'<span class="ref">score {score:g}</span>'
    ]
    if context_word:
        parts.append(f' <span class="ref">context word “{_e(context_word)}”</span>')
    return "".join(parts)


def _rules_html(key: _RulesKey) -> str:
    """The event's categories (with their strength), each with its hits explained."""
    categories, strengths, hits = key
    by_category: dict[str, list[str]] = {name: [] for name in categories}
    for hit in hits:
        by_category.setdefault(hit[0], []).append(_hit_html(hit))
    strength = dict(zip(categories, strengths, strict=True))
    items = [
        f'<li><b>{_breakable_html(name)}</b> <span class="tier">{_e(strength.get(name, ""))}'
        f"</span>{''.join(lines)}</li>"
        for name, lines in by_category.items()
    ]
    return f'<ul class="hits">{"".join(items)}</ul>'


def _event_meta(event: Event, unit: str, name: Callable[[str], str]) -> str:
    """Which event, where in the file, when, who, which context, repeat and flags."""
    message = event.message
    ref = f", {_e(message.source_ref)}" if message.source_ref else ""
    parts = [f'<b>event {event.index}</b> <span class="ref">({unit} {message.index}{ref})</span>']
    if message.timestamp is not None:
        parts.append(f"<br>{_e(_when(message.timestamp))}")
    if message.speaker:
        parts.append(f"<br><bdi>{name(message.speaker)}</bdi>")
    parts.append(f"<br><bdi>{name(message.context.key)}</bdi>")
    if event.repeat_of is not None:
        parts.append(f'<br><span class="tag">repeats event {event.repeat_of}</span>')
    parts.extend(f' <span class="tag">{_e(flag)}</span>' for flag in sorted(message.flags))
    return "".join(parts)


def event_rows(events: Iterable[Event], unit: str) -> Iterator[str]:
    """One ``<tr>`` per event (HTML): where and who, the text highlighted, the rules."""
    name, rules = _memo(escape_text), _memo(_rules_html)
    for event in events:
        yield (
            f'<tr id="e{event.index}"><td class="meta">{_event_meta(event, unit, name)}</td>'
            f'<td class="text">{highlight(event.message.text, event.hits)}</td>'
            f"<td>{rules(_rules_key(event))}</td></tr>\n"
        )


def _side(event: Event, name: Callable[[str], str]) -> str:
    """One end of a sequence: a link to its event, when, who, where in the file, and
    the start of its text."""
    message = event.message
    parts = [f'<td><b><a href="#e{event.index}">event {event.index}</a></b>']
    if message.timestamp is not None:
        parts.append(f"<br>{_e(_when(message.timestamp))}")
    if message.speaker:
        parts.append(f"<br><bdi>{name(message.speaker)}</bdi>")
    if message.source_ref:
        parts.append(f'<br><span class="ref">{_e(message.source_ref)}</span>')
    parts.append(f'</td><td class="text">{_e(_excerpt(message.text))}</td>')
    return "".join(parts)


def sequence_rows(sequences: Iterable[SequenceMatch]) -> Iterator[str]:
    """One ``<tr>`` per sequence: its kind and context, then each event and its excerpt."""
    name = _memo(escape_text)
    sides: dict[int, str] = {}  # an event is often in several sequences, close together
    for seq in sequences:
        cells = []
        for event in (seq.first, seq.second):
            cell = sides.get(event.index)
            if cell is None:
                if len(sides) >= MEMO_SIZE:
                    sides.clear()
                cell = sides[event.index] = _side(event, name)
            cells.append(cell)
        yield (
            f"<tr><td>{_breakable_html(seq.name)}<br>"
            f'<span class="ref"><bdi>{name(seq.context_key)}</bdi></span></td>'
            f"{cells[0]}{cells[1]}</tr>\n"
        )


def _plain(text: str) -> str:
    """Text safe inside a CSS string (the page footer): a small alphabet only."""
    return _PLAIN.sub("", text)[:40]


def _detector_row(identity: dict[str, str]) -> tuple[str, str]:
    """A detector that ran beside the rules, for the cover: its name, and what identifies
    it (the semantic layer's model and the hash of its exemplars, for instance)."""
    name = identity.get("name", "detector")
    label = "Semantic layer" if name == "semantic" else name
    return label, "; ".join(f"{key}: {value}" for key, value in identity.items() if key != "name")


def _batches(rows: Iterable[str], markup: Callable[[str], Any], size: int = 256) -> Iterator[Any]:
    """Rows joined a few hundred at a time: the template's loop then runs per batch."""
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield markup("".join(batch))


def context(result: Result, options: ReportOptions, markup: Callable[[str], Any]) -> dict[str, Any]:
    """Everything the template shows; events and sequences as iterators, made as read."""
    pack = result.pack
    categories = list(pack.category_names)
    descriptions = {c.name: c.description for c in pack.spec.categories}
    messages = result.mode == "messages"
    timeline = timeline_chart(result, categories) if messages else None
    contexts = None
    if timeline is None or len(result.context_summary) > 1:
        contexts = context_chart(result, categories)
    event_totals: Counter[str] = Counter(event.message.context.key for event in result.events)
    source = result.source
    return {
        "generated_at": options.generated_at,
        "tool_version": options.tool_version,
        "tool_version_css": _plain(options.tool_version),
        "brand_name": options.brand_name,
        "brand_url": options.brand_url,
        "source": source,
        "source_size": _size(source.size),
        "source_sha_css": source.sha256 if _HEX64.fullmatch(source.sha256) else "",
        "result": result,
        "messages": messages,
        "unit": "entries" if result.mode == "paragraphs" else "messages",
        "pack": pack,
        "detectors": [_detector_row(identity) for identity in result.detectors],
        "semantic": any(identity.get("name") == "semantic" for identity in result.detectors),
        "categories": [
            {
                "name": name,
                "description": descriptions.get(name, ""),
                "count": result.category_counts.get(name, 0),
            }
            for name in categories
        ],
        "category_names": categories,
        "bar_chart": bar_chart(categories, result.category_counts) if categories else None,
        "timeline": timeline,
        "context_chart": contexts,
        "context_rows": [
            (key, event_totals[key], [counts.get(name, 0) for name in categories])
            for key, counts in result.context_summary
        ],
        "speakers": [
            (row.speaker, row.messages, row.events, [row.categories.get(n, 0) for n in categories])
            for row in result.speakers
        ],
        "skipped_shown": result.skipped[:SKIPPED_SHOWN],
        "events_total": len(result.events),
        "sequences_total": len(result.sequences),
        "event_rows": _batches(
            event_rows(result.events, "message" if messages else "entry"), markup
        ),
        "sequence_rows": _batches(sequence_rows(result.sequences), markup),
    }


def _finalize(value: Any) -> Any:
    """Applied to every ``{{ value }}`` before autoescaping: control characters and
    lone surrogates replaced (safe in attributes and SVG too; the ``text`` filter shows
    them as code points in body text), None as nothing. Markup we built is clean."""
    if value is None:
        return ""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return visible(value)
    return value


def _text(value: object) -> Any:
    from markupsafe import Markup

    return Markup(escape_text(str(value)))


def _number(value: int) -> str:
    return f"{value:,}"


def _breakable(value: str) -> Any:
    from markupsafe import Markup

    return Markup(_breakable_html(value))


@cache
def _environment() -> jinja2.Environment:
    import jinja2  # here, not at import: the CLI starts faster without it

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("chatscan.reports", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["num"] = _number
    environment.filters["breakable"] = _breakable
    environment.filters["text"] = _text
    return environment


def render_html(
    result: Result, options: ReportOptions, out: TextIO, *, for_print: bool = False
) -> None:
    """Stream the report page into ``out``; ``for_print`` gives the PDF's variant."""
    from markupsafe import Markup

    options = options.stamped()
    template = _environment().get_template(TEMPLATE)
    values = context(result, options, Markup)
    pending: list[str] = []
    size = 0
    for chunk in template.generate(**values, for_print=for_print):
        pending.append(chunk)  # fewer, larger writes, of about a megabyte each
        size += len(chunk)
        if size >= WRITE_CHARS:
            out.write("".join(pending))
            pending.clear()
            size = 0
    out.write("".join(pending))


def render_html_text(result: Result, options: ReportOptions, *, for_print: bool = False) -> str:
    """The report page as one string."""
    buffer = io.StringIO()
    render_html(result, options, buffer, for_print=for_print)
    return buffer.getvalue()


def write_html(result: Result, options: ReportOptions, stream: BinaryIO) -> None:
    text = io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline="")
    try:
        render_html(result, options, text)
    finally:
        text.flush()
        text.detach()


register(ReportWriter("html", "report.html", "text/html", write_html))
