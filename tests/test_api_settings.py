"""Every setting (a PLANKG_* variable) is documented in the README table, docs/api.md and docs/security.md
states the limits, and the README's test command is the one .ci/run runs."""
from __future__ import annotations

import re
from pathlib import Path

from plankg.settings import Settings

REPO = Path(__file__).resolve().parents[1]


def _variables() -> list[str]:
    return [f"PLANKG_{name.upper()}" for name in Settings.model_fields]


def test_every_setting_is_in_the_readme_configuration_table():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Configuration"):readme.index("## Development")]
    names = _variables()
    assert len(names) == len(Settings.model_fields) >= 12
    missing = [n for n in names if f"`{n}`" not in table]
    assert not missing, f"settings missing from README's table: {missing}"


def test_every_limit_is_in_the_security_notes():
    security = (REPO / "docs" / "security.md").read_text(encoding="utf-8")
    limits = [n for n in _variables() if re.search(r"TIMEOUT|MAX_|WORKERS|PER_CLIENT|TOKEN|_MB$|PROXIES", n)]
    assert len(limits) >= 8
    missing = [n for n in limits if n not in security]
    assert not missing, f"limits missing from docs/security.md: {missing}"


def test_readme_and_ci_run_the_same_test_command():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    command = re.search(r"^(python -m pytest[^\n]*)$", ci, re.MULTILINE).group(1)
    assert command in readme
