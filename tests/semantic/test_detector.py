"""The semantic detector, on the real model: embeddings, hits, negatives, batching."""

from __future__ import annotations

import threading

import pytest

from chatscan.core.models import Tier
from chatscan.semantic import SemanticDetector, SemanticUnavailable, rule_id_of
from chatscan.semantic.model import ADAPTER_SHA256, MODEL_ID, Embedder, prepare_model
from tests.semantic.support import (
    EXPOSURE_EXEMPLAR,
    NEGATIVE,
    WATCH_EXEMPLAR,
    make_pack,
    without_semantic,
)

PARAPHRASE = "leave and your boss will get those photos"
UNRELATED = "what time does the football start on saturday"
MESSAGES = [
    PARAPHRASE,
    "I went through every message on your phone last night",
    UNRELATED,
    "ok",
    "see you at 6, can you bring bread",
    "",
    "  ",
    PARAPHRASE,  # repeated: embedded once, flagged every time
    "post the photos from the party in the group chat please",
    "your sister will love the pictures you sent me, one click and she has them",
]


@pytest.fixture(scope="module")
def detector() -> SemanticDetector:
    return SemanticDetector.from_pack(make_pack())


def test_a_paraphrase_is_nearer_than_an_unrelated_sentence() -> None:
    embedder = Embedder(prepare_model())
    anchor, paraphrase, unrelated = embedder.embed([EXPOSURE_EXEMPLAR, PARAPHRASE, UNRELATED])
    assert abs(float(anchor @ anchor) - 1) < 1e-4  # unit vectors
    assert float(anchor @ paraphrase) > 0.6
    assert float(anchor @ paraphrase) > float(anchor @ unrelated) + 0.3


def test_an_exemplar_like_message_is_flagged_with_its_exemplar_and_similarity(
    detector: SemanticDetector,
) -> None:
    (hits,) = detector.detect([PARAPHRASE])
    (hit,) = hits
    assert hit.category == "EXPOSURE" and hit.tier is Tier.SEMANTIC
    assert hit.rule_id == rule_id_of("EXPOSURE") == "semantic.exposure"
    assert (hit.start, hit.end) == (0, len(PARAPHRASE))
    assert hit.exemplar == EXPOSURE_EXEMPLAR
    assert 0.6 <= hit.score <= 1 and hit.score == round(hit.score, 3)
    assert hit.detector == "semantic"
    # the exemplar itself is as near as it gets
    ((exact,),) = detector.detect([WATCH_EXEMPLAR])
    assert exact.category == "WATCH" and exact.score >= 0.99


def test_unrelated_short_and_blank_messages_have_no_hits(detector: SemanticDetector) -> None:
    assert detector.detect([UNRELATED, "ok", "", "   "]) == [(), (), (), ()]
    assert detector.detect([]) == []


def test_a_hard_negative_beats_a_weak_match() -> None:
    text = "post the photos from the party in the group chat please"
    loose = {"threshold": 0.2, "exemplars": [EXPOSURE_EXEMPLAR]}
    categories = {"EXPOSURE": loose, "WATCH": {"threshold": 0.9, "exemplars": [WATCH_EXEMPLAR]}}
    without = SemanticDetector.from_pack(make_pack(categories=categories, negatives=[]))
    with_negative = SemanticDetector.from_pack(
        make_pack(categories=categories, negatives=[NEGATIVE])
    )
    ((hit,),) = without.detect([text])  # weakly similar, above a loose threshold
    assert hit.category == "EXPOSURE" and hit.score < 0.6
    assert with_negative.detect([text]) == [()]  # but nearer to the hard negative
    # a margin below zero lets a match through that is almost as near as the negative
    lenient = SemanticDetector.from_pack(
        make_pack(categories=categories, negatives=[NEGATIVE], margin=-1.0)
    )
    assert [h.category for h in lenient.detect([text])[0]] == ["EXPOSURE"]


