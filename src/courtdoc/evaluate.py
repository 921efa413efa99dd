"""Scoring courtdoc output (or any extractor's page text) against gold manifests.

Gold is a manifest-shaped dict: the seed golds under ``shared/golden/seeds`` or a
full ``courtdoc.manifest/1`` manifest (``articles[]`` with title/blocks/...,
``furniture``, ``notes``). All text is compared after NFKC with whitespace
removed, so full-/half-width punctuation and line layout never count as errors.

Article level (courtdoc only, peers do not segment):
  * a predicted article matches a gold one when the character multisets of
    their title + blocks overlap by >= 80 % of each side, one-to-one, best
    overlap first;
  * body CER: Levenshtein distance over each matched pair's concatenated
    blocks; an unmatched gold article counts in full; unmatched predicted
    articles do not add to CER (precision counts them);
  * title accuracy is over all gold articles (a missed article has a wrong
    title); kicker/subtitle/byline/dateline/attribution/captions accuracy is
    over matched pairs, null == null counting as right, captions compared as
    a multiset;
  * paragraph breaks (block boundaries) of a matched pair are mapped into gold
    coordinates through the edit path and hit when within +-2 characters;
  * furniture leaks: occurrences of gold furniture strings inside predicted
    article text beyond those the gold articles contain themselves;
  * spaces (the one measure that sees whitespace): over each matched pair's
    title and blocks, with the other characters aligned through the edit
    path, a *spurious* space is one courtdoc puts where the gold has none
    (`202 4年`, a space between two Han characters) and a *missing* space one
    the gold prints that courtdoc dropped (between Latin words, the wide space
    of a two-phrase headline); both per 1,000 gold characters.

Page level (every tool alike): the reference is the gold articles in order
(kicker, title, subtitle, byline, dateline, blocks, attribution, captions)
followed by the notes; gold furniture strings found verbatim in the tool's
text are cut out before the CER (a leak is counted, not charged twice).
Reading order is hard on a broadsheet and the page CER charges a moved
article twice its length, so there is also an order-free CER: each gold
article (all its strings) and each note is looked up in the tool's text on
its own (fewest edits to some substring), errors summed over the same length.
It shows whether each article's text came out whole and correct, wherever it
was put; an article whose lines are interleaved with another's still costs.
Flagging (does courtdoc know when it is wrong): a predicted article is wrong
when it matches no gold article, or its title, any field, or its body (CER
above ``WRONG_BODY_CER``) differs from its gold; it is flagged when its
confidence is below ``selfcheck.FLAGGED_BELOW``. A gold article that no
predicted article holds even half of (its text lost) is wrong too, flagged
when its page warns of lost text. Flag recall is the share of wrong articles
flagged, flag precision the share of flagged predicted articles that are wrong.
Doubled runs (``ABCABC`` units of >= 2 chars, ``AABBCC`` >= 3 doubled chars,
doubled punctuation like ``。。``) count only where the doubled string is not
in the gold text itself, so 谢谢, 常常 or 2011年年度报告 are never errors; the
count is of strings (courtdoc's fields, a peer's lines) that hold doubling.
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .selfcheck import is_flagged

try:  # optional: bit-parallel edit distance, ~100x faster on whole pages
    from rapidfuzz.distance import Levenshtein as _rf
except ImportError:  # pragma: no cover - depends on the environment
    _rf = None

MATCH_OVERLAP = 0.8
BREAK_TOLERANCE = 2
FIELDS = ("kicker", "subtitle", "byline", "dateline", "attribution", "captions")
# Body CER above which a matched article is wrong: a misread character per paragraph is not.
WRONG_BODY_CER = 0.02
# Furniture shorter than this (page numbers, "05版") would be found by chance in any text.
MIN_FURNITURE_LEN = 4
_WS = re.compile(r"\s+")
# Doubling patterns, run on normalised (NFKC, no whitespace) text.
_DOUBLED_UNIT = re.compile(r"(.{2,200}?)\1+")  # ABCABC: a fake-bold line drawn twice
_DOUBLED_CHARS = re.compile(r"(?:(\S)\1){3,}")  # AABBCC: glyphs interleaved twice
_DOUBLED_PUNCT = re.compile(r"([。，,、；;：:！!？?])\1+")  # 。。 the trailing stop drawn twice


def norm(text: str | None) -> str:
    """NFKC with all whitespace removed: the form every comparison uses."""
    return _WS.sub("", unicodedata.normalize("NFKC", text or ""))


# ---------------------------------------------------------------- edit distance


def edit_distance(a: str, b: str) -> int:
    if _rf is not None:
        return int(_rf.distance(a, b))
    if not a or not b:
        return len(a) + len(b)
    row = None
    for row in _np_rows(a, b):
        pass
    return int(row[-1])  # type: ignore[index]


def align(a: str, b: str) -> list[int]:
    """For each boundary j (0..len(b)) of `b`, the boundary of `a` it aligns to."""
    where = [0] * (len(b) + 1)
    if _rf is not None:
        for op in _rf.opcodes(a, b):
            if op.tag in ("equal", "replace"):
                for k in range(op.dest_end - op.dest_start):
                    where[op.dest_start + k] = op.src_start + k
            elif op.tag == "insert":
                for j in range(op.dest_start, op.dest_end):
                    where[j] = op.src_start
    else:
        _np_align(a, b, where)
    where[len(b)] = len(a)
    return where


def _codes(s: str) -> np.ndarray:
    return np.frombuffer(s.encode("utf-32-le"), dtype=np.uint32)


def _np_rows(a: str, b: str) -> Iterator[np.ndarray]:
    """Rows of the Levenshtein matrix, each row vectorised.

    Insertions chain along a row; min over k<=j of (row[k] + j - k) is a
    running minimum of row - j, which numpy does in one pass.
    """
    cb = _codes(b)
    idx = np.arange(len(b) + 1, dtype=np.int32)
    row = idx.copy()
    yield row
    for i, ch in enumerate(_codes(a), 1):
        cur = np.empty_like(row)
        cur[0] = i
        cur[1:] = np.minimum(row[1:] + 1, row[:-1] + (cb != ch))
        row = np.minimum.accumulate(cur - idx) + idx
        yield row


def substring_distance(needle: str, hay: str) -> int:
    """Fewest edits that turn `needle` into some substring of `hay` (semi-global alignment).

    The Levenshtein rows with a free start (row 0 all zeros) and a free end
    (minimum of the last row), computed in place so a 3000-character article
    against a whole page stays well under a second.
    """
    if not needle:
        return 0
    cb = _codes(hay)
    idx = np.arange(len(hay) + 1, dtype=np.int32)
    row = np.zeros(len(hay) + 1, dtype=np.int32)
    cur = np.empty_like(row)
    for i, ch in enumerate(_codes(needle), 1):
        cur[0] = i
        np.minimum(row[1:] + 1, row[:-1] + (cb != ch), out=cur[1:])
        cur -= idx
        np.minimum.accumulate(cur, out=cur)
        cur += idx
        row, cur = cur, row
    return int(row.min())


def _np_align(a: str, b: str, where: list[int]) -> None:
    d = np.vstack(list(_np_rows(a, b)))
    i, j = len(a), len(b)
    while j > 0:
        if i > 0 and d[i, j] == d[i - 1, j - 1] + (a[i - 1] != b[j - 1]):
            i, j = i - 1, j - 1
            where[j] = i
        elif i > 0 and d[i, j] == d[i - 1, j] + 1:
            i -= 1
        else:
            j -= 1
            where[j] = i


# ---------------------------------------------------------------- text of a manifest


def article_strings(article: dict[str, Any]) -> list[str]:
    """Every printed string of an article in reading order, normalised, empty ones dropped."""
    parts = [article.get("kicker"), article.get("title"), article.get("subtitle"), article.get("byline")]
    parts.append(article.get("dateline"))
    parts.extend(b.get("text") for b in article.get("blocks") or [])
    parts.append(article.get("attribution"))
    parts.extend(article.get("captions") or [])
    return [s for s in (norm(p) for p in parts) if s]


def body_parts(article: dict[str, Any]) -> list[str]:
    return [s for s in (norm(b.get("text")) for b in article.get("blocks") or []) if s]


def page_text(manifest: dict[str, Any]) -> str:
    """A manifest as reading-order lines, one per string: articles, then notes (furniture left out)."""
    parts = [s for a in manifest.get("articles") or [] for s in article_strings(a)]
    for note in manifest.get("notes") or []:
        parts.extend(s for s in (norm(note.get("text")), norm(note.get("source"))) if s)
    return "\n".join(parts)


def gold_items(gold: dict[str, Any]) -> list[str]:
    """Each gold article (all its strings) and each note as one string: what order-free CER looks for."""
    items = ["".join(article_strings(a)) for a in gold.get("articles") or []]
    items += [norm(n.get("text")) + norm(n.get("source")) for n in gold.get("notes") or []]
    return [i for i in items if i]


def furniture_strings(gold: dict[str, Any]) -> list[str]:
    return [f for f in (norm(x) for x in gold.get("furniture") or []) if len(f) >= MIN_FURNITURE_LEN]


# ---------------------------------------------------------------- detectors


def doubled_runs(texts: Sequence[str], gold_text: str) -> int:
    """How many of `texts` (lines or fields, each normalised) hold doubled text the gold does not print.

    The patterns run over the texts joined, so a headline drawn twice that a
    peer printed as two lines is found too; each text touched by a doubled
    span counts once (a caption doubled as XX。。 is one, a page whose every
    line is interleaved counts every line).
    """
    joined = "".join(texts)
    starts, pos = [], 0
    for text in texts:
        starts.append(pos)
        pos += len(text)
    touched: set[int] = set()
    for pattern in (_DOUBLED_UNIT, _DOUBLED_CHARS, _DOUBLED_PUNCT):
        for m in pattern.finditer(joined):
            if pattern is not _DOUBLED_PUNCT and not re.search(r"\w", m.group(0)):
                continue  # ——, …… and similar are printed doubled on purpose
            if m.group(0) in gold_text:
                continue
            first = bisect.bisect_right(starts, m.start()) - 1
            last = bisect.bisect_right(starts, m.end() - 1) - 1
            touched.update(range(first, last + 1))
    return len(touched)


def furniture_leaks(furniture: Sequence[str], texts: Sequence[str], gold_texts: Sequence[str]) -> int:
    """Occurrences of furniture strings in `texts` beyond those in `gold_texts`."""
    joined, gold_joined = "\0".join(texts), "\0".join(gold_texts)
    return sum(max(0, joined.count(f) - gold_joined.count(f)) for f in dict.fromkeys(furniture))


# ---------------------------------------------------------------- article matching


def match_articles(gold: Sequence[dict[str, Any]], pred: Sequence[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs whose multisets overlap >= 80 % both ways."""
    gbags = [Counter("".join([norm(a.get("title"))] + body_parts(a))) for a in gold]
    pbags = [Counter("".join([norm(a.get("title"))] + body_parts(a))) for a in pred]
    candidates = []
    for gi, g in enumerate(gbags):
        gn = sum(g.values())
        for pi, p in enumerate(pbags):
            pn = sum(p.values())
            if not gn or not pn:
                continue
            common = sum((g & p).values())
            score = min(common / gn, common / pn)
            if score >= MATCH_OVERLAP:
                candidates.append((-score, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in sorted(candidates):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def _breaks(parts: list[str]) -> list[int]:
    out, pos = [], 0
    for part in parts[:-1]:
        pos += len(part)
        out.append(pos)
    return out


def break_hits(gold_parts: list[str], pred_parts: list[str]) -> int:
    """Predicted block boundaries that land within +-2 chars of a gold one, one-to-one."""
    gold_breaks = _breaks(gold_parts)
    if not gold_breaks:
        return 0
    where = align("".join(gold_parts), "".join(pred_parts))
    mapped = sorted(where[b] for b in _breaks(pred_parts))
    hits, gi = 0, 0
    for m in mapped:
        while gi < len(gold_breaks) and gold_breaks[gi] < m - BREAK_TOLERANCE:
            gi += 1
        if gi < len(gold_breaks) and abs(gold_breaks[gi] - m) <= BREAK_TOLERANCE:
            hits += 1
            gi += 1
    return hits


def _field_right(name: str, g: dict[str, Any], p: dict[str, Any]) -> bool:
    if name == "captions":
        return Counter(norm(c) for c in g.get(name) or []) == Counter(norm(c) for c in p.get(name) or [])
    gv, pv = g.get(name), p.get(name)
    if gv is None or pv is None:
        return gv is None and pv is None
    return norm(gv) == norm(pv)


# ---------------------------------------------------------------- spaces


def spaced_text(article: dict[str, Any]) -> str:
    """Title and blocks with their own whitespace (NFKC), blocks joined with nothing between."""
    parts = [article.get("title") or ""] + [b.get("text") or "" for b in article.get("blocks") or []]
    return "".join(unicodedata.normalize("NFKC", p).strip() for p in parts)


def _gaps(text: str) -> tuple[str, set[int]]:
    """`text` without whitespace, and the boundaries (1..len-1) where a run of whitespace stood."""
    chars: list[str] = []
    gaps: set[int] = set()
    for ch in text:
        if ch.isspace():
            if chars:
                gaps.add(len(chars))
        else:
            chars.append(ch)
    gaps.discard(len(chars))
    return "".join(chars), gaps


def space_errors(gold: str, pred: str) -> tuple[int, int, int]:
    """(gold characters, spurious spaces, missing spaces) of `pred` against `gold`.

    The characters are aligned without their spaces; each of pred's spaces is
    mapped to the gold boundary it aligns to. A run of whitespace is one space.
    """
    g, gold_gaps = _gaps(gold)
    p, pred_gaps = _gaps(pred)
    where = align(g, p)
    mapped = {where[j] for j in pred_gaps}
    spurious = sum(1 for j in pred_gaps if where[j] not in gold_gaps)
    missing = sum(1 for i in gold_gaps if i not in mapped)
    return len(g), spurious, missing


# ---------------------------------------------------------------- scores


def _ratio(num: float, den: float, empty: float = 1.0) -> float:
    return num / den if den else empty


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class TextScore:
    """Page-level score of any tool's text in reading order."""

    name: str
    chars: int = 0
    errors: int = 0
    found_errors: int = 0
    doubled: int = 0
    leaks: int = 0

    @property
    def cer(self) -> float:
        return _ratio(self.errors, self.chars, 0.0)

    @property
    def found_cer(self) -> float:
        return _ratio(self.found_errors, self.chars, 0.0)


@dataclass(slots=True)
class PageScore:
    """Article-level score of one manifest against its gold, plus its page-level text score."""

    name: str
    gold_articles: int = 0
    pred_articles: int = 0
    matched: int = 0
    titles_right: int = 0
    body_chars: int = 0
    body_errors: int = 0
    breaks_gold: int = 0
    breaks_pred: int = 0
    breaks_hit: int = 0
    doubled: int = 0
    leaks: int = 0
    space_chars: int = 0
    spaces_spurious: int = 0
    spaces_missing: int = 0
    fields_right: dict[str, int] = field(default_factory=dict)
    page: TextScore | None = None

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.pred_articles, 1.0 if not self.gold_articles else 0.0)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.gold_articles)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def cer(self) -> float:
        return _ratio(self.body_errors, self.body_chars, 0.0)


