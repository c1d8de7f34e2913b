"""A generated benchmark corpus: varied resumes rendered from ../shared/eval/src/*.json.

    python bench/corpus.py [--count 200] [--seed 7] [--out bench/out/corpus-200-7]

Each resume takes one eval source and changes it: another name, e-mail and phone, other
employers, dates shifted by a few years, a random subset of bullets (so of skills), extra older
positions borrowed from other sources to reach 1–3 pages, and a layout (single column, two columns,
with or without a skills table) and a font. About 80 % are PDF, 12 % DOCX and 8 % TXT. The renderers
are the eval set's own (`make_eval.py`, reportlab and python-docx), so the files look like the ones
the tests use, but no two are alike. Output is deterministic for a seed.

`upload_pdf()` makes the ~200 KB PDF of the upload test: a two-page resume with a photo-like
embedded image (noise, so it does not compress away).
"""

from __future__ import annotations

import copy
import importlib.util
import io
import json
import random
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
OUT = ROOT / "bench" / "out"

FIRST = [
    "Ana",
    "Bilal",
    "Chen",
    "Dara",
    "Elif",
    "Farah",
    "Goran",
    "Hana",
    "Ivo",
    "Jonas",
    "Kenji",
    "Lena",
    "Marta",
    "Nadia",
    "Omar",
    "Priya",
    "Quentin",
    "Rosa",
    "Sven",
    "Tariq",
    "Uma",
    "Viktor",
    "Wen",
    "Yara",
]
LAST = [
    "Alvarez",
    "Brandt",
    "Castillo",
    "Dimitrov",
    "Eriksen",
    "Fischer",
    "Gupta",
    "Haddad",
    "Ito",
    "Jensen",
    "Kowalski",
    "Larsen",
    "Moreau",
    "Novak",
    "Okafor",
    "Petrov",
    "Quinn",
    "Rossi",
    "Sato",
    "Tanaka",
    "Ueda",
    "Varga",
    "Weber",
    "Zhou",
]
COMPANIES = [
    "Harbor Analytics",
    "Bluepine Systems",
    "Cobalt Retail Group",
    "Northgate Insurance",
    "Lumen Health",
    "Quarry Labs",
    "Tidewater Logistics",
    "Verdant Energy",
    "Orbital Media",
    "Kestrel Payments",
    "Maple Street Bank",
    "Solstice Games",
    "Ironwood Manufacturing",
    "Brightline Telecom",
    "Cedar Education",
    "Redwood Mobility",
]
CITIES = [
    "Austin, TX",
    "Denver, CO",
    "Toronto, ON",
    "Seattle, WA",
    "Boston, MA",
    "Chicago, IL",
    "Raleigh, NC",
    "Portland, OR",
]
LAYOUTS = ["single", "single", "single-table", "two-column", "two-column-table"]
_YEAR = re.compile(r"\b(19[6-9]\d|20[0-2]\d)\b")


@dataclass(frozen=True)
class Resume:
    path: Path
    file_type: str
    layout: str
    pages: int


