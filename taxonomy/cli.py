"""`rolefit taxonomy build [DOCS...] [--extra FILE] [--out PATH]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from taxonomy.build import BuildError, build_taxonomy, default_documents, write_artifact
from taxonomy.lexicon import LexiconError
from taxonomy.tagger import ARTIFACT_PATH


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="rolefit taxonomy build", description="Build the skills taxonomy from role documents."
    )
    p.add_argument("docs", nargs="*", type=Path, help="role documents (default: ../shared/seeds/*.txt)")
    p.add_argument(
        "--extra",
        action="append",
        type=Path,
        default=[],
        metavar="FILE",
        help="your own skills/aliases (JSON or YAML, see taxonomy/README.md); repeatable",
    )
    p.add_argument(
        "--out", type=Path, default=ARTIFACT_PATH, help=f"artifact path (default: {ARTIFACT_PATH})"
    )
    return p


def build_command(argv: list[str] | None = None) -> int:
    """Entry point for the console script; returns the exit status."""
    args = parser().parse_args(argv)
    try:
        docs = args.docs or default_documents()
        missing = [str(p) for p in [*docs, *args.extra] if not p.exists()]
        if missing:
            raise BuildError(f"not found: {', '.join(missing)}")
        taxonomy = build_taxonomy(docs, extra_paths=args.extra)
        version = write_artifact(taxonomy, args.out)
    except (BuildError, LexiconError, OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    roles = taxonomy["roles"]
    print(
        f"wrote {args.out} version={version} skills={len(taxonomy['skills'])} "
        f"patterns={len(taxonomy['patterns'])} roles={len(roles)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(build_command())
