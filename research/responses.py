"""How fast handlers answer: every assignment of a ticket to a handler and when (if ever) it signed for it.

An *assignment* is a ticket reaching a handler: as the lead (routed, transferred or returned to it, or
reopened while it leads), as a co-handler named by routing, or summoned by a whistle. Its sign-for
deadline is the one the log set (a summons gets the ticket's own sign-for window from the whistle).

>>> rt = response_times(log)  # doctest: +SKIP
>>> summary(rt, by="handler").loc["property", "median"]  # doctest: +SKIP
1.4
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from research.log import HANDOVERS, EventLog
from research.passes import _window

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


def _response_times(log: EventLog) -> pd.DataFrame:
    ev = log.events
    kind = ev["kind"].astype(str)
    lead_rows = ev[kind.isin((*HANDOVERS, "reopened")).to_numpy()]
    lead_kind = lead_rows["kind"].astype(str)
    reopened = (lead_kind == "reopened").to_numpy()
    # the lead of a reopened ticket is whoever led it last
    holder = pd.Series(np.where(reopened, None, lead_rows["target"].astype(object)), index=lead_rows.index,
                       dtype=object).groupby(lead_rows["ticket_id"]).ffill()
    lead = pd.DataFrame({
        "ticket_id": lead_rows["ticket_id"].to_numpy(), "handler": holder.to_numpy(), "role": "lead",
        "source": np.where(lead_kind == "routed", "routing",
                           np.where(reopened, "reopened", lead_rows["actor_handler"].astype(object))),
        "assigned_at": lead_rows["at"].array, "deadline": lead_rows["sign_deadline"].array,
        "seq": lead_rows["seq"].to_numpy(),
    })
    # a lead assignment ends at the ticket's next hand-over or reopening
    lead["ends_at"] = lead.groupby("ticket_id")["assigned_at"].shift(-1)
    lead["passed"] = lead.groupby("ticket_id")["source"].shift(-1).eq(lead["handler"])

    routed = ev.loc[kind.eq("routed").to_numpy(), ["ticket_id", "at", "sign_deadline"]].drop_duplicates("ticket_id")
    window = (routed["sign_deadline"] - routed["at"]).set_axis(routed["ticket_id"].to_numpy())
    named = log.assignments
    co = pd.DataFrame({
        "ticket_id": named["ticket_id"].to_numpy(), "handler": named["handler"].astype(object).to_numpy(),
        "role": np.where(named["how"].astype(str) == "co", "co", "summoned"),
        "source": np.where(named["how"].astype(str) == "co", "routing", "whistle"),
        "assigned_at": named["at"].array, "seq": named["seq"].to_numpy(),
    })
    co["deadline"] = co["assigned_at"] + window.reindex(co["ticket_id"]).array
    co["ends_at"], co["passed"] = pd.NaT, False
    rt = pd.concat([lead, co], ignore_index=True).dropna(subset=["handler"])
    rt = rt.sort_values(["assigned_at", "seq"], kind="stable").reset_index(drop=True)

    acks = ev.loc[kind.eq("acknowledged").to_numpy(), ["ticket_id", "actor_handler", "at"]]
    acks = pd.DataFrame({"ticket_id": acks["ticket_id"].to_numpy(),
                         "handler": acks["actor_handler"].astype(object).to_numpy(),
                         "signed_at": acks["at"].array}).dropna()
    acks = acks.sort_values("signed_at", kind="stable")
    rt = pd.merge_asof(rt, acks, left_on="assigned_at", right_on="signed_at", by=["ticket_id", "handler"],
                       direction="forward")
    late_ack = rt["ends_at"].notna() & rt["signed_at"].notna() & (rt["signed_at"] >= rt["ends_at"])
    rt.loc[late_ack, "signed_at"] = pd.NaT
    rt["sign_hours"] = (rt["signed_at"] - rt["assigned_at"]).dt.total_seconds() / 3600
    rt["in_time"] = rt["signed_at"].notna() & (rt["deadline"].isna() | (rt["signed_at"] <= rt["deadline"]))
    end_of_log = ev["at"].max()
    outcome = np.select(
        [rt["signed_at"].notna(), rt["passed"].fillna(False).astype(bool),
         rt["deadline"].notna() & (rt["deadline"] > end_of_log)],
        ["signed", "passed", "pending"], default="missed")
    rt["outcome"] = pd.Categorical(outcome, categories=list(OUTCOMES))
    for c in ("handler", "role", "source"):
        rt[c] = rt[c].astype("category")
    columns = ["ticket_id", "handler", "role", "source", "assigned_at", "deadline", "signed_at", "sign_hours",
               "in_time", "outcome"]
    return rt[columns]


def resolution_times(log: EventLog) -> pd.DataFrame:
    """Return one row per resolution: who resolved it, hours since it was reported and since the resolver signed.

    Columns: ``ticket_id``, ``handler``, ``at``, ``hours_from_report``, ``hours_from_sign``, ``on_time``
    (by the resolve deadline in force then, extensions included).
    """
    ev = log.events
    kind = ev["kind"].astype(str)
    track = ev[kind.isin(("routed", "transferred", "returned", "reopened", "extended", "acknowledged",
                          "resolved")).to_numpy()]
    tk = track["kind"].astype(str)
    deadline = track["resolve_deadline"].groupby(track["ticket_id"]).ffill()
    signed = track["at"].where((tk == "acknowledged").to_numpy())
    signed = signed.groupby(track["ticket_id"]).ffill()
    done = (tk == "resolved").to_numpy()
    out = pd.DataFrame({
        "ticket_id": track["ticket_id"].to_numpy()[done],
        "handler": track["actor_handler"].astype(object).to_numpy()[done],
        "at": track["at"].array[done],
        "deadline": deadline.array[done],
        "signed_at": signed.array[done],
    })
    created = log.tickets.set_index("ticket_id")["created_at"]
    out["hours_from_report"] = (out["at"] - created.reindex(out["ticket_id"]).array).dt.total_seconds() / 3600
    out["hours_from_sign"] = (out["at"] - out["signed_at"]).dt.total_seconds() / 3600
    out["on_time"] = out["deadline"].isna() | (out["at"] <= out["deadline"])
    return out.drop(columns=["signed_at"])


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
