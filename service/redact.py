"""A report with the candidate's identity taken out, for blind review. Pure code."""

from __future__ import annotations

import copy
import re
from typing import Any

MASK = "[redacted]"
IDENTITY_FIELDS = ("name", "email", "phone", "links")


def _secrets(report: dict[str, Any]) -> list[str]:
    candidate = report.get("candidate") or {}
    values = [
        candidate.get("name"),
        candidate.get("email"),
        candidate.get("phone"),
        *(candidate.get("links") or []),
        (report.get("file") or {}).get("name"),
    ]
    found = [v.strip() for v in values if isinstance(v, str) and len(v.strip()) >= 3]
    name = candidate.get("name")
    if isinstance(name, str):  # a surname or first name alone in a quote is as telling
        found += [part for part in name.split() if len(part) >= 3]
    return sorted(set(found), key=len, reverse=True)


def _scrub(value: Any, pattern: re.Pattern[str] | None) -> Any:
    if isinstance(value, str):
        return pattern.sub(MASK, value) if pattern else value
    if isinstance(value, list):
        return [_scrub(v, pattern) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, pattern) for k, v in value.items()}
    return value


def redact_report(report: dict[str, Any], *, code: str) -> dict[str, Any]:
    """The report without name, contact details, links, file name or digest; quotes scrubbed of them."""
    secrets = _secrets(report)
    alternatives = "|".join(re.escape(s) for s in secrets)
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE) if secrets else None
    out = copy.deepcopy(report)
    candidate = out.get("candidate") or {}
    for key in IDENTITY_FIELDS:
        candidate.pop(key, None)
    out["candidate"] = candidate
    file = out.get("file") or {}
    file.pop("name", None)
    file.pop("sha256", None)  # the digest of a known file names its owner
    out["file"] = file
    out = _scrub(out, pattern)
    out["candidate"]["code"] = code
    out["blind"] = True
    return out
