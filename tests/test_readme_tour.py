"""The README's "A short tour" run verbatim: every command of its bash block, in order, as a new user
would type it in a folder holding the bundled examples/ — then the read commands again while the tour's
own `plankg serve` holds the store."""
from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PLANKG = str(Path(sys.executable).parent / "plankg")
EXPECTED_EXIT = {"audit": 1}  # README: exit 1 = a check failed (the bundled county plan has violations)
READ_COMMANDS = ("plans", "stats", "query", "export", "ask")


def tour_commands() -> list[list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## A short tour", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    return [shlex.split(line, comments=True) for line in block.splitlines() if shlex.split(line, comments=True)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(argv: list[str], cwd: Path, env: dict) -> subprocess.CompletedProcess:
    assert argv[0] == "plankg", argv
    return subprocess.run([PLANKG, *argv[1:]], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_tour_is_what_the_readme_says():
    commands = tour_commands()
    assert len(commands) == 8
    assert [c[1] for c in commands] == ["ingest", "plans", "stats", "query", "export", "ask", "audit", "serve"]


@pytest.mark.slow
def test_readme_tour_runs_verbatim(tmp_path):
    shutil.copytree(ROOT / "examples", tmp_path / "examples", ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANKG_")} | {"PLANKG_PORT": str(port)}
    outputs: dict[str, str] = {}
    commands = tour_commands()
    serve = next(c for c in commands if c[1] == "serve")
    for argv in commands[:-1]:
        result = run(argv, tmp_path, env)
        assert result.returncode == EXPECTED_EXIT.get(argv[1], 0), (argv, result.stdout[-2000:], result.stderr[-2000:])
        assert "Traceback" not in result.stderr, argv
        outputs[argv[1]] = result.stdout
    assert "右玉县" in outputs["plans"]
    assert outputs["query"].splitlines()[0].strip() == "name" and len(outputs["query"].splitlines()) > 3
    assert (tmp_path / "plans.trig").stat().st_size > 10_000
    assert "项" in outputs["ask"]
    assert outputs["audit"].startswith("# ")

    proc = subprocess.Popen([PLANKG, *serve[1:]], cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    assert r.status == 200
                    break
            except OSError:
                assert proc.poll() is None, proc.stderr.read()
                assert time.monotonic() < deadline, "plankg serve did not answer"
                time.sleep(0.5)
        for argv in commands[:-1]:
            if argv[1] in READ_COMMANDS:  # while serve holds the store
                result = run(argv, tmp_path, env)
                assert result.returncode == 0, (argv, result.stderr[-2000:])
        # the tour's ingest again, verbatim, while serve holds the store: its files go through the server
        result = run(commands[0], tmp_path, env)
        assert result.returncode == 0 and "the running server" in result.stderr, result.stderr[-2000:]
        assert "unchanged" in result.stdout and "replaces" not in result.stdout, result.stdout
    finally:
        proc.terminate()
        proc.wait(15)
