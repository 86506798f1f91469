"""From an unwrapped message to the classifier's sparse feature vector, in plain Python and numpy.

The same code runs at training and at classification time, so what the model saw and what it is asked about
cannot drift apart. scikit-learn is deliberately absent here: a cron run that only classifies should not pay
its import cost (~0.8 s), and the fitted state is nothing more than a vocabulary and idf weights per block.

Blocks (each l2-normalised on its own, so a long body cannot drown the subject or the note):

* ``word`` — word 1-2-grams of the original's subject and body;
* ``char`` — character 3-5-grams within words of the same text (robust to typos and inflections);
* ``note`` — word 1-2-grams of the forwarder's note (kept apart: "can someone take this?" says little about
  what was forwarded, and should not be mistaken for the requester's own words);
* ``header`` — a few binary facts: forward, attachments, a résumé-like file name, reply prefixes, bulk mail.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from inboxbroker.domain import Attachment, Unwrapped

# Header flags enter at this value rather than 1: against l2-normalised text blocks a full-size flag is so cheap
# to weight that one flag ("Re:") outvotes the whole text; smaller, it must earn a larger, penalised weight.
HEADER_SCALE = 0.3
BODY_LIMIT = 4000  # characters; the ask is near the top, and huge spam bodies would only cost time
# The subject and the forwarder's note are capped like the body: a megabyte subject is spam or an attack, and
# its first kilobyte says all a real subject says. Far above any subject in the training corpus.
SUBJECT_LIMIT = 1000
NOTE_LIMIT = BODY_LIMIT
# The optional "[2]" carries its own trailing spaces: two bare ``\s*`` around an optional group let the engine
# split one run of spaces between them every possible way, quadratic on "Re" and a long run without a colon.
REPLY_PREFIX = re.compile(r"^\s*(re|aw|sv|antw|réf|rif|odp|vs)\s*(?:\[\d+\]\s*)?:", re.I)
FORWARD_PREFIX = re.compile(r"^\s*((fwd?|fw|wg|tr|rv|i|enc|doorst)\s*:\s*)+", re.I)
RESUME_NAME = re.compile(r"r[eé]sum[eé]|\bcv\b|cv[_\-. ]|_cv|curriculum|lebenslauf", re.I)
WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.U)
DIGITS = re.compile(r"\d+")
URL = re.compile(r"https?://\S+|www\.\S+", re.I)
# A run of non-spaces holding an "@": the only ones address masking can change (possessive: linear time).
AT_RUN = re.compile(r"(?<!\S)[^\s@]*+@\S*")
WORD_CHARS = re.compile(r"\w+")

HEADER_FEATURES: tuple[str, ...] = (
    "is_forward",
    "attached_forward",
    "has_attachment",
    "has_resume_attachment",
    "has_calendar_attachment",
    "reply_prefix",
    "quoted_reply",
    "auto_submitted",
    "bulk_or_list",
    "noreply_sender",
)


@dataclass(frozen=True)
class Fields:
    """The text and facts of one message that the classifier looks at."""

    text: str  # original subject + body, normalised
    note: str
    flags: tuple[float, ...]  # one per HEADER_FEATURES


def normalise(text: str) -> str:
    """Lower-case, fold accents and typographic quotes, and mask URLs, addresses and numbers."""
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    text = URL.sub(" urltoken ", text)
    text = AT_RUN.sub(_mask_address, text)
    return DIGITS.sub("0", text)


def _mask_address(token: re.Match[str]) -> str:
    r"""Exactly what ``re.sub(r"\S+@\S+\.\w+", " emailtoken ", …)`` does to one run of non-spaces, in linear time.

    That pattern backtracks over every split of the run for every start: cubic on "@@@@…" (2,000 characters took
    6 s). Its leftmost-longest match within a run is easy to state instead: it starts at the run's start when
    some "@" after the first character is followed, two or more characters on, by a "." and a word character;
    it ends after the word characters that follow the *last* such "."; nothing after that can match again.
    """
    run = token.group()
    at = run.find("@", 1)
    if at < 0:
        return run
    dot = run.rfind(".", at + 2)
    while dot >= 0:
        if tail := WORD_CHARS.match(run, dot + 1):
            return " emailtoken " + run[tail.end() :]
        dot = run.rfind(".", at + 2, dot)
    return run


def words(text: str) -> list[str]:
    return WORD.findall(text)


# Function words: a unigram in this list, or a bigram of two of them, is dropped. Such words say more about
# the length and register of a text than about its purpose, and a model that learns "long friendly English
# means request" fires on every mailing-list post.
STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "i'd",
        "i'll",
        "i'm",
        "i've",
        "if",
        "in",
        "into",
        "is",
        "it",
        "it's",
        "its",
        "itself",
        "just",
        "let",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "that's",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "we're",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "you're",
        "your",
        "yours",
        "yourself",
    ]
)


# The same for the six other languages the training corpus covers (es, fr, de, pt, it, nl): articles,
# prepositions, pronouns and conjunctions only. Measured: with them as features, the multilingual corpus's
# model sent foreign-language spam to interview_request on "de", "e", "la", "un", "und", "het", "votre", "mit"
# alone — words that say which language a message is in, not what it wants.
_FOREIGN_FUNCTION_WORDS = {
    "es": "el la los las un una unos unas y o de del al en con por para que se su sus lo le les me mi mis te tu "
    "es yo usted ustedes nos este esta esto ese esa como pero más muy",
    "fr": "le la les un une des et ou de du au aux en dans sur pour par avec que qui se sa son ses ce cet cette "
    "je tu il elle nous vous ils elles me te mon ma mes votre vos notre nos ne pas est suis à",
    "de": "der die das den dem des ein eine einen einem einer und oder zu zum zur mit von vom für auf an am im "
    "in ist bin sind ich du er sie es wir ihr ihnen mich mir dich dir sich mein meine ihre unser nicht dass",
    "pt": "o a os as um uma uns umas e ou de do da dos das no na nos nas em com por para que se seu sua meu "
    "minha eu você vocês ele ela é ao aos mais muito",
    "it": "il lo la i gli le un uno una e o di del della dei delle da dal in nel nella con su per che si mi ti "
    "ci vi io lei suo sua mio mia è al alla",
    "nl": "de het een en of van voor met op aan in te bij dat die dit ik jij je u we wij ze zij hij mijn uw ons "
    "onze is ben zijn niet er naar om",
}
FOREIGN_STOP_WORDS = frozenset(w for line in _FOREIGN_FUNCTION_WORDS.values() for w in line.split())
STOP_WORDS = STOP_WORDS | FOREIGN_STOP_WORDS


def word_ngrams(text: str) -> list[str]:
    tokens = words(text)
    grams = [t for t in tokens if t not in STOP_WORDS]
    grams += [f"{a} {b}" for a, b in itertools.pairwise(tokens) if a not in STOP_WORDS or b not in STOP_WORDS]
    return grams


WORD_CACHE = 200_000  # distinct words remembered per block


@lru_cache(maxsize=WORD_CACHE)
def _word_char_grams(word: str) -> tuple[str, ...]:
    # Cached: mail reuses a small vocabulary, so most words' grams are computed once per process.
    padded = f" {word} "
    return tuple(padded[i : i + n] for n in (3, 4, 5) for i in range(len(padded) - n + 1))


def char_ngrams(text: str) -> list[str]:
    """3-5-grams inside space-padded words, like scikit-learn's ``char_wb`` analyzer."""
    return [gram for word in words(text) for gram in _word_char_grams(word)]