def score_text(gold: dict[str, Any], text: str, name: str = "") -> TextScore:
    """Page-level CER, doubled runs and furniture leaks of a tool's page text."""
    ref = norm(page_text(gold))
    hyp = norm(text)
    furniture = furniture_strings(gold)
    leaks = furniture_leaks(furniture, [hyp], [ref])
    for f in sorted(set(furniture), key=len, reverse=True):
        hyp = hyp.replace(f, "", max(0, hyp.count(f) - ref.count(f)))
    return TextScore(
        name=name,
        chars=len(ref),
        errors=edit_distance(ref, hyp),
        found_errors=sum(substring_distance(item, hyp) for item in gold_items(gold)),
        doubled=doubled_runs([norm(line) for line in text.splitlines()], ref),
        leaks=leaks,
    )


def score_manifest(gold: dict[str, Any], pred: dict[str, Any], name: str = "") -> PageScore:
    garts = list(gold.get("articles") or [])
    parts = list(pred.get("articles") or [])
    pairs = match_articles(garts, parts)
    score = PageScore(name=name, gold_articles=len(garts), pred_articles=len(parts), matched=len(pairs))
    score.fields_right = {f: 0 for f in FIELDS}
    matched_gold = {gi for gi, _ in pairs}
    for gi, g in enumerate(garts):
        gb = body_parts(g)
        score.body_chars += sum(map(len, gb))
        score.breaks_gold += max(0, len(gb) - 1)
        if gi not in matched_gold:
            score.body_errors += sum(map(len, gb))
    for p in parts:
        score.breaks_pred += max(0, len(body_parts(p)) - 1)
    for gi, pi in pairs:
        g, p = garts[gi], parts[pi]
        gb, pb = body_parts(g), body_parts(p)
        score.body_errors += edit_distance("".join(gb), "".join(pb))
        score.breaks_hit += break_hits(gb, pb)
        score.titles_right += norm(g.get("title")) == norm(p.get("title"))
        chars, spurious, missing = space_errors(spaced_text(g), spaced_text(p))
        score.space_chars += chars
        score.spaces_spurious += spurious
        score.spaces_missing += missing
        for f in FIELDS:
            score.fields_right[f] += _field_right(f, g, p)
    gold_strings = [s for a in garts for s in article_strings(a)]
    pred_strings = [s for a in parts for s in article_strings(a)]
    gold_all = "\0".join(gold_strings + [page_text({"notes": gold.get("notes")})])
    score.doubled = doubled_runs(pred_strings, gold_all)
    score.leaks = furniture_leaks(furniture_strings(gold), pred_strings, gold_strings)
    score.page = score_text(gold, page_text(pred), name)
    return score


