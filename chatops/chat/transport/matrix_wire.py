"""Matrix wire format, pure: what a :class:`~chatops.chat.transport.base.Say` becomes on the wire.

Every ``m.room.message`` the bot sends is made here (``m.notice``, escaped HTML with the first line bold,
intentional mentions, thread, reply and edit relations), and an outbox row written by an older version
(stored as Matrix content) is read back into a ``Say`` here. The Matrix transport sends what this module
renders; the memory transport renders the same, so tests see what a homeserver would.
"""

from __future__ import annotations

import html
from typing import Any

from chatops.chat.transport.base import Media, Poll, Say, Vote

TXN = "org.communitywhistle.txn"  # the outbox row a message of ours was sent from (another worker can tell)
POLL_START = "org.matrix.msc3381.poll.start"  # MSC3381: accepted, not yet in the spec; the types clients show
POLL_RESPONSE = "org.matrix.msc3381.poll.response"
POLL_END = "org.matrix.msc3381.poll.end"
TEXT = "org.matrix.msc1767.text"


def render_event(say: Say) -> tuple[str, dict[str, Any]]:
    """Return the event type and content of ``say``: a message, or a poll's start or end (MSC3381).

    >>> poll = Poll("加装电梯？", (("yes", "赞成"), ("no", "反对")))
    >>> kind, content = render_event(Say(("表决：加装电梯",), poll=poll))
    >>> kind, content[POLL_START]["answers"][1], content[TEXT]
    ('org.matrix.msc3381.poll.start', {'id': 'no', 'org.matrix.msc1767.text': '反对'}, '表决：加装电梯')
    >>> render_event(Say(("表决结束",), poll=Poll("", ends="$start")))[1]["m.relates_to"]
    {'rel_type': 'm.reference', 'event_id': '$start'}
    """
    if say.media is not None:
        return "m.room.message", _picture(say, say.media)
    if say.poll is None:
        return "m.room.message", render(say)
    return _poll(say.poll, "\n".join(say.lines))


def picture_of(content: dict[str, Any]) -> Media | None:
    """Return the :class:`Media` of an ``m.image`` message's content, or ``None`` if it is not a picture kept
    on a homeserver (an encrypted one, or a link elsewhere, is not passed on).

    >>> picture_of({"msgtype": "m.image", "body": "lift.jpg", "url": "mxc://hs/abc",
    ...             "info": {"mimetype": "image/jpeg", "size": 2048}})
    Media(url='mxc://hs/abc', name='lift.jpg', mimetype='image/jpeg', size=2048)
    >>> picture_of({"msgtype": "m.image", "body": "x", "url": "https://elsewhere/x.png"}) is None
    True
    """
    url, info = content.get("url"), content.get("info")
    if content.get("msgtype") != "m.image" or not isinstance(url, str) or not url.startswith("mxc://") \
            or len(url) > 255:
        return None
    info = info if isinstance(info, dict) else {}
    name, kind, size = content.get("body"), info.get("mimetype"), info.get("size")
    return Media(url, name[:200] if isinstance(name, str) else "", kind[:100] if isinstance(kind, str) else "",
                 size if isinstance(size, int) and not isinstance(size, bool) and size >= 0 else None)


def _picture(say: Say, media: Media) -> dict[str, Any]:
    """Return the ``m.image`` content that passes ``media`` on, in ``say``'s thread."""
    info: dict[str, Any] = {k: v for k, v in (("mimetype", media.mimetype), ("size", media.size)) if v}
    content: dict[str, Any] = {"msgtype": "m.image", "body": media.name or "\n".join(say.lines) or "image",
                               "url": media.url, "info": info, "m.mentions": {}}
    if say.thread_root is not None:
        content["m.relates_to"] = _in_thread(say.thread_root)
    return content


def _in_thread(root: str) -> dict[str, Any]:
    """Return the relation that puts a message in the thread of ``root`` (a reply for clients without threads)."""
    return {"rel_type": "m.thread", "event_id": root, "is_falling_back": True, "m.in_reply_to": {"event_id": root}}


def _poll(poll: Poll, fallback: str) -> tuple[str, dict[str, Any]]:
    if poll.ends is not None:
        return POLL_END, {"m.relates_to": {"rel_type": "m.reference", "event_id": poll.ends}, POLL_END: {},
                          TEXT: fallback, "body": fallback}
    return POLL_START, {
        POLL_START: {"question": {TEXT: poll.question}, "kind": "org.matrix.msc3381.poll.disclosed",
                     "max_selections": 1, "answers": [{"id": i, TEXT: t} for i, t in poll.answers]},
        TEXT: fallback, "body": fallback,
    }


def vote_of(room_id: str, raw: dict[str, Any]) -> Vote | None:
    """Return the :class:`Vote` a raw poll response is, or ``None`` if it is not one.

    >>> vote_of("!r", {"type": POLL_RESPONSE, "event_id": "$v", "sender": "@a:x", "origin_server_ts": 1000,
    ...               "content": {"m.relates_to": {"rel_type": "m.reference", "event_id": "$p"},
    ...                           POLL_RESPONSE: {"answers": ["yes"]}}})
    Vote(room_id='!r', event_id='$v', sender='@a:x', poll='$p', answers=('yes',), ts=1.0)
    """
    content = raw.get("content")
    if raw.get("type") not in (POLL_RESPONSE, "m.poll.response") or not isinstance(content, dict):
        return None
    rel, event_id, sender = content.get("m.relates_to"), raw.get("event_id"), raw.get("sender")
    body = content.get(POLL_RESPONSE) or content.get("m.poll.response") or content.get("m.selections")
    answers = body.get("answers") if isinstance(body, dict) else body
    if not (isinstance(rel, dict) and rel.get("rel_type") == "m.reference" and isinstance(rel.get("event_id"), str)
            and isinstance(event_id, str) and isinstance(sender, str) and isinstance(answers, list)):
        return None
    ts = raw.get("origin_server_ts")
    return Vote(room_id, event_id, sender, rel["event_id"], tuple(a for a in answers if isinstance(a, str))[:20],
                ts / 1000 if isinstance(ts, int | float) else 0.0)


def render(say: Say) -> dict[str, Any]:
    """Return the ``m.room.message`` content of ``say``.

    >>> render(Say(("<b>hi</b>", "x")))["formatted_body"]
    '<b>&lt;b&gt;hi&lt;/b&gt;</b><br>x'
    >>> render(Say(("ok",), thread_root="$r"))["m.relates_to"]["rel_type"]
    'm.thread'
    >>> render(Say(("@b:x 已并入",), mentions=("@b:x",)))["formatted_body"]  # a mentioned user named is a pill
    '<a href="https://matrix.to/#/@b:x">@b:x</a> 已并入'
    """
    escaped = [html.escape(line, quote=False) for line in say.lines]
    for user in set(say.mentions):
        pill = f'<a href="https://matrix.to/#/{html.escape(user)}">{html.escape(user, quote=False)}</a>'
        escaped = [line.replace(html.escape(user, quote=False), pill) for line in escaped]
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
        content["m.relates_to"] = _in_thread(say.thread_root)
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
