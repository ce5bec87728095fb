"""Small packs with a semantic section, for the semantic layer's tests."""

from __future__ import annotations

import copy
from typing import Any

from chatscan.core.rules import RulePack, pack_from_dict
from chatscan.semantic.model import MODEL_ID

MODEL = MODEL_ID
EXPOSURE_EXEMPLAR = "if you leave me, your boss gets those pictures"
WATCH_EXEMPLAR = "I read all your messages last night"
NEGATIVE = "can you post the photos from the party in the group chat"

BASE: dict[str, Any] = {
    "name": "semantic-test",
    "version": "1",
    "categories": [{"name": "EXPOSURE"}, {"name": "WATCH"}, {"name": "KEYWORD"}],
    "rules": [
        {"id": "kw.banana", "category": "KEYWORD", "tier": "PHRASE", "pattern": r"\bbanana\b"},
        {"id": "kw.pictures", "category": "EXPOSURE", "tier": "TOKEN", "pattern": r"\bboss\b"},
    ],
    "semantic": {
        "model": MODEL,
        "categories": {
            "EXPOSURE": {"threshold": 0.6, "exemplars": [EXPOSURE_EXEMPLAR]},
            "WATCH": {"threshold": 0.6, "exemplars": [WATCH_EXEMPLAR]},
        },
        "negatives": [NEGATIVE],
    },
}


def pack_data(**semantic: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data["semantic"].update(semantic)
    return data


def make_pack(**semantic: Any) -> RulePack:
    return pack_from_dict(pack_data(**semantic))


def without_semantic() -> RulePack:
    data = copy.deepcopy(BASE)
    del data["semantic"]
    return pack_from_dict(data)
