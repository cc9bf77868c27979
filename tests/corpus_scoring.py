"""Score the parser against the labelled corpus (tests/data/corpus/<part>/<page>.txt + .json).

Pure functions shared by bench/parse_quality.py and tests/test_parse_corpus.py: load a
part of the corpus, run the parser on every page, match the items it produced to the
labelled ones and count what went right, overall and per layout, with the failures of
each page kept so a developer can see what went wrong.

Matching is one-to-one and greedy by best title similarity. Titles are compared after
normalising (casefold, NFKD, punctuation and accents dropped, spaces collapsed): equal,
or a difflib ratio of at least 0.85, or one a prefix of the other covering at least 80%
of the longer. One allowance on top: a produced title that was visibly cut (it ends in
an ellipsis, as a title derived from a long teaser sentence does) also matches a labelled
title it is a prefix of when it covers at least half of it. Author, date and URL accuracy
are over matched pairs (both null is right; authors are compared name by name, so "A, B and
C" and "A and B and C" agree; URLs are compared as written).
"""

from __future__ import annotations

import difflib
import hashlib
import inspect
import json
import re
import statistics
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final

# The parser's one import site: it is moving from publisher.parsing to publisher.ingest.parsing.
try:
    from publisher.ingest.parsing import decode_seed, parse_page
except ImportError:  # before the move
    from publisher.parsing import (  # type: ignore[no-redef, import-not-found, unused-ignore]
        decode_seed,
        parse_page,
    )
try:
    from publisher.core.errors import SeedError
except ImportError:  # before the move
    from publisher.errors import SeedError  # type: ignore[no-redef, import-not-found, unused-ignore]

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
PARTS = ("tune", "heldout")
SCORES_FILE = CORPUS / "scores.json"
LAYOUTS = ("listing", "listing-bylines", "teasers", "author-archive", "long-page")
RATIO = 0.85  # difflib ratio at which two titles are the same item
PREFIX_SHARE = 0.8  # a prefix match must cover this share of the longer title
CUT_SHARE = 0.5  # a cut title ("…") must cover this share of the labelled title it starts
CUT_MARKS = ("…", "...")
# The overall rates recorded in scores.json and checked by the test (higher is better);
# furniture_items is recorded too and may not grow.
RATES = ("precision", "recall", "author_accuracy", "date_accuracy", "layout_accuracy")
# Reported and recorded, but checked only once a recorded scores.json holds them.
NEW_RATES = ("url_accuracy",)


def _accepts(parameter: str) -> bool:
    """Whether this parser takes ``parameter`` (older ones, timed as baselines, may not)."""
    try:
        return parameter in inspect.signature(parse_page).parameters
    except ValueError:  # compiled: no signature to read, and compiled parsers are current
        return True


_ACCEPTS_SAVED = _accepts("saved")
_ACCEPTS_NAME = _accepts("name")


# ---------------------------------------------------------------- normalising


def normalise(text: str | None) -> str:
    """Casefolded, NFKD, accents, punctuation and pictographs dropped, spaces collapsed."""
    if not text:
        return ""
    kept = []
    for char in unicodedata.normalize("NFKD", text.casefold()):
        kind = unicodedata.category(char)
        if kind.startswith("M"):  # combining accents
            continue
        kept.append(" " if kind.startswith(("P", "Z", "C")) or kind == "So" else char)
    return " ".join("".join(kept).split())


def similarity(expected: str, produced: str, *, cut: bool = False) -> float:
    """How alike two normalised titles are, 0.0 when they do not count as the same item.

    ``cut`` says the produced title ended in an ellipsis: it was shortened on purpose.
    """
    if not expected or not produced:
        return 0.0
    if expected == produced:
        return 1.0
    shorter, longer = sorted((expected, produced), key=len)
    share = len(shorter) / len(longer)
    prefix = share if longer.startswith(shorter) and share >= PREFIX_SHARE else 0.0
    if cut and not prefix and expected.startswith(produced):
        prefix = share if share >= CUT_SHARE else 0.0
    ratio = difflib.SequenceMatcher(None, expected, produced, autojunk=False).ratio()
    if ratio >= RATIO or prefix:
        return max(prefix, ratio)
    return 0.0


# ---------------------------------------------------------------- the corpus


