"""``manifest.json``: the SHA-256 of every report file, to show later that none changed.

A manifest names the tool, the analysis time, the source file and the rule pack (each
with its SHA-256), any detector that ran beside the rules (the semantic layer: its
model), and every report file written with its size and SHA-256. It is written last,
over exactly the files written. :func:`verify` re-hashes what a manifest lists (and,
when given, the source file) and says precisely what differs.

The manifest does not vouch for itself: whoever can change a report can change the
manifest too. Keep its own SHA-256 (``sha256sum manifest.json``) somewhere else, or
hand it on together with the source file's, to make the set tamper-evident.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chatscan.core.errors import ChatscanError
from chatscan.core.result import Result
from chatscan.reports.registry import ReportOptions

__all__ = [
    "MANIFEST_NAME",
    "MANIFEST_SCHEMA_VERSION",
    "VerifyProblem",
    "file_sha256",
    "listed_files",
    "manifest_bytes",
    "manifest_dict",
    "verify",
    "write_manifest",
]

MANIFEST_NAME = "manifest.json"
MANIFEST_SCHEMA_VERSION = 1
_CHUNK = 1 << 20


def file_sha256(path: Path) -> tuple[int, str]:
    """Size and SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _is_plain_name(name: object) -> bool:
    """A file name directly inside the directory: no separators, no ``..``."""
    return (
        isinstance(name, str)
        and name not in ("", ".", "..")
        and "/" not in name
        and "\\" not in name
        and "\x00" not in name
    )


def _entry(name: str, content: bytes | Path) -> dict[str, Any]:
    if not _is_plain_name(name) or name == MANIFEST_NAME:
        raise ValueError(f"not a report file name: {name!r}")
    if isinstance(content, bytes | bytearray | memoryview):
        data = bytes(content)
        return {"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    size, sha256 = file_sha256(Path(content))
    return {"name": name, "size": size, "sha256": sha256}


def manifest_dict(
    result: Result,
    files: Mapping[str, bytes] | Mapping[str, Path],
    options: ReportOptions | None = None,
) -> dict[str, Any]:
    """The manifest of ``files`` (file name to its content, or to its path), in order.

    ``options.generated_at`` is the analysis time stated (now, when empty): give the
    options the reports were written with, so the manifest and the reports agree.
    """
    options = (options or ReportOptions()).stamped()
    source = result.source
    return {
        "schema_version": MANIFEST_SCHEMA_VERSION,
        "tool": {"name": "chatscan", "version": options.tool_version},
        "generated_at": options.generated_at,
        "source": {"name": source.name, "size": source.size, "sha256": source.sha256},
        "rules": result.pack.identity(),
        "detectors": [dict(identity) for identity in result.detectors],
        "files": [_entry(name, content) for name, content in files.items()],
    }


def _dumps(manifest: Mapping[str, Any]) -> bytes:
    try:
        text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a file name with undecodable bytes (lone surrogates)
        return (json.dumps(manifest, indent=2, ensure_ascii=True) + "\n").encode("ascii")


def manifest_bytes(
    result: Result,
    files: Mapping[str, bytes] | Mapping[str, Path],
    options: ReportOptions | None = None,
) -> bytes:
    """``manifest.json`` as bytes (UTF-8 JSON, indented), for in-memory use (a ZIP)."""
    return _dumps(manifest_dict(result, files, options))


def write_manifest(
    out_dir: str | Path,
    result: Result,
    paths: Iterable[Path],
    options: ReportOptions | None = None,
) -> Path:
    """Write ``manifest.json`` into ``out_dir`` over the report files ``paths`` (as
    :func:`~chatscan.reports.write_reports` returns them), atomically: a temporary file
    beside it, then renamed."""
    out = Path(out_dir)
    final = out / MANIFEST_NAME
    temp: Path | None = None
    try:
        data = manifest_bytes(result, {Path(p).name: Path(p) for p in paths}, options)
        fd, name = tempfile.mkstemp(prefix=f".{MANIFEST_NAME}.", suffix=".part", dir=out)
        temp = Path(name)
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        os.replace(temp, final)
        temp = None
    except OSError as exc:
        raise ChatscanError(f"cannot write {final}: {exc.strerror or exc}") from None
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)
    return final


# ---------------------------------------------------------------------------- verify

#: Problem kinds, by how serious they are.
UNUSABLE = frozenset({"no_directory", "no_manifest", "bad_manifest", "no_source"})
MISMATCH = frozenset({"changed", "missing", "unreadable", "source_changed"})
INFORMATIONAL = frozenset({"unlisted"})


@dataclass(frozen=True)
class VerifyProblem:
    """One thing :func:`verify` found: ``kind``, the file it concerns (a name in the
    directory, or the path given), and what was expected against what was found.

    Kinds: ``changed``, ``missing``, ``unreadable``, ``source_changed`` (a mismatch);
    ``unlisted`` (a file the manifest does not list: informational only);
    ``no_directory``, ``no_manifest``, ``bad_manifest``, ``no_source`` (nothing could
    be checked).
    """

    kind: str
    name: str
    detail: str = ""
    expected_sha256: str | None = None
    actual_sha256: str | None = None
    expected_size: int | None = None
    actual_size: int | None = None

    @property
    def unusable(self) -> bool:
        """The input could not be checked at all."""
        return self.kind in UNUSABLE

    @property
    def informational(self) -> bool:
        return self.kind in INFORMATIONAL

    def message(self) -> str:
        """One line naming the file and what differs."""
        return f"{self.name}: {self.detail}"


