"""Page data kept per write generation: the plan dossier runs a dozen store queries, some over every plan.

An entry is used only while the store's write generation (``state.generation``, raised by every write
through the API) is the one it was built in; a store other processes may write (``store.shared``) is
never cached. The cache holds at most ``size`` pages, the least recently used leaving first.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable


class GenerationCache:
    def __init__(self, size: int):
        self.size = size
        self._lock = threading.Lock()
        self._generation: int | None = None
        self._pages: OrderedDict[Hashable, object] = OrderedDict()

    def get(self, state, key: Hashable, build: Callable[[], object]) -> object:
        """``build()``, or its value from an earlier call in the same write generation. None is not kept."""
        if state.store.shared or self.size <= 0:
            return build()
        generation = state.generation
        with self._lock:
            if self._generation == generation and key in self._pages:
                self._pages.move_to_end(key)
                return self._pages[key]
        value = build()
        with self._lock:
            if value is not None and state.generation == generation:  # no write began meanwhile
                if self._generation != generation:
                    self._generation, self._pages = generation, OrderedDict()
                self._pages[key] = value
                while len(self._pages) > self.size:
                    self._pages.popitem(last=False)
        return value
