"""Chat transports: one adapter per chat network behind one small interface (see ``base``)."""

from chatops.chat.transport.base import (
    Batch,
    Incoming,
    Media,
    Message,
    Poll,
    Reaction,
    Redaction,
    Refused,
    RoomPower,
    Say,
    SendResult,
    Transport,
    Vote,
)

__all__ = ["Batch", "Incoming", "Media", "Message", "Poll", "Reaction", "Redaction", "Refused", "RoomPower", "Say",
           "SendResult", "Transport", "Vote"]
