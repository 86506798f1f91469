"""What a user installs is the wheel: build it, install it in a fresh venv outside the tree, and use it.

The venv has no system site-packages, so every runtime dependency comes from the wheel's own metadata (from
the package index): a dependency missing from pyproject.toml fails here, not on a user's machine. The commands
run from an empty folder, so nothing in the checkout can stand in for missing package data.

Building needs the index for setuptools (build isolation) and installing needs it for the dependencies. Outside
CI a network failure skips; in CI every failure fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from inboxbroker.bundled import sample_inbox
from inboxbroker.settings.config import TriageSettings
from support.corpus import in_ci

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
REQUEST = ROOT / "tests" / "fixtures" / "extraction" / "021_gmail.eml"  # a Gmail forward with a PDF résumé
# What pip prints when it cannot reach the index; anything else is a packaging failure.
OFFLINE = re.compile(
    r"(Network is unreachable|Temporary failure in name resolution|Failed to establish a new connection"
    r"|No matching distribution found|Could not find a version that satisfies)"
)
# Build outputs and caches would leak stale files into the wheel or cost time to copy. Tests stay, and a little
# of the training corpus is put back, so the wheel's file list is checked against a tree that has both.
NOT_SOURCE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    "var",
    "inboxbroker.toml",
    "training",
)


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def succeed(step: str, result: subprocess.CompletedProcess[str]) -> None:
    if result.returncode == 0:
        return
    output = (result.stdout + result.stderr)[-3000:]
    if not in_ci() and OFFLINE.search(output):
        pytest.skip(f"{step} needs the package index, which is not reachable:\n{output}")
    pytest.fail(f"{step} failed ({result.returncode}):\n{output}")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """(the wheel, the fresh venv's bin folder, an environment that points at nothing in the checkout)."""
    work = tmp_path_factory.mktemp("wheel")
    # A copy, because setuptools builds in the source folder and reuses an old build/ there.
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE, symlinks=True)
    # A message per label of the corpus is as good a test of its exclusion as 4,450, and far quicker to copy.
    for label in (p for p in (ROOT / "models" / "training").iterdir() if p.is_dir()):
        first = min(label.glob("*.eml"))
        (source / "models" / "training" / label.name).mkdir(parents=True)
        shutil.copy(first, source / "models" / "training" / label.name / first.name)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "VIRTUAL_ENV", "INBOXBROKER_MODELS", "INBOXBROKER_CONFIG", "PYTHONHOME"}
    }
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    dist = work / "dist"
    succeed(
        "pip wheel",
        run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", dist, source, cwd=work, env=env),
    )
    (wheel,) = dist.glob("inboxbroker-*.whl")
    venv = work / "venv"
    # Without pip of its own: this interpreter's pip installs into it (--python), which saves bootstrapping one.
    succeed("python -m venv", run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=work, env=env))
    bin_dir = venv / "bin"
    # --no-compile: byte-compiling scipy and scikit-learn would double the install time and test nothing of ours.
    install = (
        sys.executable,
        "-m",
        "pip",
        "--python",
        bin_dir / "python",
        "install",
        "-q",
        "--no-compile",
        wheel,
    )
    succeed("pip install", run(*install, cwd=work, env=env))
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return wheel, bin_dir, env


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """An empty working folder outside the tree: no config, no models/, no examples/."""
    (tmp_path / "sample.eml").write_bytes(REQUEST.read_bytes())
    return tmp_path


def test_the_wheel_carries_the_model_and_the_sample_mailbox_but_not_the_corpus_or_tests(
    installed: tuple[Path, Path, dict[str, str]],
) -> None:
    wheel, _, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("triage.json", "triage.npz", "card.md"):
        assert f"inboxbroker/data/model/{name}" in names
    messages = {
        n.rsplit("/", 1)[1] for n in names if re.match(r"inboxbroker/data/sample-inbox/(cur|new)/.", n)
    }
    expected = {p.name for sub in ("cur", "new") for p in (sample_inbox() / sub).iterdir()}
    assert messages == expected and len(messages) == 40
    assert "inboxbroker/data/config.example.toml" in names and "inboxbroker/data/skills.txt" in names
    assert any(re.fullmatch(r"inboxbroker/store/migrations/versions/\d+_\w+\.py", n) for n in names)
    web = ROOT / "src" / "inboxbroker" / "review" / "web"
    assets = {
        f"inboxbroker/{p.relative_to(web.parents[1]).as_posix()}"
        for folder in ("templates", "static")
        for p in (web / folder).iterdir()
    }
    assert {"inboxbroker/review/web/templates/draft.html", "inboxbroker/review/web/static/keys.js"} <= assets
    assert assets <= set(names), "the review page's templates and static files must ship in the wheel"
    assert not [n for n in names if "training/" in n or n.endswith(".eml")]
    assert {n.split("/", 1)[0] for n in names} == {"inboxbroker", wheel.name.split("-py3")[0] + ".dist-info"}


