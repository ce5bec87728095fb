"""A 1 MB hostile message must not make either engine take quadratic time.

``\\byou made me\\b.*\\bscared\\b`` against ``"you made me " * N`` makes a backtracking
engine retry ``.*`` from every occurrence: about N**2 / 2 steps. The endings ``scaredé``
and ``scaredx`` look like the rule to a byte-level prefilter (``é`` is not a word byte)
but are no match for ``re`` (``é`` and ``x`` are word characters, so no ``\\b``).
"""

from __future__ import annotations

import time

import pytest

from chatscan.core.engine import LONG_TEXT_CHARS, Engine
from chatscan.core.models import Hit
from chatscan.core.rules import RulePack
from tests.core.engine.engine_samples import reference_hits

pytest.importorskip("hyperscan")

MEGABYTE = 1_000_000
TIME_LIMIT_SECONDS = 2.0

YOU = "you made me "
I_WAS = "i was "


def _repeat(unit: str, tail: str, size: int) -> str:
    return unit * (size // len(unit)) + tail


Spec = tuple[tuple[str, int, int], ...]

# id: (repeated unit, tail, size, expected hits as (rule id, start, end); a negative
# offset counts from the end, -1 being len(text)).
HOSTILE_CASES: dict[str, tuple[str, str, int, Spec]] = {
    "you-made-me": (YOU, "", MEGABYTE, ()),
    "you-made-me-scaredé": (YOU, "scaredé", MEGABYTE, ()),
    "i-was-scaredx": (I_WAS, "scaredx", MEGABYTE, ()),
    "i-was-scaredé": (I_WAS, "scaredé", MEGABYTE, ()),
    "you-made-me-non-ascii": ("you made me é ", "scaredé", MEGABYTE, ()),
    "you-made-me-newline-scared": (YOU, "\nscared", MEGABYTE, (("harm.token.scared", -7, -1),)),
    "you-made-me-scared": (
        YOU,
        "scared",
        MEGABYTE,
        (("harm.token.scared", -7, -1), ("harm.phrase.you_made_me_scared", 0, -1)),
    ),
    "i-was-scared": (
        I_WAS,
        "scared!",
        MEGABYTE,
        (("harm.token.scared", -8, -2), ("harm.phrase.i_was_scared", 0, -2)),
    ),
    "dotted-i-was-scaredé": ("\u0130 was ", "scaredé", MEGABYTE, ()),
    "dotless-i-was-scared": (
        "\u0131 was ",
        " scared",
        MEGABYTE,
        (("harm.token.scared", -7, -1), ("harm.phrase.i_was_scared", 0, -1)),
    ),
    # Just under the threshold, so re itself runs on it.
    "threshold-you-made-me-scaredé": (YOU, "scaredé", LONG_TEXT_CHARS - len("scaredé"), ()),
}


def _expected(pack: RulePack, text: str, spec: Spec) -> tuple[Hit, ...]:
    by_id = {rule.id: rule for rule in pack.rules}
    order = [rule.id for rule in pack.rules]

    def at(offset: int) -> int:
        return offset if offset >= 0 else len(text) + offset + 1

    hits = [
        Hit(rule_id, by_id[rule_id].category, by_id[rule_id].tier, at(start), at(end))
        for rule_id, start, end in spec
    ]
    return tuple(sorted(hits, key=lambda hit: order.index(hit.rule_id)))


@pytest.mark.parametrize(
    ("unit", "tail", "size", "spec"), HOSTILE_CASES.values(), ids=HOSTILE_CASES.keys()
)
@pytest.mark.parametrize("backend", ["re", "hyperscan"])
def test_hostile_message_is_fast_and_right(
    unit: str,
    tail: str,
    size: int,
    spec: Spec,
    backend: str,
    default_pack: RulePack,
    re_engine: Engine,
    hs_engine: Engine,
) -> None:
    text = _repeat(unit, tail, size)
    assert len(text) > 0.99 * size
    engine = re_engine if backend == "re" else hs_engine
    started = time.perf_counter()
    (hits,) = engine.match([text])
    elapsed = time.perf_counter() - started
    assert hits == _expected(default_pack, text, spec)
    assert elapsed < TIME_LIMIT_SECONDS, f"{backend} took {elapsed:.2f}s on {len(text)} chars"


@pytest.mark.parametrize(
    ("unit", "tail", "spec"),
    [(unit, tail, spec) for unit, tail, _, spec in HOSTILE_CASES.values()],
    ids=HOSTILE_CASES.keys(),
)
def test_expectations_hold_for_plain_re_on_short_copies(
    unit: str, tail: str, spec: Spec, default_pack: RulePack
) -> None:
    """The expected hits are what re gives on the same text made short (cheap there)."""
    for copies in (1, 2, 50):
        text = unit * copies + tail
        assert reference_hits(default_pack, text) == _expected(default_pack, text, spec)
