"""The trained CRF's marginals computed straight from a page's line features.

python-crfsuite's tagger takes every feature of every line as a string it converts and
looks up on each call, which cost as much as the rules' whole parse; the model's weights
(read once through its ``info()``) are a few hundred features, so here each line's score
is summed from a dict and its neighbours' features are read unprefixed. The forward-backward
pass is crfsuite's own (a linear chain, no start or end transitions); tests/test_labeller.py
holds these marginals to the tagger's on the corpus.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Final, Protocol

from publisher.ingest.parsing.linefeatures import (
    EDGE,
    LABELS,
    SAME_BLOCK,
    STEPS,
    TITLE,
    TITLE_MORE,
    LineFeatures,
)

# A feature's weight for each label, in ``LABELS``' order (the model's labels are some of them):
# six plain floats, so that summing a line's score allocates nothing once compiled.
Vector = tuple[float, float, float, float, float, float]
Weights = dict[str, Vector]
_PREFIXES: Final = {f"{step:+d}:": step for step in STEPS}
_ZERO: Vector = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
# A line's first own features take few values ("bias", length, case, end, byline kind,
# furniture, qualities, symbol...): their weights' sum is kept once per different run of
# them, and the line's other features added on, the same additions in the same order.
_OWN_SHARED: Final = 15
_MEMO_MOST: Final = 1 << 14  # sums kept per model (about 2,000 of each on the whole corpus)


class ModelInfo(Protocol):
    """What python-crfsuite's ``Tagger.info()`` tells of a model."""

    state_features: dict[tuple[str, str], float]
    transitions: dict[tuple[str, str], float]


class Crf:
    """A linear-chain CRF's weights, by the offset of the line a feature is read from."""

    def __init__(self, labels: Iterable[str], info: ModelInfo) -> None:
        known = set(labels)
        self.labels: list[str] = [label for label in LABELS if label in known]
        index: dict[str, int] = {label: i for i, label in enumerate(self.labels)}
        sparse: dict[int | None, dict[str, list[float]]] = {None: {}}
        sparse.update({step: {} for step in STEPS})
        for (feature, label), weight in info.state_features.items():
            step = _PREFIXES.get(feature[:3])
            name = feature if step is None else feature[3:]
            sparse[step].setdefault(name, [0.0] * len(LABELS))[index[label]] = weight
        self._own = _vectors(sparse[None])
        self._steps = {step: _vectors(sparse[step]) for step in STEPS}
        self._edge = [self._steps[step].get(EDGE, _ZERO) for step in STEPS]
        self._same = [
            {same: self._steps[step].get(SAME_BLOCK[same], _ZERO) for same in (False, True)}
            for step in STEPS
        ]
        size = len(self.labels)
        self._trans = [1.0] * (size * size)  # exp of each transition's weight, row by row
        for (before, after), weight in info.transitions.items():
            self._trans[index[before] * size + index[after]] = math.exp(weight)
        self._titles = [index[label] for label in (TITLE, TITLE_MORE) if label in index]
        self._near_done: dict[tuple[str, ...], list[Vector]] = {}
        self._own_done: dict[tuple[str, ...], Vector] = {}

    def title_p(self, features: LineFeatures) -> list[float]:
        """Each line's marginal probability of a title label over the whole page."""
        marginals = self.marginals(features)
        return [sum(row[k] for k in self._titles) for row in marginals]

    def marginals(self, features: LineFeatures) -> list[list[float]]:
        """Each line's probability of each label (in ``labels``' order)."""
        size = len(self.labels)
        near = self._near(features)
        states = [_exp(self._score(features, near, i), size) for i in range(len(features.own))]
        return _forward_backward(states, self._trans, size)

    def _near(self, features: LineFeatures) -> list[list[Vector]]:
        """What each line adds to its neighbours' scores, for each offset (``STEPS``' order):
        summed once per different line (kept across pages), as a page's records repeat their
        lines' shapes and pages their kinds of line."""
        done = self._near_done
        near: list[list[Vector]] = []
        for seen in features.seen:
            key = tuple(seen)
            vectors = done.get(key)
            if vectors is None:
                vectors = [_sum(_ZERO, self._steps[step], seen) for step in STEPS]
                if len(done) < _MEMO_MOST:
                    done[key] = vectors
            near.append(vectors)
        return near

    def _score(self, features: LineFeatures, near: list[list[Vector]], index: int) -> Vector:
        """The line's score for each label: its own features' weights and its neighbours'."""
        own = features.own[index]
        shared = tuple(own[:_OWN_SHARED])
        summed = self._own_done.get(shared)
        if summed is None:
            summed = _sum(_ZERO, self._own, own[:_OWN_SHARED])
            if len(self._own_done) < _MEMO_MOST:
                self._own_done[shared] = summed
        score = _sum(summed, self._own, own[_OWN_SHARED:])
        total = len(features.own)
        block = features.blocks[index]
        for k, step in enumerate(STEPS):
            other = index + step
            if not 0 <= other < total:
                score = _plus(score, self._edge[k])
                continue
            same = self._same[k][features.blocks[other] == block]
            score = _plus(_plus(score, near[other][k]), same)
        return score


def _plus(a: Vector, b: Vector) -> Vector:
    return a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3], a[4] + b[4], a[5] + b[5]


def _vectors(sparse: dict[str, list[float]]) -> Weights:
    """Each feature's weights as a six-float vector."""
    return {name: (w[0], w[1], w[2], w[3], w[4], w[5]) for name, w in sparse.items()}


def _sum(score: Vector, table: Weights, names: list[str]) -> Vector:
    """``score`` plus the weights ``table`` holds for ``names``."""
    a, b, c, d, e, f = score
    for name in names:
        w = table.get(name)
        if w is not None:
            a, b, c, d, e, f = a + w[0], b + w[1], c + w[2], d + w[3], e + w[4], f + w[5]
    return a, b, c, d, e, f


def _exp(score: Vector, size: int) -> list[float]:
    """A line's scores for the model's labels exponentiated, shifted by their largest (the
    marginals are the same)."""
    values = list(score)[:size]
    top = max(values)
    return [math.exp(value - top) for value in values]


def _forward_backward(
    states: list[list[float]], trans: list[float], size: int
) -> list[list[float]]:
    """Each position's label marginals, by scaled forward and backward passes."""
    alpha = [_normal(states[0])]
    for t in range(1, len(states)):
        last = alpha[t - 1]
        state = states[t]
        row: list[float] = []
        for j in range(size):
            acc = 0.0
            for i in range(size):
                acc += last[i] * trans[i * size + j]
            row.append(state[j] * acc)
        alpha.append(_normal(row))
    beta = [[1.0] * size]
    for t in range(len(states) - 1, 0, -1):
        later = [states[t][j] * beta[-1][j] for j in range(size)]
        row = []
        for i in range(size):
            acc = 0.0
            for j in range(size):
                acc += trans[i * size + j] * later[j]
            row.append(acc)
        beta.append(_normal(row))
    beta.reverse()
    return [_normal([a[k] * b[k] for k in range(size)]) for a, b in zip(alpha, beta, strict=True)]


def _normal(values: list[float]) -> list[float]:
    """``values`` scaled to sum to one."""
    total = 0.0
    for value in values:
        total += value
    return [value / total for value in values]
