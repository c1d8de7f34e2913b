"""Skill tagging figures on the eval set, as eval/README.md defines them.

.venv/bin/python -m tests.taxonomy.measure [--pdf-like | --extracted] [--verbose]
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass, field

from taxonomy.tagger import SkillMatch, Tagger, load_tagger
from tests.taxonomy.eval_text import EVAL_DIR, EvalResume, load_eval, pdf_like


@dataclass
class Figures:
    """Micro counts over the eval set and what went wrong where."""

    returned: int = 0
    wrong: int = 0
    expected: int = 0
    found: int = 0
    violations: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    times_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return 1 - self.wrong / self.returned if self.returned else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def median_ms(self) -> float:
        """Median over resumes of the best wall-clock time of `repeat` runs."""
        return statistics.median(self.times_ms)

    @property
    def median_cpu_ms(self) -> float:
        """The same in process CPU time: what the tagger costs, whatever else the machine runs."""
        return statistics.median(self.cpu_ms)


def names_of(match: SkillMatch, tagger: Tagger) -> set[str]:
    """Every lowercase name a returned skill answers to (display name and aliases)."""
    info = tagger.skill(match.id)
    return {match.name.lower(), *(a.lower() for a in (info.aliases if info else ()))}


def score(resume: EvalResume, matches: list[SkillMatch], tagger: Tagger, figures: Figures) -> None:
    """Add one resume's counts to the figures."""
    labels = resume.labels
    known_names = {t.lower() for t in labels["skills"] + labels["other_skills"]}
    # Competencies (leadership, soft skills) are reported apart: counted when labelled, never as a wrong skill.
    returned = [
        (m, names_of(m, tagger)) for m in matches if not m.is_competency or known_names & names_of(m, tagger)
    ]
    figures.returned += len(returned)
    for match, names in returned:
        banned = [t for t in labels["must_not_tag"] + labels["hidden_skills"] if t.lower() in names]
        known = [t for t in labels["skills"] + labels["other_skills"] if t.lower() in names]
        if banned:
            figures.violations.append(f"{resume.id}: {match.name} ({banned[0]})")
        if banned or not known:
            figures.wrong += 1
            figures.false_positives.append(f"{resume.id}: {match.name} <- {match.evidence[0].text[:90]!r}")
    for skill in labels["skills"]:
        figures.expected += 1
        if any(skill.lower() in names for _, names in returned):
            figures.found += 1
        else:
            figures.misses.append(f"{resume.id}: {skill}")


def extracted_text(resume: EvalResume) -> tuple[str, tuple[tuple[str, int, int], ...]]:
    """The resume file through worker.extract (and worker.resume's sections when it exists)."""
    from worker.extract import extract  # optional second measurement; not used by the floor test

    path = EVAL_DIR / resume.labels["file"]
    text = extract(path.read_bytes(), filename=path.name).text
    try:
        from worker.resume import parse_resume
    except ImportError:
        return text, ()
    return text, tuple((s.name, s.start, s.end) for s in parse_resume(text).sections)


def measure(tagger: Tagger, *, pdf: bool = False, extracted: bool = False, repeat: int = 3) -> Figures:
    """Tag every eval resume (text as rendered, PDF-like, or extracted from the files) and score it."""
    figures = Figures()
    for resume in load_eval():
        if extracted:
            text, sections = extracted_text(resume)
        else:
            text, sections = (pdf_like(resume.text), ()) if pdf else (resume.text, resume.sections)
        best = best_cpu = float("inf")
        for _ in range(repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            matches = tagger.tag(text, sections)
            best = min(best, (time.perf_counter() - t0) * 1000)
            best_cpu = min(best_cpu, (time.process_time() - c0) * 1000)
        figures.times_ms.append(best)
        figures.cpu_ms.append(best_cpu)
        score(resume, matches, tagger, figures)
    return figures


def main() -> None:
    args = argparse.ArgumentParser()
    args.add_argument("--pdf-like", action="store_true", help="wrapped lines, bullets, no section spans")
    args.add_argument("--extracted", action="store_true", help="the real files through worker.extract")
    args.add_argument("--verbose", action="store_true")
    opts = args.parse_args()
    tagger = load_tagger()
    tagger.tag("warm up with Python")
    figures = measure(tagger, pdf=opts.pdf_like, extracted=opts.extracted)
    print(
        f"version={tagger.version} precision={figures.precision:.4f} ({figures.returned - figures.wrong}/"
        f"{figures.returned}) recall={figures.recall:.4f} ({figures.found}/{figures.expected}) "
        f"violations={len(figures.violations)} median_ms={figures.median_ms:.2f} "
        f"median_cpu_ms={figures.median_cpu_ms:.2f}"
    )
    if opts.verbose:
        for title, rows in (
            ("violations", figures.violations),
            ("false positives", figures.false_positives),
            ("misses", figures.misses),
        ):
            print(f"-- {title} ({len(rows)})")
            print("\n".join(rows))


if __name__ == "__main__":
    main()
