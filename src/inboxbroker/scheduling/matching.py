"""Choosing the interviewer for a request: the forwarding manager, else the best topic fit with capacity left.

The fit is a text similarity between each request field (topic, role, organisation, body) and each of an
interviewer's topics; the best (field, topic) pair, times the field's weight, is the interviewer's fit, and
that fit times a capacity factor (0.75 + 0.25 × share of the month's capacity left) ranks them. Nobody at or
over capacity is ever chosen. Ties go to the smaller email, so the same input always gives the same answer.

Measured on our own labelled set (tests/fixtures/matching/requests.json: 62 requests, 10 interviewers with
three topics each), top-1 accuracy with equal capacity, by ``scripts/measure_matching.py``:

    words     word overlap, light stemming (share of a topic's stems found in the field)   57/62 = 0.919
    trigrams  character-trigram cosine                                                      50/62 = 0.806
    tfidf     tf-idf cosine over stems + trigrams, idf from the interviewers' topics        54/62 = 0.871

The chosen measure is ``words``; tests/test_matching.py keeps it at its figure (minus a small margin).
Trigrams lose on shared fragments ("development" pulls "business development" to frontend development,
"engineering" pulls "privacy engineering" to data engineering); word overlap misses only where the request
shares no word with the right topic ("customer discovery" for user research). The set and the measures were
written by the same hands, so expect real mail to score lower; the set is there to compare measures.
Everything is linear in the input: the body is cut to ``MAX_BODY_CHARS`` (it is attacker-controlled), each
field is turned into features once, and each feature vector is compared with each topic's by one dict walk.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

MAX_BODY_CHARS = 4_000
MAX_FIELD_CHARS = 300
# How much a hit in each field counts: the topic line says most, the body (long, chatty) least.
FIELD_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("topic", 1.0),
    ("role", 0.8),
    ("organization", 0.3),
    ("body", 0.6),
)

_WORD = re.compile(r"[^\W_]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
# Words that say nothing about a topic; kept short, as a long list would start to eat topic words.
_STOPWORD_TEXT = (
    "a about after an and any are as at be been before but by can could do for from have how i in "
    "into is it its like looking love me more my of on or our over so some someone than that the their them "
    "there they this to up us want was we what when where which who with work would you your"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
# Tried longest first; one is stripped per pass, two passes (engineering → engineer → engine = engineer).
_SUFFIXES = ("ations", "ation", "ities", "ity", "ments", "ment", "ings", "ing", "ists", "ist", "ers", "er",
             "ies", "ial", "al", "ic", "ed", "es", "s", "e")  # fmt: skip

Features = dict[str, float]


@dataclass(frozen=True)
class Candidate:
    """An interviewer who might host the request; ``used`` is meetings plus holds this month."""

    email: str
    name: str
    topics: tuple[str, ...]
    capacity: int
    used: int

    @property
    def left(self) -> int:
        return max(0, self.capacity - self.used)


@dataclass(frozen=True)
class RequestSubject:
    """What a request is about, as extraction found it (any field may be missing)."""

    topic: str | None
    role: str | None
    organization: str | None
    body: str


@dataclass(frozen=True)
class Match:
    """The chosen interviewer; ``reason`` is shown to coordinators ("forwarded by Rachel Kim, 3 of 4 left")."""

    email: str
    name: str
    score: float
    reason: str


# --- text features -----------------------------------------------------------------------------------------


@lru_cache(maxsize=16_384)
def stem(word: str) -> str:
    """A light suffix stripper: enough that 'designer', 'designs' and 'design' meet, nothing clever.

    Cached: mail repeats its words, and every request stems every interviewer's topics again; the suffix
    loop was most of matchmaking's time. Bounded, because bodies are attacker-controlled."""
    for _ in range(2):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
    return word


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS]


def stem_set(text: str) -> Features:
    return dict.fromkeys((stem(w) for w in words(text)), 1.0)


def trigrams(text: str) -> Features:
    counts: Counter[str] = Counter()
    for word in words(text):
        padded = f" {word} "
        counts.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return dict(counts)


def stems_and_trigrams(text: str) -> Features:
    features: Features = {"w:" + key: value for key, value in Counter(stem(w) for w in words(text)).items()}
    features.update(trigrams(text))
    return features


def coverage(field: Features, topic: Features) -> float:
    """Share of the topic's features present in the field (does the request mention this topic?)."""
    return sum(1.0 for key in topic if key in field) / len(topic) if topic else 0.0