def test_the_installed_command_classifies_and_extracts_from_outside_the_tree(
    installed: tuple[Path, Path, dict[str, str]], elsewhere: Path
) -> None:
    _, bin_dir, env = installed
    expected: dict[str, Any] = json.loads(REQUEST.with_suffix(".json").read_text("utf-8"))
    classified = run(bin_dir / "inboxbroker", "classify", "sample.eml", "--json", cwd=elsewhere, env=env)
    assert classified.returncode == 0, classified.stderr
    row = json.loads(classified.stdout)
    assert row["label"] == expected["label"] == "interview_request"
    # Drafted, not sent to needs_triage: above the default threshold with room to spare.
    assert row["probability"] > TriageSettings().threshold + 0.1

    extracted = run(bin_dir / "inboxbroker", "extract", "sample.eml", "--json", cwd=elsewhere, env=env)
    assert extracted.returncode == 0, extracted.stderr
    got = json.loads(extracted.stdout)
    assert got["label"] == "interview_request"
    assert got["requester"] == expected["requester"]  # the student, seen through the manager's forward
    assert got["forwarded_by"] == expected["forwarded_by"]
    assert got["availability"] == expected["availability"]
    assert got["attachments"] == expected["attachments"]
    # The résumé is a PDF: read with pypdf, a dependency the wheel's metadata had to bring.
    assert got["resume"]["name"] == expected["resume"]["name"]
    assert got["resume"]["email"] == expected["resume"]["email"]


def test_the_installed_demo_runs_the_packaged_sample_mailbox_like_the_checkout(
    installed: tuple[Path, Path, dict[str, str]], elsewhere: Path
) -> None:
    from inboxbroker.runtime.runner import Runner, RunOptions
    from inboxbroker.settings.config import parse_config
    from inboxbroker.store.ledger import Store

    _, bin_dir, env = installed
    kept = elsewhere / "demo"
    demo = run(bin_dir / "inboxbroker", "demo", "--keep", kept, cwd=elsewhere, env=env)
    assert demo.returncode == 0, demo.stderr
    assert "40 messages read, 39 processed, 1 quarantined" in demo.stdout
    assert "site-packages" in demo.stdout  # the sample mailbox came from the installed package
    stats = run(
        bin_dir / "inboxbroker",
        "--config",
        kept / "inboxbroker.toml",
        "stats",
        "--json",
        cwd=elsewhere,
        env=env,
    )
    assert stats.returncode == 0, stats.stderr
    from_wheel = json.loads(stats.stdout)

    # The same mailbox through the checkout's code: the wheel must label and file it identically.
    here = elsewhere / "checkout"
    settings = parse_config({"runtime": {"state_dir": str(here)}}, base_dir=here)
    with Store.open(settings.store.url) as store:
        Runner(settings, store).run(RunOptions(source=f"maildir:{sample_inbox()}"))
        from_checkout = store.stats()
    for key in ("messages", "by_state", "by_label", "requests", "people", "resumes"):
        assert from_wheel[key] == from_checkout[key], key
    assert from_wheel["resumes"] == 7


def test_without_a_checkout_evaluate_says_where_the_training_corpus_is(
    installed: tuple[Path, Path, dict[str, str]], elsewhere: Path
) -> None:
    _, bin_dir, env = installed
    result = run(bin_dir / "inboxbroker", "evaluate", cwd=elsewhere, env=env)
    assert result.returncode == 2
    assert "only in a source checkout (models/training)" in result.stderr


def test_the_installed_command_imports_a_backlog_with_worker_processes(
    installed: tuple[Path, Path, dict[str, str]], elsewhere: Path
) -> None:
    """A backlog large enough for worker processes: they are spawned from the installed command, so they must
    find the package and its model in the venv, not in a checkout."""
    from inboxbroker.runtime.pool import MIN_BATCH

    _, bin_dir, env = installed
    folder = elsewhere / "backlog"
    folder.mkdir()
    raw = REQUEST.read_bytes()
    for n in range(MIN_BATCH):  # the same request, each its own message
        (folder / f"{n:04d}.eml").write_bytes(raw.replace(b"Message-ID: <", f"Message-ID: <{n}.".encode(), 1))
    config = elsewhere / "backlog.toml"
    config.write_text(
        f'[store]\nurl = "sqlite:///{elsewhere / "backlog.sqlite3"}"\n'
        f'[runtime]\nstate_dir = "{elsewhere / "backlog-state"}"\nprocesses = 2\n'
    )
    result = run(
        bin_dir / "inboxbroker",
        "--config",
        config,
        "run",
        "--source",
        f"eml:{folder}",
        "--json",
        cwd=elsewhere,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "2 worker processes" in result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["stored"] == summary["processed"] == MIN_BATCH and summary["quarantined"] == 0
    assert summary["by_label"] == {"interview_request": MIN_BATCH}
