"""How fast handlers answer: every assignment of a ticket to a handler and when (if ever) it signed for it.

An *assignment* is a ticket reaching a handler: as the lead (routed, transferred or returned to it, or
reopened while it leads), as a co-handler named by routing, or summoned by a whistle. Its sign-for
deadline is the one the log set (a summons gets the ticket's own sign-for window from the whistle).

>>> from research import read_log, sample_store
>>> rt = response_times(read_log(sample_store(500)))
>>> table = summary(rt, by="handler")  # in working days: n, mean, median, p75, p90, max, in_time
>>> bool(0 < table.loc["property", "median"] < table.loc["property", "max"])
True
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from research.log import HANDOVERS, EventLog
from research.passes import _Groups, _take, _window, handler_dtype

OUTCOMES = ("signed", "passed", "missed", "pending")


def response_times(log: EventLog, *, start: Any = None, end: Any = None) -> pd.DataFrame:
    """Return one row per assignment made with ``start <= assigned_at < end``.

    Columns: ``ticket_id``, ``handler``, ``role`` (lead, co, summoned), ``source`` (who passed it, or
    ``routing``, ``reopened``, ``whistle``), ``assigned_at``, ``deadline``, ``signed_at``, ``sign_hours``,
    ``in_time`` (signed by the deadline), ``outcome``: ``signed``; ``passed`` (the lead transferred or
    returned it first); ``missed`` (never signed though the deadline passed, e.g. merged or resolved by
    someone else); ``pending`` (the log ends before the deadline).
    """
    if "responses" not in log.cache:
        log.cache["responses"] = _response_times(log)
    rt = log.cache["responses"]
    if start is None and end is None:
        return rt
    return rt[_window(rt["assigned_at"], start, end)].reset_index(drop=True)


def _by_ticket(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` ordered by ticket, keeping log order within a ticket."""
    return frame.iloc[np.argsort(frame["ticket_id"].to_numpy(), kind="stable")]


def _response_times(log: EventLog) -> pd.DataFrame:
    ev = log.events
    dtype = handler_dtype(log)
    lead_rows = _by_ticket(ev.loc[ev["kind"].isin((*HANDOVERS, "reopened")).to_numpy(),
                                  ["seq", "ticket_id", "kind", "at", "actor_handler", "target", "sign_deadline"]])
    groups = _Groups(lead_rows["ticket_id"].to_numpy())
    reopened = (lead_rows["kind"] == "reopened").to_numpy()
    routed = (lead_rows["kind"] == "routed").to_numpy()
    # the lead after a reopening is whoever led the ticket last
    target = lead_rows["target"].astype(object).astype(dtype).cat.codes.to_numpy()
    handler = _take(target, groups.last_valid(~reopened))
    passer = lead_rows["actor_handler"].astype(object).astype(dtype).cat.codes.to_numpy()
    n = len(lead_rows)
    nxt = np.arange(n) + 1
    has_next = np.zeros(n, dtype=bool)
    if n > 1:
        has_next[:-1] = ~groups.first[1:]
    at = lead_rows["at"].array
    # a lead assignment ends at the ticket's next hand-over or reopening; "passed" if the lead made it
    ends_at = at.take(np.where(has_next, np.minimum(nxt, n - 1), 0))
    ends_at[~has_next] = pd.NaT
    next_passer = np.where(has_next, passer[np.minimum(nxt, n - 1)], -2)
    next_routine = np.where(has_next, routed[np.minimum(nxt, n - 1)] | reopened[np.minimum(nxt, n - 1)], True)
    source_names = np.array([*dtype.categories, "routing", "reopened", "whistle"], dtype=object)
    routing, reopening, whistle = len(dtype.categories), len(dtype.categories) + 1, len(dtype.categories) + 2
    lead = pd.DataFrame({
        "ticket_id": lead_rows["ticket_id"].to_numpy(), "handler": handler, "role": 1,
        "source": np.where(routed, routing, np.where(reopened, reopening, passer)),
        "assigned_at": at, "deadline": lead_rows["sign_deadline"].array, "seq": lead_rows["seq"].to_numpy(),
        "ends_at": ends_at, "passed": (next_passer == handler) & ~next_routine & (handler >= 0),
    })
    first_routed = ev[(ev["kind"] == "routed").to_numpy()].drop_duplicates("ticket_id")
    window = pd.Series((first_routed["sign_deadline"] - first_routed["at"]).array,
                       index=first_routed["ticket_id"].to_numpy())
    named = log.assignments
    is_co = (named["how"] == "co").to_numpy()
    co = pd.DataFrame({
        "ticket_id": named["ticket_id"].to_numpy(),
        "handler": named["handler"].astype(object).astype(dtype).cat.codes.to_numpy(),
        "role": np.where(is_co, 0, 2), "source": np.where(is_co, routing, whistle),
        "assigned_at": named["at"].array, "seq": named["seq"].to_numpy(),
    })
    co["deadline"] = co["assigned_at"] + window.reindex(co["ticket_id"]).array
    co["ends_at"] = pd.Series(pd.NaT, index=co.index, dtype=lead["ends_at"].dtype)
    co["passed"] = False
    rt = pd.concat([lead, co], ignore_index=True)
    rt = rt[rt["handler"].to_numpy() >= 0]
    rt = rt.sort_values(["assigned_at", "seq"], kind="stable").reset_index(drop=True)

    width = len(dtype.categories) + 1
    acks = ev[(ev["kind"] == "acknowledged").to_numpy()]
    ack_handler = acks["actor_handler"].astype(object).astype(dtype).cat.codes.to_numpy()
    acks = pd.DataFrame({"key": acks["ticket_id"].to_numpy() * width + ack_handler, "signed_at": acks["at"].array})
    acks = acks[ack_handler >= 0].sort_values("signed_at", kind="stable")
    rt["key"] = rt["ticket_id"].to_numpy() * width + rt["handler"].to_numpy()
    rt = pd.merge_asof(rt, acks, left_on="assigned_at", right_on="signed_at", by="key", direction="forward")
    late_ack = rt["ends_at"].notna() & rt["signed_at"].notna() & (rt["signed_at"] >= rt["ends_at"])
    rt.loc[late_ack, "signed_at"] = pd.NaT
    rt["sign_hours"] = (rt["signed_at"] - rt["assigned_at"]).dt.total_seconds() / 3600
    rt["in_time"] = rt["signed_at"].notna() & (rt["deadline"].isna() | (rt["signed_at"] <= rt["deadline"]))
    end_of_log = ev["at"].max()
    outcome = np.select(
        [rt["signed_at"].notna().to_numpy(), rt["passed"].to_numpy(dtype=bool),
         (rt["deadline"].notna() & (rt["deadline"] > end_of_log)).to_numpy()],
        [0, 1, 3], default=2)
    rt["outcome"] = pd.Categorical.from_codes(outcome, categories=list(OUTCOMES))
    rt["handler"] = pd.Categorical.from_codes(rt["handler"].to_numpy(), dtype=dtype)
    rt["role"] = pd.Categorical.from_codes(rt["role"].to_numpy(), categories=["co", "lead", "summoned"])
    rt["source"] = pd.Categorical(source_names[rt["source"].to_numpy()])
    columns = ["ticket_id", "handler", "role", "source", "assigned_at", "deadline", "signed_at", "sign_hours",
               "in_time", "outcome"]
    return rt[columns]