@dataclass(frozen=True)
class Expected:
    """One labelled item: what a careful reader extracts from the page."""

    title: str
    author: str | None
    date: date | None
    url: str | None


@dataclass(frozen=True)
class Page:
    """One labelled page of the corpus."""

    name: str  # "<part>/<stem>"
    text_path: Path
    layout: str
    saved: datetime | None
    site_style: str
    language: str
    items: tuple[Expected, ...]


_JOINED: Final = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


# Courtesy titles a label may keep or drop ("Dr Siân Williams", "Prof. R. Ofrecio", "Shri
# A. Sawant"): the person is the same, and the parser drops them on purpose.
_HONORIFIC: Final = re.compile(
    r"^(?:(?:dr|prof|professor|sir|dame|rev|revd|cllr|mr|mrs|ms|mx|shri|smt|adv|hon"
    r"|rt hon|dott|dra|sra|mme|herr|frau) )+"
)


def _names(author: str | None) -> list[str]:
    """An author's names, normalised: "A, B and C" and "A and B and C" name the same three."""
    names = (normalise(name) for name in _JOINED.split(author or "") if name.strip())
    return [_HONORIFIC.sub("", name) for name in names]


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def load_page(sidecar: Path) -> Page:
    """The page next to ``sidecar`` (same stem, .txt) with its labels."""
    data = json.loads(sidecar.read_text(encoding="utf-8"))
    saved = data.get("saved")
    items = tuple(
        Expected(
            title=item["title"],
            author=item.get("author") or None,
            date=_date(item.get("date")),
            url=item.get("url") or None,
        )
        for item in data["items"]
    )
    return Page(
        name=f"{sidecar.parent.name}/{sidecar.stem}",
        text_path=sidecar.with_suffix(".txt"),
        layout=data["layout"],
        saved=datetime.fromisoformat(saved) if saved else None,
        site_style=data.get("site_style", ""),
        language=data.get("language", ""),
        items=items,
    )


def unpaired(folder: Path) -> list[str]:
    """Pages without a sidecar and sidecars without a page in ``folder``."""
    texts = {p.stem for p in folder.glob("*.txt")}
    sides = {p.stem for p in folder.glob("*.json")}
    return [f"{folder.name}/{s}.txt has no .json" for s in sorted(texts - sides)] + [
        f"{folder.name}/{s}.json has no .txt" for s in sorted(sides - texts)
    ]


def load_part(folder: Path) -> list[Page]:
    """Every labelled page in ``folder`` (a sidecar with its page), in name order."""
    return [
        load_page(side)
        for side in sorted(folder.glob("*.json"))
        if side.with_suffix(".txt").exists()
    ]


def load_corpus(root: Path = CORPUS, parts: Iterable[str] = PARTS) -> dict[str, list[Page]]:
    """The pages of each part of the corpus under ``root``."""
    return {part: load_part(root / part) for part in parts}


# ---------------------------------------------------------------- parsing


@dataclass(frozen=True)
class Produced:
    """One item the parser produced, reduced to what is scored."""

    title: str
    author: str | None
    date: date | None
    url: str | None
    line: int


@dataclass(frozen=True)
class Parsed:
    """What the parser made of a page: its layout (None after a SeedError) and items."""

    layout: str | None
    items: tuple[Produced, ...]
    error: str | None = None


def run_parser(
    raw: bytes, name: str, saved: datetime | None, options: dict[str, Any] | None = None
) -> Parsed:
    """Decode and parse one page; a SeedError is a page with no items, anything else raises.

    ``options`` go to parse_page as they are (bench/labeller_trial.py passes a labeller).
    """
    kwargs: dict[str, Any] = dict(options or {})
    if _ACCEPTS_NAME:
        kwargs["name"] = name
    if _ACCEPTS_SAVED and saved is not None:
        kwargs["saved"] = saved
    try:
        text, _ = decode_seed(raw, name=name)
        result = parse_page(text, **kwargs)
    except SeedError as exc:
        return Parsed(layout=None, items=(), error=str(exc))
    except Exception as exc:
        exc.add_note(f"while parsing corpus page {name}")
        raise
    items = tuple(
        Produced(
            title=item.title,
            author=item.author,
            date=item.published.date() if item.published else None,
            url=item.url,
            line=item.line,
        )
        for item in result.items
    )
    return Parsed(layout=result.layout, items=items)


