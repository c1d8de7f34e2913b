"""One `rolefit up` per data folder: a lock on `var/rolefit.lock` that also says who holds it.

The file is locked with `flock` for as long as the stack runs (the kernel drops the lock if the
process dies, so a crash leaves no stale lock). It holds a JSON record of the running stack (pid,
web address, Redis URL, data folder), which a second `rolefit up` names when it refuses to start and
which `rolefit keys` reads to find the embedded server. Mode 0600: the Redis URL may carry a password.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from dataclasses import asdict, dataclass
from pathlib import Path

LOCK_NAME = "rolefit.lock"


@dataclass(frozen=True)
class RunRecord:
    """The running stack, as its lock file describes it."""

    pid: int
    web_url: str
    redis_url: str
    data_dir: str
    started: str


class AlreadyRunning(RuntimeError):
    """Another `rolefit up` holds the data folder's lock."""

    def __init__(self, path: Path, record: RunRecord | None):
        self.path = path
        self.record = record
        super().__init__(describe_refusal(path, record))


def describe_refusal(path: Path, record: RunRecord | None) -> str:
    folder = path.parent
    if record is None:
        who = "another `rolefit up` (it is still starting)"
        stop = "stop it first"
    else:
        who = f"`rolefit up` (pid {record.pid}, web on {record.web_url}, started {record.started})"
        stop = f"stop it first (Ctrl-C in its terminal, or kill {record.pid})"
    return (
        f"{who} is already running on the data folder {folder}. Two stacks on one folder would share its "
        f"Valkey files. Use the running one, {stop}, or give this one its own folder with ROLEFIT_DATA_DIR=…."
    )


def _read(path: Path) -> RunRecord | None:
    try:
        raw = json.loads(path.read_text() or "null")
        return RunRecord(**raw) if isinstance(raw, dict) else None
    except (OSError, ValueError, TypeError):
        return None


class StackLock:
    """The data folder's lock, held from `acquire()` until `release()` (or the process ends)."""

    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise `AlreadyRunning` naming the holder."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise AlreadyRunning(self.path, _read(self.path)) from None
        os.ftruncate(fd, 0)
        os.fchmod(fd, 0o600)
        self._fd = fd

    def publish(self, *, web_url: str, redis_url: str) -> RunRecord:
        """Write who runs here into the locked file."""
        if self._fd is None:
            raise RuntimeError("publish() before acquire()")
        record = RunRecord(
            pid=os.getpid(),
            web_url=web_url,
            redis_url=redis_url,
            data_dir=str(self.path.parent),
            started=time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
        )
        body = json.dumps(asdict(record)).encode()
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, body, 0)
        os.fsync(self._fd)
        return record

    def release(self) -> None:
        if self._fd is None:
            return
        os.ftruncate(self._fd, 0)
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None


def running_stack(data_dir: Path) -> RunRecord | None:
    """The stack running on this data folder (its lock is held), or None."""
    path = Path(data_dir) / LOCK_NAME
    if not path.is_file():
        return None
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return _read(path)  # held: someone runs here
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None  # nobody holds it: a stopped stack's leftover
    finally:
        os.close(fd)


def port_in_use(host: str, port: int) -> bool:
    """Whether binding host:port would fail the way gunicorn's bind would (SO_REUSEADDR as it sets)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return True
    return False
