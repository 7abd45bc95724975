"""A province's log measured a few communities at a time: a year that does not fit in memory, folded.

A province's year (~250 million events) is about 75 GiB as tables: more than this machine holds. Its
Parquet export (:mod:`research.parquet`) is read some communities at a time (``read_log(…, communities=)``):
a community's tickets never cross into another's, so every ticket comes whole, and the measures that add up
are added. What comes back (:class:`Province`):

- ``collaboration``: the handler collaboration graph (:func:`~research.networks.collaboration_graph`), its
  node counts (``signed``, ``led``) and edge counts (``weight``, ``joint``) summed over the communities;
- ``referral``: the referral graph (:func:`~research.networks.referral_graph`), its counts summed and
  ``mean_hours`` / ``median_hours`` taken over every pass of the province (kept as hours, not averaged
  averages);
- ``rates``: :func:`~research.rates.handler_rates` with its counts summed and the rates computed from the sums;
- ``responses``: :func:`~research.responses.summary` of the sign-for hours per handler, over every signed
  assignment of the province;
- ``chains``: :func:`~research.passes.transfer_chains`, one row per ticket passed at least once, with its
  ``community`` and ``local_ticket_id``.

Every one of these is what the same function gives on the whole log read at once, except where a
community's own log ends earlier than the province's: an assignment whose deadline falls between the two
counts as ``pending`` there, not ``missed`` (it changes no rate above, which count kept and signed ones).

>>> import tempfile
>>> from pathlib import Path
>>> from research import collaboration_graph, export_parquet, read_log, sample_store
>>> out = Path(tempfile.mkdtemp()) / "province"
>>> _ = export_parquet(sample_store(300), out, key="k")
>>> p = measure_province(out, per_read=1, key="k")
>>> whole = collaboration_graph(read_log(out, key="k"))
>>> sorted(p.collaboration.edges(data="weight")) == sorted(whole.edges(data="weight"))
True
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from research.log import LogError, read_log
from research.networks import collaboration_graph, referral_graph
from research.parquet import MARK, is_export
from research.passes import passes, transfer_chains
from research.rates import RATES, handler_rates
from research.responses import response_times, summary
from rules import Rulebook, load_rulebook

_COLLABORATION_NODE = ("signed", "led")
_COLLABORATION_EDGE = ("weight", "joint")
_REFERRAL_EDGE = ("weight", "transfers", "returns", "escalations", "tickets")


@dataclass
class Province:
    """The measures of a province's log, folded over its communities (see the module)."""

    collaboration: nx.Graph
    referral: nx.DiGraph
    rates: pd.DataFrame
    responses: pd.DataFrame
    chains: pd.DataFrame
    communities: int = 0
    events: int = 0
    tickets: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # read, and each measure, summed over the reads
    peak_mib: int = 0  # this process's peak resident memory when done


def communities_of(path: str | Path) -> list[str]:
    """Return the communities of the Parquet export at ``path``, in name order.

    >>> import tempfile
    >>> from pathlib import Path
    >>> from research import export_parquet, sample_store
    >>> out = Path(tempfile.mkdtemp()) / "p"
    >>> _ = export_parquet(sample_store(200), out, key="k")
    >>> communities_of(out)
    ['xingfuli']
    """
    if not is_export(path):
        raise LogError(f"{path}: not a whistle Parquet export (no {MARK})")
    # the partitions are the truth (a folder copied in by hand is read as well)
    return sorted(p.name.removeprefix("community=") for p in (Path(path) / "events").iterdir()
                  if p.is_dir() and p.name.startswith("community="))


def measure_province(path: str | Path, *, per_read: int = 20, key: str | bytes | None = None,
                     rulebook: Rulebook | str | Path | None = None,
                     progress: Callable[[int, int], None] | None = None) -> Province:
    """Return the :class:`Province` of the Parquet export at ``path``, reading ``per_read`` communities at a
    time (memory grows with ``per_read``, not with the province); ``progress(done, total)`` is called after
    each read."""
    book = rulebook if isinstance(rulebook, Rulebook) else load_rulebook(rulebook) if rulebook else load_rulebook()
    names = communities_of(path)
    fold = _Fold()
    for start in range(0, len(names), max(1, per_read)):
        part = names[start:start + max(1, per_read)]
        fold.add(path, part, book, key)
        if progress is not None:
            progress(min(start + len(part), len(names)), len(names))
    return fold.result(len(names))


