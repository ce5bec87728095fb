"""How the guides write a setting's default (shared by the README and DEPLOYMENT checks)."""

from __future__ import annotations

from pydantic.fields import FieldInfo


def shown_default(field: FieldInfo) -> str:
    """The default as the settings tables write it: `(unset)`, `(none)`, `""`, `true`…"""
    value = field.default_factory() if field.default_factory else field.default  # type: ignore[call-arg]
    if value is None:
        return "(unset)"
    if value == []:
        return "(none)"
    if value == "":
        return '""'
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)
