"""How labels and numbers read, the same on every page, in the CLI and in exports. Pure code."""

from __future__ import annotations

CATEGORY_WORDS = {
    "ml": "ML",
    "ai": "AI",
    "nlp": "NLP",
    "mlops": "MLOps",
    "devops": "DevOps",
    "llm": "LLM",
    "api": "API",
    "ci": "CI",
    "cd": "CD",
    "bi": "BI",
    "sql": "SQL",
    "cv": "CV",
    "gpu": "GPU",
}


def category_label(category: str | None) -> str:
    """`ml_field` → "ML field", `mlops` → "MLOps": a taxonomy category as a heading."""
    words = [CATEGORY_WORDS.get(w.lower(), w) for w in (category or "other").replace("_", " ").split()]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def years_text(value: float | None) -> str:
    """Years of experience with one decimal everywhere ("8.0", "2.5"); "–" when unknown."""
    if value is None:
        return "–"
    return f"{float(value):.1f}"


def score_text(value: float | None) -> str:
    """A 0–100 score with one decimal ("72.5")."""
    return "–" if value is None else f"{float(value):.1f}"
