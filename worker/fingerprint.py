"""A fingerprint of everything that decides a report besides the file: taxonomy, roles, code version."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INPUTS = (ROOT / "taxonomy" / "data" / "taxonomy.json", ROOT / "models" / "data" / "roles_manifest.json")


@lru_cache(maxsize=1)
def analysis_fingerprint() -> str:
    """Identical uploads with the same fingerprint may reuse a stored report."""
    digest = hashlib.sha256(metadata.version("rolefit").encode())
    for path in INPUTS:
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()[:16]
