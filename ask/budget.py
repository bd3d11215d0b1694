"""What one question may cost: its deadline, the size of a follow-up context, the longest name looked for.

The deadline is cooperative: the stages of a question call :func:`check` between pieces of work (before
each store query, at each position of the name linker), and a question past its deadline stops there with
``PKG-402``. No piece between two checks grows with the question: context lists are de-duplicated and
capped, and the linker never looks at more than ``name_chars`` characters at a time.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from plankg import errors
from plankg.settings import Settings, get_settings


@dataclass(frozen=True)
class AskLimits:
    timeout: float = 10.0  # seconds for one question
    context_items: int = 20  # items per list of a follow-up context, after de-duplication
    name_chars: int = 64  # longest name the linker looks for

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> AskLimits:
        s = settings or get_settings()
        return cls(s.ask_timeout, s.ask_max_context_items, s.ask_max_name_chars)


_LIMITS: ContextVar[AskLimits | None] = ContextVar("ask_limits", default=None)
_DEADLINE: ContextVar[float | None] = ContextVar("ask_deadline", default=None)


def limits() -> AskLimits:
    """The limits of the question being answered (the settings' outside one)."""
    return _LIMITS.get() or AskLimits.from_settings()


@contextmanager
def question(lim: AskLimits, deadline: float | None = None) -> Iterator[None]:
    """Answer one question under ``lim``; ``deadline`` (``time.monotonic()``) when the caller started the
    clock earlier (a request that waited for its turn), else now + ``lim.timeout``."""
    at = deadline if deadline is not None else time.monotonic() + lim.timeout
    t1, t2 = _LIMITS.set(lim), _DEADLINE.set(at)
    try:
        yield
    finally:
        _DEADLINE.reset(t2)
        _LIMITS.reset(t1)


def extend(seconds: float) -> None:
    """Move the deadline of the question being answered later, by time spent on shared work (the index
    build or sync that every later question reuses)."""
    at = _DEADLINE.get()
    if at is not None:
        _DEADLINE.set(at + seconds)


def check() -> None:
    """Stop the question being answered when its deadline has passed."""
    at = _DEADLINE.get()
    if at is not None and time.monotonic() > at:
        raise errors.QueryTimeout(f"the question took longer than {limits().timeout:g} s",
                                  hint="ask a shorter question (PLANKG_ASK_TIMEOUT sets the limit)")


def unique(items: list, cap: int) -> list:
    """The first ``cap`` distinct items, in order."""
    return list(dict.fromkeys(items))[:max(0, cap)]
