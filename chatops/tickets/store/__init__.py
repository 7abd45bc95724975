"""The ticket store (aiosqlite, WAL, versioned migrations): the only place SQL is written."""

from chatops.tickets.store.chat import OutboxRow, Outgoing, Pending, Room, Timer
from chatops.tickets.store.meetings import MatterEvent, MatterRow
from chatops.tickets.store.migrations import LATEST, MIGRATIONS, StoreError, migrate
from chatops.tickets.store.store import ReportHistory, Store, Transaction

__all__ = ["LATEST", "MIGRATIONS", "MatterEvent", "MatterRow", "OutboxRow", "Outgoing", "Pending", "ReportHistory",
           "Room", "Store", "StoreError",
           "Timer", "Transaction", "migrate"]
