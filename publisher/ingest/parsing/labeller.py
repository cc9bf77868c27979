"""The CRF line labeller: each line's chance of being a title, a second opinion on the rules.

A linear-chain CRF (python-crfsuite) over the features of ``linefeatures.py``, trained on
the corpus's tuning part by ``make labeller`` (tools/train_labeller.py) into the small
model file beside this module. ``REJECT`` and ``ACCEPT`` were chosen by cross-validation
on the tuning part (bench/labeller_trial.py): the rules' items the labeller gives a title
probability under ``REJECT`` are dropped, lines it is ``ACCEPT`` sure are titles are added.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

import pycrfsuite

from publisher.ingest.parsing.crf import Crf
from publisher.ingest.parsing.linefeatures import line_features
from publisher.ingest.parsing.lines import Unit

MODEL: Final = "labeller.crfsuite"
REJECT: Final = 0.2
ACCEPT: Final = 0.95


@dataclass(frozen=True)
class Tagged:
    """A page's lines as the labeller sees them: each line's probability of being (part of)
    a title, the CRF's marginal over the whole page (no Viterbi path is needed: a line is
    taken for a title only when that probability passes one half)."""

    title_p: list[float]


class Labeller:
    """A trained model and the thresholds its opinion is taken at."""

    def __init__(self, model: bytes, reject: float = REJECT, accept: float = ACCEPT) -> None:
        self.reject = reject
        self.accept = accept
        tagger = pycrfsuite.Tagger()
        tagger.open_inmemory(model)
        self._crf = Crf(tagger.labels(), tagger.info())
        tagger.close()

    def tag(self, units: list[Unit], syms: list[str]) -> Tagged:
        """Each line's probability of being (part of) a title."""
        if not units:
            return Tagged([])
        return Tagged(self._crf.title_p(line_features(units, syms)))


@cache
def packaged() -> Labeller | None:
    """The labeller shipped with the parser (read once per process); None before its first
    training (``make labeller``), when the rules read pages alone."""
    model = resources.files("publisher.ingest.parsing").joinpath(MODEL)
    return Labeller(model.read_bytes()) if model.is_file() else None
