"""Render the visible text of an eval resume from /work/shared/eval/src/dNN.json, with sections.

The rendering follows eval/make_eval.py's render_txt (headings, items, bullets). `hidden_text`
is never included: it is the invisible text that must not reach the tagger.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "eval"

SECTION_WORDS = (  # first match wins
    ("skill", "skills"),
    ("summary", "summary"),
    ("profile", "summary"),
    ("about", "summary"),
    ("objective", "summary"),
    ("experience", "experience"),
    ("employment", "experience"),
    ("education", "education"),
    ("training", "education"),
    ("project", "projects"),
    ("open source", "projects"),
    ("publication", "publications"),
    ("talk", "publications"),
    ("patent", "publications"),
    ("certification", "certifications"),
    ("leadership", "leadership"),
    ("teaching", "leadership"),
    ("community", "leadership"),
    ("activities", "leadership"),
    ("award", "awards"),
    ("language", "languages"),
    ("interest", "interests"),
)


def section_name(heading: str) -> str:
    """The parser's section name for a heading."""
    lower = heading.lower()
    return next((name for word, name in SECTION_WORDS if word in lower), "other")


@dataclass(frozen=True)
class EvalResume:
    """Visible text, (name, start, end) section spans, and the resume's labels."""

    id: str
    text: str
    sections: tuple[tuple[str, int, int], ...]
    labels: dict


def render(src: dict, bullet: str = "  * ") -> tuple[str, tuple[tuple[str, int, int], ...]]:
    """Visible text like render_txt, and the character span of every section."""
    lines = [
        src["name"],
        " | ".join([src.get("city", ""), src["email"], src["phone"], *src.get("links", [])]),
        "",
    ]
    text = "\n".join(lines) + "\n"
    spans = []
    for section in src["sections"]:
        start = len(text)
        body = [section["heading"].upper(), "-" * len(section["heading"])]
        if "text" in section:
            body += section["text"].split("\n")
        for item in section.get("items", []):
            head = ", ".join(x for x in (item.get("title"), item.get("org")) if x)
            body.append(head + (f" ({item['dates']})" if item.get("dates") else ""))
            body += [f"{bullet}{b}" for b in item.get("bullets", [])]
        text += "\n".join(body) + "\n\n"
        spans.append((section_name(section["heading"]), start, len(text)))
    return text, tuple(spans)


def pdf_like(text: str, width: int = 70) -> str:
    """The same text as a PDF extractor might give it: lines wrapped at `width`, '•' bullets."""
    out = []
    for line in text.replace("  * ", "• ").split("\n"):
        while len(line) > width:
            cut = line.rfind(" ", 0, width)
            cut = cut if cut > 0 else width
            out.append(line[:cut])
            line = line[cut + 1 :]
        out.append(line)
    return "\n".join(out)


def load_eval(eval_dir: Path = EVAL_DIR) -> list[EvalResume]:
    """Every labelled resume of the eval set, rendered from its source JSON."""
    labels = json.loads((eval_dir / "labels.json").read_text(encoding="utf-8"))["items"]
    resumes = []
    for item in labels:
        if "skills" not in item:
            continue
        rid = Path(item["file"]).name.split("-")[0]
        src = json.loads((eval_dir / "src" / f"{rid}.json").read_text(encoding="utf-8"))
        text, sections = render(src)
        resumes.append(EvalResume(rid, text, sections, item))
    return resumes
