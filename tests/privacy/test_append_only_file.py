"""Erased means erased (issue 17 item 8): the upload's bytes never reach Valkey's append-only file in
clear, and once the job is analysed or erased its key is gone, so no copy can be opened; DELETE takes
the candidate's file name out of the batch's duplicates and rejected lists."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from common.sealing import MAGIC
from common.settings import Settings
from tests.faults.helpers import API_KEY, make_app, upload, upload_batch, wait_status
from tests.stack import EVAL

KEY = {"X-API-Key": API_KEY}
PDF = EVAL / "resumes" / "d02-junior-mle-one-year-after-msc.pdf"


def on_disk(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


@pytest.mark.slow
def test_upload_bytes_reach_the_append_only_file_sealed_and_their_key_dies_with_the_job(kept):
    app = make_app(kept.url)
    store = app.extensions["rolefit.store"]
    client = app.test_client()
    data = PDF.read_bytes() + b"\n%aof-test-" + str(time.time_ns()).encode()
    job_id = upload(client, PDF, data=data)
    sealed = store.redis.get(store.upload_key(job_id))
    assert sealed.startswith(MAGIC) and data[200:264] not in sealed
    key_file = Path(Settings().data_dir) / "upload-keys" / job_id
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert wait_status(store, job_id, {"done", "failed"}, 60) == "done"
    time.sleep(1.2)  # appendfsync everysec; no rewrite ran, so the AOF still holds every write
    disk = on_disk(kept.data_dir)
    assert MAGIC in disk  # the sealed upload is in the AOF...
    assert data[200:264] not in disk and data[-400:] not in disk  # ...and nothing of it in clear
    assert not key_file.exists()  # analysed: the key is gone, the AOF's copy can never be opened


@pytest.mark.slow
def test_erasing_a_queued_upload_destroys_its_key(kept):
    app = make_app(kept.url)
    client = app.test_client()
    job_id = upload(
        client,
        PDF,
        name="slow-erase-me.pdf",
        data=PDF.read_bytes() + b"\n%erase-" + str(time.time_ns()).encode(),
    )
    key_file = Path(Settings().data_dir) / "upload-keys" / job_id
    assert key_file.exists()
    assert client.delete(f"/api/v1/resumes/{job_id}").status_code == 204
    assert not key_file.exists()


@pytest.mark.slow
def test_delete_takes_the_file_name_out_of_the_batch_lists(kept):
    app = make_app(kept.url)
    store = app.extensions["rolefit.store"]
    client = app.test_client()
    data = PDF.read_bytes() + b"\n%lists-" + str(time.time_ns()).encode()
    other = (EVAL / "resumes" / "d04-mle-ii-marketplace-ranking-fraud.pdf").read_bytes()
    batch_id = upload_batch(
        client,
        [
            ("jane-roe.pdf", data),
            ("jane-roe-copy.pdf", data),
            ("jane-roe.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
            ("other.pdf", other),
        ],
    )
    listed = client.get(f"/api/v1/batches/{batch_id}", headers=KEY).json
    assert listed["duplicates"] and listed["rejected"]
    jane = next(j for j in store.batch_job_ids(batch_id) if store.get_job(j).fields["name"] == "jane-roe.pdf")
    wait_status(store, jane, {"done", "failed"}, 60)
    assert client.delete(f"/api/v1/resumes/{jane}").status_code == 204
    after = client.get(f"/api/v1/batches/{batch_id}", headers=KEY)
    assert "jane-roe" not in after.get_data(as_text=True)
    assert after.json["duplicates"] == [] and after.json["rejected"] == []
    assert after.json["progress"]["total"] == 1


@pytest.mark.parametrize("job_id", ["../../etc/passwd", "x" * 300, "\x80é", "", ".hidden"])
def test_a_name_that_is_no_job_id_names_no_key(tmp_path, job_id):
    from common.sealing import UploadSealer

    sealer = UploadSealer(tmp_path / "keys")
    sealer.destroy(job_id)  # nothing to do, and no error
    assert sealer.open(job_id, MAGIC + b"\x00" * 40) is None
    sealed = sealer.seal("A" * 22, b"resume bytes")
    assert sealer.open("A" * 22, sealed) == b"resume bytes" and sealed.startswith(MAGIC)


def test_the_key_folder_is_private_at_every_level_it_creates(tmp_path):
    from common.sealing import UploadSealer

    sealer = UploadSealer(tmp_path / "var" / "upload-keys")
    sealer.seal("B" * 22, b"resume bytes")
    assert (tmp_path / "var").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "var" / "upload-keys").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "var" / "upload-keys" / ("B" * 22)).stat().st_mode & 0o777 == 0o600
