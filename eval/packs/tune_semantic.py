# ruff: noqa: E501  (exemplar sentences read best on one line each)
"""Tunes the semantic section of the built-in pack ``v2`` on the training splits:
eval/dev.jsonl and eval/train/*.jsonl ("dev" below means all of them).

Writes eval/packs/semantic_v2.yaml (build_v2.py merges it into the pack) and prints the
cross-validated figures. Never reads eval/heldout.jsonl or eval/heldout2.jsonl.
``--validate FILE`` leaves one training split out of tuning, reports on it, and writes
nothing (to check that what is tuned carries over to new writing).

- Exemplars per category: the sentences written below (from the category definitions and
  examples in eval/GUIDELINES.md, synthetic, no real people) plus the dev messages
  labelled with the category (at most MAX_EXEMPLARS). Hard negatives: the sentences
  written below plus the dev messages without a label that are nearest to some exemplar
  (at most MAX_NEGATIVES).
- A message is flagged with a category when its similarity to the category's nearest
  exemplar is at least the category's threshold and beats its similarity to the nearest
  hard negative by at least the margin (see chatscan.semantic.detector).
- Threshold and margin per category: a grid search on out-of-fold predictions, 5 folds
  grouped by conversation, exemplars and negatives taken from the training folds only.
  The pick is the largest number of true positives among settings whose out-of-fold
  precision is at least MIN_PRECISION (with at least MIN_HITS hits); a category where no
  setting qualifies is left out of the section (no semantic hits for it).
- The reported figures come from nested CV: in each outer fold the thresholds are picked
  by the same grouped CV on the other four folds only, then applied to the held-out
  fold, so they are honest for dev (still optimistic for other data: dev's style is
  known). The union with the v2 rules is optimistic besides: the rules were written
  against all of dev.

Run: .venv/bin/python eval/packs/tune_semantic.py   (then .venv/bin/python eval/packs/build_v2.py)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import yaml

from chatscan.core.evaluation import RulePredictor
from chatscan.core.rules import load_pack
from chatscan.semantic.model import MODEL_ID, Embedder, prepare_model

HERE = Path(__file__).resolve().parent
TRAINING = (HERE.parent / "dev.jsonl", *sorted((HERE.parent / "train").glob("*.jsonl")))
OUT = HERE / "semantic_v2.yaml"

CATEGORIES = (
    "HARM_LANGUAGE", "PROTECTOR_CLAIM", "BOUNDARY_LANGUAGE",
    "THREAT_OF_EXPOSURE", "SURVEILLANCE_CLAIM", "CONTROL_ACCESS",
)  # fmt: skip
FOLDS = 5
SEED = 20261126
MIN_PRECISION = 0.75
MIN_HITS = 3
MAX_EXEMPLARS = 400  # per category
MAX_NEGATIVES = 1200
THRESHOLDS = np.round(np.arange(0.40, 0.951, 0.01), 2)
MARGINS = (-0.10, -0.05, 0.0, 0.02, 0.05, 0.08, 0.12)

WRITTEN: dict[str, list[str]] = {
    "HARM_LANGUAGE": [
        "walk out that door tonight and see what happens",
        "he grabbed my wrist so hard there are marks this morning",
        "i'm in the bathroom with the door locked, he's punching the wall",
        "you're not going anywhere until we sort this out",
        "I only signed the form because he wouldn't let me sleep till I did",
        "you'll regret walking out on me",
        "don't make me come over there",
        "the cat might get out one day and not come back",
        "if you leave there's no point in me being here anymore",
        "he screamed in my face for an hour and I couldn't stop shaking",
        "I don't know what he'll do when he gets home",
        "he has the keys and I can't get out of the flat",
        "she pushed me against the wall last night",
        "he smashed my phone on the floor in front of the kids",
        "you'll never see the kids again if you go",
        "are you safe right now? is he still there?",
        "I'm frightened of what he might do to me",
        "she said he threatened her too",
        "he put his hands round my neck",
        "I hid in the car until he calmed down",
        "touch my stuff again and you'll find out what happens",
        "he locked me in the bedroom all night",
        "my hands are still shaking after what he did",
        "I never said I'd hurt you",
        "he threw the plate at me",
        "you'll be sorry when I'm done with you",
    ],
    "PROTECTOR_CLAIM": [
        "i only do this because i love you and don't want anything to happen to you",
        "someone has to look out for you, you clearly can't",
        "I check where you are because I care, that's all it is",
        "the world's full of creeps, that's why I decide who you see",
        "everything I do is so nothing bad ever happens to you",
        "it's for your own good, you'll thank me one day",
        "I'm just trying to keep you safe",
        "stay at mine tonight, nobody will get to you here",
        "I'm only protecting you from people who'd use you",
        "you won't have to worry about a thing, I'll handle it all",
        "I just care about you more than anyone ever will",
        "I took your keys because it isn't safe for you to drive around at night alone",
        "I look after you, that's my job",
        "who else is going to protect you if not me",
        "I keep an eye on you because I worry about you",
        "he says he only wants me safe",
        "without me looking out for you you'd be lost",
        "I do it to protect us, you know that",
        "she'll be safe with us, I promise",
        "it's my job to make sure nothing happens to you",
    ],
    "BOUNDARY_LANGUAGE": [
        "please don't message me again",
        "I need some space from all this",
        "I'm not comfortable with that, I'd rather keep things as they are",
        "my phone is mine. you don't get to go through it",
        "leave me alone. I mean it",
        "please don't text me again",
        "don't come to my work",
        "no. you're not having my passcode",
        "that's private and it's between us",
        "I'm changing my passcode tonight",
        "I logged you out of everything",
        "it's my flat and the locks are changed",
        "I told you I didn't want you at the house",
        "one more message and I go to the police",
        "I'm screenshotting all of this",
        "I've blocked him everywhere",
        "I got the no-contact order",
        "change your privacy settings so he can't see your stories",
        "wait, I thought you blocked him",
        "you can't just cut me out of your life",
        "I said I'm not coming tonight. please stop asking",
        "stay out of my room",
        "it's over. don't come to the flat",
        "I need you to stop checking up on me",
        "I don't want to talk to you anymore",
        "please respect that I need time alone",
        "don't touch me",
        "I'm not answering any more of your calls",
    ],
    "THREAT_OF_EXPOSURE": [
        "if you go, your boss gets those pictures",
        "keep ignoring me and your church friends will hear all about it",
        "imagine your dad opening his email on monday",
        "one tap and they're on every group you're in",
        "he said he'd send the videos to my work if I didn't come back",
        "your mum would love to see what you sent me",
        "one click and the whole group chat knows",
        "sent your sister the screenshots. your move",
        "I'll tell the judge what kind of mother you are",
        "send me your password or the video goes online",
        "everyone at your work will know what you really are",
        "I still have the photos, don't forget that",
        "wouldn't it be a shame if your new girlfriend saw these",
        "I'll put it all online and let people decide",
        "your family will find out everything",
        "please don't send them to anyone",
        "I'll show everyone the messages you sent me",
        "your wife is going to get a very interesting letter",
        "I could ruin you with what's on my phone",
        "he's threatening to post my pics",
    ],
    "SURVEILLANCE_CLAIM": [
        "I read your messages last night",
        "I can see where you are, don't bother lying",
        "nice coffee with Leo at 3:40 btw",
        "Ade at the gym tells me everything you do there",
        "why did your location go off at 9? turn it back on",
        "did you go through my phone?",
        "he reads all my texts",
        "I know where you were last night, I checked",
        "keep your location on so I know where you are",
        "send a pic so I know you're really there",
        "don't make me go through your phone to find out",
        "how do you know I was at the park? I never told you",
        "he put an app on my phone to track me",
        "I saw who you were texting at lunch",
        "you were at Mia's till 11, I saw it on the map",
        "I drove past your work and your car wasn't there",
        "I don't read your messages, stop being paranoid",
        "there's a camera in the living room he never told me about",
        "he recorded our phone calls without telling me",
        "my sister keeps an eye on you for me",
        "I check your phone because I love you",
        "who were you on the phone with at 10pm?",
    ],
    "CONTROL_ACCESS": [
        "give me your passcode. now.",
        "you don't need your own bank card, I'll handle all that",
        "your wages go into mine from next month",
        "your passport's in my drawer, you'll get it when you calm down",
        "I've turned the router off till you apologise",
        "you'll get money for food when I see the receipt",
        "why did you take 60 out yesterday",
        "I didn't see a receipt for that",
        "I need a key to my own home",
        "I'd like my phone back please",
        "why does he have your passport??",
        "I changed the password on your email",
        "I deleted all the photos off your phone",
        "you need to ask me before you spend anything",
        "the car keys stay with me from now on",
        "I've taken your name off the lease",
        "hand over your phone, I want to see it",
        "he won't let me have my own money",
        "I changed the locks, you're not getting back in",
        "you keep demanding my password and the answer is no",
        "she took my card and I have nothing for the bus",
        "log me into your instagram so I can check it",
    ],
}

WRITTEN_NEGATIVES = [
    "i'm scared of spiders, can you come get it",
    "hurt my ankle at five-a-side, no run tomorrow",
    "we were yelling at the tv the whole second half",
    "stuck in a meeting, feel so trapped lol",
    "she's a triple threat: sings, dances, acts",
    "you made me watch that film and now I'm scared of the dark",
    "my boss is going to kill me if I'm late again",
    "protect your phone with a case, the screen is glass on both sides",
    "drive safe, text when you're back x",
    "pretty safe to say we lost that one",
    "boot it in safe mode and try again",
    "protect the healer this time pls",
    "the folder's password protected, ask Ines for the code",
    "take a rest day sunday, it's for your own good",
    "text me when you're home safe",
    "no worries, take your time",
    "stop by later if you want, I'm in all evening",
    "get off at the stop after the hospital",
    "lol I can't stop laughing at this",
    "new update moved the privacy settings again",
    "he hit a boundary off the last ball!!",
    "can't do saturday, working",
    "post the photos to the group chat?",
    "the bathroom ceiling has a leak again",
    "rain is going to ruin the bbq",
    "I'll tell everyone you said hi!",
    "expose for the sky or the faces come out too dark",
    "I'm going to post the recipe in the family chat",
    "the trailer leaked online already",
    "where's my parcel, the tracking number says delivered??",
    "were you watching the match last night?",
    "I recorded the podcast, edit tomorrow",
    "listen to this song omg",
    "camera roll is full again",
    "I can see you! by the stage on the left",
    "I'll share my location so you can see when I'm close",
    "i'm stalking the pizza tracker",
    "what's the wifi password again?",
    "I reset your password, the temporary one is in your email",
    "lease ends in june so we should start looking",
    "money's tight this month, takeaway's off",
    "can you send me the photos from saturday?",
    "our cloud storage is full, delete some videos",
    "I forgot my password again",
    "spoil the finale and you're dead to me",
    "in the show he threatens to leak her texts",
    "people who go through their partner's phone are insane",
    "I'm scared I'll freeze up at the interview",
    "ok",
    "fine",
    "see you at 6",
    "what time are you home?",
    "love you, sleep well",
    "can you pick up milk on the way back",
    "the kids are asleep finally",
    "happy birthday!! have the best day",
    "running ten minutes late sorry",
    "did you remember to pay the electric bill?",
    "what do you want for dinner",
    "we'll see",
    "lol make me",
    "what videos?",
    "kinda hurt you didn't invite me lol",
    "you're pathetic, nobody else would put up with you",
    "after everything I do for you",
]


def load_rows(paths: tuple[Path, ...]) -> list[dict]:
    rows = []
    for path in paths:
        if not path.exists():
            sys.exit(f"{path} is missing")
        lines = path.read_text(encoding="utf-8").splitlines()
        rows += [json.loads(line) for line in lines if line.strip()]
    return rows


def folds_of(rows: list[dict], folds: int, seed: int) -> np.ndarray:
    """A fold number per message, whole conversations in one fold."""
    convs = sorted({row["conv"] for row in rows})
    rng = np.random.default_rng(seed)
    rng.shuffle(convs)
    fold = {conv: k % folds for k, conv in enumerate(convs)}
    return np.array([fold[row["conv"]] for row in rows])


def _spread(indices: np.ndarray, budget: int) -> list[int]:
    """At most ``budget`` of ``indices``, evenly spread (every split keeps a share)."""
    if len(indices) <= budget:
        return [int(i) for i in indices]
    return [int(indices[int(k * len(indices) / budget)]) for k in range(budget)]


class Space:
    """Embeddings of the dev messages and the written sentences, computed once."""

    def __init__(self, embedder: Embedder, rows: list[dict]) -> None:
        self.rows = rows
        self.texts = [row["text"] for row in rows]
        self.labels = np.array([[c in row["labels"] for c in CATEGORIES] for row in rows])
        self.unlabelled = ~self.labels.any(axis=1)
        self.dev = embedder.embed(self.texts, batch_size=32)
        self.written = {c: embedder.embed(WRITTEN[c], batch_size=32) for c in CATEGORIES}
        self.written_negatives = embedder.embed(WRITTEN_NEGATIVES, batch_size=32)

    def reference(
        self, train: np.ndarray
    ) -> tuple[list[np.ndarray], np.ndarray, list[list[int]], list[int]]:
        """Exemplar matrices per category and the negatives matrix, from the written
        sentences and the training messages (``train``: a mask); with the dev indices
        used (exemplars per category, negatives)."""
        exemplars, used = [], []
        for k, c in enumerate(CATEGORIES):
            budget = MAX_EXEMPLARS - len(WRITTEN[c])
            picked = _spread(np.nonzero(train & self.labels[:, k])[0], budget)
            exemplars.append(np.vstack([self.written[c], self.dev[picked]]))
            used.append(picked)
        all_exemplars = np.vstack(exemplars)
        pool = np.nonzero(train & self.unlabelled)[0]
        nearness = (self.dev[pool] @ all_exemplars.T).max(axis=1)
        budget = MAX_NEGATIVES - len(WRITTEN_NEGATIVES)
        chosen = sorted(int(i) for i in pool[np.argsort(-nearness, kind="stable")[:budget]])
        negatives = np.vstack([self.written_negatives, self.dev[chosen]])
        return exemplars, negatives, used, chosen

    def scores(self, train: np.ndarray, test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For the ``test`` messages: similarity to each category's nearest exemplar, and
        to the nearest negative, with reference sentences from ``train`` only."""
        exemplars, negatives, _, _ = self.reference(train)
        vectors = self.dev[test]
        best = np.stack([(vectors @ e.T).max(axis=1) for e in exemplars], axis=1)
        return best, (vectors @ negatives.T).max(axis=1)


