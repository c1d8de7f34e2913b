"""Rolefit's benchmark: every figure of DESIGN.md's "Figures we hold ourselves to" (speed and memory
rows), measured as ratios in one run on this machine.

    python bench/run.py [--quick] [--json PATH]        # or: rolefit bench [--quick]

It renders its own corpus (bench/corpus.py), starts its own Valkey, Celery workers and gunicorn on
127.0.0.1 (tests/stack.py), stops them, and prints figure | measured | floor | holds?, plus a JSON
file in bench/out/. Every loop is bounded in count and time. Phases:

1. in-process, nothing else running: worker.extract.extract vs pdfminer's extract_text (default
   settings) on the same PDFs, interleaved file by file; reading order on the eval set's
   two-column PDFs (bench/reading_order.py); the pipeline's per-stage times.
2. memory, in-process: a fresh worker-like process (tagger and roles loaded as in a worker) runs
   the whole pipeline over the corpus again and again (10,000 resumes in the full run) and
   reports its RSS.
3. real stack, queue pre-filled: N resumes uploaded over HTTP while the worker's consumer is
   paused, then released; throughput with --concurrency 1 and 2. The concurrency-1 run gives the
   cost beyond extraction: wall time per resume minus the extraction stage's time (both on the
   real worker, from the stage histograms the worker writes to Redis), over that extraction time.
4. uploads: 16 client threads post a ~200 KB PDF (unique bytes each time) to gunicorn with no
   worker consuming; p50/p99 latency, uploads/s; gunicorn worker RSS after each round.
5. batches: one POST /api/v1/batches of 1,000 files (an API key from service.auth.create_key),
   wall time until every job is finished, with 2 and with 1 worker process.
"""

from __future__ import annotations

import argparse
import gc
import http.client
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
BENCH = ROOT / "bench"
OUT = BENCH / "out"
if str(BENCH) not in sys.path:  # bench/corpus.py, bench/reading_order.py
    sys.path.insert(0, str(BENCH))

QUICK = {
    "corpus": 60,
    "extract_files": 30,
    "extract_rounds": 1,
    "memory_resumes": 300,
    "stack_resumes": 40,
    "upload_rounds": 1,
    "uploads_per_round": 400,
    "batch": 60,
    "deadline_s": 110,
}
FULL = {
    "corpus": 1000,
    "extract_files": 200,
    "extract_rounds": 2,
    "memory_resumes": 10_000,
    "stack_resumes": 200,
    "upload_rounds": 10,
    "uploads_per_round": 1000,
    "batch": 1000,
    "deadline_s": 3600,
}
CLIENTS = 16


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- process memory (Linux /proc)


def rss_mb(pid: int) -> float:
    """Resident set size of one process in MB (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    """Direct children of a process."""
    try:
        found: list[int] = []
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found += [int(x) for x in f.read().split()]
        return found
    except OSError:
        return []


def slope_per_1000(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of RSS (MB) against resumes processed, in MB per 1,000 resumes."""
    if len(points) < 2:
        return 0.0
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return 1000 * sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den if den else 0.0


# --------------------------------------------------------------------------- machine calibration


def _pipeline_seconds(files: list[Path]) -> float:
    """Wall time of the in-process pipeline over `files` (in a forked child of the warm bench process)."""
    from common.errors import ResumeError
    from worker.pipeline import analyze

    datas = [(p.name, p.read_bytes()) for p in files]
    start = time.perf_counter()
    for name, data in datas:
        try:
            analyze(data, name)
        except ResumeError:
            pass
    return time.perf_counter() - start


def machine_ceiling(files: list[Path]) -> dict[str, float]:
    """What two processes get from this machine right now, without Celery or Redis: the same
    resumes through the in-process pipeline in one process alone, then in two processes at once.

    On two idle cores this is close to 2.0; below it the cores are shared (other busy processes,
    a noisy host), and no two-worker figure measured at the same time can beat it by much.
    """
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(2) as pool:
        pool.map(_pipeline_seconds, [files[:2], files[:2]])  # both children warm
        alone = pool.apply(_pipeline_seconds, (files,))
        start = time.perf_counter()
        pool.map(_pipeline_seconds, [files, files], chunksize=1)
        both = time.perf_counter() - start
    return {"speedup": 2 * alone / both, "alone_s": alone, "both_s": both, "loadavg_1m": os.getloadavg()[0]}


