"""Domain errors a resume upload can fail with (stable codes, human messages)."""

from __future__ import annotations

from models.vocab import RESUME_ERROR_CODES

ERROR_CODES = RESUME_ERROR_CODES


class ResumeError(Exception):
    """A file that cannot be turned into resume text; `code` is one of ERROR_CODES."""

    def __init__(self, code: str, message: str) -> None:
        if code not in ERROR_CODES:
            raise ValueError(f"unknown resume error code: {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message

    def to_dict(self) -> dict[str, str]:
        """The `{"code", "message"}` object the API and the CLI report."""
        return {"code": self.code, "message": self.message}

    def __repr__(self) -> str:
        return f"ResumeError({self.code!r}, {self.message!r})"
