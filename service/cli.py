"""The `rolefit` command: run the stack, analyse files in-process, rebuild the taxonomy."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

import click

from models.report import Report


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Rolefit: match resumes to role levels and job descriptions."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--concurrency", default=os.cpu_count() or 1, show_default="CPU count", type=int, help="Worker processes."
)
@click.option("--web-workers", default=2, show_default=True, type=int)
def up(host: str, port: int, concurrency: int, web_workers: int) -> None:
    """Start Valkey (unless REDIS_URL is set), a Celery worker and the web server; Ctrl-C stops all."""
    from service.devstack import run_stack

    sys.exit(run_stack(host=host, port=port, concurrency=concurrency, web_workers=web_workers))


def as_of_option(value: str | None) -> date | None:
    """--as-of YYYY-MM-DD or YYYY-MM, checked before any file is read."""
    if not value:
        return None
    from common.as_of import parse_as_of

    try:
        return parse_as_of(value)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--as-of") from None


as_of_flag = click.option(
    "--as-of",
    "as_of",
    default=None,
    callback=lambda _c, _p, v: as_of_option(v),
    metavar="YYYY-MM[-DD]",
    help='The date "Present" means in the resumes (default: each file\'s own date).',
)


def load_role_option(value: str | None) -> list:
    """`--role` is a seed role id or a job-description file (TXT, PDF or DOCX)."""
    if not value:
        return []
    from models.roles import load_roles

    if any(r.id == value for r in load_roles()):
        return []
    path = Path(value)
    if not path.is_file():
        raise click.BadParameter(f"{value!r} is neither a role id nor a readable file", param_hint="--role")
    from common.errors import ResumeError
    from worker.extract import extract
    from worker.roles import build_role_profile

    try:
        text = extract(path.read_bytes(), filename=path.name).text
    except ResumeError as error:
        raise click.BadParameter(f"{path}: {error.message}", param_hint="--role") from None
    # titled from its own text (its "Title:" or first line), not from the file's name
    return [build_role_profile(text, title=None, role_id="custom")]


@main.command()
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--role", "role", default=None, help="A role id, or a job-description file to score against too."
)
@click.option("--json", "as_json", is_flag=True, help="One JSON line per file.")
@as_of_flag
def analyze(paths: tuple[Path, ...], role: str | None, as_json: bool, as_of: date | None) -> None:
    """Analyse resumes in-process (no Redis needed) and print one report per file."""
    from common.errors import ResumeError
    from common.settings import Settings
    from worker.jobs import limits_of
    from worker.pipeline import analyze as run_pipeline

    extra_roles = load_role_option(role)
    chosen = extra_roles[0].id if extra_roles else role  # a seed role id, or the job description's role
    limits = limits_of(Settings.from_env())
    failed = 0
    for path in paths:
        try:
            report = run_pipeline(
                path.read_bytes(), path.name, extra_roles=extra_roles, limits=limits, as_of=as_of
            ).report
        except ResumeError as error:
            failed += 1
            outcome = {"file": str(path), "error": {"code": error.code, "message": error.message}}
            click.echo(json.dumps(outcome) if as_json else f"{path}: FAILED {error.code}: {error.message}")
            continue
        click.echo(json.dumps(report, ensure_ascii=False) if as_json else summarize(path, report, chosen))
    sys.exit(1 if failed else 0)


def summarize(path: Path, report: Report, chosen: str | None = None) -> str:
    """A few human lines about one report (see `service.cli_report`)."""
    from service.cli_report import human_summary

    return human_summary(str(path), report, chosen=chosen)


@main.command()
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("--role", default=None, help="A role id, or a job-description file to rank against.")
@click.option(
    "--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path), help="Write the shortlist as CSV."
)
@click.option(
    "--server",
    envvar="ROLEFIT_URL",
    default=None,
    help="Base URL of a running service (env ROLEFIT_URL); in-process when not set.",
)
@click.option("--api-key", envvar="ROLEFIT_API_KEY", default=None, help="API key for the service.")
@click.option("--min-score", type=float, default=None)
@click.option("--must", multiple=True, help="A skill every candidate must have (repeatable).")
@click.option("--level", "levels", multiple=True, type=click.IntRange(1, 5), help="Keep these ladder levels.")
@click.option("--blind", is_flag=True, help="Hide names, contact details and file names.")
@click.option("--top", default=25, show_default=True, help="Rows to print.")
@as_of_flag
def screen(
    source: Path,
    role: str | None,
    csv_path: Path | None,
    server: str | None,
    api_key: str | None,
    min_score: float | None,
    must: tuple[str, ...],
    levels: tuple[int, ...],
    blind: bool,
    top: int,
    as_of: date | None,
) -> None:
    """Rank a folder or .zip of resumes against a role, with a progress bar and a table."""
    from models.shortlist import Query
    from service.screen import run_screen

    extra_roles = [] if server else load_role_option(role)
    query = Query(min_score=min_score, must=must, levels=levels, blind=blind)
    sys.exit(
        run_screen(
            source,
            role=role,
            extra_roles=extra_roles,
            csv_path=csv_path,
            server=server,
            query=query,
            limit=top,
            api_key=api_key,
            as_of=as_of,
        )
    )


@main.group()
def keys() -> None:
    """Manage API keys for the recruiter endpoints (stored hashed in the service's Redis).

    The Redis is REDIS_URL when set, else the embedded server of the `rolefit up` running on the
    data folder (ROLEFIT_DATA_DIR, default var/).
    """


def _redis():
    import redis

    from service.keys_cli import find_redis_url

    url = find_redis_url()
    client = redis.Redis.from_url(url, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.RedisError as error:
        where = url.split("@")[-1]  # never print a password
        raise click.ClickException(
            f"cannot reach the key store at {where}: {error}. Is the service running? "
            "Start it with `rolefit up`, or set REDIS_URL to its server."
        ) from None
    return client


@keys.command("create")
@click.argument("name")
@click.option(
    "--operator", is_flag=True, help="An operator key: sees every key's batches and roles, pins roles."
)
def keys_create(name: str, operator: bool) -> None:
    """Create a key and print it once (only its SHA-256 is stored)."""
    from service.auth import create_key

    click.echo(create_key(_redis(), name, operator=operator))


@keys.command("list")
def keys_list() -> None:
    """Every key: name, the start of its hash, when it was made, and whether it is an operator's."""
    from service.auth import list_keys
    from service.keys_cli import key_line

    for entry in list_keys(_redis()):
        click.echo(key_line(entry))


@keys.command("revoke")
@click.argument("name")
def keys_revoke(name: str) -> None:
    from service.auth import revoke_key

    click.echo(f"revoked {revoke_key(_redis(), name)} key(s)")


@keys.command("hash")
def keys_hash() -> None:
    """Read a key on stdin and print the hash to put in ROLEFIT_API_KEYS (comma-separated)."""
    from service.auth import hash_key

    click.echo(hash_key(sys.stdin.readline()))


def _service_options(command):
    """The options of every command that talks to a running service."""
    command = click.option(
        "--server",
        envvar="ROLEFIT_URL",
        default=None,
        help="Base URL of the service (env ROLEFIT_URL); default: the running `rolefit up`.",
    )(command)
    return click.option(
        "--api-key",
        envvar="ROLEFIT_API_KEY",
        default=None,
        help="API key (env ROLEFIT_API_KEY); default: the key `rolefit up` wrote.",
    )(command)


@main.group()
def roles() -> None:
    """Your job descriptions on a running service: list, add, rename, pin (operators), delete."""


@roles.command("list")
@_service_options
@click.option("--mine", is_flag=True, help="Only the roles the key added (not the seed ladder).")
def roles_list(server: str | None, api_key: str | None, mine: bool) -> None:
    """The seed roles and the key's own: id, level, title, and when each expires."""
    from service.roles_cli import checked, find_service, role_line

    body = checked(*find_service(server, api_key).call("GET", "/api/v1/roles"), expect=(200,))
    for role in body["roles"]:
        if not (mine and role.get("seed")):
            click.echo(role_line(role))


@roles.command("add")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--title", default=None, help="The role's name (default: read from the text).")
@_service_options
def roles_add(path: Path, title: str | None, server: str | None, api_key: str | None) -> None:
    """Add a job description (a text file); the same text again gives the same role."""
    from service.roles_cli import checked, find_service, role_line

    body = {"text": path.read_text(encoding="utf-8", errors="replace"), **({"title": title} if title else {})}
    status, role = find_service(server, api_key).call("POST", "/api/v1/roles", body)
    checked(status, role, expect=(200, 201))
    click.echo(("added\t" if status == 201 else "exists\t") + role_line(role))


@roles.command("rename")
@click.argument("role_id")
@click.argument("title")
@_service_options
def roles_rename(role_id: str, title: str, server: str | None, api_key: str | None) -> None:
    """Give a role the key added a new name."""
    from service.roles_cli import checked, find_service, role_line

    service = find_service(server, api_key)
    answer = service.call("PATCH", f"/api/v1/roles/{role_id}", {"title": title})
    click.echo(role_line(checked(*answer, expect=(200,))))


@roles.command("pin")
@click.argument("role_id")
@click.option("--off", is_flag=True, help="Unpin: the role expires with the retention again.")
@_service_options
def roles_pin(role_id: str, off: bool, server: str | None, api_key: str | None) -> None:
    """Keep a role past the retention (needs an operator key)."""
    from service.roles_cli import checked, find_service, role_line

    service = find_service(server, api_key)
    click.echo(
        role_line(
            checked(*service.call("PATCH", f"/api/v1/roles/{role_id}", {"pinned": not off}), expect=(200,))
        )
    )


@roles.command("delete")
@click.argument("role_id")
@_service_options
def roles_delete(role_id: str, server: str | None, api_key: str | None) -> None:
    """Delete a role the key added."""
    from service.roles_cli import checked, find_service

    checked(*find_service(server, api_key).call("DELETE", f"/api/v1/roles/{role_id}"), expect=(204,))
    click.echo(f"deleted {role_id}")


@main.group()
def taxonomy() -> None:
    """Build and inspect the skills taxonomy."""


@taxonomy.command("build", context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.pass_context
def taxonomy_build(ctx: click.Context) -> None:
    """Rebuild the taxonomy from role documents: rolefit taxonomy build [DOCS…] [--extra FILE] [--out PATH]."""
    from taxonomy.cli import build_command

    sys.exit(build_command(list(ctx.args)))


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.option("--quick", is_flag=True, help="A smoke run (under 2 minutes) instead of the full one.")
@click.pass_context
def bench(ctx: click.Context, quick: bool) -> None:
    """Measure DESIGN.md's figures in one run (bench/run.py; needs a checkout and the test extra)."""
    root = Path(__file__).resolve().parents[1]
    script = root / "bench" / "run.py"
    if not script.is_file():
        raise click.UsageError(f"{script} not found: run the benchmark from a source checkout.")
    import runpy

    sys.argv = [str(script), *(["--quick"] if quick else []), *ctx.args]
    runpy.run_path(str(script), run_name="__main__")


@main.command()
@click.option("--concurrency", default=os.cpu_count() or 1, type=int)
def worker(concurrency: int) -> None:
    """Run only a Celery worker (REDIS_URL must be set)."""
    from service.devstack import worker_command

    os.execv(sys.executable, worker_command(concurrency))


if __name__ == "__main__":
    main()
