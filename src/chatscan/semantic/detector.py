"""The semantic detector: flags a message whose meaning is near a category.

For each message and each category of the pack's ``semantic`` section, one of:

- the category has a ``prototype`` (a direction learnt from its labelled messages
  against all others, as in the built-in v2): the cosine similarity to the prototype
  must be at least the category's threshold;
- it has none: the cosine similarity to the nearest exemplar sentence of the category
  must be at least the threshold and beat the similarity to the nearest hard negative
  by at least the margin.

Each hit carries the similarity that decided and the category's nearest exemplar, so a
reader sees why the message was flagged. It implements
:class:`chatscan.core.engine.base.Detector`.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from chatscan.core.models import Hit, Tier
from chatscan.core.rules import RulePack
from chatscan.core.rules.schema import SemanticSpec
from chatscan.semantic.available import available
from chatscan.semantic.cache import cache_dir, read_entry, write_entry
from chatscan.semantic.errors import SemanticUnavailable

if TYPE_CHECKING:
    import numpy as np

    from chatscan.semantic.model import Embedder

__all__ = ["DEFAULT_BATCH_SIZE", "SemanticDetector", "rule_id_of"]

DEFAULT_BATCH_SIZE = 16


def rule_id_of(category: str) -> str:
    """The rule id semantic hits of ``category`` carry: ``semantic.<category lower-cased>``."""
    return f"semantic.{category.lower()}"


def _section_sha256(spec: SemanticSpec) -> str:
    canonical = json.dumps(spec.to_dict(), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class SemanticDetector:
    """Built with :meth:`from_pack`. ``detect`` is thread-safe (the progress callback,
    when given, is called from whichever thread runs ``detect``)."""

    name = "semantic"

    def __init__(
        self,
        spec: SemanticSpec,
        pack: RulePack,
        embedder: Embedder,
        batch_size: int = DEFAULT_BATCH_SIZE,
        on_progress: Callable[[int], None] | None = None,
    ) -> None:
        import numpy as np

        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.spec = spec
        self.embedder = embedder
        self.batch_size = batch_size
        self.on_progress = on_progress
        self.section_sha256 = _section_sha256(spec)
        self._pack = pack.identity()
        order = {name: k for k, name in enumerate(pack.category_names)}
        self.categories = sorted(spec.categories, key=lambda c: order[c.name])
        texts: list[str] = []
        self._slices: list[tuple[int, int]] = []
        for category in self.categories:
            self._slices.append((len(texts), len(texts) + len(category.exemplars)))
            texts.extend(category.exemplars)
        self._exemplar_texts = texts
        self._thresholds = np.array([c.threshold for c in self.categories], dtype=np.float32)
        self._margins = np.array([spec.margin_of(c) for c in self.categories], dtype=np.float32)
        self._has_prototype = np.array([c.prototype is not None for c in self.categories])
        vectors = self._reference_vectors([*texts, *spec.negatives])
        self._exemplars = vectors[: len(texts)]
        self._negatives = vectors[len(texts) :]
        self._prototypes = self._prototype_matrix()

    @classmethod
    def from_pack(
        cls,
        pack: RulePack,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        on_progress: Callable[[int], None] | None = None,
        threads: int = 1,
    ) -> SemanticDetector:
        """The detector for ``pack``'s ``semantic`` section, its model converted (first
        run) or loaded from the cache, its exemplars embedded.

        Raises :class:`SemanticUnavailable` (naming why) when the ``semantic`` extra is
        not installed, the pack has no ``semantic`` section, or names another model.
        """
        reason = available()
        if reason is not None:
            raise SemanticUnavailable(reason)
        spec = pack.spec.semantic
        if spec is None:
            raise SemanticUnavailable(
                f"rule pack {pack.name} {pack.version} ({pack.source}) has no semantic section "
                "(exemplars and thresholds); use a pack that has one, such as the built-in v2"
            )
        from chatscan.semantic.model import MODEL_ID, Embedder, prepare_model

        if spec.model != MODEL_ID:
            raise SemanticUnavailable(
                f"rule pack {pack.name} asks for the semantic model {spec.model!r}; "
                f"this build provides {MODEL_ID!r}"
            )
        return cls(spec, pack, Embedder(prepare_model(), threads), batch_size, on_progress)

    def _prototype_matrix(self) -> np.ndarray:
        """Unit prototypes, one row per category (zeros for a category without one)."""
        import numpy as np

        from chatscan.semantic.model import DIMENSIONS

        rows = np.zeros((len(self.categories), DIMENSIONS), dtype=np.float32)
        for k, category in enumerate(self.categories):
            if category.prototype is None:
                continue
            if len(category.prototype) != DIMENSIONS:
                raise SemanticUnavailable(
                    f"semantic.categories.{category.name}.prototype has "
                    f"{len(category.prototype)} numbers; the model's vectors have {DIMENSIONS}"
                )
            vector = np.array(category.prototype, dtype=np.float32)
            rows[k] = vector / np.linalg.norm(vector)
        return rows

    def _reference_vectors(self, texts: list[str]) -> np.ndarray:
        """Embeddings of the exemplars and negatives: computed once, kept in the cache
        keyed by the model, the vocabulary and the sentences."""
        import numpy as np

        from chatscan.semantic.model import DIMENSIONS, VOCAB_SHA256

        model = self.embedder.model
        key = hashlib.sha256(
            json.dumps([model.sha256, VOCAB_SHA256, texts], ensure_ascii=False).encode("utf-8")
        ).hexdigest()[:32]
        path = cache_dir() / f"exemplars-{key}.npy"
        payload = read_entry(path)
        if payload is not None:
            try:
                vectors = np.load(io.BytesIO(payload), allow_pickle=False)
                if vectors.shape == (len(texts), DIMENSIONS) and vectors.dtype == np.float32:
                    return vectors
            except ValueError:
                pass
        vectors = self.embedder.embed(texts, batch_size=64)
        buffer = io.BytesIO()
        np.save(buffer, vectors, allow_pickle=False)
        write_entry(path, buffer.getvalue())
        return vectors

    def similarities(
        self, texts: Sequence[str]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """For each text: the similarity to each category's nearest exemplar
        ``(n, categories)``, which exemplar that is (an index into the category's
        list), the similarity to the nearest negative ``(n,)`` (-1 without any), and
        the similarity to each category's prototype ``(n, categories)`` (0 without one)."""
        import numpy as np

        texts = list(texts)
        unique: dict[str, int] = {}
        slot = [unique.setdefault(text, len(unique)) for text in texts]
        counts = np.bincount(slot, minlength=len(unique)) if texts else np.zeros(0, int)
        on_progress = self.on_progress

        def progress(batch: Sequence[int]) -> None:
            if on_progress is not None:
                on_progress(int(counts[list(batch)].sum()))

        vectors = self.embedder.embed(list(unique), self.batch_size, progress)
        scores = vectors @ self._exemplars.T
        best = np.empty((len(unique), len(self.categories)), dtype=np.float32)
        which = np.empty((len(unique), len(self.categories)), dtype=np.int64)
        for k, (start, end) in enumerate(self._slices):
            part = scores[:, start:end]
            which[:, k] = part.argmax(axis=1)
            best[:, k] = part.max(axis=1)
        if len(self._negatives):
            negative = (vectors @ self._negatives.T).max(axis=1)
        else:
            negative = np.full(len(unique), -1.0, dtype=np.float32)
        rows = np.array(slot, dtype=np.int64)
        prototype = vectors @ self._prototypes.T
        return best[rows], which[rows], negative[rows], prototype[rows]

    def detect(self, texts: Sequence[str]) -> list[tuple[Hit, ...]]:
        """Semantic hits for each text, in the same order; categories in pack order.
        Blank texts have none."""
        import numpy as np

        found: list[tuple[Hit, ...]] = [()] * len(texts)
        positions = [k for k, text in enumerate(texts) if text.strip()]
        if len(positions) < len(texts) and self.on_progress is not None:
            self.on_progress(len(texts) - len(positions))
        if not positions:
            return found
        best, which, negative, prototype = self.similarities([texts[k] for k in positions])
        by_exemplars = (best >= self._thresholds) & (best - negative[:, None] >= self._margins)
        decided = np.where(self._has_prototype, prototype, best)
        flagged = np.where(self._has_prototype, prototype >= self._thresholds, by_exemplars)
        for row, column in zip(*np.nonzero(flagged), strict=True):
            position = positions[row]
            category = self.categories[column]
            text = texts[position]
            hit = Hit(
                rule_id_of(category.name),
                category.name,
                Tier.SEMANTIC,
                0,
                len(text),
                round(float(decided[row, column]), 3),
                None,
                category.exemplars[int(which[row, column])],
            )
            found[position] = (*found[position], hit)
        return found

    def identity(self) -> dict[str, str]:
        """What produced the semantic hits: the model (and its converted file's SHA-256),
        the pack's semantic section and its thresholds."""
        model = self.embedder.model
        thresholds = ", ".join(
            f"{c.name}>={c.threshold:g} to its prototype"
            if c.prototype is not None
            else f"{c.name}>={c.threshold:g}/margin {self.spec.margin_of(c):g}"
            for c in self.categories
        )
        return {
            "name": self.name,
            "model": model.model_id,
            "model_sha256": model.sha256,
            "source_model_sha256": model.source_sha256,
            "adapter_sha256": model.adapter_sha256,
            "runtime": model.runtime,
            "pack": f"{self._pack['name']} {self._pack['version']}",
            "pack_sha256": self._pack["sha256"],
            "semantic_sha256": self.section_sha256,
            "exemplars": str(len(self._exemplar_texts)),
            "negatives": str(len(self._negatives)),
            "thresholds": thresholds,
        }