def resolution_times(log: EventLog) -> pd.DataFrame:
    """Return one row per resolution: who resolved it, hours since it was reported and since the resolver signed.

    Columns: ``ticket_id``, ``handler``, ``at``, ``hours_from_report``, ``hours_from_sign``, ``on_time``
    (by the resolve deadline in force then, extensions included). Rows ordered by ticket, then time.
    """
    if "resolutions" not in log.cache:
        log.cache["resolutions"] = _resolution_times(log)
    return log.cache["resolutions"]


def _resolution_times(log: EventLog) -> pd.DataFrame:
    ev = log.events
    kinds = ("routed", "transferred", "returned", "reopened", "extended", "acknowledged", "resolved")
    track = _by_ticket(ev.loc[ev["kind"].isin(kinds).to_numpy(),
                              ["ticket_id", "kind", "at", "actor_handler", "resolve_deadline"]])
    groups = _Groups(track["ticket_id"].to_numpy())
    kind = track["kind"]
    deadline_rows = groups.last_valid(track["resolve_deadline"].notna().to_numpy())
    signed_rows = groups.last_valid((kind == "acknowledged").to_numpy())
    done = np.flatnonzero((kind == "resolved").to_numpy())
    at = track["at"].array
    deadline = track["resolve_deadline"].array.take(np.maximum(deadline_rows[done], 0))
    deadline[deadline_rows[done] < 0] = pd.NaT
    signed = at.take(np.maximum(signed_rows[done], 0))
    signed[signed_rows[done] < 0] = pd.NaT
    out = pd.DataFrame({
        "ticket_id": track["ticket_id"].to_numpy()[done],
        "handler": track["actor_handler"].array.take(done),
        "at": at.take(done),
        "deadline": deadline,
    })
    created = log.tickets.set_index("ticket_id")["created_at"]
    out["hours_from_report"] = (out["at"] - created.reindex(out["ticket_id"]).array).dt.total_seconds() / 3600
    out["hours_from_sign"] = (out["at"].array - signed).total_seconds() / 3600
    out["on_time"] = out["deadline"].isna() | (out["at"] <= out["deadline"])
    return out


def summary(times: pd.DataFrame, by: str | list[str] = "handler", value: str = "sign_hours") -> pd.DataFrame:
    """Return the distribution of ``value`` per group: ``n``, ``mean``, ``median``, ``p75``, ``p90``, ``max``.

    ``by`` may name several columns: ``summary(rt, by=["source", "handler"])`` gives the response time
    per referral edge (how fast B signs for what A passed it).
    """
    data = times.dropna(subset=[value])
    grouped = data.groupby(by, observed=True)[value]
    out = pd.DataFrame({
        "n": grouped.size(), "mean": grouped.mean(), "median": grouped.median(),
        "p75": grouped.quantile(0.75), "p90": grouped.quantile(0.9), "max": grouped.max(),
    })
    if "in_time" in times:
        out["in_time"] = data.groupby(by, observed=True)["in_time"].mean()
    return out.sort_values("n", ascending=False)
