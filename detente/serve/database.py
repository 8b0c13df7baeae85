"""Database access: one shared DuckDB connection, a cursor per request, cached whole-store
aggregates (``Database.cached``, dropped when the store changes) and batched document rebuilds
(``Batcher``)."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import duckdb
from fastapi import Depends, Request

from ..corpus import query
from ..corpus.store import Store


class _CursorStore(Store):
    """A Store over one cursor of the server's shared connection: used by one request at a time.
    (DuckDB cursors of one connection are independent connections to the same database.)"""

    def __init__(self, parent: Store, read_only: bool = True) -> None:  # no migration: the parent did that
        self.path = parent.path
        self.read_only = read_only
        self.dedup_days = parent.dedup_days
        self.con = parent.con.cursor()
        # ``query.register_fold`` ran once, on the parent connection: a function registered
        # through a cursor would die with that cursor.
        self._fold_registered = True


class Batcher:
    """Loads of values requested at the same time, done together: ``get(key)`` joins the next
    batch, and one of the waiting threads loads it (``load(keys) -> {key: value}``) while the others
    wait. Rebuilding coded documents is such a load: ``Store.rebuild`` scans each table once
    whatever the number of documents (at 2,000 articles about 19 ms for one, 56 ms for 16), so
    under concurrent requests the cost per document falls instead of the queue growing."""

    def __init__(self, load, max_batch: int = 64) -> None:
        self._load, self._max = load, max_batch
        self._cond = threading.Condition()
        self._pending: dict[Any, dict[str, Any]] = {}  # key -> slot, waiting for the next batch
        self._loading: dict[Any, dict[str, Any]] = {}  # key -> slot, in the batch being loaded
        self._busy = False

    def get(self, key: Any) -> Any:
        with self._cond:
            slot = self._loading.get(key) or self._pending.setdefault(key, {"done": False})
            while not slot["done"]:
                if self._busy:
                    self._cond.wait()
                    continue
                self._busy = True
                keys = list(self._pending)[:self._max]
                self._loading = {k: self._pending.pop(k) for k in keys}
                self._cond.release()
                values: dict = {}
                error: BaseException | None = RuntimeError("the batch was interrupted")
                try:
                    values, error = self._load(keys), None
                except Exception as exc:  # noqa: BLE001 - handed to every request of the batch
                    error = exc
                finally:
                    self._cond.acquire()
                    for k, s in self._loading.items():
                        s.update(done=True, value=values.get(k), error=error)
                    self._loading, self._busy = {}, False
                    self._cond.notify_all()
            if slot["error"] is not None:
                raise slot["error"]
            return slot["value"]


class Database:
    """The store behind the server: one DuckDB connection, a pool of cursors for readers, and a
    lock that serialises writers. ``generation`` grows with every write (cache key)."""

    def __init__(self, path: str, writable: bool) -> None:
        self.store = Store(path, read_only=not writable)
        self.writable = writable
        self._owns_fold = query.register_fold(self.store)  # once, on the shared connection
        self._lock = threading.Lock()
        self._free: list[_CursorStore] = []
        self._all: list[_CursorStore] = []
        self.write_lock = threading.Lock()
        # Writes go through a cursor of their own too: the shared connection object itself only
        # hands out cursors (under self._lock), so no two threads ever use one connection object.
        self.writer = _CursorStore(self.store, read_only=False) if writable else None
        self.generation = 0
        self._cache: dict[tuple, Any] = {}
        self._flights: dict[tuple, threading.Lock] = {}
        self.documents = Batcher(self._rebuild)

    @contextmanager
    def reader(self) -> Iterator[Store]:
        with self._lock:
            view = self._free.pop() if self._free else None
            if view is None:
                view = _CursorStore(self.store)
                self._all.append(view)
        broken = False
        try:
            yield view
        except duckdb.Error:  # a failed statement: this cursor is not handed to the next request
            broken = True
            raise
        finally:
            with self._lock:
                if broken:
                    self._all.remove(view)
                    view.close()
                else:
                    self._free.append(view)

    def _rebuild(self, hashes: list[str]) -> dict[str, dict[str, Any]]:
        """Coded documents by hash, rebuilt by the Store (``Store.rebuild``: one scan per table)."""
        with self.reader() as store:
            return {d["hash"]: d for d in store.rebuild(hashes)}

    def cached(self, key: tuple, compute) -> Any:
        """``compute()`` once per store generation (aggregates and analyses over the whole store);
        concurrent requests for the same value wait for the one computation under way."""
        with self._lock:
            full = (self.generation, *key)
            if full in self._cache:
                return self._cache[full]
            flight = self._flights.setdefault(full, threading.Lock())
        with flight:
            with self._lock:
                if full in self._cache:
                    return self._cache[full]
            try:
                value = compute()
            finally:
                with self._lock:
                    self._flights.pop(full, None)
            with self._lock:
                if full[0] == self.generation:
                    while len(self._cache) >= 256:
                        self._cache.pop(next(iter(self._cache)))
                    self._cache[full] = value
        return value

    def wrote(self) -> None:
        with self._lock:
            self.generation += 1
            self._cache.clear()

    def close(self) -> None:
        with self._lock:
            for view in [*self._all, *([self.writer] if self.writer else [])]:
                view.close()
            self._all.clear()
            self._free.clear()
        if self._owns_fold:  # a function whose connection is gone must not stay callable
            self.store.con.remove_function("detente_fold")
        self.store.close()


def _db(request: Request) -> Database:
    return request.app.state.db


def reader(request: Request) -> Iterator[Store]:
    """The request's own cursor on the store."""
    with _db(request).reader() as store:
        yield store


StoreDep = Annotated[Store, Depends(reader)]
