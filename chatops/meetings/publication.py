"""What the public board shows of matters (两公开): counts, never who voted what, never a chat id.

A matter's title and the result staff publish are public by nature (raised and written for everyone);
votes, sign-ins and supervision comments are counted, not shown.

>>> from datetime import UTC, datetime
>>> from zoneinfo import ZoneInfo
>>> from rules import load_rulebook
>>> from chatops.tickets.store.meetings import MatterEvent, MatterRow
>>> t = datetime(2026, 5, 1, 9, tzinfo=UTC)
>>> row = MatterRow(1, "consultation", "加装电梯", "grid1", "@li:x", t, "resident")
>>> log = [MatterEvent(1, "raised", t, "vote", "@li:x", {"seconds": True}),
...        MatterEvent(1, "decided", t, "vote", None, {"quorate": True, "passed": True, "yes": 5, "no": 1,
...                                                   "abstain": 0, "present": 6, "roll": 9})]
>>> [m] = public_matters([row], {1: log}, load_rulebook(), None, ZoneInfo("Asia/Shanghai"))
>>> m["steps"], m["place"]
(['「相关居民表决」：通过（赞成 5、反对 1、弃权 0；实到 6/应到 9）'], '第一网格')
>>> "@li:x" in str(m)
False
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from chatops.meetings.matter import Standing
from chatops.tickets.store.meetings import MatterEvent, MatterRow
from rules import Rulebook
from rules.catalogue import text


def name_in(thing: Any, lang: str | None) -> str:
    """Return a body's, chain's or step's name in ``lang`` (English when it has one)."""
    english = getattr(thing, "name_en", None)
    return str(english) if lang == "en" and english else str(thing.name)


def decision_line(d: MatterEvent, s: Standing, lang: str | None, key: str = "decision_line") -> str:
    """Return one meeting's outcome in words: the step, passed / rejected / no quorum, and the counts."""
    step = next((x for x in s.chain.steps if x.id == d.step), None)
    data = d.data
    outcome = "outcome_passed" if data.get("passed") else "outcome_rejected" if data.get("quorate") \
        else "outcome_no_quorum"
    return text(key, lang, step=name_in(step, lang) if step else d.step, outcome=text(outcome, lang),
                yes=data.get("yes", 0), no=data.get("no", 0), abstain=data.get("abstain", 0),
                present=data.get("present", 0), roll=data.get("roll", 0))


def public_matters(rows: Iterable[MatterRow], logs: Mapping[int, list[MatterEvent]], book: Rulebook,
                   lang: str | None, zone: ZoneInfo) -> list[dict[str, Any]]:
    """Return each matter as the board shows it: number, title, chain, place, phase, a line per meeting,
    when the resolution was published, when the result is due, the result, how many comments."""
    def when(at: datetime) -> str:
        return at.astimezone(zone).strftime("%Y-%m-%d")

    out = []
    for row in rows:
        try:
            s = Standing.of(row, logs.get(row.id, []), book)
        except KeyError:
            continue
        resolution = next((e for e in s.published if e.data.get("what") in ("resolution", "rejection")), None)
        result = next((e for e in s.published if e.data.get("what") == "result"), None)
        out.append({
            "number": row.id, "title": row.title, "chain": name_in(s.chain, lang),
            "place": book.grid_name(row.grid, lang=lang) if row.grid else text("web_whole_community", lang),
            "raised": when(row.raised_at), "phase": text(f"phase_{s.state}", lang),
            "steps": [decision_line(d, s, lang) for d in s.decisions],
            "resolution": when(resolution.at) if resolution else None,
            "due": when(s.due) if s.due and s.phase == "result_due" else None,
            "result": (when(result.at), str(result.data.get("text", ""))) if result else None,
            "comments": s.comments, "documents": list(s.documents),
            "tickets": [int(n) for n in row.origin.removeprefix("tickets:").split(",")]
            if row.origin.startswith("tickets:") else [],
        })
    return out
