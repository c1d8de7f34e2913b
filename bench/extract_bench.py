"""Time worker.extract.extract against pdfminer's default extract_text on the eval PDFs.

    python bench/extract_bench.py [--rounds 7] [DIR]

Both run interleaved, file by file, in several rounds, in one process; the figure to quote is
the ratio of their median round times (above 1.0: extract() is faster).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pdfminer.high_level import extract_text

from worker.extract import extract


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT.parent / "shared" / "eval" / "resumes"))
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    files = sorted(Path(args.folder).glob("*.pdf"))
    datas = [f.read_bytes() for f in files]
    for data in datas:  # warm imports and caches for both
        extract_text(io.BytesIO(data))
        extract(data)
    ours: list[float] = []
    theirs: list[float] = []
    for round_no in range(args.rounds):
        t_ours = t_theirs = 0.0
        for i, data in enumerate(datas):
            first_ours = (round_no + i) % 2 == 0
            for which in (0, 1) if first_ours else (1, 0):
                start = time.perf_counter()
                if which == 0:
                    extract(data)
                else:
                    extract_text(io.BytesIO(data))
                elapsed = time.perf_counter() - start
                if which == 0:
                    t_ours += elapsed
                else:
                    t_theirs += elapsed
        ours.append(t_ours)
        theirs.append(t_theirs)
    mo, mt = statistics.median(ours), statistics.median(theirs)
    n = len(datas)
    print(f"{n} PDFs x {args.rounds} rounds (interleaved)")
    print(f"pdfminer extract_text : {1000 * mt / n:6.1f} ms/file (median round {mt:.3f} s)")
    print(f"worker.extract.extract: {1000 * mo / n:6.1f} ms/file (median round {mo:.3f} s)")
    print(
        f"speed-up: {mt / mo:.2f}x  (per-round ratios {min(t / o for t, o in zip(theirs, ours)):.2f}"
        f"..{max(t / o for t, o in zip(theirs, ours)):.2f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
