"""How tickets move between handlers: every hand-over, who held a ticket, for how long, and the chains it makes.

A *pass* is a transfer (转派), a return to the street office (退单) or an escalation (升级). Transfers and
returns change the lead; an escalation does not (it asks the next handler up to press the lead), but it
is a directed tie all the same.

>>> from research import read_log, passes, transfer_chains
>>> log = read_log("var/sim.sqlite")  # doctest: +SKIP
>>> passes(log).columns.tolist()  # doctest: +SKIP
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

    Columns: ``seq``, ``ticket_id``, ``at``, ``kind``, ``actor_handler``, ``target``, ``holder`` (the lead
    after this event), ``before`` (the lead before it) and ``since`` (when ``before`` got the ticket: the
    last hand-over or reopening before this event).
    """
    ev = log.events
    sub = ev.loc[ev["kind"].isin(_TRACK), ["seq", "ticket_id", "at", "kind", "actor_handler", "target"]]
    sub = sub.reset_index(drop=True)
    kind = sub["kind"].astype(str)
    handover = kind.isin(HANDOVERS).to_numpy()
    lead = pd.Series(np.where(handover, sub["target"].astype(object), None), index=sub.index, dtype=object)
    by_ticket = sub["ticket_id"]
    sub["holder"] = lead.groupby(by_ticket).ffill()
    sub["before"] = sub["holder"].groupby(by_ticket).shift(1)
    started = sub["at"].where(handover | (kind == "reopened").to_numpy())
    sub["since"] = started.groupby(by_ticket).shift(1).groupby(by_ticket).ffill()
    return sub


def passes(log: EventLog, *, start: Any = None, end: Any = None) -> pd.DataFrame:
    """Return one row per pass with ``start <= at < end``: who passed the ticket to whom and how long they held it.

    Columns: ``seq``, ``ticket_id``, ``at``, ``kind`` (transferred, returned, escalated), ``source`` (for a
    transfer or return the handler that passed it, for an escalation the lead at the time), ``target``,
    ``held_hours`` (from the moment ``source`` got the ticket to the pass).
    """
    h = holders(log)
    h = h[h["kind"].astype(str).isin(PASS_KINDS)]
    if start is not None or end is not None:
        h = h[_window(h["at"], start, end)]
    escalated = (h["kind"].astype(str) == "escalated").to_numpy()
    source = np.where(escalated, h["before"].astype(object), h["actor_handler"].astype(object))
    out = pd.DataFrame({
        "seq": h["seq"].to_numpy(), "ticket_id": h["ticket_id"].to_numpy(), "at": h["at"].array,
        "kind": pd.Categorical(h["kind"].astype(str), categories=list(PASS_KINDS)),
        "source": source, "target": h["target"].astype(object).to_numpy(),
        "held_hours": (h["at"] - h["since"]).dt.total_seconds().to_numpy() / 3600,
    })
    return out[out["source"].notna() & out["target"].notna()].reset_index(drop=True)


def transfer_chains(log: EventLog, *, min_passes: int = 1) -> pd.DataFrame:
    """Return one row per ticket that changed lead at least ``min_passes`` times (transfers and returns).

    Columns: ``ticket_id``, ``path`` (the leads in order, e.g. ``property→urban_mgmt→property``),
    ``passes``, ``pingpongs`` (how often the lead went straight back: A→B→A), ``cycle`` (some handler
    held it twice), ``days_lost`` (from the report to the moment the last lead got it), ``resolved``.
    Tickets passed three or more times: ``transfer_chains(log, min_passes=3)``.
    """
    h = holders(log)
    hand = h[h["kind"].astype(str).isin(HANDOVERS)]
    hand = hand[hand["target"].notna()]
    counts = hand.groupby("ticket_id", sort=False)["seq"].transform("size")
    hand = hand[counts.to_numpy() > min_passes]  # a routed event plus at least min_passes passes
    target = hand["target"].astype(str)
    grouped = target.groupby(hand["ticket_id"], sort=True)
    back = (target == grouped.shift(2)).groupby(hand["ticket_id"], sort=True).sum()
    at = hand["at"].groupby(hand["ticket_id"], sort=True)
    out = pd.DataFrame({
        "path": grouped.agg("→".join),
        "passes": grouped.size() - 1,
        "pingpongs": back.astype("int64"),
        "cycle": grouped.nunique() < grouped.size(),
        "days_lost": (at.max() - at.min()).dt.total_seconds() / 86400,
    })
    resolved = log.events.loc[log.events["kind"] == "resolved", "ticket_id"].unique()
    out["resolved"] = out.index.isin(resolved)
    return out.rename_axis("ticket_id").reset_index()


def pingpong_pairs(log: EventLog) -> pd.DataFrame:
    """Return the pairs that pass tickets straight back (A→B→A, 推诿), most frequent first.

    Columns: ``first`` (A, who passed first), ``second`` (B, who passed it back), ``times``, ``tickets``,
    ``days_lost`` (total days between A passing it and getting it back) and ``mean_days``.
    """
    h = holders(log)
    hand = h[h["kind"].astype(str).isin(("transferred", "returned"))].copy()
    hand["source"] = hand["actor_handler"].astype(object)
    hand["target"] = hand["target"].astype(object)
    grouped = hand.groupby("ticket_id", sort=False)
    prev_source, prev_target = grouped["source"].shift(1), grouped["target"].shift(1)
    prev_at = grouped["at"].shift(1)
    back = (hand["target"] == prev_source) & (hand["source"] == prev_target)
    hits = hand[back.to_numpy()]
    if hits.empty:
        return pd.DataFrame(columns=["first", "second", "times", "tickets", "days_lost", "mean_days"])
    found = pd.DataFrame({"first": hits["target"].to_numpy(), "second": hits["source"].to_numpy(),
                          "ticket_id": hits["ticket_id"].to_numpy(),
                          "days": (hits["at"] - prev_at[back]).dt.total_seconds().to_numpy() / 86400})
    out = found.groupby(["first", "second"]).agg(times=("days", "size"), tickets=("ticket_id", "nunique"),
                                                days_lost=("days", "sum"), mean_days=("days", "mean"))
    return out.sort_values(["times", "days_lost"], ascending=False).reset_index()


def steps_to_resolution(log: EventLog) -> pd.Series:
    """Return, per resolved ticket, how many leads held it before its first resolution (1 = no pass).

    ``steps_to_resolution(log).mean()`` is the mean steps to resolution.
    """
    h = holders(log)
    first_done = h[h["kind"].astype(str) == "resolved"].groupby("ticket_id")["seq"].min()
    hand = h[h["kind"].astype(str).isin(HANDOVERS)]
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