def test_a_prototype_decides_and_the_nearest_exemplar_explains() -> None:
    embedder = Embedder(prepare_model())
    direction, paraphrase = embedder.embed([EXPOSURE_EXEMPLAR, PARAPHRASE])
    similarity = float(direction @ paraphrase)

    def detector(threshold: float) -> SemanticDetector:
        exposure = {
            "threshold": threshold,
            "exemplars": [WATCH_EXEMPLAR, EXPOSURE_EXEMPLAR],
            "prototype": [float(x) * 3 for x in direction],  # any length: it is normalised
        }
        watch = {"threshold": 0.99, "exemplars": [WATCH_EXEMPLAR]}
        # the paraphrase itself as a hard negative: negatives and margins apply only to
        # the categories without a prototype
        categories = {"EXPOSURE": exposure, "WATCH": watch}
        return SemanticDetector.from_pack(make_pack(categories=categories, negatives=[PARAPHRASE]))

    ((hit,),) = detector(round(similarity - 0.01, 3)).detect([PARAPHRASE])
    assert hit.category == "EXPOSURE" and hit.exemplar == EXPOSURE_EXEMPLAR
    assert abs(hit.score - similarity) <= 0.001  # the similarity that decided
    assert detector(round(similarity + 0.01, 3)).detect([PARAPHRASE]) == [()]
    assert "EXPOSURE>=" in detector(0.5).identity()["thresholds"]
    assert "to its prototype" in detector(0.5).identity()["thresholds"]


def test_a_prototype_of_the_wrong_size_is_refused_clearly() -> None:
    categories = {"EXPOSURE": {"threshold": 0.5, "exemplars": ["x"], "prototype": [0.1, 0.2]}}
    refusal = "prototype has 2 numbers; the model's vectors have 384"
    with pytest.raises(SemanticUnavailable, match=refusal):
        SemanticDetector.from_pack(make_pack(categories=categories))


def test_batching_gives_the_same_hits_as_one_message_at_a_time() -> None:
    pack = make_pack()
    batched = SemanticDetector.from_pack(pack, batch_size=4).detect(MESSAGES)
    alone = SemanticDetector.from_pack(pack, batch_size=1).detect(MESSAGES)
    one_by_one = [SemanticDetector.from_pack(pack).detect([text])[0] for text in MESSAGES]
    assert batched == alone == one_by_one
    assert batched[0] == batched[7] and batched[0]
    assert sum(1 for hits in batched if hits) >= 3


def test_progress_counts_every_message() -> None:
    counted: list[int] = []
    detector = SemanticDetector.from_pack(make_pack(), batch_size=2, on_progress=counted.append)
    detector.detect(MESSAGES)
    assert sum(counted) == len(MESSAGES)
    assert len(counted) > 2  # one call per batch (and one for the blank texts)


def test_detect_is_thread_safe(detector: SemanticDetector) -> None:
    expected = detector.detect(MESSAGES)
    results: list[object] = []
    threads = [
        threading.Thread(target=lambda: results.append(detector.detect(MESSAGES))) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 4


def test_identity_names_model_data_and_thresholds(detector: SemanticDetector) -> None:
    identity = detector.identity()
    assert all(isinstance(v, str) for v in identity.values())
    assert identity["name"] == "semantic" and identity["model"] == MODEL_ID
    assert identity["adapter_sha256"] == ADAPTER_SHA256
    assert len(identity["model_sha256"]) == 64
    assert identity["model_sha256"] == prepare_model().sha256
    assert identity["pack_sha256"] == make_pack().sha256
    assert "EXPOSURE>=0.6" in identity["thresholds"]
    other = SemanticDetector.from_pack(make_pack(margin=0.1)).identity()
    assert other["semantic_sha256"] != identity["semantic_sha256"]


def test_a_pack_without_a_semantic_section_is_refused_clearly() -> None:
    with pytest.raises(SemanticUnavailable, match="has no semantic section"):
        SemanticDetector.from_pack(without_semantic())


def test_an_unknown_model_is_refused_clearly() -> None:
    with pytest.raises(SemanticUnavailable, match=rf"'other-model'.*{MODEL_ID}"):
        SemanticDetector.from_pack(make_pack(model="other-model"))


def test_the_built_in_v2_pack_has_a_working_semantic_section() -> None:
    from chatscan.core.rules import load_pack

    pack = load_pack("v2")
    assert pack.spec.semantic is not None
    detector = SemanticDetector.from_pack(pack)
    exposure, watch, everyday = detector.detect(
        ["if you go your boss gets the pictures", "I read your texts last night", "ok see you at 6"]
    )
    assert [hit.category for hit in exposure] == ["THREAT_OF_EXPOSURE"]
    assert [hit.category for hit in watch] == ["SURVEILLANCE_CLAIM"]
    assert everyday == ()
