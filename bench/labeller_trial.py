"""Does a CRF line labeller beat, or help, the parser's hand rules? Measured on the corpus.

Usage: python -P bench/labeller_trial.py [--folds 5] [--heldout] [--c1 F] [--c2 F]

Line labels come from the corpus's item labels (tools/line_labels.py). On the tuning part,
cross-validated by page (``--folds``): (a) line-label accuracy of the CRF and of the hand
rules (each line's role, as ``parse --explain`` gives it) against the derived labels;
(b) item scores when the CRF's labels alone decide the items (each TITLE starts one, the
BYLINE and DATE lines after it, or just over it, fill author and date through the parser's
own byline and date readers) against the parser's; (c) a hybrid: the parser's items, less
those whose title line the CRF gives a TITLE probability under ``reject``, plus lines the
rules left out that the CRF calls a title with probability over ``accept`` (both thresholds
chosen on the out-of-fold predictions). ``--heldout`` then trains on all of the tuning part
and prints the same figures for the held-out part, in aggregate only. Last, throughput:
pages/s of the parser alone and of the CRF's work on top of it (features and tagging).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tools")]

import corpus_scoring as cs  # noqa: E402
import line_labels as ll  # noqa: E402
import pycrfsuite  # noqa: E402
import train_labeller  # noqa: E402

from publisher.core.models import PageHints  # noqa: E402
from publisher.ingest.parsing import decode_seed, derive_title, parse_page  # noqa: E402
from publisher.ingest.parsing.context import symbols  # noqa: E402
from publisher.ingest.parsing.dates import find_date, load_zone  # noqa: E402
from publisher.ingest.parsing.drafts import Draft, finalise  # noqa: E402
from publisher.ingest.parsing.masthead import find_publication, mark_masthead  # noqa: E402
from publisher.ingest.parsing.reading import read_page  # noqa: E402
from publisher.ingest.parsing.roles import BYLINE as BYLINE_SYMBOL  # noqa: E402
from publisher.ingest.parsing.roles import byline_of  # noqa: E402

ZONE = load_zone(PageHints().timezone)
REJECTS = (0.0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3)
ACCEPTS = (1.01, 0.99, 0.97, 0.95, 0.9, 0.8)  # 1.01: accept nothing


@dataclass
class Trial:
    """One page as both readers see it: derived labels, the rules' and the CRF's."""

    page: ll.LabelledPage
    rules: list[str]  # the hand rules' label per line
    parsed: cs.Parsed  # the parser's items
    crf: list[str]
    title_p: list[float]  # the CRF's probability that the line is (part of) a title


def rule_labels(page: ll.LabelledPage) -> list[str]:
    """The hand rules' label per line: the roles parse_page gives (its steps, as detect.py)."""
    units = page.units
    syms, reasons = symbols(units, page.page.saved)
    mark_masthead(units, syms, reasons, find_publication(units, syms))
    reading = read_page(units, syms, reasons, None)
    return [ll.rule_label(role, unit) for role, unit in zip(reading.roles, units, strict=True)]


def tag(tagger: pycrfsuite.Tagger, page: ll.LabelledPage) -> tuple[list[str], list[float]]:
    """The CRF's labels for a page's lines and each line's title probability."""
    labels = list(tagger.tag(ll.page_features(page.units)))
    known = [label for label in (ll.TITLE, ll.TITLE_MORE) if label in tagger.labels()]
    title_p = [sum(tagger.marginal(label, i) for label in known) for i in range(len(labels))]
    return labels, title_p


def trials_for(pages: Sequence[ll.LabelledPage], model: Path) -> list[Trial]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    out = []
    for page in pages:
        labels, title_p = tag(tagger, page)
        parsed = cs.parse(page.page)
        out.append(Trial(page, rule_labels(page), parsed, labels, title_p))
    tagger.close()
    return out


def cross_validated(
    pages: Sequence[ll.LabelledPage], folds: int, c1: float, c2: float
) -> list[Trial]:
    """Out-of-fold trials: each page tagged by a model trained on the other folds."""
    out: list[Trial] = []
    with tempfile.TemporaryDirectory(prefix="labeller-") as tmp:
        for fold in range(folds):
            train = [p for i, p in enumerate(pages) if i % folds != fold]
            test = [p for i, p in enumerate(pages) if i % folds == fold]
            model = train_labeller.train(train, Path(tmp) / f"fold{fold}.crfsuite", c1=c1, c2=c2)
            out += trials_for(test, model)
    return out


# ---------------------------------------------------------------- decoding


@dataclass
class _Open:
    title: str
    line: int
    author: str | None = None
    when: datetime | None = None


