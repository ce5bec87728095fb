"""A small typed client for a Chat Pattern Scanner web service (httpx only).

    from chatscan.client import Client

    with Client("https://scanner.example.org") as api:
        analysis = api.analyze("chat.txt")
        print(analysis["total_events"], analysis["unique_patterns"])
        # a rule pack the service offers (see config()), and the semantic layer
        analysis = api.analyze("chat.txt", rules="v2", semantic=True)
        for event in analysis["events"]:
            for hit in event["hits"]:
                print(hit["detector"], hit["rule_id"], hit["score"], hit.get("exemplar"))

Every error the service answers becomes a :class:`ChatscanAPIError` (a subclass per
kind: :class:`PaymentRequired`, :class:`PaymentAlreadyUsed`, :class:`FileTooLarge`,
:class:`RateLimited`, ...) carrying the service's ``detail``, the HTTP ``status``, the
original API's ``code`` and the stable ``error`` name. A service that cannot be reached
raises :class:`ServiceUnreachable`.

This module imports no web-server, database or payment library: it is for programs
that call a service somebody else runs.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import IO, Any, Literal, TypedDict, cast

import httpx

__all__ = [
    "DEFAULT_TIMEOUT",
    "BadRequest",
    "ChatscanAPIError",
    "Client",
    "FileTooLarge",
    "Health",
    "NotFound",
    "PaymentAlreadyUsed",
    "PaymentIntent",
    "PaymentRequired",
    "RateLimited",
    "ServerError",
    "ServiceUnavailable",
    "ServiceUnreachable",
    "UnsafeArchive",
    "check_rules_name",
    "extract_reports",
]

DEFAULT_TIMEOUT = 120.0  # seconds; a large export can take a while to analyse
MAX_EXTRACTED_BYTES = 1024 * 1024 * 1024  # what a reports ZIP may unpack to


class ChatscanAPIError(Exception):
    """The service refused a request, or could not be asked.

    ``detail`` is the service's message, ``status`` the HTTP status (0 when no answer
    came), ``code`` the status as the original API sent it (``"402"``), ``error`` a
    stable machine-readable name (``payment_already_used``).
    """

    def __init__(self, detail: str, status: int = 0, code: str = "", error: str = "") -> None:
        super().__init__(detail)
        self.detail = detail
        self.status = status
        self.code = code or (str(status) if status else "")
        self.error = error

    def __str__(self) -> str:
        return f"{self.detail} (HTTP {self.status})" if self.status else self.detail


class BadRequest(ChatscanAPIError):
    """400 or 422: the upload or an option is unusable (file type, format, encoding)."""


class PaymentRequired(ChatscanAPIError):
    """402: no payment, or one that cannot pay for an analysis (unpaid, refunded, amount)."""


class NotFound(ChatscanAPIError):
    """404: no such route here (a wrong base address, or webhooks not configured)."""


class PaymentAlreadyUsed(ChatscanAPIError):
    """409: this payment has already paid for an analysis."""


class FileTooLarge(ChatscanAPIError):
    """413: the upload is larger than the service accepts."""


class RateLimited(ChatscanAPIError):
    """429: too many requests; ``retry_after`` is the wait the service asked for, seconds."""

    def __init__(
        self,
        detail: str,
        status: int = 429,
        code: str = "",
        error: str = "",
        retry_after: float | None = None,
    ) -> None:
        super().__init__(detail, status, code, error)
        self.retry_after = retry_after


class ServiceUnavailable(ChatscanAPIError):
    """503: the service (its database, or Stripe behind it) cannot serve the request now."""


class ServerError(ChatscanAPIError):
    """Any other 5xx answer."""


class ServiceUnreachable(ChatscanAPIError):
    """No answer: the address is wrong, the service is down, or the request timed out."""


class UnsafeArchive(ChatscanAPIError):
    """A reports ZIP with a name that would leave the output directory, or too large."""


_BY_STATUS: dict[int, type[ChatscanAPIError]] = {
    400: BadRequest,
    402: PaymentRequired,
    404: NotFound,
    409: PaymentAlreadyUsed,
    413: FileTooLarge,
    422: BadRequest,
    429: RateLimited,
    503: ServiceUnavailable,
}


class Health(TypedDict):
    """``GET /health``: ``status`` is ``healthy`` or ``unhealthy``."""

    status: str
    payment_enabled: bool
    database: str
    version: str


class PaymentIntent(TypedDict):
    """``POST /create-payment-intent``: confirm ``client_secret`` with Stripe.js, then send
    ``payment_intent_id`` with :meth:`Client.analyze`."""

    client_secret: str
    payment_intent_id: str
    amount: int
    currency: str


Output = Literal["json", "zip", "html", "pdf"]

_PACK_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}")


def check_rules_name(rules: str) -> str:
    """``rules`` if it can name a pack the service offers (``original``, ``v2``, or its
    operator's pack); ``ValueError`` for a file path: a local rule pack is not sent."""
    looks_like_file = (
        "/" in rules
        or "\\" in rules
        or rules.lower().endswith((".yaml", ".yml"))
        or Path(rules).is_file()
    )
    if looks_like_file or not _PACK_NAME.fullmatch(rules):
        raise ValueError(
            f"rules {rules!r}: a service analyses with the rule packs it offers, named "
            "(original, v2, or its operator's; see its /config); a local rule pack file "
            "cannot be sent to it. Scan on this machine with `chatscan scan --rules FILE`"
        )
    return rules


def error_from_response(response: httpx.Response) -> ChatscanAPIError:
    """The exception for an error answer, with the service's own ``detail``."""
    status = response.status_code
    detail, code, error = response.reason_phrase or f"HTTP {status}", str(status), ""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, Mapping):
        detail = str(body.get("detail", detail))
        code = str(body.get("code", code))
        error = str(body.get("error", ""))
    elif response.text.strip():
        detail = response.text.strip()[:500]
    kind = _BY_STATUS.get(status, ServerError if status >= 500 else ChatscanAPIError)
    if kind is RateLimited:
        return RateLimited(detail, status, code, error, _retry_after(response))
    return kind(detail, status, code, error)


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