def count_terms(analyzer: str, text: str) -> Counter[str]:
    """``Counter(ANALYZERS[analyzer](text))``, computed per distinct word for the char analyzer (faster)."""
    if analyzer != "char":
        return Counter(ANALYZERS[analyzer](text))
    counts: Counter[str] = Counter()
    for word, times in Counter(words(text)).items():
        for gram in _word_char_grams(word):
            counts[gram] += times
    return counts


ANALYZERS: dict[str, Callable[[str], list[str]]] = {
    "word": word_ngrams,
    "char": char_ngrams,
    "note": word_ngrams,
}


def _resume_like(attachment: Attachment) -> bool:
    return bool(RESUME_NAME.search(attachment.filename or attachment.original_filename or ""))


def extract_fields(unwrapped: Unwrapped) -> Fields:
    """The classifier's view of a message: the original's words, the note apart, and header facts."""
    message, original = unwrapped.message, unwrapped.original
    subject = FORWARD_PREFIX.sub("", original.subject or "")[:SUBJECT_LIMIT]
    body = original.body[:BODY_LIMIT]
    attachments = tuple(original.attachments) + tuple(message.attachments)
    inner = original.message or message
    sender = original.sender or message.from_
    sender_email = sender.email if sender else ""
    auto = (inner.header("Auto-Submitted") or "no").strip().lower() != "no"
    bulk = (inner.header("Precedence") or "").strip().lower() in {"bulk", "list", "junk"} or bool(
        inner.header("List-Id") or inner.header("List-Unsubscribe")
    )
    quoted = any(line.startswith(">") for line in body.splitlines()) or bool(
        re.search(r"^on .{5,80} wrote:\s*$", body, re.I | re.M)
    )
    flags = (
        unwrapped.is_forward,
        unwrapped.kind == "attached",
        bool(attachments),
        any(_resume_like(a) for a in attachments),
        any(a.filename.lower().endswith(".ics") or "calendar" in a.declared_type for a in attachments),
        bool(REPLY_PREFIX.match(original.subject or "")),
        quoted,
        auto,
        bulk,
        bool(re.match(r"(no-?reply|mailer-daemon|postmaster|notifications?)\b", sender_email, re.I)),
    )
    return Fields(
        text=normalise(f"{subject}\n{body}"),
        note=normalise(unwrapped.note[:NOTE_LIMIT]),
        flags=tuple(HEADER_SCALE * float(f) for f in flags),
    )