def _field(unit: ll.Unit, label: str) -> tuple[str | None, datetime | None]:
    """(author, naive datetime) a BYLINE or DATE line gives, read by the parser's readers."""
    byline = byline_of(unit, BYLINE_SYMBOL if label == ll.BYLINE else "")
    if byline is not None:
        return byline.author, byline.published
    found = find_date(unit.text)
    return None, (found.value if found is not None else None)


def decode(page: ll.LabelledPage, labels: Sequence[str]) -> list[cs.Produced]:
    """Items from line labels: a TITLE opens one; BYLINE and DATE lines fill its author and
    date (one met before any title, or when the item has that field, waits for the next)."""
    items: list[_Open] = []
    waiting = _Open("", 0)
    for index, (unit, label) in enumerate(zip(page.units, labels, strict=True)):
        runs_on = index > 0 and labels[index - 1] in (ll.TITLE, ll.TITLE_MORE)
        if label == ll.TITLE or (label == ll.TITLE_MORE and not (items and runs_on)):
            text = derive_title(unit.text) if unit.sentence else unit.text
            items.append(_Open(text, unit.line, waiting.author, waiting.when))
            waiting = _Open("", 0)
        elif label == ll.TITLE_MORE:
            items[-1].title += f" {unit.text}"
        elif label in (ll.BYLINE, ll.DATE):
            author, when = _field(unit, label)
            for target in ([items[-1]] if items else []) + [waiting]:
                if _fits(target, author, when):
                    target.author = target.author or author
                    target.when = target.when or when
                    break
    out = []
    for item in items:
        draft = Draft(item.title, item.line, author=item.author, published=item.when)
        done = finalise(draft, ZONE, None, page.page.saved)
        day = done.published.date() if done.published else None
        out.append(cs.Produced(done.title, done.author, day, None, done.line))
    return out


def _fits(target: _Open, author: str | None, when: datetime | None) -> bool:
    """Whether an item still lacks what a byline or date line gives."""
    return (author is None or target.author is None) and (when is None or target.when is None)


def hybrid(trial: Trial, reject: float, accept: float) -> list[cs.Produced]:
    """The parser's items less those the CRF doubts are titles, plus the titles it is sure
    the rules missed (author and date as the CRF's labels give them)."""
    units, items = trial.page.units, list(trial.parsed.items)
    best: dict[int, float] = {}
    for unit, p in zip(units, trial.title_p, strict=True):
        best[unit.line] = max(best.get(unit.line, 0.0), p)
    if trial.parsed.layout != "long-page" and len(items) > 1:
        items = [it for it in items if best.get(it.line, 1.0) >= reject] or items
    taken = {it.line for it in items}
    taken |= {u.line for u, r in zip(units, trial.rules, strict=True) if r != ll.OTHER}
    if accept <= 1.0:
        decoded = decode(trial.page, trial.crf)
        items += [d for d in decoded if d.line not in taken and best.get(d.line, 0.0) >= accept]
    return sorted(items, key=lambda it: it.line)


# ---------------------------------------------------------------- scoring


def collapse(label: str) -> str:
    return "TITLE" if label in (ll.TITLE, ll.TITLE_MORE) else label


def line_accuracy(trials: Sequence[Trial], which: str) -> float:
    right = total = 0
    for trial in trials:
        for gold, got in zip(trial.page.labels, getattr(trial, which), strict=True):
            right += collapse(gold) == collapse(got)
            total += 1
    return right / total


def title_f1(trials: Sequence[Trial], which: str) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for trial in trials:
        for gold, got in zip(trial.page.labels, getattr(trial, which), strict=True):
            g, o = collapse(gold) == "TITLE", collapse(got) == "TITLE"
            tp += g and o
            fp += o and not g
            fn += g and not o
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def item_scores(
    trials: Sequence[Trial], produce: Callable[[Trial], Iterable[cs.Produced]]
) -> cs.Scores:
    """The corpus scores of the items ``produce`` makes of each page."""
    scored = []
    for trial in trials:
        produced = tuple(produce(trial))
        parsed = cs.Parsed(trial.parsed.layout, produced)
        page = trial.page.page
        scored.append(cs.PageScore(page, parsed, tuple(cs.match(page.items, produced))))
    return cs.total(scored)


def hybrid_scores(trials: Sequence[Trial], reject: float, accept: float) -> cs.Scores:
    return item_scores(trials, lambda t: hybrid(t, reject, accept))


def row(name: str, s: cs.Scores) -> str:
    return (
        f"  {name:28s} P {s.precision:.3f}  R {s.recall:.3f}  author {s.author_accuracy:.3f}"
        f"  date {s.date_accuracy:.3f}  produced {s.produced:4d}"
        f"  furniture {s.furniture_items:3d}"
    )


