"""Upload bytes are sealed before they reach Redis: erased means erased, even in the append-only file.

Redis's AOF keeps every write until the next rewrite, so bytes written in clear would outlive their
deletion. Each upload is encrypted (AES-256-GCM, the job id as associated data) with a key of its
own, and that key is kept apart from Redis: a 0600 file in a 0700 folder of the data directory,
which the web tier writes and the worker reads. Analysing, failing or erasing the job deletes the
key file, and with it every copy of the bytes, the AOF's included: what is left there is ciphertext
nobody can open. Keys of uploads that expired unprocessed are swept once they are older than the
upload retention.

Files rather than Redis keys, because a key written to Redis is in the AOF as well; files rather
than memory, because a queued job must survive a restart. Web and worker processes must share the
folder (`ROLEFIT_UPLOAD_KEY_DIR`; in compose a named volume). A worker that cannot find a job's key
fails it as `expired`, as it does when the bytes themselves are gone.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

JOB_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
MAGIC = b"RFSEAL1:"  # sealed uploads start with this; anything else is a legacy upload in clear
NONCE_BYTES = 12
SWEEP_EVERY_S = 600.0


@dataclass
class UploadSealer:
    """Seal and open upload bytes with one key per job, each key a file under `key_dir`."""

    key_dir: Path
    max_age_s: float = 24 * 3600
    _last_sweep: float = field(default=0.0, repr=False)

    @classmethod
    def from_settings(cls, settings) -> UploadSealer | None:
        """The sealer the settings ask for (None with `ROLEFIT_SEAL_UPLOADS=0`)."""
        if not settings.seal_uploads:
            return None
        folder = Path(settings.upload_key_dir or Path(settings.data_dir) / "upload-keys")
        return cls(folder, max_age_s=settings.upload_ttl_s + 60)

    def _path(self, job_id: str) -> Path:
        if not JOB_ID.fullmatch(job_id):  # ids are ours (URL-safe base64); anything else names no key
            raise ValueError("not a job id")
        return self.key_dir / job_id

    def seal(self, job_id: str, data: bytes) -> bytes:
        """A new key for `job_id` (written 0600), and `data` encrypted with it."""
        if not self.key_dir.is_dir():  # each missing level private, not just the last (mkdir's `mode` is)
            for folder in reversed([self.key_dir, *self.key_dir.parents]):
                if not folder.exists():
                    folder.mkdir(mode=0o700, exist_ok=True)
        key = AESGCM.generate_key(bit_length=256)
        fd = os.open(self._path(job_id), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
        nonce = os.urandom(NONCE_BYTES)
        self._maybe_sweep()
        return MAGIC + nonce + AESGCM(key).encrypt(nonce, data, job_id.encode())

    def open(self, job_id: str, blob: bytes) -> bytes | None:
        """The upload's bytes; None when its key was destroyed (analysed, erased or expired)."""
        if not blob.startswith(MAGIC):
            return blob  # written in clear before sealing existed
        try:
            key = self._path(job_id).read_bytes()
        except (FileNotFoundError, ValueError):
            return None
        body = blob[len(MAGIC) :]
        return AESGCM(key).decrypt(body[:NONCE_BYTES], body[NONCE_BYTES:], job_id.encode())

    def destroy(self, job_id: str) -> None:
        """Delete the job's key: its sealed bytes can never be opened again, wherever a copy lies."""
        try:
            self._path(job_id).unlink(missing_ok=True)
        except ValueError:
            pass

    def _maybe_sweep(self) -> None:
        if time.monotonic() - self._last_sweep >= SWEEP_EVERY_S:
            self._last_sweep = time.monotonic()
            self.sweep()

    def sweep(self) -> int:
        """Delete keys older than the upload retention (their uploads expired unprocessed); how many."""
        cutoff = time.time() - self.max_age_s
        removed = 0
        try:
            entries = list(os.scandir(self.key_dir))
        except FileNotFoundError:
            return 0
        for entry in entries:
            try:
                if entry.is_file() and entry.stat().st_mtime < cutoff:
                    os.unlink(entry.path)
                    removed += 1
            except FileNotFoundError:
                continue
        return removed