class Client:
    """A connection to one service at ``base_url`` (``https://scanner.example.org``).

    Use it as a context manager, or call :meth:`close` when done. ``transport`` and
    ``headers`` go to the underlying :class:`httpx.Client`.
    """

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        headers: Mapping[str, str] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = httpx.Client(
            base_url=self.base_url,
            timeout=timeout,
            headers={"User-Agent": "chatscan-client", **(headers or {})},
            transport=transport,
        )

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # -- the routes ------------------------------------------------------------------

    def health(self) -> Health:
        """The service's health; an unhealthy service (503) is answered, not raised."""
        response = self._request("GET", "/health", ok=(200, 503))
        return cast(Health, response.json())

    def version(self) -> str:
        return str(self._request("GET", "/version").json()["version"])

    def patterns(self, rules: str | None = None) -> dict[str, Any]:
        """A rule pack (paragraph mode's default, or the one named ``rules``): categories
        with rule counts, sequences, window, name, version, hash, the formats accepted,
        and the packs offered."""
        params = {"rules": check_rules_name(rules)} if rules else None
        return cast(dict[str, Any], self._request("GET", "/patterns", params=params).json())

    def config(self) -> dict[str, Any]:
        """What the service accepts: limits, formats, price, the rule packs offered
        (``packs``, ``default_packs``) and whether its semantic layer can run
        (``semantic``: ``available``, ``reason``)."""
        return cast(dict[str, Any], self._request("GET", "/config").json())

    def create_payment_intent(self, idempotency_key: str | None = None) -> PaymentIntent:
        """Start a payment for one analysis at the server's price."""
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else None
        response = self._request("POST", "/create-payment-intent", json={}, headers=headers)
        return cast(PaymentIntent, response.json())

    def analyze(
        self,
        path: str | os.PathLike[str],
        payment_intent_id: str | None = None,
        *,
        format: str = "auto",
        errors: Literal["replace", "strict"] = "replace",
        include: Iterable[str] = (),
        rules: str | None = None,
        semantic: bool = False,
    ) -> dict[str, Any]:
        """Upload the export at ``path`` and return the analysis (the API's JSON).

        ``include`` may add ``html``, ``pdf`` and ``zip`` (base64) to the answer.
        ``rules`` names a rule pack the service offers (default: the default of the
        mode, ``v2`` for chat exports, ``original`` for paragraphs); ``semantic`` runs
        the semantic layer too, where the service has it (else :class:`BadRequest`).
        Each hit in ``events`` says which ``detector`` produced it and why.
        """
        response = self._analyze(
            path, payment_intent_id, format, errors, "json", include, rules, semantic
        )
        return cast(dict[str, Any], response.json())

    def analyze_file(
        self,
        path: str | os.PathLike[str],
        payment_intent_id: str | None = None,
        *,
        output: Output = "zip",
        format: str = "auto",
        errors: Literal["replace", "strict"] = "replace",
        include: Iterable[str] = (),
        rules: str | None = None,
        semantic: bool = False,
    ) -> bytes:
        """Upload the export and return one file instead of JSON: a ZIP of every report
        (``output="zip"``, with ``include=("pdf",)`` the PDF too), or ``html`` or ``pdf``.
        ``rules`` and ``semantic`` as for :meth:`analyze`."""
        return self._analyze(
            path, payment_intent_id, format, errors, output, include, rules, semantic
        ).content

    def download_reports(
        self,
        path: str | os.PathLike[str],
        out_dir: str | os.PathLike[str],
        payment_intent_id: str | None = None,
        *,
        format: str = "auto",
        pdf: bool = False,
        rules: str | None = None,
        semantic: bool = False,
    ) -> list[Path]:
        """Analyse the export and write every report file into ``out_dir`` (as
        ``chatscan scan`` does, plus ``report.html`` and ``manifest.json``); ``rules``
        and ``semantic`` as for :meth:`analyze`."""
        archive = self.analyze_file(
            path,
            payment_intent_id,
            format=format,
            include=("pdf",) if pdf else (),
            rules=rules,
            semantic=semantic,
        )
        return extract_reports(archive, out_dir)

    # -- plumbing --------------------------------------------------------------------

    def _analyze(
        self,
        path: str | os.PathLike[str],
        payment_intent_id: str | None,
        format: str,
        errors: str,
        output: str,
        include: Iterable[str],
        rules: str | None = None,
        semantic: bool = False,
    ) -> httpx.Response:
        source = Path(path)
        fields = {"format": format, "errors": errors, "output": output}
        if rules:
            fields["rules"] = check_rules_name(rules)
        if semantic:
            fields["semantic"] = "true"
        extras = ",".join(include)
        if extras:
            fields["include"] = extras
        if payment_intent_id:
            fields["payment_intent_id"] = payment_intent_id
        with source.open("rb") as stream:
            files: dict[str, tuple[str, IO[bytes], str]] = {
                "file": (source.name, stream, "application/octet-stream")
            }
            return self._request("POST", "/analyze", data=fields, files=files)

    def _request(
        self, method: str, url: str, *, ok: tuple[int, ...] = (200,), **kwargs: Any
    ) -> httpx.Response:
        try:
            response = self._http.request(method, url, **kwargs)
        except httpx.TimeoutException as exc:
            raise ServiceUnreachable(f"{self.base_url} did not answer in time ({exc})") from exc
        except httpx.TransportError as exc:
            raise ServiceUnreachable(f"cannot reach {self.base_url}: {exc}") from exc
        if response.status_code not in ok:
            raise error_from_response(response)
        return response