def _changed(
    kind: str, name: str, expected: dict[str, Any], size: int, sha256: str
) -> VerifyProblem:
    what = "source file changed" if kind == "source_changed" else "changed"
    sizes = ""
    if expected["size"] != size:
        sizes = f"; size {expected['size']} bytes expected, {size} found"
    return VerifyProblem(
        kind,
        name,
        f"{what}: sha256 expected {expected['sha256']}, found {sha256}{sizes}",
        expected_sha256=expected["sha256"],
        actual_sha256=sha256,
        expected_size=expected["size"],
        actual_size=size,
    )


def _load(directory: Path) -> tuple[dict[str, Any] | None, VerifyProblem | None]:
    if not directory.is_dir():
        what = "not a directory" if directory.exists() else "no such directory"
        return None, VerifyProblem("no_directory", str(directory), what)
    path = directory / MANIFEST_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, VerifyProblem("no_manifest", MANIFEST_NAME, f"missing in {directory}")
    except OSError as exc:
        return None, VerifyProblem("no_manifest", MANIFEST_NAME, f"unreadable: {exc.strerror}")
    try:
        manifest = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, VerifyProblem("bad_manifest", MANIFEST_NAME, f"not valid JSON: {exc}")
    reason = _shape_problem(manifest)
    if reason:
        return None, VerifyProblem("bad_manifest", MANIFEST_NAME, f"not a manifest: {reason}")
    return manifest, None


def _is_sha256(value: object) -> bool:
    return (
        isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)
    )


def _is_size(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _shape_problem(manifest: object) -> str:
    """Why ``manifest`` is not a usable manifest; empty when it is."""
    if not isinstance(manifest, dict):
        return "not a JSON object"
    if manifest.get("schema_version") != MANIFEST_SCHEMA_VERSION:
        return f"schema_version {manifest.get('schema_version')!r} is not supported"
    files = manifest.get("files")
    if not isinstance(files, list):
        return '"files" is not a list'
    seen: set[str] = set()
    for i, entry in enumerate(files):
        if not isinstance(entry, dict):
            return f"files[{i}] is not an object"
        name = entry.get("name")
        if not _is_plain_name(name) or name == MANIFEST_NAME:
            return f"files[{i}] has no usable file name: {name!r}"
        if name in seen:
            return f"files[{i}]: {name} is listed twice"
        seen.add(name)
        if not _is_sha256(entry.get("sha256")):
            return f"files[{i}] ({name}) has no valid sha256"
        if not _is_size(entry.get("size")):
            return f"files[{i}] ({name}) has no valid size"
    source = manifest.get("source")
    if not isinstance(source, dict) or not _is_sha256(source.get("sha256")):
        return '"source" has no valid sha256'
    if not _is_size(source.get("size")):
        return '"source" has no valid size'
    return ""


def _check(directory: Path, entry: dict[str, Any]) -> VerifyProblem | None:
    name, sha256, size = entry["name"], entry["sha256"], entry["size"]
    path = directory / name
    if not path.is_file():
        if path.exists() or path.is_symlink():
            return VerifyProblem("unreadable", name, "not a regular file", expected_sha256=sha256)
        return VerifyProblem(
            "missing",
            name,
            f"missing (listed in {MANIFEST_NAME} with sha256 {sha256})",
            expected_sha256=sha256,
            expected_size=size,
        )
    try:
        actual_size, actual = file_sha256(path)
    except OSError as exc:
        return VerifyProblem(
            "unreadable", name, f"unreadable: {exc.strerror or exc}", expected_sha256=sha256
        )
    if actual != sha256 or actual_size != size:
        return _changed("changed", name, entry, actual_size, actual)
    return None


def _check_source(source: Path, listed: dict[str, Any]) -> VerifyProblem | None:
    if not source.is_file():
        what = "not a file" if source.exists() else "no such file"
        return VerifyProblem("no_source", str(source), what)
    try:
        size, sha256 = file_sha256(source)
    except OSError as exc:
        return VerifyProblem("no_source", str(source), f"unreadable: {exc.strerror or exc}")
    if sha256 != listed["sha256"] or size != listed["size"]:
        return _changed("source_changed", str(source), listed, size, sha256)
    return None


def verify(directory: str | Path, source: str | Path | None = None) -> list[VerifyProblem]:
    """Re-hash every file ``directory/manifest.json`` lists, and ``source`` when given.

    Returns the problems found, none when everything matches: each file changed
    (expected and found hash and size) or missing, the source file changed, files in
    the directory the manifest does not list (informational), or one problem saying
    why nothing could be checked (no directory, no manifest, a manifest that is not
    valid JSON or not a manifest, no source file).
    """
    directory = Path(directory)
    manifest, problem = _load(directory)
    if manifest is None:
        return [problem] if problem else []
    problems: list[VerifyProblem] = []
    if source is not None:
        found = _check_source(Path(source), manifest["source"])
        if found is not None and found.unusable:
            return [found]
        if found is not None:
            problems.append(found)
    listed = {entry["name"] for entry in manifest["files"]}
    for entry in manifest["files"]:
        found = _check(directory, entry)
        if found is not None:
            problems.append(found)
    try:
        present = sorted(p.name for p in directory.iterdir())
    except OSError:
        present = []
    for name in present:
        if name != MANIFEST_NAME and name not in listed:
            detail = f"not listed in {MANIFEST_NAME} (not checked)"
            problems.append(VerifyProblem("unlisted", name, detail))
    return problems


def listed_files(directory: str | Path) -> list[str]:
    """The names of the files ``directory/manifest.json`` lists (none when unusable)."""
    manifest, _ = _load(Path(directory))
    return [entry["name"] for entry in manifest["files"]] if manifest else []
