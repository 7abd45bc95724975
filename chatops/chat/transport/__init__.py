"""Chat transports: one adapter per chat network behind one small interface (see ``base``)."""

from chatops.chat.transport.base import (
    Batch,
    Incoming,
    Message,
    Reaction,
    Redaction,
    Refused,
    RoomPower,
    Say,
    SendResult,
    Transport,
)

__all__ = ["Batch", "Incoming", "Message", "Reaction", "Redaction", "Refused", "RoomPower", "Say", "SendResult",
           "Transport"]