@dataclass
class Block:
    """A fitted text block: its analyzer's name, vocabulary (index order) and idf weights."""

    name: str
    terms: list[str]
    idf: np.ndarray
    index: dict[str, int]
    _columns_of_word: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def create(cls, name: str, terms: Sequence[str], idf: np.ndarray) -> Block:
        return cls(name, list(terms), np.asarray(idf, dtype=np.float64), {t: i for i, t in enumerate(terms)})

    def vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Sublinear tf × idf over known terms, l2-normalised (scikit-learn's TfidfVectorizer defaults)."""
        counts = self._known_counts(text)
        idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        vals = (1.0 + np.log(tf)) * self.idf[idx] if len(counts) else tf
        norm = float(np.sqrt(vals @ vals)) or 1.0
        return idx, vals / norm

    def _known_counts(self, text: str) -> dict[int, int]:
        """Column → count of the vocabulary's terms in ``text``, in the order ``count_terms`` meets them.

        Terms outside the vocabulary are never counted: most character grams of a message are, and
        counting them by string was most of the cost of a vector.
        """
        counts: dict[int, int] = {}
        if self.name == "char":
            for word, times in Counter(words(text)).items():
                for column in self._word_columns(word):
                    counts[column] = counts.get(column, 0) + times
            return counts
        index = self.index
        for term in ANALYZERS[self.name](text):
            known = index.get(term)
            if known is not None:
                counts[known] = counts.get(known, 0) + 1
        return counts

    def _word_columns(self, word: str) -> tuple[int, ...]:
        cache = self._columns_of_word
        found = cache.get(word)
        if found is None:
            index = self.index
            found = tuple(c for c in (index.get(g) for g in _word_char_grams(word)) if c is not None)
            if len(cache) >= WORD_CACHE:
                cache.clear()  # mail is attacker-controlled: novel words must not grow this without bound
            cache[word] = found
        return found


class FeatureSpace:
    """All blocks side by side plus the header flags; knows every column's readable name."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.offsets: list[int] = []
        offset = 0
        for block in blocks:
            self.offsets.append(offset)
            offset += len(block.terms)
        self.header_offset = offset
        self.size = offset + len(HEADER_FEATURES)

    def vector(self, fields: Fields) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and values of one message's non-zero features."""
        indices: list[np.ndarray] = []
        values: list[np.ndarray] = []
        for block, offset in zip(self.blocks, self.offsets, strict=True):
            idx, vals = block.vector(fields.note if block.name == "note" else fields.text)
            indices.append(idx + offset)
            values.append(vals)
        flags = np.asarray(fields.flags, dtype=np.float64)
        on = np.flatnonzero(flags)
        indices.append(on + self.header_offset)
        values.append(flags[on])
        return np.concatenate(indices), np.concatenate(values)

    def name(self, column: int) -> str:
        """``word:"informational interview"``, ``char:"nform"``, ``header:is_forward``."""
        if column >= self.header_offset:
            return f"header:{HEADER_FEATURES[column - self.header_offset]}"
        for block, offset in zip(reversed(self.blocks), reversed(self.offsets), strict=True):
            if column >= offset:
                return f'{block.name}:"{block.terms[column - offset]}"'
        raise IndexError(column)