# --------------------------------------------------------------------------- figures table


@dataclass
class Figure:
    name: str
    measured: str
    floor: str
    holds: bool | None  # None: reported, no floor
    detail: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------- phase 1: in-process


def extraction_phase(files: list[Path], rounds: int) -> dict[str, Any]:
    """Interleaved extract() vs extract_text() on the same PDFs; the pipeline's stage times."""
    from pdfminer.high_level import extract_text

    from worker.pipeline import analyze

    datas = [(f.name, f.read_bytes()) for f in files]
    for name, data in datas[:5]:  # imports, font caches
        extract_text(io.BytesIO(data))
        analyze(data, name)
    ours = {name: [] for name, _ in datas}
    theirs = {name: [] for name, _ in datas}
    stages: dict[str, float] = {}
    tag_times: dict[str, list[float]] = {name: [] for name, _ in datas}
    clock = time.perf_counter
    for round_no in range(rounds):
        for i, (name, data) in enumerate(datas):
            order = (0, 1) if (round_no + i) % 2 == 0 else (1, 0)
            for which in order:
                start = clock()
                if which == 0:
                    analysis = analyze(data, name)
                    for stage, seconds in analysis.timings.items():
                        stages[stage] = stages.get(stage, 0.0) + seconds
                    tag_times[name].append(analysis.timings["tag"])
                else:
                    extract_text(io.BytesIO(data))
                elapsed = clock() - start
                (ours if which == 0 else theirs)[name].append(elapsed)
    ours_extract = stages["extract"] / (rounds * len(datas))
    per_file_theirs = {n: statistics.median(v) for n, v in theirs.items()}
    return {
        "files": len(datas),
        "rounds": rounds,
        "extract_text_ms": 1000 * statistics.fmean(per_file_theirs.values()),
        "extract_text_median_ms": 1000 * statistics.median(per_file_theirs.values()),
        "extract_text_ms_by_file": {n: 1000 * t for n, t in per_file_theirs.items()},
        "pipeline_stage_ms": {k: 1000 * v / (rounds * len(datas)) for k, v in stages.items()},
        "extract_ms": 1000 * ours_extract,
        "tag_median_ms": 1000 * statistics.median(min(v) for v in tag_times.values()),
        "speedup": statistics.fmean(per_file_theirs.values()) / ours_extract,
    }


def reading_order_phase() -> dict[str, Any]:
    """Mixed lines and split sections, extract_text vs extract(), on the eval two-column PDFs."""
    import reading_order  # bench/reading_order.py
    from pdfminer.high_level import extract_text

    from worker.extract import extract

    totals = {"extract_text": [0, 0, 0], "extract": [0, 0, 0]}
    files = 0
    for path in sorted((reading_order.EVAL / "src").glob("d*.json")):
        src = json.loads(path.read_text(encoding="utf-8"))
        if src["format"] != "pdf" or src.get("layout", "single") == "single":
            continue
        data = (reading_order.EVAL / "resumes" / f"{src['id']}-{src['slug']}.pdf").read_bytes()
        for key, text in (("extract_text", extract_text(io.BytesIO(data))), ("extract", extract(data).text)):
            for i, value in enumerate(reading_order.score(text, src)):
                totals[key][i] += value
        files += 1
    return {
        "files": files,
        "extract_text": dict(zip(("mixed", "lines", "splits"), totals["extract_text"])),
        "extract": dict(zip(("mixed", "lines", "splits"), totals["extract"])),
    }


# --------------------------------------------------------------------------- phase 2: memory, in-process


def memory_child(corpus_dir: Path, count: int, every: int) -> int:
    """Run in a fresh process: analyse `count` resumes cycling over the corpus; print RSS as JSON lines."""
    from common.errors import ResumeError
    from models.roles import load_roles
    from taxonomy.tagger import load_tagger
    from worker.pipeline import analyze

    load_tagger()
    load_roles()
    files = sorted(p for p in corpus_dir.iterdir() if p.suffix in (".pdf", ".docx", ".txt"))
    datas = [(p.name, p.read_bytes()) for p in files]
    pid = os.getpid()
    print(json.dumps({"n": 0, "rss_mb": rss_mb(pid)}), flush=True)
    started = time.perf_counter()
    for n in range(1, count + 1):
        name, data = datas[(n - 1) % len(datas)]
        try:
            analyze(data, name)
        except ResumeError:
            pass
        if n % every == 0 or n == count:
            print(json.dumps({"n": n, "rss_mb": rss_mb(pid), "s": time.perf_counter() - started}), flush=True)
    return 0


