"""Chat transports: one adapter per chat network behind one small interface (see ``base``)."""

from chatops.chat.transport.base import (
    Batch,
    Incoming,
    Media,
    Membership,
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

__all__ = ["Batch", "Incoming", "Media", "Membership", "Message", "Poll", "Reaction", "Redaction", "Refused",
           "RoomPower", "Say", "SendResult", "Transport", "Vote"]
