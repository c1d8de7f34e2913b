"""What must never leave a resume: the eval set's names, emails, phones, links and sentences."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from tests.stack import EVAL


@dataclass(frozen=True)
class Candidate:
    id: str
    file: Path
    name: str
    email: str
    phone: str
    fragments: tuple[str, ...]  # pieces of the resume's own sentences


def candidates() -> list[Candidate]:
    files = {p.name.split("-", 1)[0]: p for p in (EVAL / "resumes").iterdir()}
    out = []
    for src in sorted((EVAL / "src").glob("*.json")):
        data = json.loads(src.read_text())
        texts = []
        for section in data.get("sections", []):
            texts.append(section.get("text", ""))
            for item in section.get("items", []):
                texts += item.get("bullets", [])
        fragments = tuple(t[i : i + 32] for t in texts if len(t) >= 40 for i in range(0, len(t) - 32, 97))
        out.append(
            Candidate(
                data["id"],
                files[data["id"]],
                data["name"],
                data["email"],
                data.get("phone", ""),
                fragments + tuple(data.get("links", [])),
            )
        )
    return out


def phone_pattern(phone: str) -> re.Pattern[str]:
    """The phone's digits with any punctuation or spaces between them."""
    digits = re.sub(r"\D", "", phone)
    return re.compile(r"\D{0,3}".join(digits))


def leaks(text: str, people: list[Candidate]) -> list[tuple[str, str, str]]:
    """(candidate, what, value) for every personal detail or resume sentence found in `text`."""
    found = []
    lowered = text.lower()
    for person in people:
        for what, value in (("name", person.name), ("email", person.email)):
            if value and value.lower() in lowered:
                found.append((person.id, what, value))
        for part in person.name.split():
            if len(part) >= 5 and re.search(rf"\b{re.escape(part.lower())}\b", lowered):
                found.append((person.id, "name part", part))
        if person.phone and phone_pattern(person.phone).search(text):
            found.append((person.id, "phone", person.phone))
        for fragment in person.fragments:
            if fragment.lower() in lowered:
                found.append((person.id, "text", fragment))
    return found