def _safe_name(name: str) -> str:
    """A ZIP member's name if it is a plain file name, else :class:`UnsafeArchive`."""
    pure = PurePosixPath(name)
    if (
        not name
        or "\\" in name
        or ":" in name
        or pure.is_absolute()
        or len(pure.parts) != 1
        or pure.name in (".", "..")
        or name.startswith(".")
    ):
        raise UnsafeArchive(f"refusing a report named {name!r} in the service's ZIP")
    return pure.name


def extract_reports(
    archive: bytes, out_dir: str | os.PathLike[str], *, limit: int = MAX_EXTRACTED_BYTES
) -> list[Path]:
    """Write the files of a reports ZIP into ``out_dir``; returns their paths.

    Only plain file names are accepted (no directories, absolute paths or ``..``), the
    total unpacked size is capped, and every file is written beside its final name
    first, so a refused archive leaves ``out_dir`` as it was.
    """
    try:
        zipped = zipfile.ZipFile(io.BytesIO(archive))
    except zipfile.BadZipFile as exc:
        raise UnsafeArchive(f"the service's answer is not a ZIP: {exc}") from None
    with zipped:
        members = [info for info in zipped.infolist() if not info.is_dir()]
        names = [_safe_name(info.filename) for info in members]
        if len(set(names)) != len(names):
            raise UnsafeArchive("the service's ZIP names a file twice")
        if sum(info.file_size for info in members) > limit:
            raise UnsafeArchive(f"the service's ZIP unpacks to more than {limit} bytes")
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        written: list[tuple[Path, Path]] = []
        budget = limit
        try:
            for info, name in zip(members, names, strict=True):
                temp = out / f".{name}.part"
                written.append((temp, out / name))
                budget -= _copy_bounded(zipped, info, temp, budget, limit)
            for temp, final in written:
                os.replace(temp, final)
        finally:
            for temp, _final in written:
                temp.unlink(missing_ok=True)
    return [final for _temp, final in written]


def _copy_bounded(
    zipped: zipfile.ZipFile, info: zipfile.ZipInfo, dest: Path, budget: int, limit: int
) -> int:
    """Copy one member, stopping past ``budget`` bytes whatever its header claims;
    returns the bytes copied."""
    total = 0
    with zipped.open(info) as source, dest.open("wb") as sink:
        while chunk := source.read(1 << 20):
            total += len(chunk)
            if total > budget:
                raise UnsafeArchive(f"the service's ZIP unpacks to more than {limit} bytes")
            sink.write(chunk)
    return total
