"""The precision post-filter: negation and context conditions on a rule's matches.

Applied by :class:`~chatscan.core.engine.checker.RuleChecker` to every match of a rule
that sets ``negation_window`` or ``context``, so every backend filters the same way.

Words are runs of word characters, joined by apostrophes (``didn't`` is one word);
curly apostrophes count as straight ones, and case is ignored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from chatscan.core.rules import CompiledRule
from chatscan.core.rules.schema import ContextSpec

__all__ = ["MatchFilter", "NegationCheck", "context_pattern", "words_of"]

_WORD = re.compile(r"\w+(?:['’‘]\w+)*")
_STRAIGHT = str.maketrans({"’": "'", "‘": "'"})
# Sentence ends: a negator beyond one of these does not reach the match.
_SENTENCE_ENDS = ".!?\n\r\u2026\u2028\u2029"
# How far back (and ahead) to look for words, in characters: far more than
# MAX_CONTEXT_WINDOW ordinary words, and it bounds the work per match on long texts.
_REACH = 2000


def _normalise(word: str) -> str:
    return word.translate(_STRAIGHT).lower()


def words_of(text: str) -> list[str]:
    """The normalised words of ``text``."""
    return [_normalise(w) for w in _WORD.findall(text)]


class NegationCheck:
    """Whether a negator occurs within ``window`` words before a match, same sentence."""

    def __init__(self, negators: Sequence[str]) -> None:
        self.singles: set[str] = set()
        self.phrases: list[tuple[str, ...]] = []
        self.any_nt = False
        for negator in negators:
            words = tuple(words_of(negator))
            if words == ("n't",):
                self.any_nt = True
            elif len(words) == 1:
                self.singles.add(words[0])
            elif words:
                self.phrases.append(words)

    def _is_negator(self, word: str) -> bool:
        return word in self.singles or (self.any_nt and word.endswith("n't"))

    def negated(self, text: str, start: int, window: int) -> bool:
        low = max(0, start - _REACH)
        sentence = max(text.rfind(end, low, start) for end in _SENTENCE_ENDS) + 1
        if sentence == 0:
            sentence = low
        before = [m.group() for m in _WORD.finditer(text, sentence, start)]
        if before and sentence == low and low > 0 and _WORD.match(text, low - 1):
            before.pop(0)  # cut off mid-word by the reach limit
        words = [_normalise(w) for w in before[-window:]]
        if any(map(self._is_negator, words)):
            return True
        for phrase in self.phrases:
            size = len(phrase)
            if any(tuple(words[i : i + size]) == phrase for i in range(len(words) - size + 1)):
                return True
        return False


def _word_regex(word: str) -> re.Pattern[str]:
    words = _normalise(word).split()
    body = r"\s+".join(re.escape(w).replace("'", "['’‘]") for w in words)
    # \b where the edge is a word character: the same test as a lookaround there, and
    # it lets ``re`` search a long alternation of these several times faster.
    before = r"\b" if _WORD.match(words[0][0]) else r"(?<!\w)"
    after = r"\b" if _WORD.match(words[-1][-1]) else r"(?!\w)"
    return re.compile(before + body + after, re.IGNORECASE)


def context_pattern(spec: ContextSpec) -> str:
    """A pattern matching any of the context words: a text it does not match cannot hold
    an accepted match (the Hyperscan backend skips such texts for the rule)."""
    return "|".join(f"(?:{_word_regex(word).pattern})" for word in spec.words)


class _ContextCheck:
    def __init__(self, spec: ContextSpec) -> None:
        self.window = spec.window
        self.words = [(word, _word_regex(word)) for word in spec.words]
        # One pass that says whether any word is there at all (usually none is).
        self.any_word = re.compile(context_pattern(spec), re.IGNORECASE)

    def found(self, text: str, start: int, end: int) -> str | None:
        """The first configured context word within ``window`` words of the span."""
        window = self.window
        low = max(0, start - _REACH)
        before = list(_WORD.finditer(text, low, start))[-window:]
        after: list[re.Match[str]] = []
        for match in _WORD.finditer(text, end, min(len(text), end + _REACH)):
            after.append(match)
            if len(after) == window:
                break
        regions = []
        if before:
            regions.append(text[before[0].start() : start])
        if after:
            regions.append(text[end : after[-1].end()])
        if not any(self.any_word.search(region) for region in regions):
            return None
        for word, regex in self.words:
            if any(regex.search(region) for region in regions):
                return word
        return None


class MatchFilter:
    """One rule's conditions: ``accept`` gives (counts, context word that made it count)."""

    __slots__ = ("_context", "_negation", "_window")

    def __init__(self, rule: CompiledRule, negation: NegationCheck) -> None:
        self._window = rule.negation_window
        self._negation = negation if rule.negation_window is not None else None
        self._context = _ContextCheck(rule.context) if rule.context is not None else None

    def possible(self, text: str) -> bool:
        """False when no match in ``text`` can be accepted: a context word is required
        and none occurs anywhere in it (one quick search instead of one per match)."""
        return self._context is None or self._context.any_word.search(text) is not None

    def accept(self, text: str, start: int, end: int) -> tuple[bool, str | None]:
        negation, window = self._negation, self._window
        if negation is not None and window is not None and negation.negated(text, start, window):
            return False, None
        if self._context is not None:
            word = self._context.found(text, start, end)
            return word is not None, word
        return True, None
