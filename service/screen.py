"""`rolefit screen`: rank a folder or .zip of resumes against a role, in-process or via the service."""

from __future__ import annotations

import hashlib
import os
import time
import zipfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from models.shortlist import Query, candidate_summary, failure_summary, rank, to_csv
from service.formatting import years_text

RESUME_SUFFIXES = {".pdf", ".docx", ".txt", ".md", ".markdown", ".html", ".htm"}


def iter_inputs(source: Path, skipped: list[str] | None = None) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) for every resume in a folder (recursively) or a .zip archive; the folder's other
    files are appended to `skipped` (relative paths) so the caller can list them."""
    if source.is_dir():
        for path in sorted(source.rglob("*")):
            if not path.is_file():
                continue
            if path.suffix.lower() in RESUME_SUFFIXES:
                yield path.name, path.read_bytes()
            elif skipped is not None:
                skipped.append(str(path.relative_to(source)))
        return
    if zipfile.is_zipfile(source):
        from service.archives import ZipLimits, read_zip

        yield from read_zip(source.read_bytes(), ZipLimits()).files
        return
    yield source.name, source.read_bytes()


def _analyze_one(
    name: str, data: bytes, role_id: str | None, extra_roles: list, as_of: date | None = None
) -> dict[str, Any]:
    from common.errors import ResumeError
    from worker.pipeline import analyze

    try:
        report = analyze(data, name, extra_roles=extra_roles, as_of=as_of).report
    except ResumeError as error:
        return failure_summary(error.code, error.message, file_name=name)
    return candidate_summary(report, role_id, file_name=name)


def screen_in_process(
    source: Path,
    role_id: str | None,
    extra_roles: list,
    *,
    workers: int,
    console: Console,
    as_of: date | None = None,
    skipped: list[str] | None = None,
) -> list[tuple[str, dict[str, Any]]]:
    """Analyse every resume with a pool of processes; rows keyed by a digest of the file."""
    inputs = list(iter_inputs(source, skipped))
    seen: dict[str, str] = {}
    rows: list[tuple[str, dict[str, Any]]] = []
    with _progress(console) as progress, ProcessPoolExecutor(max_workers=workers) as pool:
        task = progress.add_task("screening", total=len(inputs))
        futures = {}
        for name, data in inputs:
            digest = hashlib.sha256(data).hexdigest()[:22]
            if digest in seen:  # identical files are processed once
                progress.advance(task)
                continue
            seen[digest] = name
            futures[pool.submit(_analyze_one, name, data, role_id, extra_roles, as_of)] = digest
        for future in as_completed(futures):
            rows.append((futures[future], future.result()))
            progress.advance(task)
    return rows


def screen_via_service(
    source: Path,
    role: str | None,
    base_url: str,
    query: Query,
    *,
    console: Console,
    api_key: str | None = None,
    as_of: date | None = None,
    skipped: list[str] | None = None,
) -> dict[str, Any]:
    """Send the batch to a running service, follow its progress, return its filtered shortlist."""
    import requests

    headers = {"X-API-Key": api_key} if api_key else {}
    if source.is_file() and zipfile.is_zipfile(source):
        files = [("files", (source.name, source.read_bytes()))]
    else:
        files = [("files", (name, data)) for name, data in iter_inputs(source, skipped)]
    form = {"role": role} if role else {}
    if as_of is not None:
        form["as_of"] = as_of.isoformat()
    response = requests.post(
        f"{base_url}/api/v1/batches", files=files, data=form, headers=headers, timeout=600
    )
    if response.status_code != 202:
        raise RuntimeError(f"the service refused the batch: {response.status_code} {response.text[:300]}")
    batch = response.json()
    with _progress(console) as progress:
        task = progress.add_task("screening", total=batch["total"])
        while True:
            state = requests.get(
                f"{base_url}/api/v1/batches/{batch['id']}",
                params={"per_page": 1},
                headers=headers,
                timeout=60,
            ).json()
            progress.update(task, completed=state["progress"]["finished"])
            if state["status"] == "done":
                break
            time.sleep(0.5)
    params: dict[str, Any] = {
        "format": "json",
        "sort": query.sort,
        "order": "desc" if query.descending else "asc",
        "blind": str(query.blind).lower(),
    }
    if query.min_score is not None:
        params["min_score"] = query.min_score
    if query.must:
        params["must"] = ",".join(query.must)
    if query.levels:
        params["level"] = ",".join(map(str, query.levels))
    listing = requests.get(
        f"{base_url}/api/v1/batches/{batch['id']}/export", params=params, headers=headers, timeout=120
    ).json()
    return {
        "matching": len(listing["candidates"]),
        "candidates": listing["candidates"],
        "failures": listing["failures"],
    }


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


def print_table(listing: dict[str, Any], console: Console, *, limit: int) -> None:
    table = Table(title=f"Ranked candidates ({listing['matching']} matching)")
    score_header = (listing.get("score_column") or {}).get("header", "score")
    for column in ("#", "candidate", score_header, "level", "years", "top matched", "missing", "file"):
        table.add_column(column)
    for row in listing["candidates"][:limit]:
        table.add_row(
            str(row["rank"]),
            row.get("name") or row["candidate"],
            f"{row['score']:.1f}",
            str(row.get("ladder_level")),
            years_text(row.get("years")),
            ", ".join(row.get("matched", [])[:4]),
            ", ".join(row.get("missing", [])[:3]),
            row.get("file", ""),
        )
    console.print(table)
    for failure in listing["failures"]:
        console.print(
            f"[red]failed[/red] {failure.get('file', failure['candidate'])}: "
            f"{failure['error']['code']} — {failure['error']['message']}"
        )


def run_screen(
    source: Path,
    *,
    role: str | None,
    extra_roles: list,
    csv_path: Path | None,
    server: str | None,
    query: Query,
    limit: int,
    api_key: str | None = None,
    as_of: date | None = None,
) -> int:
    console = Console(stderr=False)
    skipped: list[str] = []
    if server:
        everything = screen_via_service(
            source,
            role,
            server.rstrip("/"),
            query,
            console=console,
            api_key=api_key,
            as_of=as_of,
            skipped=skipped,
        )
    else:
        role_id = extra_roles[0].id if extra_roles else role
        rows = screen_in_process(
            source,
            role_id,
            extra_roles,
            workers=os.cpu_count() or 1,
            console=console,
            as_of=as_of,
            skipped=skipped,
        )
        batch_id = hashlib.sha256(str(source.resolve()).encode()).hexdigest()[:16]
        everything = rank(rows, Query(**{**query.__dict__, "page": 1, "per_page": 10**6}), batch_id=batch_id)
    print_table(everything, console, limit=limit)
    for name in skipped:
        console.print(
            f"[yellow]skipped[/yellow] {name}: not a PDF, DOCX, Markdown, HTML or text file",
            markup=True,
            highlight=False,
        )
    if csv_path:
        table = to_csv(everything["candidates"], blind=query.blind, failures=everything["failures"])
        csv_path.write_text(table, encoding="utf-8")
        failed = f" and {len(everything['failures'])} failed file(s)" if everything["failures"] else ""
        console.print(f"wrote {len(everything['candidates'])} ranked rows{failed} to {csv_path}")
    return 0