def _make_eval():
    """The eval set's renderers (reportlab, python-docx), imported from ../shared/eval/make_eval.py."""
    spec = importlib.util.spec_from_file_location("rolefit_make_eval", EVAL / "make_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("rolefit_make_eval", module)
    spec.loader.exec_module(module)
    return module


def sources() -> list[dict]:
    """The eval sources that describe a resume (bad-file sources have no sections)."""
    out = []
    for path in sorted((EVAL / "src").glob("*.json")):
        src = json.loads(path.read_text(encoding="utf-8"))
        if src.get("sections"):
            out.append(src)
    return out


def _experience(src: dict) -> list[dict]:
    for section in src["sections"]:
        if section["heading"].lower().startswith(("experience", "work", "professional", "employment")):
            return section.setdefault("items", [])
    return []


def variant(src: dict, pool: list[dict], rng: random.Random, pages: int) -> dict:
    """One new resume from a source: new person, employers, dates, bullet subset, extra positions."""
    r = copy.deepcopy(src)
    first, last = rng.choice(FIRST), rng.choice(LAST)
    r["name"] = f"{first} {last}"
    r["email"] = f"{first.lower()}.{last.lower()}{rng.randint(1, 99)}@example.com"
    r["phone"] = f"555-{rng.randint(200, 999)}-{rng.randint(1000, 9999)}"
    r["city"] = rng.choice(CITIES)
    r["links"] = [f"https://github.com/{first.lower()}{last.lower()}"][: rng.randint(0, 1)]
    shift = rng.randint(0, 3)
    for section in r["sections"]:
        for item in section.get("items", []):
            if item.get("org") and section["heading"].lower().startswith(
                ("experience", "work", "professional")
            ):
                item["org"] = f"{rng.choice(COMPANIES)}, {rng.choice(CITIES)}"
            if item.get("dates"):
                item["dates"] = _YEAR.sub(lambda m: str(int(m.group()) - shift), item["dates"])
            bullets = item.get("bullets", [])
            if len(bullets) > 2 and pages == 1:
                keep = sorted(
                    rng.sample(range(len(bullets)), max(2, int(len(bullets) * rng.uniform(0.5, 1))))
                )
                item["bullets"] = [bullets[i] for i in keep]
    experience = _experience(r)
    if experience and pages > 1:
        extra = 3 if pages == 2 else 8
        oldest = min((int(y) for i in experience for y in _YEAR.findall(i.get("dates", ""))), default=2015)
        for k in range(extra):
            donor = rng.choice(pool)
            items = [i for i in _experience(copy.deepcopy(donor)) if i.get("bullets")]
            if not items:
                continue
            item = rng.choice(items)
            end = oldest - 1 - 2 * k
            item["org"] = f"{rng.choice(COMPANIES)}, {rng.choice(CITIES)}"
            item["dates"] = f"Jan {end - 2} – Dec {end}"
            item["bullets"] = rng.sample(item["bullets"], min(len(item["bullets"]), rng.randint(2, 5)))
            experience.append(item)
    r["hidden_text"] = src.get("hidden_text") if rng.random() < 0.3 else None
    return r


def _page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def generate(count: int, seed: int = 7, out: Path | None = None) -> list[Resume]:
    """Render `count` varied resumes into `out` (reused when already complete); deterministic."""
    out = out or OUT / f"corpus-{count}-{seed}"
    manifest = out / "manifest.json"
    if manifest.exists():
        entries = json.loads(manifest.read_text())
        return [Resume(out / e["file"], e["type"], e["layout"], e["pages"]) for e in entries]
    make_eval = _make_eval()
    pool = sources()
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    entries = []
    for n in range(count):
        src = pool[n % len(pool)]
        pages = rng.choices([1, 2, 3], weights=[5, 4, 1])[0]
        r = variant(src, pool, rng, pages)
        roll = rng.random()
        file_type = "pdf" if roll < 0.8 else "docx" if roll < 0.92 else "txt"
        layout = rng.choice(LAYOUTS) if file_type == "pdf" else "single"
        r["layout"] = layout
        stem = f"{n:05d}-{r['name'].lower().replace(' ', '-')}"
        path = out / f"{stem}.{file_type}"
        if file_type == "pdf":
            make_eval.render_pdf(r, path, seed=rng.randint(0, 2))
            pages = _page_count(path.read_bytes())
        elif file_type == "docx":
            make_eval.render_docx(r, path)
        else:
            make_eval.render_txt(r, path)
        entries.append({"file": path.name, "type": file_type, "layout": layout, "pages": pages})
    manifest.write_text(json.dumps(entries, indent=1))
    return [Resume(out / e["file"], e["type"], e["layout"], e["pages"]) for e in entries]


def upload_pdf(target_bytes: int = 200 * 1024, seed: int = 11) -> bytes:
    """A two-page resume PDF of about `target_bytes`, most of it one embedded noise 'photo'."""
    from PIL import Image
    from reportlab.lib.units import inch
    from reportlab.lib.utils import ImageReader

    make_eval = _make_eval()
    rng = random.Random(seed)
    r = variant(sources()[6], sources(), rng, pages=2)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.pdf"
        make_eval.render_pdf(r, base, seed=0)
        text_bytes = len(base.read_bytes())
    side = max(32, int(((target_bytes - text_bytes) / 3) ** 0.5))
    st = make_eval.styles(0)
    data = b""
    for _ in range(4):  # JPEG size is not linear in the side: adjust until within 5 %
        image = Image.frombytes("RGB", (side, side), random.Random(seed).randbytes(side * side * 3))
        buf = io.BytesIO()
        image.save(buf, format="JPEG", quality=90)
        reader = ImageReader(io.BytesIO(buf.getvalue()))

        def photo(canv, _doc, reader=reader):
            if canv.getPageNumber() == 1:
                canv.drawImage(reader, 6.9 * inch, 9.9 * inch, width=0.9 * inch, height=0.9 * inch)

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "upload.pdf"
            doc = make_eval.SimpleDocTemplate(
                str(path),
                pagesize=make_eval.LETTER,
                invariant=1,
                leftMargin=0.8 * inch,
                rightMargin=0.8 * inch,
            )
            story = make_eval.header_flowables(r, st)
            for s in r["sections"]:
                story += make_eval.section_flowables(s, st, "•", False)
            doc.build(story, onFirstPage=photo, onLaterPages=lambda c, d: None)
            data = path.read_bytes()
        if abs(len(data) - target_bytes) <= 0.05 * target_bytes:
            break
        side = max(32, int(side * ((target_bytes - text_bytes) / max(1, len(data) - text_bytes)) ** 0.5))
    return data


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    corpus = generate(args.count, args.seed, args.out)
    kinds: dict[str, int] = {}
    for r in corpus:
        key = f"{r.file_type}/{r.layout}/{r.pages}p" if r.file_type == "pdf" else r.file_type
        kinds[key] = kinds.get(key, 0) + 1
    print(f"{len(corpus)} resumes in {corpus[0].path.parent}")
    for key, n in sorted(kinds.items()):
        print(f"  {key:28} {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
