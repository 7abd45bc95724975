"""The rates handlers are judged by, from the event log, and a ranking that small handlers cannot win by chance.

* 响应率 ``response``: assignments signed for by the deadline, of those the handler kept (signed or missed).
* 解决率 ``resolution``: residents' verdicts "solved", of all verdicts on tickets the handler resolved.
* 满意率 ``satisfaction``: "satisfied" or "basically satisfied", of all ratings on tickets it resolved.
* also 签收率 ``sign``, 按期办结率 ``on_time``, 回退率 ``return``, 转派率 ``transfer``, 重办率 ``reopen``.

Each rate comes with its numerator and denominator, so it can be pooled, smoothed or tested again.

>>> from research import read_log, sample_store
>>> rates = handler_rates(read_log(sample_store(500)))
>>> ranked = rank(rates, "satisfaction", min_count=10)
>>> ranked["rank"].iloc[0]  # the best smoothed rate among handlers with at least 10 ratings
np.int64(1)
>>> bool(ranked.loc[ranked["n"] < 10, "rank"].isna().all())  # a handful of ratings is too few to be ranked
True
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from research.log import EventLog
from research.passes import _Groups, _window, passes
from research.responses import resolution_times, response_times

# rate name: (numerator column, denominator column)
RATES: dict[str, tuple[str, str]] = {
    "response": ("signed_in_time", "kept"),
    "resolution": ("solved", "verdicts"),
    "satisfaction": ("satisfied", "ratings"),
    "sign": ("signed", "assignments"),
    "on_time": ("resolved_on_time", "resolutions"),
    "return": ("returned", "lead_assignments"),
    "transfer": ("transferred", "lead_assignments"),
    "reopen": ("reopened", "resolutions"),
}
GOOD = {"satisfied", "basically_satisfied"}


def handler_rates(log: EventLog, *, start: Any = None, end: Any = None) -> pd.DataFrame:
    """Return one row per handler with the counts behind every rate in :data:`RATES` and the rates themselves.

    Assignments count when made in the window, resolutions, verdicts and ratings when they happen in it.
    Verdicts and ratings belong to the handler whose resolution they answer. Rates with a zero
    denominator are NaN.
    """
    rt = response_times(log, start=start, end=end)
    kept = rt[rt["outcome"].isin(("signed", "missed"))]
    lead = rt[rt["role"] == "lead"]
    table = pd.DataFrame({
        "assignments": rt.groupby("handler", observed=True).size(),
        "lead_assignments": lead.groupby("handler", observed=True).size(),
        "signed": rt[rt["outcome"] == "signed"].groupby("handler", observed=True).size(),
        "kept": kept.groupby("handler", observed=True).size(),
        "signed_in_time": kept[kept["in_time"]].groupby("handler", observed=True).size(),
    })
    passed = passes(log, start=start, end=end)
    for name in ("returned", "transferred"):
        table[name] = passed[(passed["kind"] == name).to_numpy()].groupby("source", observed=True).size()
    done = resolution_times(log)
    done = done[_window(done["at"], start, end)]
    table["resolutions"] = done.groupby("handler").size()
    table["resolved_on_time"] = done[done["on_time"]].groupby("handler").size()
    answers = _answers(log)
    answers = answers[_window(answers["at"], start, end)]
    verdicts = answers[answers["kind"].isin(("verified", "reopened"))]
    table["verdicts"] = verdicts.groupby("resolver").size()
    table["solved"] = verdicts[verdicts["kind"] == "verified"].groupby("resolver").size()
    table["reopened"] = verdicts[verdicts["kind"] == "reopened"].groupby("resolver").size()
    ratings = answers[answers["kind"] == "rated"]
    table["ratings"] = ratings.groupby("resolver").size()
    table["satisfied"] = ratings[ratings["rating"].isin(GOOD)].groupby("resolver").size()
    table = table.reindex(table.index.union(log.handlers.index)).fillna(0).astype("int64")
    for rate, (num, den) in RATES.items():
        table[rate] = table[num] / table[den].where(table[den] > 0)
    table.insert(0, "sector", log.handlers["sector"].reindex(table.index))
    table.insert(0, "name", log.handlers["name"].reindex(table.index))
    table.index.name = "handler"
    return table


def _answers(log: EventLog) -> pd.DataFrame:
    """Return residents' verdicts and ratings with the handler whose resolution they answer."""
    if "answers" in log.cache:
        return log.cache["answers"]
    ev = log.events
    sub = ev[ev["kind"].isin(("resolved", "verified", "reopened", "rated")).to_numpy()]
    sub = sub.iloc[np.argsort(sub["ticket_id"].to_numpy(), kind="stable")]
    resolved = (sub["kind"] == "resolved").to_numpy()
    last = _Groups(sub["ticket_id"].to_numpy()).last_valid(resolved)
    out = pd.DataFrame({"ticket_id": sub["ticket_id"].to_numpy(), "kind": sub["kind"].to_numpy(),
                        "at": sub["at"].array, "rating": sub["rating"].to_numpy(),
                        "resolver": sub["actor_handler"].array.take(np.maximum(last, 0))})
    out = out[~resolved & (last >= 0)]
    log.cache["answers"] = out.reset_index(drop=True)
    return log.cache["answers"]