def summarize(scores: Sequence[PageScore]) -> dict[str, Any]:
    """Micro-averaged totals over pages (every article and character weighs the same)."""
    tot = {k: sum(getattr(s, k) for s in scores) for k in (
        "gold_articles", "pred_articles", "matched", "titles_right", "body_chars", "body_errors",
        "breaks_gold", "breaks_pred", "breaks_hit", "doubled", "leaks", "space_chars", "spaces_spurious", "spaces_missing")}
    precision = _ratio(tot["matched"], tot["pred_articles"], 1.0 if not tot["gold_articles"] else 0.0)
    recall = _ratio(tot["matched"], tot["gold_articles"])
    bp = _ratio(tot["breaks_hit"], tot["breaks_pred"], 1.0 if not tot["breaks_gold"] else 0.0)
    br = _ratio(tot["breaks_hit"], tot["breaks_gold"])
    pages = [s.page for s in scores if s.page is not None]
    page_chars = sum(p.chars for p in pages)
    return {
        "pages": len(scores),
        **tot,
        "precision": precision,
        "recall": recall,
        "f1": _f1(precision, recall),
        "title_accuracy": _ratio(tot["titles_right"], tot["gold_articles"]),
        "cer": _ratio(tot["body_errors"], tot["body_chars"], 0.0),
        "break_precision": bp,
        "break_recall": br,
        "break_f1": _f1(bp, br),
        "field_accuracy": {
            f: _ratio(sum(s.fields_right.get(f, 0) for s in scores), tot["matched"]) for f in FIELDS
        },
        "spurious_spaces_per_1000": _ratio(1000 * tot["spaces_spurious"], tot["space_chars"], 0.0),
        "missing_spaces_per_1000": _ratio(1000 * tot["spaces_missing"], tot["space_chars"], 0.0),
        "page_cer": _ratio(sum(p.errors for p in pages), page_chars, 0.0),
        "found_cer": _ratio(sum(p.found_errors for p in pages), page_chars, 0.0),
        "page_doubled": sum(p.doubled for p in pages),
        "page_leaks": sum(p.leaks for p in pages),
    }