class _Fold:
    """The running sums of :func:`measure_province`."""

    def __init__(self) -> None:
        self.collaboration = nx.Graph(kind="collaboration", start="", end="")
        self.referral = nx.DiGraph(kind="referral", start="", end="")
        self.held: dict[tuple[str, str], list[np.ndarray]] = {}  # each referral edge's hours held, per read
        self.counts: pd.DataFrame | None = None
        self.names: pd.DataFrame | None = None
        self.signed: list[pd.DataFrame] = []
        self.chains: list[pd.DataFrame] = []
        self.events = self.tickets = 0
        self.seconds: dict[str, float] = {}

    def _timed(self, name: str, fn: Callable[[], Any]) -> Any:
        t = time.perf_counter()
        value = fn()
        self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - t
        return value

    def add(self, path: str | Path, part: list[str], book: Rulebook, key: str | bytes | None) -> None:
        log = self._timed("read_log", lambda: read_log(path, rulebook=book, key=key, communities=part))
        self.events += len(log.events)
        self.tickets += len(log.tickets)
        _add_graph(self.collaboration, self._timed("collaboration graph", lambda: collaboration_graph(log)),
                   _COLLABORATION_NODE, _COLLABORATION_EDGE)
        G = self._timed("referral graph", lambda: referral_graph(log))
        _add_graph(self.referral, G, (), _REFERRAL_EDGE)
        p = passes(log)
        for (a, b), hours in p.groupby(["source", "target"], observed=True)["held_hours"]:
            self.held.setdefault((str(a), str(b)), []).append(hours.to_numpy(dtype="float64"))
        rt = self._timed("response times", lambda: response_times(log))
        signed = rt.loc[rt["sign_hours"].notna(), ["handler", "sign_hours", "in_time"]]
        self.signed.append(signed.astype({"handler": str, "sign_hours": "float32"}))
        rates = self._timed("handler rates", lambda: handler_rates(log))
        counts = rates.drop(columns=["name", "sector", *RATES])
        self.counts = counts if self.counts is None else self.counts.add(counts, fill_value=0).astype("int64")
        self.names = rates[["name", "sector"]] if self.names is None else self.names.combine_first(
            rates[["name", "sector"]])
        chains = self._timed("transfer chains", lambda: transfer_chains(log))
        where = log.tickets.set_index("ticket_id")
        chains.insert(1, "community", where["community"].reindex(chains["ticket_id"]).astype(str).to_numpy()
                      if "community" in where else "")
        local = where["local_ticket_id"] if "local_ticket_id" in where else where.index.to_series()
        chains.insert(2, "local_ticket_id", local.reindex(chains["ticket_id"]).to_numpy())
        self.chains.append(chains.drop(columns=["ticket_id"]))

    def result(self, communities: int) -> Province:
        for (a, b), parts in self.held.items():
            hours = np.concatenate(parts)
            self.referral.edges[a, b]["mean_hours"] = float(hours.mean())
            self.referral.edges[a, b]["median_hours"] = float(np.median(hours))
        counts = self.counts if self.counts is not None else pd.DataFrame()
        rates = counts.copy()
        for rate, (num, den) in RATES.items():
            if num in rates and den in rates:
                rates[rate] = rates[num] / rates[den].where(rates[den] > 0)
        if self.names is not None:
            rates.insert(0, "sector", self.names["sector"].reindex(rates.index))
            rates.insert(0, "name", self.names["name"].reindex(rates.index))
        rates.index.name = "handler"
        signed = pd.concat(self.signed, ignore_index=True) if self.signed else pd.DataFrame(
            columns=["handler", "sign_hours", "in_time"])
        chains = pd.concat(self.chains, ignore_index=True) if self.chains else pd.DataFrame()
        peak = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        return Province(self.collaboration, self.referral, rates, summary(signed), chains, communities,
                        self.events, self.tickets, {k: round(v, 2) for k, v in self.seconds.items()}, peak)


def _add_graph(total: nx.Graph, part: nx.Graph, node_counts: tuple[str, ...], edge_counts: tuple[str, ...]) -> None:
    """Add ``part``'s nodes and edges to ``total``, summing the named counts (other attributes kept from the
    first seen).

    >>> total, part = nx.Graph(), nx.Graph()
    >>> part.add_node("a", signed=2, name="A"); part.add_edge("a", "b", weight=3)
    >>> _add_graph(total, part, ("signed",), ("weight",)); _add_graph(total, part, ("signed",), ("weight",))
    >>> total.nodes["a"]["signed"], total.nodes["a"]["name"], total.edges["a", "b"]["weight"]
    (4, 'A', 6)
    """
    for n, data in part.nodes(data=True):
        if n in total:
            mine = total.nodes[n]
            for k in node_counts:
                mine[k] = mine.get(k, 0) + data.get(k, 0)
            for k, v in data.items():
                mine.setdefault(k, v)
        else:
            total.add_node(n, **data)
    for a, b, data in part.edges(data=True):
        if total.has_edge(a, b):
            mine = total.edges[a, b]
            for k in edge_counts:
                mine[k] = mine.get(k, 0) + data.get(k, 0)
        else:
            total.add_edge(a, b, **{k: v for k, v in data.items() if k in edge_counts})


__all__ = ["Province", "communities_of", "measure_province"]
