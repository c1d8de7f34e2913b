"""A batch of mixed good and bad files through gunicorn, Redis and a real worker: ranking,
filters, blind mode and both exports."""

from __future__ import annotations

import csv
import io
import json
import time
import zipfile
from pathlib import Path

import pytest
import requests

GOOD = [
    "resumes/d01-newgrad-bsc-cs-two-ml-internships.pdf",
    "resumes/d04-mle-ii-marketplace-ranking-fraud.pdf",
    "resumes/d07-staff-mle-recommender-systems-8y.pdf",
    "resumes/d15-executive-pastry-chef.pdf",
    "resumes/d16-hr-generalist-workday.docx",
]
BAD = ["bad/encrypted.pdf", "bad/not-a-pdf.pdf"]


class Batches:
    def __init__(self, base: str, key: str):
        self.base = base
        self.http = requests.Session()
        self.http.headers["X-API-Key"] = key

    def create(self, files: list[tuple[str, bytes]], **form: str) -> requests.Response:
        return self.http.post(
            f"{self.base}/api/v1/batches", files=[("files", f) for f in files], data=form, timeout=60
        )

    def get(self, batch_id: str, **params) -> dict:
        response = self.http.get(f"{self.base}/api/v1/batches/{batch_id}", params=params, timeout=30)
        assert response.status_code == 200, response.text
        return response.json()

    def wait(self, batch_id: str, timeout: float = 120) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            body = self.get(batch_id, per_page=1)
            if body["status"] == "done":
                return body
            time.sleep(0.25)
        raise TimeoutError(batch_id)

    def export(self, batch_id: str, **params) -> requests.Response:
        return self.http.get(f"{self.base}/api/v1/batches/{batch_id}/export", params=params, timeout=30)


@pytest.fixture(scope="module")
def batches(live_server: str, api_key: str) -> Batches:
    return Batches(live_server, api_key)


@pytest.fixture(scope="module")
def labels(eval_dir: Path) -> dict[str, dict]:
    return {item["file"]: item for item in json.loads((eval_dir / "labels.json").read_text())["items"]}


@pytest.fixture(scope="module")
def finished(batches: Batches, eval_dir: Path) -> dict:
    files = [(Path(name).name, (eval_dir / name).read_bytes()) for name in GOOD + BAD]
    files.append(("copy-of-d04.pdf", (eval_dir / GOOD[1]).read_bytes()))
    response = batches.create(files, role="mle-ii")
    assert response.status_code == 202, response.text
    accepted = response.json()
    assert accepted["total"] == len(GOOD) + 1  # the PNG is refused up front, the copy processed once
    assert accepted["rejected"] == [
        {"file": "not-a-pdf.pdf", "code": "unsupported_type", "message": accepted["rejected"][0]["message"]}
    ]
    assert accepted["duplicates"] == [{"file": "copy-of-d04.pdf", "same_as": Path(GOOD[1]).name}]
    batches.wait(accepted["id"])
    return {"id": accepted["id"], "body": batches.get(accepted["id"])}


def test_progress_counts_every_file(finished):
    progress = finished["body"]["progress"]
    assert progress == {"total": 6, "queued": 0, "processing": 0, "done": 5, "failed": 1, "finished": 6}


def test_failures_are_listed_with_their_codes(finished):
    failures = finished["body"]["failures"]
    assert [(f["file"], f["error"]["code"]) for f in failures] == [("encrypted.pdf", "encrypted")]


def test_candidates_are_ranked_by_the_roles_score(finished, live_server: str):
    candidates = finished["body"]["candidates"]
    scores = [c["score"] for c in candidates]
    assert scores == sorted(scores, reverse=True) and len(candidates) == 5
    for candidate in candidates:
        report = requests.get(f"{live_server}/api/v1/resumes/{candidate['id']}", timeout=30).json()["report"]
        fit = next(f for f in report["fits"] if f["role"] == "mle-ii")
        assert candidate["score"] == fit["score"] and candidate["ladder_level"] == report["ladder_level"]
    by_file = {c["file"]: c for c in candidates}
    assert (
        by_file["d04-mle-ii-marketplace-ranking-fraud.pdf"]["rank"]
        < by_file["d15-executive-pastry-chef.pdf"]["rank"]
    )
    assert by_file["d15-executive-pastry-chef.pdf"]["score"] < 30


def test_filters(batches: Batches, finished):
    batch_id = finished["id"]
    threshold = sorted(c["score"] for c in finished["body"]["candidates"])[2]
    kept = batches.get(batch_id, min_score=threshold)["candidates"]
    assert kept and all(c["score"] >= threshold for c in kept) and len(kept) == 3
    with_python = batches.get(batch_id, must="Python,PyTorch")["candidates"]
    assert {c["file"] for c in with_python} >= {"d04-mle-ii-marketplace-ranking-fraud.pdf"}
    assert "d15-executive-pastry-chef.pdf" not in {c["file"] for c in with_python}
    level = finished["body"]["candidates"][0]["ladder_level"]
    assert all(c["ladder_level"] == level for c in batches.get(batch_id, level=level)["candidates"])
    page = batches.get(batch_id, per_page=2, page=2)
    assert [c["rank"] for c in page["candidates"]] == [3, 4] and page["matching"] == 5
    assert batches.get(batch_id, sort="years", order="asc")["candidates"][0]["years"] == min(
        c["years"] for c in finished["body"]["candidates"]
    )
    bad = batches.http.get(
        f"{batches.base}/api/v1/batches/{batch_id}", params={"min_score": "lots"}, timeout=30
    )
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "bad_request"