def summarize_text(scores: Sequence[TextScore]) -> dict[str, Any]:
    chars = sum(s.chars for s in scores)
    return {
        "pages": len(scores),
        "page_cer": _ratio(sum(s.errors for s in scores), chars, 0.0),
        "found_cer": _ratio(sum(s.found_errors for s in scores), chars, 0.0),
        "page_doubled": sum(s.doubled for s in scores),
        "page_leaks": sum(s.leaks for s in scores),
    }


def page_score_json(score: PageScore) -> dict[str, Any]:
    out = asdict(score)
    out.update(precision=score.precision, recall=score.recall, f1=score.f1, cer=score.cer)
    if score.page is not None:
        out["page"].update(cer=score.page.cer, found_cer=score.page.found_cer)
    return out


# ---------------------------------------------------------------- flagging


@dataclass(slots=True)
class FlagScore:
    """Whether courtdoc's confidence points at its wrong articles, on one page."""

    name: str
    wrong: int = 0  # wrong predicted articles, plus gold articles lost
    wrong_flagged: int = 0
    flagged: int = 0  # flagged predicted articles
    flagged_wrong: int = 0
    reasons: dict[str, int] = field(default_factory=dict)  # why the wrong ones are wrong

    @property
    def recall(self) -> float:
        return _ratio(self.wrong_flagged, self.wrong)

    @property
    def precision(self) -> float:
        return _ratio(self.flagged_wrong, self.flagged)


