"""Evidence snippets read like the resume: no headings, no other sections, no half words."""

from __future__ import annotations

from taxonomy.tagger import load_tagger

TEXT = (
    "SKILLS\nPython, Docker\nSUMMARY\nEngineer who builds ranking systems in PyTorch for search.\n"
    "EXPERIENCE\nLed a long migration of every batch job, data pipeline and dashboard across three "
    "product teams and two regions to Kubernetes, while keeping each nightly retraining on schedule "
    "and every downstream consumer informed.\n"
)


def sections(text: str) -> list[tuple[str, int, int]]:
    heads = ["SKILLS", "SUMMARY", "EXPERIENCE"]
    starts = [text.index(h) for h in heads] + [len(text)]
    return [(h.lower(), starts[i], starts[i + 1]) for i, h in enumerate(heads)]


def test_snippets_stay_inside_their_section_and_skip_headings():
    found = {s.id: s for s in load_tagger().tag(TEXT, sections(TEXT))}
    pytorch = found["pytorch"].evidence[0].text
    assert pytorch == "Engineer who builds ranking systems in PyTorch for search."
    assert "Docker" not in pytorch and "SUMMARY" not in pytorch


def test_long_clauses_are_cut_at_word_boundaries():
    found = {s.id: s for s in load_tagger().tag(TEXT, sections(TEXT))}
    evidence = found["kubernetes"].evidence[0]
    assert TEXT[evidence.start : evidence.end] == "Kubernetes"
    assert len(evidence.text) <= 164 and "Kubernetes" in evidence.text
    words = set(TEXT.split())
    assert evidence.text.startswith("…") or evidence.text.endswith("…")
    assert all(piece in words for piece in evidence.text.strip("…").split())
