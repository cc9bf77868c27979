"""Text tables as lynx and w3m dump them: rows of cells in aligned columns, read cell by cell.

"06/03/2024 [10]Hospital porters win back-pay after two-year    Maureen Kelly", its title
wrapped onto the next line under its own column, is one record of three fields; read as
a line it is a jumble of date, half a title and a name.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Final

_GAP: Final = re.compile(r"\S\s{2,}(?=\S)")  # where a cell ends and the next one starts
_MIN_ROWS: Final = 3
_ALIGNED: Final = 0.6  # the share of rows a column's cells start at
_MIN_COLUMNS: Final = 2
_GAPPED_ROWS: Final = 2  # rows with wide gaps between their cells: one is no table


def table_cells(lines: list[str]) -> dict[int, list[str]]:
    """For the raw lines that are rows of a text table, their cells (in column order);
    a line that carries a cell over from the row above maps to no cells of its own (its
    text joins that cell)."""
    cells: dict[int, list[str]] = {}
    start = 0
    while start < len(lines):
        if not lines[start].strip():
            start += 1
            continue
        end = start
        while end < len(lines) and lines[end].strip():
            end += 1
        if end - start >= _MIN_ROWS and _tabbed(lines, start, end):
            cells.update(_read_tabbed(lines, start, end))
        elif end - start >= _MIN_ROWS and any(_gapped(line) for line in lines[start:end]):
            cells.update(_read_table(lines, start, end))
        start = end
    return cells


def _tabbed(lines: list[str], start: int, end: int) -> bool:
    """Whether ``lines[start:end]`` is a table copied out of a browser, which sets a tab
    between cells: three rows or more of as many cells, two at the least."""
    widths = Counter(len(_tab_cells(line)) for line in lines[start:end] if "\t" in line)
    if not widths:
        return False
    width, rows = widths.most_common(1)[0]
    return width >= _MIN_COLUMNS and rows >= _MIN_ROWS


def _read_tabbed(lines: list[str], start: int, end: int) -> dict[int, list[str]]:
    """Each tabbed row's cells; the lines between them (a caption, a note) stay lines."""
    return {i: _tab_cells(lines[i]) for i in range(start, end) if "\t" in lines[i]}


def _tab_cells(line: str) -> list[str]:
    """A tabbed row's cells, the empty ones left out."""
    return [cell.strip() for cell in line.split("\t") if cell.strip()]


def _read_table(lines: list[str], start: int, end: int) -> dict[int, list[str]]:
    """The cells of the table in ``lines[start:end]``, or nothing when it is no table."""
    run = range(start, end)
    indent = min(_indent(lines[i]) for i in run)
    rows = [i for i in run if _indent(lines[i]) == indent]
    if sum(1 for i in rows if _GAP.search(lines[i])) < _GAPPED_ROWS:
        return {}  # one row spaced out ("POR: MARIANA TREJO  |  10/11/2025") over prose
    columns = _columns(lines, rows)
    if len(rows) < _MIN_ROWS or len(columns) < _MIN_COLUMNS:
        return {}
    bounds = [indent, *columns]
    out: dict[int, list[str]] = {}
    row: list[str] = []
    for i in run:
        line = lines[i]
        if _indent(line) == indent:
            cells = _cut(line, bounds)
            filled = [k for k, cell in enumerate(cells) if cell]
            if len(filled) == 1 and row:  # a cell wrapped in a table without margins
                row[filled[0]] = f"{row[filled[0]]} {cells[filled[0]]}"
                out[i] = []
                continue
            row = cells
            out[i] = row
            continue
        column = max((k for k, b in enumerate(bounds) if b <= _indent(line)), default=0)
        if _indent(line) not in bounds or not row:
            return {}  # a line under the rows that no column explains: not a table
        row[column] = f"{row[column]} {line.strip()}".strip()
        out[i] = []
    return out


def _gapped(line: str) -> bool:
    """Whether ``line`` holds a gap between cells (_GAP): a printable ASCII line's only
    white space is the space, so without two of them together it holds none."""
    if "  " not in line and line.isascii() and line.isprintable():
        return False
    return _GAP.search(line) is not None


def _columns(lines: list[str], rows: list[int]) -> list[int]:
    """Where the columns after the first start: gaps of two spaces or more that most rows
    have a cell start at (a cell that runs up to the next column by one space counts)."""
    starts = {m.end() for i in rows for m in _GAP.finditer(lines[i])}
    need = max(_MIN_ROWS, _ALIGNED * len(rows))
    return sorted(c for c in starts if sum(_starts_at(lines[i], c) for i in rows) >= need)


def _starts_at(line: str, column: int) -> bool:
    """Whether a cell of ``line`` starts at ``column``."""
    return len(line) > column and line[column - 1] == " " and line[column] != " "


