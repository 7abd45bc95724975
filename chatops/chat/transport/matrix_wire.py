"""Matrix wire format, pure: what a :class:`~chatops.chat.transport.base.Say` becomes on the wire.

Every ``m.room.message`` the bot sends is made here (``m.notice``, escaped HTML with the first line bold,
intentional mentions, thread, reply and edit relations), and an outbox row written by an older version
(stored as Matrix content) is read back into a ``Say`` here. The Matrix transport sends what this module
renders; the memory transport renders the same, so tests see what a homeserver would.
"""

from __future__ import annotations

import html
from typing import Any

from chatops.chat.transport.base import Say


def render(say: Say) -> dict[str, Any]:
    """Return the ``m.room.message`` content of ``say``.

    >>> render(Say(("<b>hi</b>", "x")))["formatted_body"]
    '<b>&lt;b&gt;hi&lt;/b&gt;</b><br>x'
    >>> render(Say(("ok",), thread_root="$r"))["m.relates_to"]["rel_type"]
    'm.thread'
    """
    escaped = [html.escape(line, quote=False) for line in say.lines]
    if len(escaped) > 1:
        escaped[0] = f"<b>{escaped[0]}</b>"
    content: dict[str, Any] = {
        "msgtype": "m.notice", "body": "\n".join(say.lines),
        "format": "org.matrix.custom.html", "formatted_body": "<br>".join(escaped),
        "m.mentions": {"user_ids": sorted(set(say.mentions))} if say.mentions else {},
    }
    if say.edit_of is not None:
        new = {k: v for k, v in content.items() if k != "m.mentions"}
        return {"msgtype": "m.notice", "body": "* " + new["body"], "m.new_content": new, "m.mentions": {},
                "m.relates_to": {"rel_type": "m.replace", "event_id": say.edit_of}}
    if say.thread_root is not None:
        content["m.relates_to"] = {"rel_type": "m.thread", "event_id": say.thread_root, "is_falling_back": True,
                                   "m.in_reply_to": {"event_id": say.thread_root}}
    elif say.reply_to is not None:
        content["m.relates_to"] = {"m.in_reply_to": {"event_id": say.reply_to}}
    return content


def from_stored(content: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
    """Return ``(lines, mentions, reply_to)`` of an outbox row's content: the neutral form, or the Matrix
    content older versions stored.

    >>> from_stored({"lines": ["a", "b"], "mentions": ["@x:y"]})
    (('a', 'b'), ('@x:y',), None)
    >>> from_stored({"msgtype": "m.notice", "body": "a\\nb", "m.mentions": {"user_ids": ["@x:y"]},
    ...              "m.relates_to": {"m.in_reply_to": {"event_id": "$e"}}})
    (('a', 'b'), ('@x:y',), '$e')
    """
    if "lines" in content:
        return tuple(content["lines"]), tuple(content.get("mentions") or ()), content.get("reply_to")
    mentions = tuple((content.get("m.mentions") or {}).get("user_ids") or ())
    reply = ((content.get("m.relates_to") or {}).get("m.in_reply_to") or {}).get("event_id")
    return tuple(str(content.get("body", "")).split("\n")), mentions, reply
