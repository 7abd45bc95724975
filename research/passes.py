"""How tickets move between handlers: every hand-over, who held a ticket, for how long, and the chains it makes.

A *pass* is a transfer (转派), a return to the street office (退单) or an escalation (升级). Transfers and
returns change the lead; an escalation does not (it asks the next handler up to press the lead), but it
is a directed tie all the same.

>>> from research import read_log, passes, transfer_chains
>>> from research import sample_store
>>> log = read_log(sample_store(500))
>>> passes(log).columns.tolist()
['seq', 'ticket_id', 'at', 'kind', 'source', 'target', 'held_hours']
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from research.log import HANDOVERS, EventLog

PASS_KINDS = ("transferred", "returned", "escalated")
_TRACK = (*HANDOVERS, "reopened", "escalated", "resolved")


def holders(log: EventLog) -> pd.DataFrame:
    """Return the hand-overs, reopenings, escalations and resolutions with who held the ticket and since when.

    Rows are ordered by ticket, then by the log. Columns: ``seq``, ``ticket_id``, ``at``, ``kind``,
    ``actor_handler``, ``target``, ``holder`` (the lead after this event), ``before`` (the lead before it)
    and ``since`` (when ``before`` got the ticket: the last hand-over or reopening before this event).
    Handler columns share one categorical type. Computed once per log and kept in ``log.cache``.
    """
    if "holders" not in log.cache:
        log.cache["holders"] = _holders(log)
    return log.cache["holders"]


def handler_dtype(log: EventLog) -> pd.CategoricalDtype:
    """Return one categorical type for every handler id in the log and the rulebook."""
    if "handler_dtype" not in log.cache:
        ev = log.events
        names = set(log.handlers.index) | set(ev["actor_handler"].cat.categories)
        names |= {t for t in ev["target"].cat.categories if not t.isdigit()}  # merged: a ticket number
        log.cache["handler_dtype"] = pd.CategoricalDtype(pd.Index(sorted(names), dtype=object))
    return log.cache["handler_dtype"]


class _Groups:
    """Runs of equal ticket ids in an array sorted by ticket: forward fill and shift within each ticket."""

    def __init__(self, ticket_id: np.ndarray) -> None:
        n = len(ticket_id)
        self.first = np.ones(n, dtype=bool)
        if n:
            self.first[1:] = ticket_id[1:] != ticket_id[:-1]
        self.start = np.maximum.accumulate(np.where(self.first, np.arange(n), 0)) if n else np.zeros(0, int)

    def last_valid(self, valid: np.ndarray, *, strictly_before: bool = False) -> np.ndarray:
        """Return, per row, the index of the last row of its ticket with ``valid`` (at or before it), or -1."""
        n = len(valid)
        idx = np.maximum.accumulate(np.where(valid, np.arange(n), -1)) if n else np.zeros(0, int)
        if strictly_before:
            idx = np.concatenate([[-1], idx[:-1]]) if n else idx
        return np.where(idx >= self.start, idx, -1)


def _take(codes: np.ndarray, rows: np.ndarray) -> np.ndarray:
    return np.where(rows >= 0, codes[np.maximum(rows, 0)], -1)


def _holders(log: EventLog) -> pd.DataFrame:
    ev = log.events
    sub = ev.loc[ev["kind"].isin(_TRACK), ["seq", "ticket_id", "at", "kind", "actor_handler", "target"]]
    sub = sub.iloc[np.argsort(sub["ticket_id"].to_numpy(), kind="stable")].reset_index(drop=True)
    dtype = handler_dtype(log)
    for c in ("actor_handler", "target"):
        sub[c] = sub[c].astype(object).astype(dtype)
    groups = _Groups(sub["ticket_id"].to_numpy())
    kind = sub["kind"]
    handover = kind.isin(HANDOVERS).to_numpy()
    target = sub["target"].cat.codes.to_numpy()
    holder = _take(target, groups.last_valid(handover))
    before = _take(target, groups.last_valid(handover, strictly_before=True))
    sub["holder"] = pd.Categorical.from_codes(holder, dtype=dtype)
    sub["before"] = pd.Categorical.from_codes(before, dtype=dtype)
    started = groups.last_valid(handover | (kind == "reopened").to_numpy(), strictly_before=True)
    at = sub["at"].array
    sub["since"] = at.take(np.maximum(started, 0))
    sub.loc[started < 0, "since"] = pd.NaT
    return sub


def passes(log: EventLog, *, start: Any = None, end: Any = None) -> pd.DataFrame:
    """Return one row per pass with ``start <= at < end``: who passed the ticket to whom and how long they held it.

    Columns: ``seq``, ``ticket_id``, ``at``, ``kind`` (transferred, returned, escalated), ``source`` (for a
    transfer or return the handler that passed it, for an escalation the lead at the time), ``target``,
    ``held_hours`` (from the moment ``source`` got the ticket to the pass). Rows in log order.
    """
    if "passes" not in log.cache:
        log.cache["passes"] = _passes(log)
    p = log.cache["passes"]
    if start is None and end is None:
        return p
    return p[_window(p["at"], start, end).to_numpy()].reset_index(drop=True)


def _passes(log: EventLog) -> pd.DataFrame:
    h = holders(log)
    h = h[h["kind"].isin(PASS_KINDS).to_numpy()]
    escalated = (h["kind"] == "escalated").to_numpy()
    source = np.where(escalated, h["before"].cat.codes.to_numpy(), h["actor_handler"].cat.codes.to_numpy())
    dtype = handler_dtype(log)
    out = pd.DataFrame({
        "seq": h["seq"].to_numpy(), "ticket_id": h["ticket_id"].to_numpy(), "at": h["at"].array,
        "kind": pd.Categorical(h["kind"].astype(object), categories=list(PASS_KINDS)),
        "source": pd.Categorical.from_codes(source, dtype=dtype), "target": h["target"].to_numpy(),
        "held_hours": (h["at"] - h["since"]).dt.total_seconds().to_numpy() / 3600,
    })
    out = out[out["source"].notna().to_numpy() & out["target"].notna().to_numpy()]
    return out.sort_values("seq", kind="stable").reset_index(drop=True)


def transfer_chains(log: EventLog, *, min_passes: int = 1) -> pd.DataFrame:
    """Return one row per ticket that changed lead at least ``min_passes`` times (transfers and returns).

    Columns: ``ticket_id``, ``path`` (the leads in order, e.g. ``property→urban_mgmt→property``),
    ``passes``, ``pingpongs`` (how often the lead went straight back: A→B→A), ``cycle`` (some handler
    held it twice), ``days_lost`` (from the report to the moment the last lead got it), ``resolved``.
    Tickets passed three or more times: ``transfer_chains(log, min_passes=3)``.
    """
    h = holders(log)
    hand = h[h["kind"].isin(HANDOVERS).to_numpy() & h["target"].notna().to_numpy()]
    tid = hand["ticket_id"].to_numpy()
    groups = _Groups(tid)
    starts = np.flatnonzero(groups.first)
    sizes = np.diff(np.append(starts, len(tid)))
    keep = np.repeat(sizes > min_passes, sizes)  # a routed event plus at least min_passes passes
    hand, tid = hand[keep], tid[keep]
    groups = _Groups(tid)
    starts = np.flatnonzero(groups.first)
    sizes = np.diff(np.append(starts, len(tid)))
    codes = hand["target"].cat.codes.to_numpy()
    names = np.array([f"{n}→" for n in hand["target"].cat.categories], dtype=object)
    paths = np.add.reduceat(names[codes], starts) if len(starts) else np.array([], dtype=object)
    back = np.zeros(len(codes), dtype=np.int64)
    if len(codes) > 2:
        back[2:] = (codes[2:] == codes[:-2]) & ~groups.first[2:] & ~groups.first[1:-1]
    pingpongs = np.add.reduceat(back, starts) if len(starts) else back[:0]
    distinct = pd.DataFrame({"t": tid, "c": codes}).drop_duplicates().groupby("t", sort=True).size().to_numpy()
    at = hand["at"].array
    ends = starts + sizes - 1
    resolved = log.events.loc[(log.events["kind"] == "resolved").to_numpy(), "ticket_id"].unique()
    out = pd.DataFrame({
        "ticket_id": tid[starts],
        "path": [p[:-1] for p in paths],
        "passes": sizes - 1,
        "pingpongs": pingpongs,
        "cycle": distinct < sizes,
        "days_lost": (at.take(ends) - at.take(starts)).total_seconds() / 86400 if len(starts) else [],
    })
    out["resolved"] = out["ticket_id"].isin(resolved)
    return out


def pingpong_pairs(log: EventLog) -> pd.DataFrame:
    """Return the pairs that pass tickets straight back (A→B→A, 推诿), most frequent first.

    Columns: ``first`` (A, who passed first), ``second`` (B, who passed it back), ``times``, ``tickets``,
    ``days_lost`` (total days between A passing it and getting it back) and ``mean_days``.
    """
    h = holders(log)
    hand = h[h["kind"].isin(("transferred", "returned")).to_numpy()]
    groups = _Groups(hand["ticket_id"].to_numpy())
    source, target = hand["actor_handler"].cat.codes.to_numpy(), hand["target"].cat.codes.to_numpy()
    prev = np.arange(len(hand)) - 1
    back = np.zeros(len(hand), dtype=bool)
    if len(hand) > 1:
        back[1:] = ~groups.first[1:] & (target[1:] == source[:-1]) & (source[1:] == target[:-1]) & (source[1:] >= 0)
    hits = np.flatnonzero(back)
    columns = ["first", "second", "times", "tickets", "days_lost", "mean_days"]
    if not len(hits):
        return pd.DataFrame(columns=columns)
    at = hand["at"].array
    names = hand["target"].cat.categories
    found = pd.DataFrame({"first": names[target[hits]], "second": names[source[hits]],
                          "ticket_id": hand["ticket_id"].to_numpy()[hits],
                          "days": (at.take(hits) - at.take(prev[hits])).total_seconds() / 86400})
    out = found.groupby(["first", "second"]).agg(times=("days", "size"), tickets=("ticket_id", "nunique"),
                                                days_lost=("days", "sum"), mean_days=("days", "mean"))
    return out.sort_values(["times", "days_lost"], ascending=False).reset_index()[columns]


def steps_to_resolution(log: EventLog) -> pd.Series:
    """Return, per resolved ticket, how many leads held it before its first resolution (1 = no pass).

    ``steps_to_resolution(log).mean()`` is the mean steps to resolution.
    """
    h = holders(log)
    first_done = h[(h["kind"] == "resolved").to_numpy()].groupby("ticket_id")["seq"].min()
    hand = h[h["kind"].isin(HANDOVERS).to_numpy()]
    hand = hand[hand["seq"].to_numpy() < first_done.reindex(hand["ticket_id"]).to_numpy()]
    steps = hand.groupby("ticket_id").size()
    return steps.reindex(first_done.index).rename("steps")


def _window(at: pd.Series, start: Any, end: Any) -> pd.Series:
    from research.log import _utc

    mask = pd.Series(True, index=at.index)
    if start is not None:
        mask &= at >= _utc(start)
    if end is not None:
        mask &= at < _utc(end)
    return mask