def article_verdicts(gold: dict[str, Any], pred: dict[str, Any]) -> list[str | None]:
    """For each predicted article, why it is wrong ('unmatched', 'title', 'body', a field name), or None."""
    garts = list(gold.get("articles") or [])
    parts = list(pred.get("articles") or [])
    verdicts: list[str | None] = ["unmatched"] * len(parts)
    for gi, pi in match_articles(garts, parts):
        g, p = garts[gi], parts[pi]
        gb, pb = "".join(body_parts(g)), "".join(body_parts(p))
        wrong = [f for f in FIELDS if not _field_right(f, g, p)]
        if edit_distance(gb, pb) > WRONG_BODY_CER * max(len(gb), 1):
            wrong.insert(0, "body")
        if norm(g.get("title")) != norm(p.get("title")):
            wrong.insert(0, "title")
        verdicts[pi] = wrong[0] if wrong else None
    return verdicts


def lost_gold(gold: dict[str, Any], pred: dict[str, Any]) -> int:
    """Gold articles of which no predicted article holds even half the characters."""
    pbags = [Counter("".join([norm(a.get("title"))] + body_parts(a))) for a in pred.get("articles") or []]
    lost = 0
    for g in gold.get("articles") or []:
        bag = Counter("".join([norm(g.get("title"))] + body_parts(g)))
        n = sum(bag.values())
        lost += bool(n) and all(sum((bag & p).values()) < n / 2 for p in pbags)
    return lost