def pick_thresholds(trials: Sequence[Trial]) -> tuple[float, float]:
    """The (reject, accept) pair to try on held-out pages: of the pairs that lose none of
    P, R, author and date against the rules, the one with the highest sum of the four
    (else the pair with the highest P + R)."""
    rules = _rates(item_scores(trials, lambda t: t.parsed.items))
    pairs = [(r, a) for r in REJECTS for a in ACCEPTS]
    rates = {pair: _rates(hybrid_scores(trials, *pair)) for pair in pairs}
    safe = [p for p in pairs if all(x >= y - 1e-9 for x, y in zip(rates[p], rules, strict=True))]
    if safe:
        return max(safe, key=lambda p: (round(sum(rates[p]), 6), -p[0], p[1]))
    return max(pairs, key=lambda p: (round(rates[p][0] + rates[p][1], 6), -p[0], p[1]))


def _rates(s: cs.Scores) -> tuple[float, float, float, float]:
    return s.precision, s.recall, s.author_accuracy, s.date_accuracy


def sweep(trials: Sequence[Trial]) -> None:
    """The hybrid's scores at every pair of thresholds."""
    for reject in REJECTS:
        for accept in ACCEPTS:
            scores = hybrid_scores(trials, reject, accept)
            print(row(f"reject<{reject} accept>={accept}", scores))


def report(name: str, trials: Sequence[Trial], thresholds: tuple[float, float]) -> None:
    print(f"[{name}] {len(trials)} pages, {sum(len(t.page.units) for t in trials)} lines")
    crf, rules = line_accuracy(trials, "crf"), line_accuracy(trials, "rules")
    print(f"  line accuracy: CRF {crf:.3f}, rules {rules:.3f}")
    for which in ("crf", "rules"):
        p, r, f = title_f1(trials, which)
        print(f"  title lines ({which}): P {p:.3f} R {r:.3f} F1 {f:.3f}")
    print(row("parser (hand rules)", item_scores(trials, lambda t: t.parsed.items)))
    print(row("CRF labels decide", item_scores(trials, lambda t: decode(t.page, t.crf))))
    reject, accept = thresholds
    label = f"hybrid (reject<{reject}, accept>={accept if accept <= 1 else 'off'})"
    print(row(label, hybrid_scores(trials, reject, accept)))


def throughput(pages: Sequence[ll.LabelledPage], model: Path, passes: int = 3) -> None:
    loaded = [(p.page.text_path.read_bytes(), p.page.name, p.page.saved) for p in pages]
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    rules, extra = [], []
    for _ in range(passes):
        start = time.perf_counter()
        for raw, name, saved in loaded:
            text, _ = decode_seed(raw, name=name)
            try:
                parse_page(text, name=name, saved=saved)
            except cs.SeedError:
                pass
        rules.append(time.perf_counter() - start)
        start = time.perf_counter()
        for page in pages:
            tag(tagger, page)
        extra.append(time.perf_counter() - start)
    r, e = statistics.median(rules), statistics.median(extra)
    n = len(loaded)
    print(
        f"throughput over {n} pages (median of {passes}): parser {n / r:.1f} pages/s;"
        f" parser + CRF features and tagging {n / (r + e):.1f} pages/s"
        f" ({(r + e) / r:.2f}x the time)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--heldout", action="store_true", help="also score the held-out part")
    parser.add_argument("--sweep", action="store_true", help="print the hybrid's thresholds")
    parser.add_argument("--c1", type=float, default=train_labeller.C1)
    parser.add_argument("--c2", type=float, default=train_labeller.C2)
    args = parser.parse_args(argv)
    tune = train_labeller.labelled_part("tune")
    oof = cross_validated(tune, args.folds, args.c1, args.c2)
    thresholds = pick_thresholds(oof)
    if args.sweep:
        sweep(oof)
    report(f"tune, {args.folds}-fold cross-validation", oof, thresholds)
    with tempfile.TemporaryDirectory(prefix="labeller-") as tmp:
        model = train_labeller.train(tune, Path(tmp) / "all.crfsuite", c1=args.c1, c2=args.c2)
        info = pycrfsuite.Tagger()
        info.open(str(model))
        features = len(info.info().state_features)
        info.close()
        size = model.stat().st_size
        print(f"model trained on all of tune: {size} bytes, {features} state features")
        if args.heldout:
            heldout = train_labeller.labelled_part("heldout")
            report("heldout (model from all of tune)", trials_for(heldout, model), thresholds)
        throughput(tune, model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