def parse(page: Page) -> Parsed:
    """Run the parser on a corpus page."""
    return run_parser(page.text_path.read_bytes(), page.name, page.saved)


def throughput(pages: Sequence[Page], passes: int = 3) -> float:
    """Pages per second of decode + parse over ``pages`` (files read first): median of passes."""
    loaded = [(p.text_path.read_bytes(), p.name, p.saved) for p in pages]
    rates = []
    for _ in range(passes):
        start = time.perf_counter()
        for raw, name, saved in loaded:
            run_parser(raw, name, saved)
        rates.append(len(loaded) / max(time.perf_counter() - start, 1e-9))
    return statistics.median(rates)


# ---------------------------------------------------------------- matching and scoring


@dataclass(frozen=True)
class Pair:
    """A labelled item and the produced item matched to it."""

    expected: Expected
    produced: Produced
    similarity: float

    @property
    def author_right(self) -> bool:
        return _names(self.expected.author) == _names(self.produced.author)

    @property
    def date_right(self) -> bool:
        return self.expected.date == self.produced.date

    @property
    def url_right(self) -> bool:
        return self.expected.url == self.produced.url


def match(expected: Sequence[Expected], produced: Sequence[Produced]) -> list[Pair]:
    """One-to-one greedy matching by best title similarity, in expected order."""
    keys_e = [normalise(e.title) for e in expected]
    keys_p = [normalise(p.title) for p in produced]
    cuts = [p.title.rstrip().endswith(CUT_MARKS) for p in produced]
    candidates = []
    for i, key_e in enumerate(keys_e):
        for j, key_p in enumerate(keys_p):
            score = similarity(key_e, key_p, cut=cuts[j])
            if score:
                candidates.append((-score, i, j))
    candidates.sort()
    used_e: set[int] = set()
    used_p: set[int] = set()
    pairs: dict[int, Pair] = {}
    for negative, i, j in candidates:
        if i in used_e or j in used_p:
            continue
        used_e.add(i)
        used_p.add(j)
        pairs[i] = Pair(expected[i], produced[j], -negative)
    return [pairs[i] for i in sorted(pairs)]


@dataclass(frozen=True)
class PageScore:
    """A page's labels, what the parser produced, and how they matched."""

    page: Page
    parsed: Parsed
    pairs: tuple[Pair, ...]

    @property
    def missed(self) -> list[Expected]:
        found = {id(p.expected) for p in self.pairs}
        return [e for e in self.page.items if id(e) not in found]

    @property
    def furniture(self) -> list[Produced]:
        found = {id(p.produced) for p in self.pairs}
        return [p for p in self.parsed.items if id(p) not in found]

    @property
    def layout_right(self) -> bool:
        return self.parsed.layout == self.page.layout

    @property
    def perfect(self) -> bool:
        return (
            self.layout_right
            and not self.missed
            and not self.furniture
            and all(p.author_right and p.date_right and p.url_right for p in self.pairs)
        )


def score_page(page: Page) -> PageScore:
    """Parse ``page`` and match what came out to its labels."""
    parsed = parse(page)
    return PageScore(page, parsed, tuple(match(page.items, parsed.items)))


