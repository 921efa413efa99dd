"""The scorer on the seed golds: the gold scores perfectly, known damage scores known amounts."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

import pytest

from courtdoc import evaluate
from courtdoc.evaluate import (
    article_strings,
    body_parts,
    doubled_runs,
    eval_main,
    norm,
    page_text,
    score_manifest,
    score_text,
    summarize,
)

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "golden" / "seeds"


def gold(name: str) -> dict:
    (path,) = SEEDS.glob(f"{name}_*.gold.json")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(params=sorted(p.name for p in SEEDS.glob("*.gold.json")))
def any_gold(request) -> dict:
    return json.loads((SEEDS / request.param).read_text(encoding="utf-8"))


def test_gold_scores_perfectly(any_gold):
    s = score_manifest(any_gold, copy.deepcopy(any_gold))
    assert (s.precision, s.recall, s.f1, s.cer) == (1.0, 1.0, 1.0, 0.0)
    assert s.titles_right == s.gold_articles > 0
    assert s.breaks_hit == s.breaks_gold == s.breaks_pred
    assert s.doubled == 0 and s.leaks == 0
    assert all(v == s.matched for v in s.fields_right.values())
    assert s.page.errors == 0 and s.page.doubled == 0 and s.page.leaks == 0
    summary = summarize([s])
    assert summary["f1"] == summary["break_f1"] == summary["title_accuracy"] == 1.0
    assert summary["page_cer"] == 0.0


def test_dropped_article_costs_recall_and_its_whole_body():
    g = gold("004")
    pred = copy.deepcopy(g)
    dropped = pred["articles"].pop(4)
    s = score_manifest(g, pred)
    body = len("".join(body_parts(dropped)))
    assert (s.matched, s.precision, s.recall) == (5, 1.0, 5 / 6)
    assert s.body_errors == body and s.cer == pytest.approx(body / s.body_chars)
    assert s.titles_right == 5
    assert s.breaks_gold - s.breaks_hit == len(dropped["blocks"]) - 1


def test_split_article_matches_neither_half():
    g = gold("001")
    pred = copy.deepcopy(g)
    a01 = pred["articles"][0]
    half = len(a01["blocks"]) // 2
    second = dict(copy.deepcopy(a01), id="a01b", title="下半篇", blocks=a01["blocks"][half:])
    a01["blocks"] = a01["blocks"][:half]
    pred["articles"].insert(1, second)
    s = score_manifest(g, pred)
    assert (s.gold_articles, s.pred_articles, s.matched) == (2, 3, 1)
    assert s.precision == pytest.approx(1 / 3) and s.recall == 0.5
    assert s.body_errors == len("".join(body_parts(g["articles"][0])))


def test_five_changed_characters_in_a_long_body():
    g = gold("000")
    pred = copy.deepcopy(g)
    blocks = pred["articles"][0]["blocks"]
    target = max(range(len(blocks)), key=lambda i: len(blocks[i]["text"]))
    text = list(blocks[target]["text"])
    positions = [i for i, ch in enumerate(text) if "\u4e00" <= ch <= "\u9fff"][10:60:10]
    for i in positions:
        text[i] = "〇" if text[i] != "〇" else "零"
    blocks[target]["text"] = "".join(text)
    s = score_manifest(g, pred)
    assert s.body_errors == 5
    assert s.cer == pytest.approx(5 / s.body_chars)
    assert s.matched == 1 and s.breaks_hit == s.breaks_gold
    assert s.page.errors == 5


def test_doubled_caption_is_one_run_and_a_wrong_caption_field():
    g = gold("000")
    pred = copy.deepcopy(g)
    cap = pred["articles"][0]["captions"][0]  # 实训基地启动仪式。
    pred["articles"][0]["captions"][0] = cap[:-1] * 2 + cap[-1] * 2
    s = score_manifest(g, pred)
    assert s.doubled == 1 and s.page.doubled == 1
    assert s.fields_right["captions"] == 0 and s.fields_right["byline"] == 1
    assert s.body_errors == 0


def test_interleaved_fake_bold_title_and_doubled_stop():
    g = gold("002")
    pred = copy.deepcopy(g)
    art = pred["articles"][1]
    art["title"] = "".join(ch * 2 for ch in art["title"])
    art["blocks"][0]["text"] = art["blocks"][0]["text"].replace("。", "。。", 1)
    s = score_manifest(g, pred)
    assert s.doubled == 2
    assert s.titles_right == 4


def test_legitimate_repeats_are_not_doubled_runs():
    g = gold("002")
    g["articles"][0]["blocks"][0]["text"] += "谢谢大家，常常来看看。2011年年度报告显示研究研究再研究。"
    s = score_manifest(g, copy.deepcopy(g))
    assert s.doubled == 0 and s.page.doubled == 0
    # the same repeats where the gold does not print them are found
    assert doubled_runs([norm("研究研究再研究")], "研究再研究") == 1
    assert doubled_runs([norm("常常")], "") == 0  # AABB needs three doubled chars


def test_merged_paragraphs_lose_one_break_only():
    g = gold("003")
    pred = copy.deepcopy(g)
    blocks = pred["articles"][0]["blocks"]
    i = next(k for k in range(len(blocks) - 1) if blocks[k]["type"] == blocks[k + 1]["type"] == "paragraph")
    blocks[i]["text"] += blocks.pop(i + 1)["text"]
    s = score_manifest(g, pred)
    assert s.body_errors == 0
    assert s.breaks_pred == s.breaks_gold - 1 == s.breaks_hit


def test_break_tolerance_is_two_characters():
    g = gold("003")
    for shift, hit in ((2, True), (3, False)):
        pred = copy.deepcopy(g)
        blocks = pred["articles"][0]["blocks"]
        moved = blocks[0]["text"][-shift:]
        blocks[0]["text"] = blocks[0]["text"][:-shift]
        blocks[1]["text"] = moved + blocks[1]["text"]
        s = score_manifest(g, pred)
        assert s.breaks_hit == s.breaks_gold - (0 if hit else 1)


def test_furniture_leaked_into_an_article():
    g = gold("002")
    pred = copy.deepcopy(g)
    pred["articles"][2]["blocks"][-1]["text"] += g["furniture"][2]
    pred["articles"][0]["title"] = g["furniture"][1] + pred["articles"][0]["title"]
    s = score_manifest(g, pred)
    assert s.leaks == 2 and s.titles_right == 4
    assert s.page.leaks == 2
    assert s.page.errors == 0  # the leak is counted, not charged again as CER


def test_field_errors_are_counted_per_field():
    g = gold("004")
    pred = copy.deepcopy(g)
    pred["articles"][1]["dateline"] = None  # left in the paragraph
    pred["articles"][1]["blocks"][0]["text"] = g["articles"][1]["dateline"] + pred["articles"][1]["blocks"][0]["text"]
    pred["articles"][3]["attribution"] = "（包头市中级人民法院）"
    pred["articles"][0]["byline"] = " 记者  金丽 "  # whitespace is not an error
    s = score_manifest(g, pred)
    assert s.fields_right["dateline"] == 5 and s.fields_right["attribution"] == 5
    assert s.fields_right["byline"] == 6 and s.fields_right["captions"] == 6
    assert s.body_errors == len(norm(g["articles"][1]["dateline"]))


def test_page_text_of_a_peer_scores_order_and_furniture():
    g = gold("004")
    ref = norm(page_text(g))
    text = "\n".join(g["furniture"]) + "\n" + "\n".join(s for a in g["articles"] for s in article_strings(a))
    for note in g["notes"]:
        text += note["text"] + (note.get("source") or "")
    s = score_text(g, text)
    assert s.errors == 0 and s.leaks == len(g["furniture"]) and s.chars == len(ref)
    swapped = "\n".join(s for a in g["articles"][::-1] for s in article_strings(a))
    swapped += "".join(n["text"] + (n.get("source") or "") for n in g["notes"][::-1])
    moved = score_text(g, swapped)
    assert moved.cer > 0.3
    assert moved.found_errors == 0  # order-free: every article and note is there whole
    assert score_text(g, swapped.replace("赤峰讯", "赤锋讯", 1)).found_errors == 1
    first = norm(g["articles"][0]["title"])
    # a lost title costs at most its length (the text before it may stand in for a few chars)
    assert 0 < score_text(g, swapped.replace(g["articles"][0]["title"], "")).found_errors <= len(first)


def test_numpy_fallback_agrees_with_rapidfuzz(monkeypatch):
    pytest.importorskip("rapidfuzz")
    rng = random.Random(7)
    pairs = []
    for _ in range(30):
        a = "".join(rng.choice("法院审判执行。") for _ in range(rng.randint(0, 60)))
        b = list(a)
        for _ in range(rng.randint(0, 10)):
            op, i = rng.random(), rng.randint(0, len(b))
            if op < 0.4:
                b.insert(i, rng.choice("法院案件"))
            elif b and i < len(b):
                if op < 0.7:
                    del b[i]
                else:
                    b[i] = "案"
        pairs.append((a, "".join(b)))
    fast = [(evaluate.edit_distance(a, b), evaluate.align(a, b)) for a, b in pairs]
    monkeypatch.setattr(evaluate, "_rf", None)
    slow = [(evaluate.edit_distance(a, b), evaluate.align(a, b)) for a, b in pairs]
    assert [d for d, _ in fast] == [d for d, _ in slow]
    for (a, b), (_, w) in zip(pairs, slow):
        assert w[-1] == len(a) and w == sorted(w)


def test_eval_main_pairs_outputs_with_golds(tmp_path):
    golds = tmp_path / "gold"
    golds.mkdir()
    for name in ("002", "004"):
        (path,) = SEEDS.glob(f"{name}_*.gold.json")
        (golds / path.name).write_bytes(path.read_bytes())
    (golds / "layout.json").write_text('{"articles": []}')  # not gold: ignored
    out = tmp_path / "out"
    g = gold("004")
    pred = copy.deepcopy(g)
    pred["articles"].pop()
    pred["source"] = {"path": "in/" + g["source"], "sha256": "0", "kind": "text"}
    (out / "some-folder").mkdir(parents=True)
    (out / "some-folder" / "manifest.json").write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
    report, table = eval_main(golds, out)
    by_name = {p["name"]: p for p in report["pages"]}
    assert by_name["some-folder"]["recall"] == pytest.approx(5 / 6)
    missing = next(p for n, p in by_name.items() if n.startswith("002"))
    assert missing["pred_articles"] == 0 and missing["cer"] == 1.0
    assert report["summary"]["gold_articles"] == 11 and report["summary"]["matched"] == 5
    assert "  missing" in table and "ALL (2 docs)" in table
    assert max(map(len, table.splitlines())) <= 80


def test_spaces_spurious_and_missing_are_counted_where_they_stand():
    # A line-broken number and a space between two Han characters are spurious;
    # the gap between Latin words the gold prints is missing when dropped.
    assert evaluate.space_errors("2024年在Hong Kong召开", "202 4年在 HongKong召开") == (16, 2, 1)
    assert evaluate.space_errors("人民法院", "人民法院") == (4, 0, 0)
    # A run of whitespace is one space; a moved character does not make every gap wrong.
    assert evaluate.space_errors("a b", "a   b") == (2, 0, 0)
    assert evaluate.space_errors("法院 审判工作", "法院 审判工做") == (6, 0, 0)


def test_space_measure_over_matched_articles():
    g = gold("003")
    pred = copy.deepcopy(g)
    text = pred["articles"][0]["blocks"][0]["text"]
    pred["articles"][0]["blocks"][0]["text"] = text[:10] + " " + text[10:20] + " " + text[20:]
    perfect = summarize([score_manifest(g, copy.deepcopy(g))])
    assert perfect["spurious_spaces_per_1000"] == perfect["missing_spaces_per_1000"] == 0.0
    s = score_manifest(g, pred)
    assert (s.spaces_spurious, s.spaces_missing) == (2, 0)
    # The whitespace-blind figures do not move; the space measure does.
    assert s.cer == 0.0
    summary = summarize([s])
    assert summary["spurious_spaces_per_1000"] == pytest.approx(2000 / s.space_chars)