def memory_phase(corpus_dir: Path, count: int) -> dict[str, Any]:
    every = max(10, count // 50)
    proc = subprocess.run(
        [
            sys.executable,
            str(Path(__file__).resolve()),
            "--memory-child",
            str(corpus_dir),
            str(count),
            str(every),
        ],
        capture_output=True,
        text=True,
        timeout=4 * 3600,
        cwd=ROOT,
        check=False,
    )
    if proc.returncode:
        raise RuntimeError(f"memory child failed:\n{proc.stderr[-3000:]}")
    points = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    return _memory_summary([(p["n"], p["rss_mb"]) for p in points], warm=max(every, count // 10)) | {
        "seconds": points[-1].get("s", 0.0)
    }


def _memory_summary(points: list[tuple[int, float]], warm: int) -> dict[str, Any]:
    """RSS at start, after warm-up (first point at or past `warm`), at the end, and the later slope."""
    start = points[0][1]
    after = next((p for p in points if p[0] >= warm), points[-1])
    later = [p for p in points if p[0] >= after[0]]
    return {
        "resumes": points[-1][0],
        "rss_start_mb": round(start, 1),
        "rss_after_warmup_mb": round(after[1], 1),
        "warmup_resumes": after[0],
        "rss_end_mb": round(points[-1][1], 1),
        "rss_max_mb": round(max(p[1] for p in points), 1),
        "slope_mb_per_1000": round(slope_per_1000(later), 2),
        "points": points,
    }


# --------------------------------------------------------------------------- HTTP helpers (stdlib only)


def multipart(files: list[tuple[str, str, bytes]], fields: dict[str, str] | None = None) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts: list[bytes] = []
    for name, value in (fields or {}).items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for field_name, filename, data in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field_name}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
        )
        parts.append(data)
        parts.append(b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Client:
    """One keep-alive HTTP/1.1 connection to 127.0.0.1 (the bench sends traffic nowhere else)."""

    def __init__(self, port: int, timeout: float = 60.0):
        self.port, self.timeout = port, timeout
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        for attempt in (0, 1):
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                response = self.conn.getresponse()
                return response.status, response.read()
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def upload(self, name: str, data: bytes) -> tuple[int, bytes]:
        body, ctype = multipart([("file", name, data)])
        return self.request("POST", "/api/v1/resumes", body, {"Content-Type": ctype})

    def close(self) -> None:
        self.conn.close()


# --------------------------------------------------------------------------- the real stack


class Stack:
    """Valkey + gunicorn (2 workers x 4 threads, as tests/stack.py) + a Celery worker we restart."""

    def __init__(self, workdir: Path):
        from service.devstack import start_valkey
        from tests import stack

        self.stack = stack
        self.valkey = start_valkey(workdir / "valkey")
        self.url = self.valkey.connection_url + "/0"
        self.redis = stack.redis_client(self.url)
        with self._logs():
            self.web, base = stack.start_web(self.url, name="bench-web")
        self.port = int(base.rsplit(":", 1)[1])
        self.worker = None
        self._control = None
        self.stack.wait_for(self._web_ready, 60, "the web tier to answer")

    @contextmanager
    def _logs(self):
        """Process logs of a bench run go to bench/out/logs, not to the test suite's artifacts."""
        saved, self.stack.ARTIFACTS = self.stack.ARTIFACTS, OUT / "logs"
        try:
            yield
        finally:
            self.stack.ARTIFACTS = saved

    def _web_ready(self) -> bool:
        try:
            status, _ = Client(self.port, timeout=2).request("GET", "/healthz")
            return status == 200
        except OSError:
            return False

    def reset(self) -> None:
        """A clean store between phases (reports would otherwise be reused for identical files)."""
        self.redis.flushdb()

    def start_worker(self, concurrency: int) -> None:
        self.stop_worker()
        with self._logs():
            self.worker = self.stack.start_worker(
                self.url, name=f"bench-worker-c{concurrency}", concurrency=concurrency
            )
        self.stack.wait_for(lambda: len(self.worker_pids()) >= concurrency, 60, "worker processes")
        self.stack.wait_for(lambda: bool(self.control().ping(timeout=1.0)), 60, "the worker to answer a ping")

    def control(self):
        if self._control is None:
            from celery import Celery

            self._control = Celery("rolefit-bench", broker=self.url).control
        return self._control

    def pause(self) -> None:
        """Stop consuming (and wait for the worker's reply: `limit=1` returns on the first one)."""
        replies = self.control().cancel_consumer("rolefit", reply=True, limit=1, timeout=10)
        if not replies:
            raise RuntimeError("the worker did not confirm it stopped consuming")

    def resume(self) -> None:
        self.control().add_consumer("rolefit", reply=False)

    def worker_pids(self) -> list[int]:
        return children(self.worker.popen.pid) if self.worker else []

    def web_pids(self) -> list[int]:
        return children(self.web.popen.pid)

    def stop_worker(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            self.worker = None

    def stop(self) -> None:
        self.stop_worker()
        self.web.stop()
        self.valkey.stop()

    # counters the worker writes
    def finished_jobs(self) -> int:
        raw = self.redis.hgetall("rf:metrics:counter:jobs")
        return sum(int(v) for v in raw.values())

    def stage_sums(self) -> dict[str, float]:
        raw = self.redis.hgetall("rf:metrics:hist:stage_seconds")
        sums: dict[str, float] = {}
        for key, value in raw.items():
            labels, _, bound = key.decode().rpartition("|")
            if bound == "sum":
                sums[json.loads(labels)["stage"]] = float(value)
        return sums


def rss_of(pids: list[int]) -> list[float]:
    return [round(rss_mb(p), 1) for p in pids]


def throughput_phase(stack: Stack, files: list[Path], concurrency: int, limit_s: float) -> dict[str, Any]:
    """Fill the queue with the consumer paused, release it, time until every job is finished."""
    stack.reset()
    stack.start_worker(concurrency)
    stack.pause()
    client = Client(stack.port)
    for path in files:
        status, body = client.upload(path.name, path.read_bytes())
        if status != 202:
            raise RuntimeError(f"upload of {path.name} answered {status}: {body[:200]!r}")
    client.close()
    rss_start = rss_of(stack.worker_pids())
    samples: list[tuple[int, list[float]]] = []
    load_before = os.getloadavg()[0]
    released = time.perf_counter()
    stack.resume()
    # the clock starts when the first task leaves the queue (not when the control message is sent)
    while stack.redis.llen("rolefit") >= len(files) and time.perf_counter() - released < 30:
        time.sleep(0.002)
    t0 = time.perf_counter()
    deadline = t0 + limit_s
    done = 0
    while done < len(files) and time.perf_counter() < deadline:
        time.sleep(0.05)
        done = stack.finished_jobs()
        if not samples or done - samples[-1][0] >= max(5, len(files) // 10):
            samples.append((done, rss_of(stack.worker_pids())))
    wall = time.perf_counter() - t0
    if done < len(files):
        raise RuntimeError(f"only {done}/{len(files)} jobs finished in {limit_s:.0f}s")
    sums = stack.stage_sums()
    failed = sum(
        int(v) for k, v in stack.redis.hgetall("rf:metrics:counter:jobs").items() if b'"failed"' in k
    )
    return {
        "concurrency": concurrency,
        "resumes": len(files),
        "failed": failed,
        "wall_s": wall,
        "release_to_first_s": t0 - released,
        "loadavg_1m_before_after": [load_before, os.getloadavg()[0]],
        "per_s": len(files) / wall,
        "stage_sums_s": sums,
        "worker_rss_start_mb": rss_start,
        "worker_rss_samples": samples,
        "worker_rss_end_mb": rss_of(stack.worker_pids()),
    }


def upload_phase(stack: Stack, pdf: bytes, rounds: int, per_round: int, limit_s: float) -> dict[str, Any]:
    """16 threads post unique ~200 KB PDFs, no worker consuming; latencies, rate, web RSS per round."""
    stack.stop_worker()
    stack.reset()
    latencies: list[float] = []
    web_rss: list[tuple[int, list[float]]] = [(0, rss_of(stack.web_pids()))]
    errors: list[str] = []
    sent_total = 0
    busy = 0.0
    deadline = time.perf_counter() + limit_s
    for round_no in range(rounds):
        counter = iter(range(per_round))
        lock = threading.Lock()
        round_lat: list[float] = []

        def client_loop(counter=counter, lock=lock, round_no=round_no, round_lat=round_lat) -> None:
            client = Client(stack.port)
            try:
                while time.perf_counter() < deadline:
                    with lock:
                        n = next(counter, None)
                    if n is None:
                        return
                    data = pdf + f"\n%bench {round_no} {n} {uuid.uuid4().hex}\n".encode()
                    start = time.perf_counter()
                    status, body = client.upload(f"upload-{round_no}-{n}.pdf", data)
                    elapsed = time.perf_counter() - start
                    with lock:
                        if status != 202:
                            errors.append(f"{status} {body[:120]!r}")
                        round_lat.append(elapsed)
            finally:
                client.close()

        threads = [threading.Thread(target=client_loop) for _ in range(CLIENTS)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - t0
        warm = min(2 * CLIENTS, len(round_lat) // 4) if round_no == 0 else 0  # connections opening
        latencies += round_lat[warm:]
        sent_total += len(round_lat)
        busy += elapsed
        web_rss.append((sent_total, rss_of(stack.web_pids())))
        _drop_uploads(stack)
        if time.perf_counter() > deadline:
            break
    latencies.sort()

    def pct(p: float) -> float:
        return 1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))]

    totals = [(n, sum(r)) for n, r in web_rss]
    return {
        "clients": CLIENTS,
        "pdf_bytes": len(pdf),
        "uploads": sent_total,
        "errors": len(errors),
        "error_sample": errors[:3],
        "p50_ms": pct(0.50),
        "p99_ms": pct(0.99),
        "max_ms": 1000 * latencies[-1],
        "per_s": sent_total / busy,
        "web_rss_mb": web_rss,
        "web_rss_total_start_mb": round(totals[0][1], 1),
        "web_rss_total_end_mb": round(totals[-1][1], 1),
        "web_slope_mb_per_1000": round(slope_per_1000(totals[1:]), 2),
    }


def _drop_uploads(stack: Stack) -> None:
    """Between upload rounds: drop the queued tasks, upload bytes and job records (no worker runs)."""
    stack.redis.delete("rolefit")
    for pattern in ("rf:upload:*", "rf:job:*", "rf:dedupe:*"):
        keys = list(stack.redis.scan_iter(pattern, count=1000))
        for i in range(0, len(keys), 500):
            stack.redis.delete(*keys[i : i + 500])


def batch_phase(stack: Stack, files: list[Path], concurrency: int, limit_s: float) -> dict[str, Any]:
    """POST one batch of every file with an API key; time until the batch's counters say finished."""
    from service.auth import create_key

    stack.reset()
    stack.start_worker(concurrency)
    key = create_key(stack.redis, "bench")
    body, ctype = multipart([("files", p.name, p.read_bytes()) for p in files])
    client = Client(stack.port, timeout=600)
    rss_start = rss_of(stack.worker_pids())
    t0 = time.perf_counter()
    status, raw = client.request("POST", "/api/v1/batches", body, {"Content-Type": ctype, "X-API-Key": key})
    accepted = time.perf_counter() - t0
    if status != 202:
        raise RuntimeError(f"batch POST answered {status}: {raw[:300]!r}")
    batch = json.loads(raw)
    deadline = t0 + limit_s
    finished = 0
    while time.perf_counter() < deadline:
        counts = stack.redis.hmget(f"rf:batch:{batch['id']}", "done", "failed", "total")
        finished = int(counts[0] or 0) + int(counts[1] or 0)
        if finished >= int(counts[2] or batch["total"]):
            break
        time.sleep(0.1)
    wall = time.perf_counter() - t0
    status, raw = client.request("GET", f"/api/v1/batches/{batch['id']}?per_page=1", None, {"X-API-Key": key})
    client.close()
    reply = json.loads(raw) if status == 200 else {}
    if reply.get("status") != "done":
        raise RuntimeError(f"batch not done after {limit_s:.0f}s: {finished}/{batch['total']}")
    return {
        "concurrency": concurrency,
        "files": len(files),
        "total": batch["total"],
        "loadavg_1m_end": os.getloadavg()[0],
        "failed": reply["progress"]["failed"],
        "wall_s": wall,
        "post_s": accepted,
        "worker_rss_start_mb": rss_start,
        "worker_rss_end_mb": rss_of(stack.worker_pids()),
        "web_rss_mb": rss_of(stack.web_pids()),
    }


# --------------------------------------------------------------------------- the run


def run(
    quick: bool, json_path: Path | None = None, corpus_seed: int = 7, progress: Callable[[str], None] = log
) -> dict[str, Any]:
    import corpus as corpus_mod  # bench/corpus.py

    cfg = QUICK if quick else FULL
    started = time.perf_counter()
    results: dict[str, Any] = {
        "mode": "quick" if quick else "full",
        "config": cfg,
        "machine": {
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "load_at_start": os.getloadavg(),
        },
    }
    progress(f"corpus: {cfg['corpus']} resumes")
    corpus = corpus_mod.generate(cfg["corpus"], corpus_seed)
    results["corpus"] = _describe(corpus)
    pdfs = [r.path for r in corpus if r.file_type == "pdf"][: cfg["extract_files"]]
    sample = [r.path for r in corpus][: cfg["stack_resumes"]]

    progress(f"extraction: {len(pdfs)} PDFs x {cfg['extract_rounds']} rounds, interleaved")
    results["extraction"] = extraction_phase(pdfs, cfg["extract_rounds"])
    results["reading_order"] = reading_order_phase()
    sample_text = _extract_text_times([p for p in sample if p.suffix == ".pdf"], results["extraction"])

    progress(f"memory: {cfg['memory_resumes']} resumes through the pipeline in a fresh process")
    with tempfile.TemporaryDirectory() as tmp:
        mem_dir = Path(tmp)
        for r in corpus[:200]:
            (mem_dir / r.path.name).symlink_to(r.path)
        results["memory_inprocess"] = memory_phase(mem_dir, cfg["memory_resumes"])

    upload = corpus_mod.upload_pdf()
    with tempfile.TemporaryDirectory(prefix="rolefit-bench-") as tmp:
        progress("stack: Valkey, gunicorn")
        stack = Stack(Path(tmp))
        try:
            limit = max(60.0, cfg["deadline_s"])
            calibration = [r.path for r in corpus][:30]
            results["machine_ceiling_before"] = machine_ceiling(calibration)
            progress(f"throughput: {len(sample)} resumes, pre-filled queue, --concurrency 1")
            results["stack_c1"] = throughput_phase(stack, sample, 1, limit)
            progress(f"throughput: {len(sample)} resumes, pre-filled queue, --concurrency 2")
            results["stack_c2"] = throughput_phase(stack, sample, 2, limit)
            progress(f"uploads: {cfg['upload_rounds']} x {cfg['uploads_per_round']} at {CLIENTS} clients")
            results["upload"] = upload_phase(
                stack, upload, cfg["upload_rounds"], cfg["uploads_per_round"], limit
            )
            batch_files = [r.path for r in corpus][: cfg["batch"]]
            progress(f"batch: {len(batch_files)} files, 2 worker processes")
            results["batch_c2"] = batch_phase(stack, batch_files, 2, limit)
            progress(f"batch: {len(batch_files)} files, 1 worker process")
            results["batch_c1"] = batch_phase(stack, batch_files, 1, limit)
            results["machine_ceiling_after"] = machine_ceiling(calibration)
        finally:
            stack.stop()
    results["seconds"] = time.perf_counter() - started
    results["figures"] = [vars(f) for f in figures(results, sample_text)]
    OUT.mkdir(parents=True, exist_ok=True)
    path = json_path or OUT / f"bench-{results['mode']}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(results, indent=1, default=str))
    results["json_path"] = str(path)
    return results


def _describe(corpus: list) -> dict[str, Any]:
    kinds: dict[str, int] = {}
    for r in corpus:
        kinds[r.file_type] = kinds.get(r.file_type, 0) + 1
    pages: dict[str, int] = {}
    for r in corpus:
        if r.file_type == "pdf":
            pages[f"{r.pages}p"] = pages.get(f"{r.pages}p", 0) + 1
    layouts: dict[str, int] = {}
    for r in corpus:
        layouts[r.layout] = layouts.get(r.layout, 0) + 1
    return {
        "resumes": len(corpus),
        "types": kinds,
        "pdf_pages": pages,
        "layouts": layouts,
        "bytes": sum(r.path.stat().st_size for r in corpus),
    }


def _extract_text_times(pdfs: list[Path], extraction: dict[str, Any]) -> dict[str, float]:
    """extract_text time of each PDF of the stack sample (from phase 1 where it was timed there)."""
    from pdfminer.high_level import extract_text

    known = extraction["extract_text_ms_by_file"]
    times = {}
    for path in pdfs:
        if path.name in known:
            times[path.name] = known[path.name]
            continue
        data = path.read_bytes()
        start = time.perf_counter()
        extract_text(io.BytesIO(data))
        times[path.name] = 1000 * (time.perf_counter() - start)
    return times


def figures(r: dict[str, Any], sample_text: dict[str, float]) -> list[Figure]:
    out: list[Figure] = []
    c1, c2 = r["stack_c1"], r["stack_c2"]
    n = c1["resumes"]
    sums = c1["stage_sums_s"]
    per = {k: 1000 * v / n for k, v in sums.items()}
    wall_ms = 1000 * c1["wall_s"] / n
    extract_ms = per.get("extract", 0.0)
    beyond_ms = wall_ms - extract_ms
    in_task_other = per.get("total", 0.0) - sum(per.get(k, 0.0) for k in ("extract", "parse", "tag", "score"))
    parts = {
        "parse_ms": per.get("parse", 0.0),
        "tag_ms": per.get("tag", 0.0),
        "score_ms": per.get("score", 0.0),
        "report_and_redis_in_task_ms": in_task_other,
        "celery_and_redis_outside_task_ms": wall_ms - per.get("total", 0.0),
    }
    ratio = beyond_ms / extract_ms if extract_ms else float("inf")
    text_ms = statistics.fmean(sample_text.values()) if sample_text else 0.0
    out.append(
        Figure(
            "cost beyond extraction (worker, --concurrency 1, per resume)",
            f"{100 * ratio:.1f} % ({beyond_ms:.1f} ms over {extract_ms:.1f} ms extraction)",
            "<= 15 %",
            ratio <= 0.15,
            {
                "wall_ms_per_resume": wall_ms,
                "extract_ms": extract_ms,
                **parts,
                "vs_plain_extract_text": beyond_ms / text_ms if text_ms else None,
                "plain_extract_text_ms_mean_of_sample_pdfs": text_ms,
            },
        )
    )
    ceiling = [r[k]["speedup"] for k in ("machine_ceiling_before", "machine_ceiling_after") if k in r]
    if ceiling:
        out.append(
            Figure(
                "machine now: in-process pipeline, 2 processes vs 1 (before / after the stack phases)",
                " / ".join(f"{c:.2f}x" for c in ceiling),
                "(reference: 2.0x on 2 idle cores)",
                None,
            )
        )
    speed = c2["per_s"] / c1["per_s"]
    out.append(
        Figure(
            "two worker processes vs one (pre-filled queue, same resumes)",
            f"{speed:.2f}x ({c1['per_s']:.1f} -> {c2['per_s']:.1f} resumes/s)",
            ">= 1.7x",
            speed >= 1.7,
            {"of_machine_ceiling": speed / min(ceiling) if ceiling else None},
        )
    )
    ex, ro = r["extraction"], r["reading_order"]
    order_ok = (
        ro["extract"]["mixed"] <= ro["extract_text"]["mixed"]
        and ro["extract"]["splits"] <= ro["extract_text"]["splits"]
    )
    out.append(
        Figure(
            "extraction vs plain extract_text (default settings)",
            f"{ex['speedup']:.2f}x ({ex['extract_text_ms']:.1f} -> {ex['extract_ms']:.1f} ms/PDF)",
            ">= 1.3x (stretch)",
            ex["speedup"] >= 1.3,
        )
    )
    out.append(
        Figure(
            "skill tagging per resume (median of each resume's best round, in-process)",
            f"{ex['tag_median_ms']:.1f} ms",
            "<= 5 ms",
            ex["tag_median_ms"] <= 5.0,
        )
    )
    out.append(
        Figure(
            "reading order on two-column eval PDFs (mixed lines / split sections)",
            f"{ro['extract']['mixed']}/{ro['extract']['splits']} vs extract_text "
            f"{ro['extract_text']['mixed']}/{ro['extract_text']['splits']}",
            "as good or better",
            order_ok,
        )
    )
    up = r["upload"]
    out.append(
        Figure(
            f"upload p50 / p99, {up['pdf_bytes'] // 1024} KB PDF, {up['clients']} clients",
            f"{up['p50_ms']:.1f} / {up['p99_ms']:.1f} ms ({up['uploads']} uploads, {up['errors']} errors)",
            "p99 <= 50 ms",
            up["p99_ms"] <= 50 and not up["errors"],
        )
    )
    accept = up["per_s"] / c2["per_s"]
    out.append(
        Figure(
            "web accepts vs workers process (2 worker processes)",
            f"{accept:.0f}x ({up['per_s']:.0f} uploads/s vs {c2['per_s']:.1f} resumes/s)",
            ">= 20x",
            accept >= 20,
        )
    )
    mem = r["memory_inprocess"]
    grew = mem["rss_end_mb"] - mem["rss_after_warmup_mb"]
    flat = grew <= 0.05 * mem["rss_after_warmup_mb"]
    out.append(
        Figure(
            f"worker-like process memory, {mem['resumes']} resumes in-process",
            f"{mem['rss_start_mb']:.0f} / {mem['rss_after_warmup_mb']:.0f} / {mem['rss_end_mb']:.0f} MB "
            f"(start/warm/end), slope {mem['slope_mb_per_1000']:+.2f} MB/1k",
            "<= 250 MB, flat (end within 5 % of warm)",
            mem["rss_max_mb"] <= 250 and flat,
        )
    )
    worker_end = max(
        [
            *c1["worker_rss_end_mb"],
            *c2["worker_rss_end_mb"],
            *r["batch_c1"]["worker_rss_end_mb"],
            *r["batch_c2"]["worker_rss_end_mb"],
        ],
        default=0.0,
    )
    stack_resumes = c1["resumes"] + c2["resumes"] + r["batch_c1"]["total"] + r["batch_c2"]["total"]
    out.append(
        Figure(
            "Celery worker child RSS, real stack (max at end of any phase)",
            f"{worker_end:.0f} MB (after {stack_resumes} resumes over 4 worker starts)",
            "<= 250 MB",
            worker_end <= 250,
        )
    )
    web_start, web_end = up["web_rss_total_start_mb"], up["web_rss_total_end_mb"]
    web_flat = up["web_slope_mb_per_1000"] <= 1.0
    out.append(
        Figure(
            f"gunicorn workers RSS (sum of 2) across {up['uploads']} uploads",
            f"{web_start:.0f} -> {web_end:.0f} MB, slope {up['web_slope_mb_per_1000']:+.2f} MB/1k "
            f"after the first round",
            "flat (<= 1 MB per 1k uploads)",
            web_flat,
        )
    )
    b1, b2 = r["batch_c1"], r["batch_c2"]
    median_text = r["extraction"]["extract_text_median_ms"] / 1000
    floor_s = 1.2 * b2["total"] * median_text / 2
    out.append(
        Figure(
            f"batch of {b2['total']} through the service, 2 worker processes",
            f"{b2['wall_s']:.1f} s = {b2['wall_s'] / floor_s:.2f} of the floor "
            f"(floor {floor_s:.1f} s = 1.2 x {b2['total']} x {1000 * median_text:.0f} ms / 2)",
            "<= 1.00 of the floor",
            b2["wall_s"] <= floor_s,
        )
    )
    bspeed = b1["wall_s"] / b2["wall_s"]
    out.append(
        Figure(
            "batch two-worker speed-up",
            f"{bspeed:.2f}x ({b1['wall_s']:.1f} s -> {b2['wall_s']:.1f} s)",
            ">= 1.7x",
            bspeed >= 1.7,
        )
    )
    return out


def table(figs: list[dict[str, Any]]) -> str:
    rows = [("figure", "measured", "floor", "holds?")]
    for f in figs:
        rows.append(
            (
                f["name"],
                f["measured"],
                f["floor"],
                "-" if f["holds"] is None else ("yes" if f["holds"] else "NO"),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Rolefit benchmark: the figures of DESIGN.md in one run.")
    parser.add_argument("--quick", action="store_true", help="a smoke run (under 2 minutes)")
    parser.add_argument(
        "--json", type=Path, default=None, help="where to write the JSON (default bench/out/)"
    )
    parser.add_argument("--memory-child", nargs=3, metavar=("DIR", "COUNT", "EVERY"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_child:
        return memory_child(Path(args.memory_child[0]), int(args.memory_child[1]), int(args.memory_child[2]))
    gc.collect()
    results = run(args.quick, args.json)
    print(table(results["figures"]))
    print(
        f"\n{results['mode']} run, {results['seconds']:.0f} s, corpus {results['corpus']['resumes']} resumes "
        f"{results['corpus']['types']}; JSON: {results['json_path']}"
    )
    return 0 if all(f["holds"] is not False for f in results["figures"]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
