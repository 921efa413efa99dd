"""The hostile-input batch and mutational fuzzing through `courtdoc clean`.

The batch mixes good inputs with every failing case of the hostile-input
probe: it must finish, write every good input, refuse each bad one in one line
naming it, print nothing else on stderr and exit 3. The fuzzing runs byte-level
mutants of generated and real files (bench/fuzz.py; `python -m bench.fuzz` is
the long run) and checks each against the same promises.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from hostile import (
    ARTICLE,
    error_lines,
    flate_bomb_pdf,
    malformed_pdfs,
    one_page_pdf,
    run_cli,
    text_image,
    text_pdf,
    tiny_png,
)

from bench import fuzz
from courtdoc.errors import ExitCode

BAD = {
    "self-contents.pdf": r"object 5 is a reference that leads back to itself",
    "self-mediabox.pdf": r"object 6 is a reference that leads back to itself",
    "ref-cycle.pdf": r"reference that leads back to itself",
    "deep-tree.pdf": r"page tree nests more than",
    "bomb.pdf": r"inflates to more than",
    "one-pixel.png": r"1x1 pixels is too small",
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    base = tmp_path_factory.mktemp("batch")
    made = malformed_pdfs(base / "made")
    inputs = base / "in"
    inputs.mkdir()
    for name in ("self-contents", "self-mediabox", "ref-cycle", "deep-tree", "rotate-name", "mediabox-2", "length-huge"):
        made[name].rename(inputs / f"{name}.pdf")
    flate_bomb_pdf(inputs / "bomb.pdf", inflated_mib=256)
    tiny_png(inputs / "one-pixel.png")
    text_pdf(inputs / "plain.pdf")
    rotated = pdfium.PdfDocument(str(inputs / "plain.pdf"))
    rotated[0].set_rotation(90)
    rotated.save(str(inputs / "rotated.pdf"))
    rotated.close()
    text_pdf(inputs / "restricted.pdf", owner_password="owner")
    (inputs / "utf16.txt").write_bytes("\n".join([ARTICLE[0], "", *ARTICLE[1:]]).encode("utf-16-le"))
    for name in ("a.md", "a.txt", "a-md.txt", "a-md-fecccc97.txt"):
        (inputs / name).write_text(f"{name}\n\n{ARTICLE[1]}\n", encoding="utf-8")
    out = inputs / "out"
    result = run_cli("clean", inputs / "**", "--out", out, "--password", "secret", timeout=600)
    return result, inputs, out


def _sources(out: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    return {
        Path(m["source"]["path"]).name: m
        for m in (json.loads((f / "manifest.json").read_bytes()) for f in out.iterdir() if not f.name.startswith("."))
    }


def test_batch_refuses_each_bad_input_by_name_and_exits_3(batch) -> None:  # type: ignore[no-untyped-def]
    result, inputs, _ = batch
    assert result.returncode == ExitCode.input_failed, result.stderr
    lines = error_lines(result.stderr)
    assert lines == result.stderr.splitlines()  # nothing on stderr that does not name an input
    for name, reason in BAD.items():
        [line] = [x for x in lines if x.startswith(f"courtdoc: error: {inputs / name}: ")]
        assert re.search(reason, line), line
    assert len(lines) == len(BAD)


def test_batch_writes_every_good_input_and_nothing_of_the_bad_ones(batch) -> None:  # type: ignore[no-untyped-def]
    _, _, out = batch
    written = _sources(out)
    assert not set(BAD) & set(written)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
    plain = written["plain.pdf"]["articles"]
    assert plain and written["rotated.pdf"]["articles"] == plain
    for name in ("restricted.pdf", "utf16.txt"):
        assert ARTICLE[1][:10] in json.dumps(written[name]["articles"], ensure_ascii=False), name
    tolerated = {"rotate-name.pdf": "/Rotate", "mediabox-2.pdf": "MediaBox", "length-huge.pdf": "/Length"}
    for name, what in tolerated.items():
        assert any(what in w for w in written[name]["pages"][0]["warnings"]), name


def test_crafted_names_each_get_their_own_folder(batch) -> None:  # type: ignore[no-untyped-def]
    _, _, out = batch
    written = _sources(out)
    for name in ("a.md", "a.txt", "a-md.txt", "a-md-fecccc97.txt"):
        assert name in json.dumps(written[name]["articles"], ensure_ascii=False)


def test_output_globbed_with_its_inputs_is_not_read_back(batch) -> None:  # type: ignore[no-untyped-def]
    result, inputs, out = batch
    before = sorted(p.name for p in out.iterdir())
    again = run_cli("clean", inputs / "**", "--out", out, "--password", "secret", "-q", timeout=600)
    assert again.returncode == ExitCode.input_failed
    assert error_lines(again.stderr) == error_lines(result.stderr)
    assert sorted(p.name for p in out.iterdir()) == before  # no articles/*.txt of out/ read as inputs


# --- mutational fuzzing ----------------------------------------------------------------------


def _assert_promises_kept(verdicts: list[fuzz.Verdict]) -> None:
    counts = fuzz.summary(verdicts)
    problems = [f"{v.path}: {v.outcome}: {v.problems}" for v in verdicts if v.problems]
    assert counts["with_problems"] == 0, problems
    assert counts["hangs"] == counts["internal_errors"] == counts["partial_writes"] == 0


def test_mutants_of_generated_pages(tmp_path: Path) -> None:
    seeds = [text_pdf(tmp_path / "page.pdf", pages=2), one_page_pdf(tmp_path / "hello.pdf")]
    text_image(size=(600, 200)).save(tmp_path / "photo.png")
    seeds.append(tmp_path / "photo.png")
    mutants = fuzz.mutants(seeds, 24, random.Random(12), tmp_path / "mutants")
    verdicts = fuzz.fuzz(mutants, tmp_path / "runs", limit=60)
    assert {v.outcome for v in verdicts} >= {"written", "refused"}
    _assert_promises_kept(verdicts)


@pytest.mark.slow
def test_mutants_of_real_files(tmp_path: Path) -> None:
    seeds = fuzz.seeds(tmp_path / "seeds")
    mutants = fuzz.mutants(seeds, 36, random.Random(7), tmp_path / "mutants")
    _assert_promises_kept(fuzz.fuzz(mutants, tmp_path / "runs", limit=60))