def rank(rates: pd.DataFrame, rate: str = "satisfaction", *, min_count: int = 30, prior: float | None = None,
         confidence: float = 0.95) -> pd.DataFrame:
    """Return the handlers ranked fairly on ``rate`` (a key of :data:`RATES`), best first.

    The raw rate of a handler with few cases swings by chance, so the ranking uses an empirical-Bayes
    smoothed rate: ``(x + m·p) / (n + m)``, shrinking each handler towards the pooled rate ``p`` by a
    prior worth ``m`` cases (``prior``; estimated from the spread between handlers by the method of
    moments when ``None``). Handlers with fewer than ``min_count`` cases get no rank. Columns:
    ``n``, ``x``, ``raw``, ``smoothed``, ``low`` and ``high`` (the Wilson interval at ``confidence``),
    ``rank`` (1 = best; ``return``, ``transfer`` and ``reopen`` rank low rates first).
    """
    if rate not in RATES:
        raise ValueError(f"rate must be one of {sorted(RATES)}, not {rate!r}")
    num, den = RATES[rate]
    n, x = rates[den].astype(float), rates[num].astype(float)
    have = n > 0
    pooled = x[have].sum() / n[have].sum() if have.any() else math.nan
    m = _prior_strength(x[have], n[have], pooled) if prior is None else prior
    out = pd.DataFrame({"name": rates.get("name"), "n": n.astype("int64"), "x": x.astype("int64"),
                        "raw": x / n.where(have), "smoothed": (x + m * pooled) / (n + m)}, index=rates.index)
    z = _z(confidence)
    out["low"], out["high"] = _wilson(x, n, z)
    ascending = rate in ("return", "transfer", "reopen")
    eligible = out["n"] >= min_count
    out["rank"] = out["smoothed"].where(eligible).rank(ascending=ascending, method="min").astype("Int64")
    out.attrs.update(rate=rate, pooled=pooled, prior=m, min_count=min_count)
    return out.sort_values(["rank", "n"], ascending=[True, False], na_position="last")


def _prior_strength(x: pd.Series, n: pd.Series, pooled: float) -> float:
    """Return the beta prior's weight in cases, by the method of moments (between-handler spread)."""
    if len(n) < 2 or not 0 < pooled < 1:
        return 0.0
    p = x / n
    between = float(np.average((p - pooled) ** 2, weights=n)) - pooled * (1 - pooled) * len(n) / n.sum()
    if between <= 0:
        return float(n.max())  # no spread beyond chance: trust the pooled rate
    return max(0.0, pooled * (1 - pooled) / between - 1)


def _z(confidence: float) -> float:
    from statistics import NormalDist

    return NormalDist().inv_cdf(0.5 + confidence / 2)


def _wilson(x: pd.Series, n: pd.Series, z: float) -> tuple[pd.Series, pd.Series]:
    n = n.where(n > 0)
    p = x / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    # the interval holds the rate; rounding alone can put a bound of 0 of n or n of n a hair past it
    return np.minimum((centre - half).clip(lower=0.0), p), np.maximum((centre + half).clip(upper=1.0), p)