def cosine(a: Features, b: Features) -> float:
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    dot = sum(value * large.get(key, 0.0) for key, value in small.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


@dataclass(frozen=True)
class Measure:
    """A text similarity: how to featurise a text (given idf weights, or none) and how to compare two."""

    name: str
    featurise: Callable[[str], Features]
    compare: Callable[[Features, Features], float]
    idf: bool = False

    def prepare(self, topics: Sequence[str]) -> Callable[[str], Features]:
        """The featuriser, with idf weights learnt from the topic phrases in play when this measure uses them."""
        if not self.idf:
            return self.featurise
        documents = [set(self.featurise(t)) for t in topics]
        frequency = Counter(key for doc in documents for key in doc)
        n = len(documents)
        unseen = math.log(1 + n) + 1.0

        def weighted(text: str) -> Features:
            return {
                key: value * (math.log((1 + n) / (1 + frequency[key])) + 1.0 if key in frequency else unseen)
                for key, value in self.featurise(text).items()
            }

        return weighted


MEASURES = {
    "words": Measure("words", stem_set, coverage),
    "trigrams": Measure("trigrams", trigrams, cosine),
    "tfidf": Measure("tfidf", stems_and_trigrams, cosine, idf=True),
}
CHOSEN = "words"


# --- choosing --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fit:
    """One candidate's best (field, topic) pair and its similarity, before capacity weighting."""

    candidate: Candidate
    similarity: float
    field: str
    field_text: str
    topic: str


def rank(request: RequestSubject, candidates: Sequence[Candidate], measure: Measure) -> list[Fit]:
    """Every candidate's fit, best first by (similarity × capacity factor, email)."""
    featurise = measure.prepare([t for c in candidates for t in c.topics])
    fields = [
        (name, weight, text, featurise(text))
        for name, weight in FIELD_WEIGHTS
        if (text := _field_text(request, name))
    ]
    topic_features = {t: featurise(t) for c in candidates for t in c.topics}
    fits = []
    for candidate in candidates:
        best = Fit(candidate, 0.0, "", "", "")
        for topic in candidate.topics:
            for name, weight, text, features in fields:
                similarity = weight * measure.compare(features, topic_features[topic])
                if similarity > best.similarity:
                    best = Fit(candidate, similarity, name, text, topic)
        fits.append(best)
    return sorted(fits, key=lambda f: (-f.similarity * _capacity_factor(f.candidate), f.candidate.email))


def match_interviewer(
    request: RequestSubject, candidates: Sequence[Candidate], *, forwarded_by: str | None
) -> Match | None:
    """The forwarding manager when they are a candidate with capacity left, else the best fit; None when
    nobody has capacity (the caller drafts a decline — never an over-booked interviewer)."""
    available = [c for c in candidates if c.capacity > 0 and c.used < c.capacity]
    if not available:
        return None
    forwarder = (forwarded_by or "").strip().lower()
    note = ""
    for candidate in candidates:
        if forwarder and candidate.email.strip().lower() == forwarder:
            if candidate in available:
                return Match(
                    candidate.email, candidate.name, 1.0, f"forwarded by {candidate.name}, {_left(candidate)}"
                )
            note = f"forwarded by {candidate.name}, who has no capacity left; "
    best = rank(request, available, MEASURES[CHOSEN])[0]
    chosen = best.candidate
    score = round(best.similarity * _capacity_factor(chosen), 4)
    if best.similarity <= 0:
        return Match(
            chosen.email, chosen.name, score, f"{note}no topic in common; most capacity: {_left(chosen)}"
        )
    shown = "request text" if best.field == "body" else f"{best.field} {_quote(best.field_text)}"
    reason = f"{note}{shown} ~ {_quote(best.topic)} {best.similarity:.2f}, {_left(chosen)}"
    return Match(chosen.email, chosen.name, score, reason)


def _field_text(request: RequestSubject, name: str) -> str:
    value = getattr(request, name) or ""
    return value[:MAX_BODY_CHARS] if name == "body" else value[:MAX_FIELD_CHARS]


def _capacity_factor(candidate: Candidate) -> float:
    # Capacity breaks near-ties; it never lets a poor fit with a free month beat a clear fit with room left.
    return 0.75 + 0.25 * (candidate.left / candidate.capacity if candidate.capacity > 0 else 0.0)


def _left(candidate: Candidate) -> str:
    return f"{candidate.left} of {candidate.capacity} left"


def _quote(text: str) -> str:
    """Mail text shown in a reason: one line, short, quoted."""
    flat = " ".join(_CONTROL.sub(" ", text).split())
    return "'" + (flat if len(flat) <= 60 else flat[:59] + "…") + "'"
