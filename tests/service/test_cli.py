"""The `rolefit` command line, run in-process on real files (no Redis needed)."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from service.cli import main
from tests.stack import EVAL


def labels() -> dict[str, dict]:
    return {item["file"]: item for item in json.loads((EVAL / "labels.json").read_text())["items"]}


def test_analyze_prints_one_json_report_per_file():
    files = [
        "resumes/d02-junior-mle-one-year-after-msc.pdf",
        "resumes/d08-lead-mle-computer-vision-manager.docx",
    ]
    result = CliRunner().invoke(main, ["analyze", *(str(EVAL / f) for f in files), "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [r["file"]["name"] for r in lines] == [Path(f).name for f in files]
    assert [r["candidate"]["email"] for r in lines] == [labels()[f]["email"] for f in files]
    assert all(r["schema"] == "rolefit.report/1" for r in lines)


def test_bad_files_print_their_error_and_exit_non_zero():
    bad = {name: item["expected_error"] for name, item in labels().items() if "expected_error" in item}
    good = "resumes/d06-nlp-mle-legal-tech-2-5y.txt"
    result = CliRunner().invoke(main, ["analyze", *(str(EVAL / n) for n in bad), str(EVAL / good), "--json"])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.output.splitlines()]
    errors = {Path(line["file"]).name: line["error"]["code"] for line in lines if "error" in line}
    assert errors == {Path(n).name: code for n, code in bad.items()}
    assert lines[-1]["candidate"]["email"] == labels()[good]["email"]  # the good file still went through


def test_analyze_against_a_job_description_file(tmp_path: Path):
    jd = tmp_path / "jd.txt"
    jd.write_text(
        "Senior Data Engineer\nWe need 5+ years building pipelines with Apache Spark, Apache Kafka, "
        "Apache Airflow and SQL on AWS. A bachelor's degree in computer science is expected.\n"
    )
    result = CliRunner().invoke(
        main,
        [
            "analyze",
            str(EVAL / "resumes/d12-data-engineer-streaming-warehouse.pdf"),
            "--role",
            str(jd),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    custom = [f for f in report["fits"] if f["role"] == "custom"]
    assert len(custom) == 1 and custom[0]["score"] > 0


def test_screen_ranks_a_folder_and_writes_csv(tmp_path: Path):
    folder = tmp_path / "cvs"
    folder.mkdir()
    for name in [
        "d01-newgrad-bsc-cs-two-ml-internships.pdf",
        "d04-mle-ii-marketplace-ranking-fraud.pdf",
        "d15-executive-pastry-chef.pdf",
    ]:
        shutil.copy(EVAL / "resumes" / name, folder / name)
    shutil.copy(EVAL / "bad/encrypted.pdf", folder / "locked.pdf")
    out = tmp_path / "shortlist.csv"
    result = CliRunner().invoke(
        main, ["screen", str(folder), "--role", "mle-ii", "--csv", str(out)], env={"ROLEFIT_URL": ""}
    )
    assert result.exit_code == 0, result.output
    assert "Ranked candidates" in result.output and "encrypted" in result.output
    table = list(csv.DictReader(out.open()))
    rows = [r for r in table if r["status"] == "done"]
    assert [r["file"] for r in rows][-1] == "d15-executive-pastry-chef.pdf"
    assert len(rows) == 3
    # a file that failed is in the CSV too, with its code
    failed = [(r["file"], r["status"], r["error_code"]) for r in table[3:]]
    assert failed == [("locked.pdf", "failed", "encrypted")]
    scores = [float(r["score"]) for r in rows]
    assert scores == sorted(scores, reverse=True)


def test_human_output_shows_skills_the_chosen_roles_fit_and_gaps():
    resume = str(EVAL / "resumes/d04-mle-ii-marketplace-ranking-fraud.pdf")
    plain = CliRunner().invoke(main, ["analyze", resume])
    chosen = CliRunner().invoke(main, ["analyze", resume, "--role", "mle-ii"])
    assert plain.exit_code == 0 and chosen.exit_code == 0, plain.output + chosen.output
    assert plain.output != chosen.output  # --role changes what is shown
    assert "Fit for Machine Learning Engineer II (level 3):" in chosen.output
    assert "Fit for" not in plain.output
    fit_block = chosen.output.split("Fit for", 1)[1]
    assert "matched: " in fit_block and "missing: " in fit_block and "Python" in fit_block
    for text in (plain.output, chosen.output):
        assert "Skills:" in text and "PyTorch" in text and re.search(r"Gaps to level \d:", text)
        assert "ML field:" in text and "MLOps:" in text and "Ml field" not in text and "Mlops" not in text
        assert re.search(r"^  \d+\.\d years of experience", text, re.MULTILINE)


def test_a_job_description_files_role_is_named_from_its_title(tmp_path: Path):
    jd = tmp_path / "jd.txt"
    jd.write_text(
        "Senior Data Engineer\nWe need 5+ years building pipelines with Apache Spark, Apache Kafka, "
        "Apache Airflow and SQL on AWS. A bachelor's degree in computer science is expected.\n"
    )
    resume = str(EVAL / "resumes/d12-data-engineer-streaming-warehouse.pdf")
    report = json.loads(CliRunner().invoke(main, ["analyze", resume, "--role", str(jd), "--json"]).output)
    assert [f["title"] for f in report["fits"] if f["role"] == "custom"] == ["Senior Data Engineer"]
    human = CliRunner().invoke(main, ["analyze", resume, "--role", str(jd)]).output
    assert "Fit for Senior Data Engineer" in human and "jd (" not in human


def test_screen_lists_every_file_it_skips_and_takes_markdown(tmp_path: Path):
    folder = tmp_path / "cvs"
    folder.mkdir()
    (folder / "cv.md").write_text(
        "# Ada Stone\n\n## Experience\n\n### Data Engineer | Fenwick\n"
        "**Jan 2019 - Present**\n\n* Built pipelines in **Python** and SQL.\n",
        encoding="utf-8",
    )
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (folder / "notes.odt").write_bytes(b"PK\x03\x04")
    out = tmp_path / "shortlist.csv"
    result = CliRunner().invoke(
        main, ["screen", str(folder), "--as-of", "2021-01", "--csv", str(out)], env={"ROLEFIT_URL": ""}
    )
    assert result.exit_code == 0, result.output
    assert "skipped photo.png" in result.output and "skipped notes.odt" in result.output
    rows = list(csv.DictReader(out.open()))
    assert [r["file"] for r in rows] == ["cv.md"] and float(
        rows[0]["years"]
    ) == 2.1  # Jan 2019 to 31 Jan 2021


def test_analyze_refuses_an_unreadable_as_of():
    result = CliRunner().invoke(
        main, ["analyze", "--as-of", "2021-13", str(EVAL / "resumes/d06-nlp-mle-legal-tech-2-5y.txt")]
    )
    assert result.exit_code != 0 and "--as-of" in result.output
