"""`python -m plankg.cli` runs the `plankg` command."""
from plankg.cli import app

app()
