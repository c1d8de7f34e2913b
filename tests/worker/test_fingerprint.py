"""The report fingerprint follows the analysing code, not the package's version number."""

from __future__ import annotations

from pathlib import Path

from common.fingerprint import analysis_fingerprint, code_version, source_hash


def _tree(root: Path) -> None:
    for name, text in {
        "worker/jobs.py": "A = 1\n",
        "models/scoring.py": "B = 2\n",
        "taxonomy/tagger.py": "C = 3\n",
        "service/pages.py": "D = 4\n",
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def test_a_change_to_the_analysing_code_changes_the_code_version(tmp_path: Path) -> None:
    _tree(tmp_path)
    before = source_hash(tmp_path)
    assert source_hash(tmp_path) == before  # stable
    (tmp_path / "models" / "scoring.py").write_text("B = 3\n")
    changed = source_hash(tmp_path)
    assert changed != before
    (tmp_path / "service" / "pages.py").write_text("D = 5\n")  # the web tier does not decide a report
    assert source_hash(tmp_path) == changed
    (tmp_path / "models" / "scoring.py").rename(tmp_path / "models" / "ranking.py")  # a move counts too
    assert source_hash(tmp_path) != changed


def test_the_running_code_has_a_fingerprint() -> None:
    assert len(code_version()) == 16 and len(analysis_fingerprint()) == 16
    assert code_version() == source_hash()