def out_of_fold(
    space: Space, folds: np.ndarray, within: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold scores for the messages in ``within`` (a mask), folds as given."""
    n = len(space.texts)
    best = np.zeros((n, len(CATEGORIES)), dtype=np.float32)
    negative = np.zeros(n, dtype=np.float32)
    for f in np.unique(folds[within]):
        test = within & (folds == f)
        train = within & (folds != f)
        best[test], negative[test] = space.scores(train, test)
    return best, negative


def pick(
    best: np.ndarray,
    negative: np.ndarray,
    labels: np.ndarray,
    mask: np.ndarray,
) -> dict[str, tuple[float, float]]:
    """Per category, the (threshold, margin) with the most true positives among those
    with precision >= MIN_PRECISION and >= MIN_HITS hits (ties: higher precision)."""
    chosen: dict[str, tuple[float, float]] = {}
    for k, c in enumerate(CATEGORIES):
        s, y, gap = best[mask, k], labels[mask, k], best[mask, k] - negative[mask]
        top = None
        for t in THRESHOLDS:
            above = s >= t
            for m in MARGINS:
                flagged = above & (gap >= m)
                hits = int(flagged.sum())
                if hits < MIN_HITS:
                    continue
                tp = int((flagged & y).sum())
                precision = tp / hits
                if precision < MIN_PRECISION:
                    continue
                key = (tp, precision, t, m)
                if top is None or key > top:
                    top = key
        if top is not None:
            chosen[c] = (float(top[2]), float(top[3]))
    return chosen


def apply(
    best: np.ndarray, negative: np.ndarray, chosen: dict[str, tuple[float, float]]
) -> np.ndarray:
    flagged = np.zeros(best.shape, dtype=bool)
    for k, c in enumerate(CATEGORIES):
        if c in chosen:
            t, m = chosen[c]
            flagged[:, k] = (best[:, k] >= t) & (best[:, k] - negative >= m)
    return flagged


def report(name: str, predicted: np.ndarray, labels: np.ndarray) -> dict[str, float]:
    print(f"\n{name}")
    print(
        f"  {'category':<20} {'precision':>9} {'recall':>7} {'f1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"
    )
    totals = np.zeros(3, dtype=int)
    for k, c in enumerate(CATEGORIES):
        p, y = predicted[:, k], labels[:, k]
        tp, fp, fn = int((p & y).sum()), int((p & ~y).sum()), int((~p & y).sum())
        totals += (tp, fp, fn)
        print(f"  {c:<20} {_line(tp, fp, fn)}")
    print(f"  {'micro':<20} {_line(*totals)}")
    tp, fp, fn = (int(v) for v in totals)
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / max(precision + recall, 1e-9),
    }


def _line(tp: int, fp: int, fn: int) -> str:
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    return f"{precision:9.3f} {recall:7.3f} {f1:6.3f} {tp:4d} {fp:4d} {fn:4d}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--validate", type=Path, help="a training split to leave out and report on")
    args = parser.parse_args()
    validate = args.validate.resolve() if args.validate else None
    if validate is not None and validate not in TRAINING:
        sys.exit(f"{args.validate} is not one of the training splits")
    training = tuple(path for path in TRAINING if path != validate)
    rows = load_rows(training)
    held = load_rows((validate,)) if validate else []
    started = time.perf_counter()
    space = Space(Embedder(prepare_model()), rows + held)
    print(
        f"training: {len(rows)} messages in {len(training)} splits, "
        f"{len({r['conv'] for r in rows})} conversations; "
        f"embedded in {time.perf_counter() - started:.1f} s"
    )
    is_training = np.arange(len(rows) + len(held)) < len(rows)
    folds = folds_of(rows + held, FOLDS, SEED)
    rules = RulePredictor(load_pack(HERE.parents[1] / "src/chatscan/core/rules/packs/v2.yaml"))
    by_rules = np.array([[c in found for c in CATEGORIES] for found in rules(space.texts)])

    if validate is not None:
        best, negative = out_of_fold(space, folds, is_training)
        chosen = pick(best, negative, space.labels, is_training)
        best, negative = space.scores(is_training, ~is_training)
        flagged = apply(best, negative, chosen)
        labels = space.labels[~is_training]
        name = validate.name
        report(f"semantic alone on {name} (tuned without it)", flagged, labels)
        report(f"v2 rules alone on {name}", by_rules[~is_training], labels)
        report(f"v2 rules + semantic on {name}", by_rules[~is_training] | flagged, labels)
        return

    # Nested CV: thresholds picked on four folds (by inner grouped CV), applied to the fifth.
    everything = is_training
    nested = np.zeros(space.labels.shape, dtype=bool)
    for f in range(FOLDS):
        outer_train, outer_test = folds != f, folds == f
        inner_best, inner_negative = out_of_fold(space, folds, outer_train)
        chosen = pick(inner_best, inner_negative, space.labels, outer_train)
        best, negative = space.scores(outer_train, outer_test)
        nested[outer_test] = apply(best, negative, chosen)

    report("semantic alone, nested grouped 5-fold CV on dev", nested, space.labels)
    report("v2 rules alone on dev (written against all of dev: optimistic)", by_rules, space.labels)
    report(
        "v2 rules + semantic (union), semantic from nested CV (optimistic: rules)",
        by_rules | nested,
        space.labels,
    )
    new = nested & ~by_rules
    print(
        f"\nsemantic hits the rules do not have: {int(new.sum())}, "
        f"of which correct {int((new & space.labels).sum())}"
    )

    # The shipped thresholds: picked by grouped CV on all of dev.
    best, negative = out_of_fold(space, folds, everything)
    chosen = pick(best, negative, space.labels, everything)
    report(
        "semantic alone, out-of-fold with the shipped thresholds (selection on the same folds: optimistic)",
        apply(best, negative, chosen),
        space.labels,
    )
    _, _, used, negatives = space.reference(everything)
    section = {
        "model": MODEL_ID,
        "margin": 0.0,
        "categories": {
            c: {
                "threshold": chosen[c][0],
                "margin": chosen[c][1],
                "exemplars": [*WRITTEN[c], *(space.texts[i] for i in used[k])],
            }
            for k, c in enumerate(CATEGORIES)
            if c in chosen
        },
        "negatives": [*WRITTEN_NEGATIVES, *(space.texts[i] for i in negatives)],
    }
    print("\nshipped thresholds (threshold, margin):")
    for c in CATEGORIES:
        print(f"  {c:<20} {chosen.get(c, 'left out: no setting reaches the precision')}")
    header = (
        "# Generated by eval/packs/tune_semantic.py (tuned on eval/dev.jsonl and eval/train/*.jsonl); "
        "edit that file, not this one.\n"
    )
    OUT.write_text(
        header + yaml.safe_dump(section, sort_keys=False, allow_unicode=True, width=10000),
        encoding="utf-8",
    )
    print(
        f"\nwrote {OUT.relative_to(HERE.parents[1])}: "
        f"{sum(len(v['exemplars']) for v in section['categories'].values())} exemplars, "
        f"{len(section['negatives'])} negatives"
    )


if __name__ == "__main__":
    main()
