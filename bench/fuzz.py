"""Mutational fuzzing of `courtdoc clean`: hundreds of damaged PDFs and images, each under a time limit.

Seeds are real files (the first page of each PDF in ../shared/realworld, and
renders of them as PNG and JPEG) and a generated broadsheet page. Each mutant
is the seed's bytes with one to three mutations: flipped bytes, a span
overwritten, deleted, repeated or cut off, or a PDF token swapped for a
hostile one (a huge or negative number, a reference to another object, another
name). Mutants run through the command line in batches; a batch that runs
over its limit is rerun one input at a time, so a hang is pinned on its input.

For every mutant it checks what `courtdoc clean` promises: it finishes within
the limit, exits 0 or 3, refuses a bad input in one stderr line naming it and
never with "internal error", prints nothing on stderr that names no input,
and leaves either the document's complete folder or nothing (no temporary
folder, no manifest without its articles).

The report also times one dense page of 20k and one of 200k characters in the
same run: the ratio of their times, against the tenfold characters.

    python -m bench.fuzz [--count 500] [--seed 0] [--limit 60] [--work DIR] [--json bench/measured/fuzz.json]

With --json the report is kept for bench.run, whose RESULTS.md quotes the last fuzzing run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
# Seconds one input may take: a damaged copy of a one-page seed, OCRed at RENDER_DPI if its
# text layer is gone, takes a few seconds; a minute is a hang.
LIMIT = 60.0
BATCH = 12  # mutants per command line: one interpreter start (and OCR model load) for several inputs
RENDER_DPI = 72  # OCR of mutants whose text layer broke: cheap, still exercises the path
HOSTILE_NUMBERS = [b"-1", b"0", b"-99999", b"1000000000000", b"1e30", b"99999999999999999999", b"0.0000001"]
HOSTILE_NAMES = [b"/Ninety", b"/Pages", b"/Page", b"/FlateDecode", b"/Font", b"null", b"[]", b"<<>>"]
_NUMBER = re.compile(rb"(?<![A-Za-z0-9./#])-?\d+(?:\.\d+)?(?![A-Za-z0-9.])")
_REF = re.compile(rb"\b\d+ 0 R\b")
_NAME = re.compile(rb"/[A-Za-z]+")
ERROR_PREFIX = "courtdoc: error: "


# --- seeds ---------------------------------------------------------------------------------


def seeds(work: Path) -> list[Path]:
    """The files mutants are made from: real first pages, renders of them, a generated page."""
    import pypdfium2 as pdfium

    work.mkdir(parents=True, exist_ok=True)
    out: list[Path] = []
    for pdf in sorted((SHARED / "realworld").rglob("*.pdf")):
        first = work / f"{pdf.stem}-p1.pdf"
        src = pdfium.PdfDocument(str(pdf))
        try:
            one = pdfium.PdfDocument.new()
            one.import_pages(src, [0])
            one.save(str(first))
            one.close()
            page = src[0]
            image = page.render(scale=50 / 72).to_pil().convert("L")
            page.close()
        finally:
            src.close()
        out.append(first)
        if pdf.stem in ("issue-842-example", "small_ocr"):  # a text page and a scan, as photos
            for ext in ("png", "jpg"):
                image.save(work / f"{pdf.stem}.{ext}")
                out.append(work / f"{pdf.stem}.{ext}")
    out.append(_generated_page(work))
    return out


def _generated_page(work: Path) -> Path:
    from bench.generate import generate

    generate(work / "generated", 1, 1, rmrb=False, forms=("text.pdf",), workers=1)
    page = next(p / "text.pdf" for p in sorted((work / "generated").iterdir()) if (p / "text.pdf").exists())
    return Path(shutil.copy(page, work / "generated-page.pdf"))


# --- mutations -----------------------------------------------------------------------------


def _span(data: bytes, rng: random.Random) -> tuple[int, int]:
    start = rng.randrange(len(data))
    return start, min(len(data), start + rng.choice((1, 4, 16, 64, 512, 4096)))


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def overwrite(data: bytes, rng: random.Random) -> bytes:
    a, b = _span(data, rng)
    return data[:a] + rng.randbytes(b - a) + data[b:]


def delete(data: bytes, rng: random.Random) -> bytes:
    a, b = _span(data, rng)
    return data[:a] + data[b:]


def repeat(data: bytes, rng: random.Random) -> bytes:
    a, b = _span(data, rng)
    return data[:b] + data[a:b] * rng.randint(1, 50) + data[b:]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


Mutation = Callable[[bytes, random.Random], bytes]


def _swap_token(pattern: re.Pattern[bytes], choices: Callable[[random.Random, bytes], bytes]) -> Mutation:
    """A mutation that replaces one token matching `pattern` (among the first 20,000) by a choice."""

    def swap(data: bytes, rng: random.Random) -> bytes:
        found = [m.span() for m, _ in zip(pattern.finditer(data), range(20_000))]
        if not found:
            return flip_bytes(data, rng)
        a, b = rng.choice(found)
        return data[:a] + choices(rng, data) + data[b:]

    return swap


def _other_ref(rng: random.Random, data: bytes) -> bytes:
    refs = _REF.findall(data[:200_000])
    return rng.choice(refs) if refs else b"1 0 R"


swap_number = _swap_token(_NUMBER, lambda rng, _: rng.choice(HOSTILE_NUMBERS))
swap_ref = _swap_token(_REF, _other_ref)
swap_name = _swap_token(_NAME, lambda rng, _: rng.choice(HOSTILE_NAMES))

GENERIC = [flip_bytes, overwrite, delete, repeat, truncate]
PDF_AWARE = [swap_number, swap_ref, swap_name]


def mutate(data: bytes, is_pdf: bool, rng: random.Random) -> bytes:
    """`data` with one to three mutations (PDF-aware ones twice as likely on a PDF)."""
    for _ in range(rng.randint(1, 3)):
        op = rng.choice(GENERIC + PDF_AWARE * 2 if is_pdf else GENERIC)
        data = op(data, rng) or data[:1]
    return data


def mutants(seed_files: list[Path], count: int, rng: random.Random, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(count):
        seed = seed_files[i % len(seed_files)]
        data = mutate(seed.read_bytes(), seed.suffix == ".pdf", rng)
        path = folder / f"m{i:04d}-{seed.stem}{seed.suffix}"
        path.write_bytes(data)
        made.append(path)
    return made


# --- running and checking ------------------------------------------------------------------


@dataclass
class Verdict:
    path: str
    outcome: str = "written"  # written | refused | hang | internal | crash
    problems: list[str] = field(default_factory=list)
    reason: str = ""  # the refusal's reason, as stderr gave it


def run_clean(inputs: list[Path], out: Path, timeout: float) -> subprocess.CompletedProcess[str] | None:
    env = {**os.environ, "COLUMNS": "250", "PYTHONIOENCODING": "utf-8"}
    cmd = [sys.executable, "-c", "from courtdoc.cli import main; main()", "clean", *map(str, inputs)]
    cmd += ["--out", str(out), "-q", "--dpi", str(RENDER_DPI)]
    try:
        return subprocess.run(cmd, capture_output=True, text=True, errors="replace", env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None


def check(inputs: list[Path], out: Path, done: subprocess.CompletedProcess[str]) -> list[Verdict]:
    """One verdict per input from a finished run over `inputs`."""
    verdicts = {str(p): Verdict(str(p)) for p in inputs}
    stray = []
    for line in done.stderr.splitlines():
        named = next((p for p in verdicts if line.startswith(f"{ERROR_PREFIX}{p}: ")), None)
        if named is None:
            stray.append(line)
            continue
        v = verdicts[named]
        v.outcome = "internal" if "internal error" in line else "refused"
        v.reason = line[len(f"{ERROR_PREFIX}{named}: ") :]
        if v.outcome == "internal":
            v.problems.append(line)
    written = _written(out)
    for v in verdicts.values():
        if v.outcome == "written" and v.path not in written:
            v.problems.append("neither written nor refused")
        if v.outcome != "written" and v.path in written:
            v.problems.append("refused but a folder was written")
    for problem in _partial(out):
        for v in verdicts.values():
            v.problems.append(problem)
    if done.returncode not in (0, 3):
        for v in verdicts.values():
            if v.outcome != "internal":
                v.outcome = "crash" if done.returncode < 0 or done.returncode not in (1, 4, 5) else v.outcome
            v.problems.append(f"exit {done.returncode}")
    if stray:
        for v in verdicts.values():
            v.problems.append(f"stderr names no input: {stray[0][:120]}")
    return list(verdicts.values())


def _written(out: Path) -> set[str]:
    sources = set()
    for folder in out.iterdir() if out.is_dir() else ():
        manifest = folder / "manifest.json"
        if folder.name.startswith(".") or not manifest.is_file():
            continue
        sources.add(json.loads(manifest.read_bytes())["source"]["path"])
    return sources


def _partial(out: Path) -> list[str]:
    """What a partial write leaves: temporary folders, folders without a manifest or with missing articles."""
    problems = []
    for folder in out.iterdir() if out.is_dir() else ():
        if folder.name.startswith("."):
            problems.append(f"temporary folder left: {folder.name}")
            continue
        manifest = folder / "manifest.json"
        if not manifest.is_file():
            problems.append(f"folder without manifest: {folder.name}")
            continue
        for article in json.loads(manifest.read_bytes())["articles"]:
            if not (folder / article["file"]).is_file():
                problems.append(f"{folder.name}: {article['file']} missing")
    return problems


def fuzz(
    inputs: list[Path],
    work: Path,
    limit: float = LIMIT,
    batch: int = BATCH,
    jobs: int = 1,
    progress: Path | None = None,
) -> list[Verdict]:
    """Run every input through `courtdoc clean` in batches, `jobs` at a time; verdicts in input order.

    With `progress`, each batch's verdicts are appended to that JSON-lines file as it finishes.
    """
    groups = [(inputs[i : i + batch], work / f"out-{i:04d}") for i in range(0, len(inputs), batch)]

    def run(group: tuple[list[Path], Path]) -> list[Verdict]:
        verdicts = _run_group(*group, limit)
        if progress is not None:
            with progress.open("a", encoding="utf-8") as fh:
                fh.writelines(json.dumps(asdict(v), ensure_ascii=False) + "\n" for v in verdicts)
        return verdicts

    with ThreadPoolExecutor(jobs) as pool:  # threads only wait on the subprocesses
        return [v for verdicts in pool.map(run, groups) for v in verdicts]


def _run_group(group: list[Path], out: Path, limit: float) -> list[Verdict]:
    done = run_clean(group, out, limit * len(group))
    if done is not None:
        return check(group, out, done)
    if len(group) == 1:
        return [Verdict(str(group[0]), "hang", [f"over {limit:.0f} s"])]
    return [v for k, p in enumerate(group) for v in _run_group([p], out.with_name(f"{out.name}-{k}"), limit)]


def summary(verdicts: Iterable[Verdict]) -> dict[str, int]:
    verdicts = list(verdicts)
    outcomes = Counter(v.outcome for v in verdicts)
    return {
        "inputs": len(verdicts),
        "written": outcomes["written"],
        "refused": outcomes["refused"],
        "hangs": outcomes["hang"],
        "internal_errors": outcomes["internal"],
        "crashes": outcomes["crash"],
        "partial_writes": sum(1 for v in verdicts if any("missing" in p or "temporary" in p or "without" in p for p in v.problems)),
        "with_problems": sum(1 for v in verdicts if v.problems),
    }


# --- dense pages ---------------------------------------------------------------------------


def dense_ratio(work: Path) -> dict[str, float]:
    """Seconds for one page of 20k and of 200k characters (whole command), and their ratio."""
    sys.path.insert(0, str(REPO / "tests"))
    from hostile import dense_pdf

    times = {}
    for chars in (20_000, 200_000):
        pdf = dense_pdf(work / f"dense-{chars}.pdf", chars)
        start = time.perf_counter()
        done = run_clean([pdf], work / f"dense-out-{chars}", 3600)
        times[chars] = time.perf_counter() - start
        assert done is not None and done.returncode == 0, done and done.stderr
    return {"seconds_20k": times[20_000], "seconds_200k": times[200_000], "ratio": times[200_000] / times[20_000]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.fuzz", description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=float, default=LIMIT, help="seconds one input may take")
    ap.add_argument("--work", type=Path, help="keep mutants and outputs here (default: a temporary folder)")
    ap.add_argument("--json", type=Path, help="also write the report as JSON")
    ap.add_argument("--jobs", type=int, default=1, help="batches run at the same time")
    ap.add_argument("--no-dense", action="store_true", help="skip the dense-page timing")
    args = ap.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="courtdoc-fuzz-"))
    rng = random.Random(args.seed)
    seed_files = seeds(work / "seeds")
    inputs = mutants(seed_files, args.count, rng, work / "mutants")
    start = time.perf_counter()
    verdicts = fuzz(inputs, work, args.limit, jobs=args.jobs, progress=work / "verdicts.jsonl")
    report: dict = {"seeds": [p.name for p in seed_files], "seconds": round(time.perf_counter() - start, 1)}
    from bench.run import environment

    env = environment()
    report["env"] = {"date": env["date"], "commit": env["commit"], "machine": env["machine"], "load": f"load average {os.getloadavg()[0]:.1f} at end"}
    report["counts"] = summary(verdicts)
    report["problems"] = [asdict(v) for v in verdicts if v.problems]
    if not args.no_dense:
        report["dense_page"] = {k: round(v, 2) for k, v in dense_ratio(work).items()}
    print(json.dumps({k: v for k, v in report.items() if k != "problems"}, indent=2))
    for v in report["problems"][:20]:
        print(f"{v['path']}: {v['outcome']}: {'; '.join(v['problems'])[:300]}")
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 1 if report["counts"]["with_problems"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