def test_blind_mode_hides_identity_with_stable_codes(batches: Batches, finished, labels):
    blind = batches.get(finished["id"], blind="true")
    text = json.dumps(blind)
    for name in GOOD + BAD:
        assert Path(name).name not in text
        if name in labels and "email" in labels[name]:
            for secret in (labels[name]["name"], labels[name]["email"], labels[name]["phone"]):
                assert secret not in text
    codes = [c["candidate"] for c in blind["candidates"]]
    assert codes == [c["candidate"] for c in batches.get(finished["id"], blind="true")["candidates"]]
    assert codes == [c["candidate"] for c in finished["body"]["candidates"]]
    assert all("id" not in c for c in blind["candidates"])


def test_csv_and_json_exports(batches: Batches, finished, labels):
    response = batches.export(finished["id"], format="csv")
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    ranked = [r for r in rows if r["status"] == "done"]
    assert [r["candidate"] for r in ranked] == [c["candidate"] for c in finished["body"]["candidates"]]
    assert rows[0]["email"]
    # the file that could not be read is in the CSV too, after the ranked rows, with its code
    assert [(r["file"], r["status"], r["error_code"]) for r in rows[len(ranked) :]] == [
        ("encrypted.pdf", "failed", "encrypted")
    ]
    blind = batches.export(finished["id"], format="csv", blind="true")
    assert "email" not in blind.text.splitlines()[0] and "@example.com" not in blind.text
    assert "encrypted.pdf" not in blind.text and ",failed,encrypted," in blind.text
    document = batches.export(finished["id"], format="json", min_score=30).json()
    assert document["candidates"] and all(c["score"] >= 30 for c in document["candidates"])
    assert document["failures"][0]["error"]["code"] == "encrypted"
    assert batches.export(finished["id"], format="xml").status_code == 400


def test_a_zip_batch_reports_non_resume_entries(batches: Batches, eval_dir: Path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "cvs/d02.pdf", (eval_dir / "resumes/d02-junior-mle-one-year-after-msc.pdf").read_bytes()
        )
        archive.writestr("../d06.txt", (eval_dir / "resumes/d06-nlp-mle-legal-tech-2-5y.txt").read_bytes())
        archive.writestr("photo.png", (eval_dir / "bad/not-a-pdf.pdf").read_bytes())
    response = batches.create([("cvs.zip", buffer.getvalue())], role="mle-entry")
    assert response.status_code == 202, response.text
    body = response.json()
    assert body["total"] == 2
    assert [(r["file"], r["code"]) for r in body["rejected"]] == [("photo.png", "unsupported_type")]
    done = batches.wait(body["id"])
    listing = batches.get(body["id"])
    assert done["progress"]["done"] == 2
    assert {c["file"] for c in listing["candidates"]} == {"d02.pdf", "d06.txt"}


def test_deleting_a_candidate_removes_it_from_the_batch(batches: Batches, eval_dir: Path, live_server: str):
    files = [(Path(n).name, (eval_dir / n).read_bytes() + b"\n%del") for n in GOOD[:2]]
    batch_id = batches.create(files, role="mle-ii").json()["id"]
    batches.wait(batch_id)
    victim = batches.get(batch_id)["candidates"][0]["id"]
    assert requests.delete(f"{live_server}/api/v1/resumes/{victim}", timeout=30).status_code == 204
    after = batches.get(batch_id)
    assert [c["id"] for c in after["candidates"]] != [] and victim not in {
        c["id"] for c in after["candidates"]
    }
    assert after["progress"]["total"] == 1 and after["progress"]["done"] == 1
    assert batches.http.delete(f"{batches.base}/api/v1/batches/{batch_id}", timeout=30).status_code == 204
    assert batches.http.get(f"{batches.base}/api/v1/batches/{batch_id}", timeout=30).status_code == 404


def test_screen_command_goes_through_the_running_service(
    live_server: str, api_key: str, eval_dir: Path, tmp_path: Path
):
    from click.testing import CliRunner

    from service.cli import main

    folder = tmp_path / "cvs"
    folder.mkdir()
    for name in GOOD[:3]:
        (folder / Path(name).name).write_bytes((eval_dir / name).read_bytes() + b"\n%screen")
    out = tmp_path / "list.csv"
    result = CliRunner().invoke(
        main,
        ["screen", str(folder), "--role", "mle-ii", "--csv", str(out), "--blind"],
        env={"ROLEFIT_URL": live_server, "ROLEFIT_API_KEY": api_key},
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 3 and all(r["candidate"].startswith("C-") for r in rows)
    assert "name" not in rows[0] and "file" not in rows[0]