def score_flags(gold: dict[str, Any], pred: dict[str, Any], name: str = "") -> FlagScore:
    score = FlagScore(name=name)
    for verdict, art in zip(article_verdicts(gold, pred), pred.get("articles") or []):
        flagged = is_flagged(art.get("confidence", 1.0))
        score.flagged += flagged
        if verdict is not None:
            score.wrong += 1
            score.wrong_flagged += flagged
            score.flagged_wrong += flagged
            score.reasons[verdict] = score.reasons.get(verdict, 0) + 1
    lost = lost_gold(gold, pred)
    if lost:
        score.wrong += lost
        score.reasons["lost"] = lost
        warned = any("lost text" in w for p in pred.get("pages") or [] for w in p.get("warnings") or [])
        score.wrong_flagged += lost if warned else 0
    return score


def summarize_flags(scores: Sequence[FlagScore]) -> dict[str, Any]:
    tot = {k: sum(getattr(s, k) for s in scores) for k in ("wrong", "wrong_flagged", "flagged", "flagged_wrong")}
    reasons: Counter[str] = Counter()
    for s in scores:
        reasons.update(s.reasons)
    return {
        **tot,
        "flag_recall": _ratio(tot["wrong_flagged"], tot["wrong"]),
        "flag_precision": _ratio(tot["flagged_wrong"], tot["flagged"]),
        "wrong_reasons": dict(reasons.most_common()),
    }


def format_flags(summary: dict[str, Any]) -> str:
    f = summary
    return (
        f"flagging: {f['wrong_flagged']}/{f['wrong']} wrong articles flagged (recall {f['flag_recall']:.3f}),\n"
        f"  {f['flagged_wrong']}/{f['flagged']} flagged articles wrong (precision {f['flag_precision']:.3f})"
    )


# ---------------------------------------------------------------- files


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _source_path(data: dict[str, Any]) -> Path | None:
    src = data.get("source")
    if isinstance(src, dict):
        src = src.get("path")
    return Path(src) if isinstance(src, str) and src else None


def _gold_keys(path: Path, data: dict[str, Any]) -> list[str]:
    stem = path.name.removesuffix(".json").removesuffix(".gold")
    keys = [path.parent.name] if stem in ("gold", "manifest") else [stem]
    src = _source_path(data)
    return keys + ([src.stem] if src else [])


def _pred_keys(path: Path, data: dict[str, Any]) -> list[str]:
    keys = [path.parent.name]
    src = _source_path(data)
    if src:
        keys += [src.stem, src.parent.name]
    return keys


