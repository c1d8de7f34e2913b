"""A fingerprint of everything that decides a report besides the file: taxonomy, roles, code.

The code part is a hash of the analysing packages' source files (`common`, `worker`, `models`, `taxonomy`),
not the package version: any change to the code that reads, tags or scores a resume makes a new
fingerprint, so an identical upload is analysed again rather than given a stale report.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INPUTS = (ROOT / "taxonomy" / "data" / "taxonomy.json", ROOT / "models" / "data" / "roles_manifest.json")
CODE_PACKAGES = ("common", "worker", "models", "taxonomy")


def code_files(root: Path = ROOT) -> list[Path]:
    """The source files whose code decides a report, in a stable order."""
    return sorted(path for package in CODE_PACKAGES for path in (root / package).rglob("*.py"))


def source_hash(root: Path = ROOT) -> str:
    """A hash of the analysing code under `root`: each source file's relative path and bytes."""
    digest = hashlib.sha256()
    for path in code_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def code_version() -> str:
    """The running code's `source_hash`, computed once per process."""
    return source_hash(ROOT)


@lru_cache(maxsize=1)
def analysis_fingerprint() -> str:
    """Identical uploads with the same fingerprint may reuse a stored report."""
    digest = hashlib.sha256(code_version().encode())
    for path in INPUTS:
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()[:16]


def dedupe_scope(role_id: str, as_of: str = "") -> str:
    """Reports are reusable for the same file only under the same taxonomy, roles, code, role and
    "as of" date (none given: the file's own)."""
    return f"{analysis_fingerprint()}:{role_id}" + (f":asof={as_of}" if as_of else "")