def _cut(line: str, bounds: list[int]) -> list[str]:
    """The row's cells, cut at the column bounds where the line has a cell starting there
    (else the text runs on into the next column's cell, which stays empty)."""
    cells = [""] * len(bounds)
    last = 0
    for k in range(1, len(bounds)):
        if _starts_at(line, bounds[k]):
            cells[last] = line[bounds[last] : bounds[k]].strip()
            last = k
    cells[last] = line[bounds[last] :].strip()
    return cells


def _indent(line: str) -> int:
    """Where a line's text starts."""
    return len(line) - len(line.lstrip(" "))


_FORM_REPEATS: Final = 3  # records that fill a label in before it is a form's field
_FORM_LABELS: Final = 2  # labels the page's forms repeat, at the least
# a label, a gap of two spaces or more (or a tab), the value: "  No.          2025/038"
_FORM_FIELD: Final = re.compile(
    r"\s*(?P<label>[^\W\d_][^\W\d]*\.?(?: [^\W\d_][^\W\d]*\.?){0,2}):?"
    r"(?: {2,}|\t+)(?P<value>[^\s·|•/–—-].*)"  # a value, not a separator: "KURZANALYSE  ·  Klima"
)


def form_fields(raws: list[str]) -> dict[int, str]:
    """For the raw lines that are a form's fields printed as a table's two columns, each
    written "Label: value" (``forms.read_forms`` reads them); a label counts where three
    records or more fill it in, and the page repeats two such labels at least: a lone
    "Phone   0300 555 0142" is no form."""
    fields: dict[int, tuple[str, str]] = {}
    for index, raw in enumerate(raws):
        if "  " not in raw and "\t" not in raw:
            continue  # the cheap test: no gap, no field
        match = _FORM_FIELD.fullmatch(raw.rstrip())
        if match is not None:
            fields[index] = (match.group("label"), match.group("value"))
    labels = repeated_labels({index: label for index, (label, _) in fields.items()})
    if len(labels) < _FORM_LABELS:
        return {}
    return {
        index: f"{label}: {value}"
        for index, (label, value) in fields.items()
        if label.casefold() in labels
    }


def repeated_labels(labels: dict[int, str]) -> set[str]:
    """The labels (casefolded) three records or more fill in."""
    counts = Counter(label.casefold() for label in labels.values())
    return {label for label, count in counts.items() if count >= _FORM_REPEATS}


# A box drawn around a few lines ("╔══╗ / ║ Support the strike fund! ║ / ╚══╝", "┌──┐ │ … │
# └──┘", "+--+ | … | +--+"): a promotion or a notice the site sets between its items.
_FRAME_TOP: Final = re.compile(r"([╔┌╭+])[═─━-]{3,}([╗┐╮+])")
_FRAME_BOTTOM: Final = re.compile(r"[╚└╰+][═─━-]{3,}[╝┘╯+]")
_FRAME_SIDES: Final = "║│|"
_FRAME_CORNERS: Final = {"╔": ("╚", "╝"), "┌": ("└", "┘"), "╭": ("╰", "╯"), "+": ("+", "+")}
_FRAME_LINES: Final = 8  # lines inside a box; more is a page drawn in a frame
FRAME_HINT: Final = re.compile(r"[╔┌╭+][═─━-]{3,}[╗┐╮+]")  # one scan of the page: a frame's top
_CORNERS: Final = "╔┌╭+"  # a frame's top-left corner, which opens every FRAME_HINT


def may_hold_frames(text: str) -> bool:
    """Whether a page may hold a box drawn around a few lines (FRAME_HINT): a corner looked
    for first, a fast substring scan where the pattern tries every character of the page."""
    return any(corner in text for corner in _CORNERS) and FRAME_HINT.search(text) is not None


def drawn_frames(lines: list[str]) -> dict[int, tuple[int, str]]:
    """For the raw line opening each box drawn around a few lines, the line closing it and
    the text inside, read as one; a frame with columns inside is a table, not a box."""
    frames: dict[int, tuple[int, str]] = {}
    for start, line in enumerate(lines):
        top = _FRAME_TOP.fullmatch(line.strip()) if "-" in line or not line.isascii() else None
        if top is None:
            continue
        left, right = _FRAME_CORNERS[top.group(1)]
        inside: list[str] = []
        for end in range(start + 1, min(len(lines), start + _FRAME_LINES + 2)):
            row = lines[end].strip()
            if row[:1] == left and row[-1:] == right and _FRAME_BOTTOM.fullmatch(row):
                if inside:
                    frames[start] = (end, " ".join(inside))
                break
            body = row[1:-1].strip()
            if row[:1] not in _FRAME_SIDES or row[-1:] != row[:1] or row[:1] in body:
                break
            if body:
                inside.append(" ".join(body.split()))
    return frames