def pair_manifests(gold: Path, out: Path) -> list[tuple[str, Path, Path | None]]:
    """(name, gold file, predicted manifest or None) for every gold and every output.

    An output is paired with the gold whose file name (or, for generic names like
    gold.json, folder name) or source stem equals the output's folder name, source
    stem or source folder; keys shared by several golds are not used. Golds that
    no output claims are returned with None (scored as nothing found).
    """
    # In a folder, gold files are *gold.json (seed golds, generated pages) or manifests;
    # other JSON beside them (layout.json, scan.json) is not gold.
    golds = [gold] if gold.is_file() else sorted({*gold.rglob("*gold.json"), *gold.rglob("manifest.json")})
    preds = [out] if out.is_file() else sorted(out.rglob("manifest.json"))
    if len(golds) == 1 and len(preds) == 1 and gold.is_file() and out.is_file():
        return [(golds[0].parent.name, golds[0], preds[0])]
    index: dict[str, list[Path]] = {}
    for g in golds:
        for key in dict.fromkeys(_gold_keys(g, _load(g))):
            index.setdefault(key, []).append(g)
    pairs: list[tuple[str, Path, Path | None]] = []
    claimed: set[Path] = set()
    for p in preds:
        for key in _pred_keys(p, _load(p)):
            hits = index.get(key, [])
            if len(hits) == 1:
                pairs.append((p.parent.name, hits[0], p))
                claimed.add(hits[0])
                break
    pairs += [(_gold_keys(g, {})[0], g, None) for g in golds if g not in claimed]
    return pairs


def eval_main(gold: Path, out: Path) -> tuple[dict[str, Any], str]:
    """Score every courtdoc output under `out` against the golds under `gold`."""
    scores = []
    flags = []
    rows = []
    for name, gpath, ppath in pair_manifests(gold, out):
        pred = _load(ppath) if ppath else {"articles": []}
        s = score_manifest(_load(gpath), pred, name)
        scores.append(s)
        flags.append(score_flags(_load(gpath), pred, name))
        rows.append((s, ppath is None))
    report = {"summary": summarize(scores), "flags": summarize_flags(flags), "pages": [page_score_json(s) for s in scores]}
    return report, format_table(rows, report["summary"]) + "\n" + format_flags(report["flags"])


def format_table(rows: list[tuple[PageScore, bool]], summary: dict[str, Any]) -> str:
    """A plain-text table under 80 columns: one row per document, then the totals."""
    head = f"{'document':<20} {'gold':>4} {'pred':>4} {'F1':>5} {'title':>5} {'CER':>6} {'brkF1':>5} {'dbl':>3} {'leak':>4} {'pgCER':>6}"
    rule = "-" * len(head)

    def row(name: str, gold: int, pred: int, f1: float, title: float, cer: float, brk: float, dbl: int, leak: int, page: float) -> str:
        return (
            f"{name[:20]:<20} {gold:>4} {pred:>4} {f1:>5.3f} {title:>5.3f} {cer:>6.4f} {brk:>5.3f} "
            f"{dbl:>3} {leak:>4} {page:>6.4f}"
        )

    lines = [head, rule]
    for s, missing in rows:
        brk = _f1(_ratio(s.breaks_hit, s.breaks_pred), _ratio(s.breaks_hit, s.breaks_gold))
        title = _ratio(s.titles_right, s.gold_articles)
        page = s.page.cer if s.page else 0.0
        line = row(s.name, s.gold_articles, s.pred_articles, s.f1, title, s.cer, brk, s.doubled, s.leaks, page)
        lines.append(line + ("  missing" if missing else ""))
    t = summary
    lines += [
        rule,
        row(f"ALL ({t['pages']} docs)", t["gold_articles"], t["pred_articles"], t["f1"], t["title_accuracy"],
            t["cer"], t["break_f1"], t["doubled"], t["leaks"], t["page_cer"]),
        f"order-free page CER {t['found_cer']:.4f}; field accuracy over {t['matched']} matched articles:",
    ]
    fields = [f"{k} {v:.3f}" for k, v in t["field_accuracy"].items()]
    lines += ["  " + "  ".join(fields[i : i + 3]) for i in range(0, len(fields), 3)]
    return "\n".join(lines)
