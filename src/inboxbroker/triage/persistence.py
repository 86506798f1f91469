"""Saving and loading the classifier without pickle.

A model is two plain files plus its card:

* ``triage.json`` — format version, labels, vocabularies (terms in column order), header feature names,
  temperature, provenance, and a few probe texts with the probabilities they must score;
* ``triage.npz`` — coefficients, intercepts and idf weights, read with ``allow_pickle=False``;
* ``card.md`` — the model card, whose ``sha256`` lines are checked before either file is parsed.

Nothing here can execute code from a file, so a model folder from elsewhere is at worst wrong, never
dangerous. A hash mismatch, a format this code does not know, or probes that no longer score as recorded
(the feature code changed since training) all raise ``ModelError`` naming the fix.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from inboxbroker import bundled
from inboxbroker.domain import Label
from inboxbroker.errors import ModelError
from inboxbroker.triage.classifier import Classifier
from inboxbroker.triage.features import HEADER_FEATURES, Block, FeatureSpace, Fields, normalise

FORMAT = 1
JSON_NAME, ARRAYS_NAME, CARD_NAME = "triage.json", "triage.npz", "card.md"
HASH_LINE = re.compile(r"^- sha256 `(?P<name>[\w.]+)`: `(?P<digest>[0-9a-f]{64})`\s*$", re.M)
PROBE_TOLERANCE = 1e-6


def retrain_hint(folder: Path) -> str:
    """How to get a working model into ``folder`` again, in words true of this install.

    Plain ``inboxbroker train`` is not it: it writes to ``triage.model_dir`` or the state folder, not to
    ``$INBOXBROKER_MODELS``, and from an installed wheel it needs ``--no-shipped --data DIR`` (our corpus is
    only in a checkout). The shipped model itself is never retrained in place: a broken one means a broken
    install.
    """
    folder = folder.absolute()
    if folder.resolve() == bundled.model_dir().resolve():
        return "the model shipped in the package is damaged: reinstall inboxbroker"
    out = shlex.quote(str(folder))
    if bundled.training_corpus() is not None:
        train = f"`inboxbroker train --out {out}`"
    else:
        train = (
            f"`inboxbroker train --no-shipped --data DIR --out {out}` (DIR: your labelled mail, one "
            "subfolder of .eml files per label)"
        )
    override = os.environ.get(bundled.MODELS_ENV)
    if override and Path(override).absolute() == folder:
        instead = f"unset ${bundled.MODELS_ENV}"
    else:
        instead = "remove triage.model_dir from the config"
    return f"write a model there with {train}, or {instead} to use the shipped model"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def hash_lines(folder: Path) -> str:
    """The card lines that pin the artifact files; ``load`` refuses files that do not match them."""
    return "\n".join(f"- sha256 `{name}`: `{sha256(folder / name)}`" for name in (JSON_NAME, ARRAYS_NAME))


def probe_fields(text: str) -> Fields:
    return Fields(text=normalise(text), note="", flags=(0.0,) * len(HEADER_FEATURES))


def save(classifier: Classifier, folder: Path, probes: list[str]) -> None:
    """Write ``triage.json`` and ``triage.npz`` (the card is written by the caller, with ``hash_lines``)."""
    folder.mkdir(parents=True, exist_ok=True)
    expected = classifier.probabilities_for_fields([probe_fields(p) for p in probes])
    document: dict[str, Any] = {
        "format": FORMAT,
        "model_version": classifier.version,
        "labels": [label.value for label in classifier.labels],
        "blocks": [{"name": b.name, "terms": b.terms} for b in classifier.space.blocks],
        "header_features": list(HEADER_FEATURES),
        "beta": classifier.beta,
        "meta": classifier.meta,
        "probes": [{"text": t, "proba": row.tolist()} for t, row in zip(probes, expected, strict=True)],
    }
    (folder / JSON_NAME).write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")), "utf-8")
    arrays = {"coef": classifier.coef, "intercept": classifier.intercept}
    arrays.update({f"idf_{b.name}": b.idf for b in classifier.space.blocks})
    with (folder / ARRAYS_NAME).open("wb") as handle:
        np.savez_compressed(handle, **arrays)  # type: ignore[arg-type]


def _verified_bytes(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        raise ModelError(f"there is no model folder at {folder}; {retrain_hint(folder)}")
    card = folder / CARD_NAME
    try:
        pinned = {m["name"]: m["digest"] for m in HASH_LINE.finditer(card.read_text("utf-8"))}
    except OSError as exc:
        raise ModelError(f"no model card at {card} ({exc.strerror}); {retrain_hint(folder)}") from exc
    contents: dict[str, bytes] = {}
    for name in (JSON_NAME, ARRAYS_NAME):
        if name not in pinned:
            raise ModelError(f"{card} does not pin a sha256 for {name}; {retrain_hint(folder)}")
        try:
            data = (folder / name).read_bytes()
        except OSError as exc:
            raise ModelError(f"cannot read {folder / name} ({exc.strerror}); {retrain_hint(folder)}") from exc
        if hashlib.sha256(data).hexdigest() != pinned[name]:
            raise ModelError(
                f"{folder / name} does not match the sha256 in its model card (modified?); {retrain_hint(folder)}"
            )
        contents[name] = data
    return contents


def load(path: Path) -> Classifier:
    """Read and check a model folder (or any file inside it)."""
    folder = path.parent if path.is_file() else path
    contents = _verified_bytes(folder)
    try:
        document = json.loads(contents[JSON_NAME])
        import io

        with np.load(io.BytesIO(contents[ARRAYS_NAME]), allow_pickle=False) as npz:
            arrays = {key: npz[key] for key in npz.files}
    except (ValueError, KeyError, zipfile.BadZipFile, OSError) as exc:
        raise ModelError(f"the model in {folder} is unreadable ({exc}); {retrain_hint(folder)}") from exc
    if document.get("format") != FORMAT or document.get("header_features") != list(HEADER_FEATURES):
        raise ModelError(
            f"the model in {folder} was written in a format this version cannot read "
            f"(format {document.get('format')!r}, scikit-learn {document.get('meta', {}).get('sklearn_version')}); "
            f"{retrain_hint(folder)}"
        )
    try:
        blocks = [Block.create(b["name"], b["terms"], arrays[f"idf_{b['name']}"]) for b in document["blocks"]]
        classifier = Classifier(
            FeatureSpace(blocks),
            [Label(v) for v in document["labels"]],
            arrays["coef"],
            arrays["intercept"],
            float(document["beta"]),
            str(document["model_version"]),
            document.get("meta", {}),
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise ModelError(f"the model in {folder} is inconsistent ({exc}); {retrain_hint(folder)}") from exc
    probes = document.get("probes", [])
    got = classifier.probabilities_for_fields([probe_fields(p["text"]) for p in probes])
    for probe, row in zip(probes, got, strict=True):
        if not np.allclose(row, probe["proba"], atol=PROBE_TOLERANCE):
            raise ModelError(
                f"the model in {folder} no longer scores its probe texts as when it was trained "
                f"(the feature code changed since); {retrain_hint(folder)}"
            )
    return classifier


def default_model_dir() -> Path:
    """$INBOXBROKER_MODELS when set, else the model shipped inside the package."""
    override = os.environ.get(bundled.MODELS_ENV)
    return Path(override) if override else bundled.model_dir()


def load_classifier(path: Path | None = None) -> Classifier:
    """The classifier in ``path`` (a folder ``inboxbroker train`` wrote; default ``default_model_dir()``).

    Checked against its card; raises ModelError.
    """
    return load(path if path is not None else default_model_dir())
