"""A small client for the running stack, used by the end-to-end tests."""

from __future__ import annotations

import time
from pathlib import Path

import requests


class RolefitClient:
    """Upload, poll and delete over real HTTP."""

    def __init__(self, base: str):
        self.base = base
        self.http = requests.Session()

    def upload(self, path: Path, **form: str) -> requests.Response:
        with path.open("rb") as fh:
            return self.http.post(
                f"{self.base}/api/v1/resumes", files={"file": (path.name, fh)}, data=form, timeout=30
            )

    def get(self, job_id: str) -> requests.Response:
        return self.http.get(f"{self.base}/api/v1/resumes/{job_id}", timeout=30)

    def poll(self, job_id: str, timeout: float = 90) -> dict:
        """Poll until the job is done or failed."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            body = self.get(job_id).json()
            if body["status"] in ("done", "failed"):
                return body
            time.sleep(0.2)
        raise TimeoutError(f"job {job_id} did not finish within {timeout}s")

    def delete(self, job_id: str) -> requests.Response:
        return self.http.delete(f"{self.base}/api/v1/resumes/{job_id}", timeout=30)
