"""Rule packs: YAML data, validated, compiled and hashed."""

from chatscan.core.rules.loader import (
    BUILTIN_PACKS,
    DEFAULT_PACK,
    MESSAGE_DEFAULT_PACK,
    CompiledRule,
    RulePack,
    load_pack,
    pack_from_dict,
)

__all__ = [
    "BUILTIN_PACKS",
    "DEFAULT_PACK",
    "MESSAGE_DEFAULT_PACK",
    "CompiledRule",
    "RulePack",
    "load_pack",
    "pack_from_dict",
]
