"""The data directory's files are private: 0700 folders, 0600 files, secrets never briefly readable."""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path


def private_file(path: Path, text: str, *, replace: bool = False) -> None:
    """Write `text` to a new file that is 0600 from its first byte (never briefly world-readable).

    With `replace`, an existing file is replaced atomically (a private temporary file renamed over it).
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp") if replace else path
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(text)
    if replace:
        os.replace(target, path)


def read_or_create_secret(path: Path, *, nbytes: int = 32) -> str:
    """A random secret kept in `path` (0600): made on the first call, read on every later one."""
    try:
        private_file(path, secrets.token_urlsafe(nbytes) + "\n")
    except FileExistsError:
        pass
    for _ in range(50):  # another process may be writing it this instant
        if secret := path.read_text().strip():
            os.chmod(path, 0o600)
            return secret
        time.sleep(0.02)
    raise RuntimeError(f"{path} is empty; delete it to make a new one")


def secure_tree(root: Path) -> None:
    """Make `root` and everything under it private (folders 0700, files 0600): older installs had 0755/0644."""
    if not root.exists():
        return
    os.chmod(root, 0o700)
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            os.chmod(os.path.join(folder, name), 0o700)
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, 0o600)