def _rate(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass(frozen=True)
class Scores:
    """Counts over a set of pages, and the rates made from them."""

    pages: int = 0
    expected: int = 0
    produced: int = 0
    matched: int = 0
    authors_right: int = 0
    dates_right: int = 0
    layouts_right: int = 0
    urls_right: int = 0

    @property
    def precision(self) -> float:
        return _rate(self.matched, self.produced)

    @property
    def recall(self) -> float:
        return _rate(self.matched, self.expected)

    @property
    def author_accuracy(self) -> float:
        return _rate(self.authors_right, self.matched)

    @property
    def date_accuracy(self) -> float:
        return _rate(self.dates_right, self.matched)

    @property
    def url_accuracy(self) -> float:
        return _rate(self.urls_right, self.matched)

    @property
    def furniture_items(self) -> int:
        return self.produced - self.matched

    @property
    def layout_accuracy(self) -> float:
        return _rate(self.layouts_right, self.pages)

    def as_dict(self) -> dict[str, float | int]:
        """The counts and rates, rates rounded to 4 places (what scores.json records)."""
        return {
            "pages": self.pages,
            "expected": self.expected,
            "produced": self.produced,
            "matched": self.matched,
            **{rate: round(getattr(self, rate), 4) for rate in (*RATES, *NEW_RATES)},
            "furniture_items": self.furniture_items,
        }


def total(scores: Iterable[PageScore]) -> Scores:
    """The counts summed over page scores."""
    pages = expected = produced = matched = authors = dates = layouts = urls = 0
    for s in scores:
        pages += 1
        expected += len(s.page.items)
        produced += len(s.parsed.items)
        matched += len(s.pairs)
        authors += sum(p.author_right for p in s.pairs)
        dates += sum(p.date_right for p in s.pairs)
        urls += sum(p.url_right for p in s.pairs)
        layouts += s.layout_right
    return Scores(pages, expected, produced, matched, authors, dates, layouts, urls)


@dataclass(frozen=True)
class PartReport:
    """A part of the corpus scored: every page, overall and per labelled layout."""

    part: str
    pages: tuple[PageScore, ...]
    overall: Scores = field(default_factory=Scores)
    by_layout: dict[str, Scores] = field(default_factory=dict)


def score_part(part: str, pages: Sequence[Page]) -> PartReport:
    """Score every page of a part."""
    scored = tuple(score_page(p) for p in pages)
    layouts = sorted(
        {s.page.layout for s in scored},
        key=lambda name: (LAYOUTS.index(name) if name in LAYOUTS else len(LAYOUTS), name),
    )
    by_layout = {name: total(s for s in scored if s.page.layout == name) for name in layouts}
    return PartReport(part, scored, total(scored), by_layout)


def score_corpus(root: Path = CORPUS, parts: Iterable[str] = PARTS) -> dict[str, PartReport]:
    """Score each part of the corpus under ``root``."""
    return {part: score_part(part, pages) for part, pages in load_corpus(root, parts).items()}


# ---------------------------------------------------------------- reporting


COLUMNS = (
    ("", 18),
    ("pages", 6),
    ("expected", 9),
    ("produced", 9),
    ("precision", 10),
    ("recall", 7),
    ("author acc", 11),
    ("date acc", 9),
    ("url acc", 8),
    ("furniture", 10),
    ("layout acc", 11),
)


def _row(label: str, s: Scores) -> str:
    cells = (
        label,
        str(s.pages),
        str(s.expected),
        str(s.produced),
        f"{s.precision:.3f}",
        f"{s.recall:.3f}",
        f"{s.author_accuracy:.3f}",
        f"{s.date_accuracy:.3f}",
        f"{s.url_accuracy:.3f}",
        str(s.furniture_items),
        f"{s.layout_accuracy:.3f}",
    )
    first = cells[0].ljust(COLUMNS[0][1])
    return first + "".join(c.rjust(w) for c, (_, w) in zip(cells[1:], COLUMNS[1:], strict=True))


def table(report: PartReport) -> list[str]:
    """The part's score table: overall, then one row per labelled layout."""
    header = COLUMNS[0][0].ljust(COLUMNS[0][1]) + "".join(n.rjust(w) for n, w in COLUMNS[1:])
    lines = [f"[{report.part}]", header, _row("overall", report.overall)]
    lines += [_row(f"  {name}", s) for name, s in report.by_layout.items()]
    return lines


def _show(value: object) -> str:
    return "—" if value is None else repr(value) if isinstance(value, str) else str(value)


def failures(score: PageScore) -> list[str]:
    """What went wrong on one page, one line each (empty when the page was read right)."""
    lines = []
    page, parsed = score.page, score.parsed
    if parsed.error is not None:
        lines.append(f"  SeedError: {parsed.error}")
    if not score.layout_right:
        lines.append(f"  layout: expected {page.layout}, chose {parsed.layout or '—'}")
    for label in score.missed:
        lines.append(f"  missed: {label.title!r}")
    for extra in score.furniture:
        lines.append(f"  furniture (line {extra.line}): {extra.title!r}")
    for pair in score.pairs:
        title = pair.expected.title
        if pair.similarity < 1.0:
            lines.append(f"  title: {title!r} read as {pair.produced.title!r}")
        if not pair.author_right:
            lines.append(
                f"  author: {title!r} expected {_show(pair.expected.author)},"
                f" got {_show(pair.produced.author)}"
            )
        if not pair.date_right:
            lines.append(
                f"  date: {title!r} expected {_show(pair.expected.date)},"
                f" got {_show(pair.produced.date)}"
            )
        if not pair.url_right:
            lines.append(
                f"  url: {title!r} expected {_show(pair.expected.url)},"
                f" got {_show(pair.produced.url)}"
            )
    return lines


def page_summary(score: PageScore) -> str:
    """One line per page: name, layouts, and counts."""
    mark = "ok " if score.perfect else "-- "
    return (
        f"{mark}{score.page.name}  [{score.page.layout} -> {score.parsed.layout or '—'}]"
        f"  expected {len(score.page.items)}, produced {len(score.parsed.items)},"
        f" matched {len(score.pairs)}"
    )


def verbose(report: PartReport) -> list[str]:
    """Every page of the part with its failures."""
    lines = [f"[{report.part}] pages"]
    for score in report.pages:
        lines.append(page_summary(score))
        lines += failures(score)
    return lines


# ---------------------------------------------------------------- recorded scores


def page_names(report: PartReport) -> list[str]:
    return [s.page.name for s in report.pages]


def page_outputs(reports: dict[str, PartReport]) -> dict[str, str]:
    """Each page's digest of everything scored that the parser yields on it: its layout
    and its items' titles, authors, dates and links, or its error."""
    outputs: dict[str, str] = {}
    for part in sorted(reports):
        for score in reports[part].pages:
            parsed = score.parsed
            items = [(i.title, i.author, str(i.date), i.url, i.line) for i in parsed.items]
            row = json.dumps([parsed.layout, parsed.error, items], ensure_ascii=False)
            outputs[score.page.name] = hashlib.sha256(row.encode("utf-8")).hexdigest()[:16]
    return outputs


def changed_pages(outputs: dict[str, str], recorded: dict[str, str]) -> list[str]:
    """The pages, in both, whose output differs from the one recorded (new pages aside)."""
    return sorted(name for name, digest in outputs.items() if recorded.get(name, digest) != digest)


def record(reports: dict[str, PartReport], path: Path = SCORES_FILE) -> dict[str, Any]:
    """Write each part's overall scores (and its page list) to ``path``, and the parser's
    version beside each page's output; return what was written. Refuses where a page's
    output changed under the version recorded: stored seeds are re-read only when it rises."""
    from publisher.ingest.parsing import PARSER_VERSION  # this parser's: baselines have none

    outputs = page_outputs(reports)
    then = load_recorded(path).get("parser", {}) if path.exists() else {}
    changed = changed_pages(outputs, then.get("pages", {}))
    if then.get("version") == PARSER_VERSION and changed:
        raise ValueError(
            f"{len(changed)} pages read otherwise than under parser version {PARSER_VERSION}"
            f" (first {changed[0]}): raise PARSER_VERSION in publisher/ingest/parsing/__init__.py"
        )
    data: dict[str, Any] = {
        part: {"scores": report.overall.as_dict(), "pages": page_names(report)}
        for part, report in reports.items()
    }
    data["parser"] = {"version": PARSER_VERSION, "pages": outputs}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return data


def load_recorded(path: Path = SCORES_FILE) -> dict[str, Any]:
    """The scores last recorded with ``bench/parse_quality.py --record``."""
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def regressions(
    current: Scores, recorded: dict[str, float | int], tolerance: float = 0.005
) -> list[str]:
    """Each overall metric that fell below its recorded value (rates by more than tolerance).

    A rate of NEW_RATES is checked only when ``recorded`` holds it (scores recorded before
    it was added do not)."""
    problems = []
    for rate in (*RATES, *(r for r in NEW_RATES if r in recorded)):
        now, then = getattr(current, rate), float(recorded[rate])
        if now < then - tolerance:
            problems.append(f"{rate} fell from {then:.4f} to {now:.4f}")
    if current.furniture_items > int(recorded["furniture_items"]):
        problems.append(
            f"furniture_items rose from {recorded['furniture_items']} to {current.furniture_items}"
        )
    return problems
