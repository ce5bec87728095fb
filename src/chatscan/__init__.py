"""Chat Pattern Scanner: find the language of coercive control in chat exports.

Library use::

    import chatscan
    result = chatscan.scan_file("WhatsApp Chat.zip")  # format detected
    written = chatscan.write_reports(result, "out/", chatscan.reports_for(result.mode))
    chatscan.write_manifest("out/", result, written)
    problems = chatscan.verify("out/")  # empty when every file matches its manifest
"""

from chatscan._version import __version__
from chatscan.core.errors import (
    ChatscanError,
    EncodingError,
    InputError,
    RulePackError,
    UnknownFormatError,
)
from chatscan.core.models import Context, Event, Hit, Message, SequenceMatch, Tier
from chatscan.core.pipeline import ScanOptions, scan_file, scan_stream
from chatscan.core.result import Result, SourceInfo
from chatscan.core.rules import RulePack, load_pack
from chatscan.reports import (
    COMPAT_REPORTS,
    MESSAGE_REPORTS,
    REPORTS,
    ReportOptions,
    VerifyProblem,
    render,
    reports_for,
    verify,
    write_manifest,
    write_reports,
)

__all__ = [
    "COMPAT_REPORTS",
    "MESSAGE_REPORTS",
    "REPORTS",
    "ChatscanError",
    "Context",
    "EncodingError",
    "Event",
    "Hit",
    "InputError",
    "Message",
    "ReportOptions",
    "Result",
    "RulePack",
    "RulePackError",
    "ScanOptions",
    "SequenceMatch",
    "SourceInfo",
    "Tier",
    "UnknownFormatError",
    "VerifyProblem",
    "__version__",
    "load_pack",
    "render",
    "reports_for",
    "scan_file",
    "scan_stream",
    "verify",
    "write_manifest",
    "write_reports",
]
