"""The time bank's ledger (时间银行): hours given and received, kept as double entry.

Every transfer is two movements that sum to zero: the one who served gains the minutes, the one served
gives them. An account opens with a starting credit from the community's own account (``COMMUNITY``),
so the whole ledger always sums to zero. Nothing is ever edited: a wrong entry is undone by a reversing
transfer with a reason. Accounts outside the rulebook's limits (above the cap, or below the overdraft
allowed) are flagged for staff, never silently blocked.

>>> from datetime import UTC, datetime
>>> at = datetime(2026, 6, 1, tzinfo=UTC)
>>> ledger = Ledger(Limits(cap=90_000, start=120, overdraft=0))
>>> _ = ledger.open("@wang:x", at), ledger.open("@li:x", at)
>>> t = ledger.transfer("@wang:x", "@li:x", 90, at, "陪老人就医")
>>> ledger.balance("@wang:x"), ledger.balance("@li:x"), ledger.total()
(210, 30, 0)
>>> _ = ledger.reverse(t.id, at, "记错了时长")
>>> ledger.balance("@wang:x"), ledger.balance("@li:x"), ledger.total()
(120, 120, 0)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

COMMUNITY = "community"  # the community's own account: it issues starting credits and may go below zero
STARTING = "starting credit"  # what an account's opening transfer says (shown in the reader's language)


class LedgerError(ValueError):
    """A transfer the ledger refuses; ``code`` and ``params`` index the catalogue."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code, self.params = code, params


@dataclass(frozen=True)
class Limits:
    """The rulebook's limits, in minutes: the ``cap`` an account should not exceed, the ``start`` credit of a
    new account, and how far below zero (``overdraft``) an account may go before it is flagged."""

    cap: int
    start: int
    overdraft: int = 0

    @classmethod
    def of_rulebook(cls, bank: Any) -> Limits:
        """Return the limits a rulebook's ``time_bank:`` sets (durations, counted here in whole minutes)."""
        overdraft = bank.overdraft.total_seconds() // 60 if bank.overdraft else 0
        return cls(int(bank.cap.total_seconds() // 60), int(bank.start_credit.total_seconds() // 60), int(overdraft))


@dataclass(frozen=True)
class Movement:
    """One side of a transfer: ``minutes`` added to (or, negative, taken from) ``account``."""

    account: str
    minutes: int
    transfer: int


@dataclass(frozen=True)
class Transfer:
    """``minutes`` of service ``giver`` gave ``receiver`` (``what``); ``reverses`` the transfer it undoes."""

    id: int
    giver: str
    receiver: str
    minutes: int
    at: datetime
    what: str
    reverses: int | None = None

    @property
    def movements(self) -> tuple[Movement, Movement]:
        """Return its two movements: they sum to zero."""
        return Movement(self.giver, self.minutes, self.id), Movement(self.receiver, -self.minutes, self.id)


@dataclass
class Ledger:
    """All transfers in order, with balances kept beside them (always the sum of the movements)."""

    limits: Limits
    transfers: list[Transfer] = field(default_factory=list)
    _balances: dict[str, int] = field(default_factory=dict)
    _reversed: set[int] = field(default_factory=set)

    @classmethod
    def replay(cls, limits: Limits, rows: list[tuple[int, str, str, int, datetime, str, int | None]]) -> Ledger:
        """Return the ledger of stored transfers ``rows`` (id, giver, receiver, minutes, at, what, reverses)."""
        ledger = cls(limits)
        for i, giver, receiver, minutes, at, what, reverses in rows:
            if i != len(ledger.transfers) + 1:
                raise LedgerError("bank_gap", transfer=i)
            ledger._balances.setdefault(giver, 0)
            ledger._balances.setdefault(receiver, 0)
            ledger._record(giver, receiver, minutes, at, what, reverses=reverses)
            if reverses is not None:
                ledger._reversed.add(reverses)
        return ledger

    def row(self, t: Transfer) -> tuple[int, str, str, int, datetime, str, int | None]:
        """Return ``t`` as the store keeps it."""
        return t.id, t.giver, t.receiver, t.minutes, t.at, t.what, t.reverses

    def open(self, account: str, at: datetime) -> Transfer | None:
        """Open ``account`` with the starting credit (a transfer from the community); ``None`` if it is open."""
        if account in self._balances or account == COMMUNITY:
            return None
        self._balances[account] = 0
        if self.limits.start <= 0:
            return None
        return self._record(account, COMMUNITY, self.limits.start, at, STARTING)  # the account gains

    def transfer(self, giver: str, receiver: str, minutes: int, at: datetime, what: str, *,
                 within: timedelta | None = None) -> Transfer:
        """Record that ``giver`` served ``receiver`` for ``minutes`` (confirmed by the one served); return it.

        Raises :class:`LedgerError` for no minutes, one person on both sides, an account not opened, or
        (``within`` given) a transfer that repeats one recorded less than ``within`` before (:meth:`repeats`):
        a confirmation sent twice is one service, not two."""
        if minutes <= 0:
            raise LedgerError("bank_no_minutes")
        if giver == receiver:
            raise LedgerError("bank_same_account")
        for account in (giver, receiver):
            if account not in self._balances:
                raise LedgerError("bank_no_account", account=account)
        if within is not None and (same := self.repeats(giver, receiver, minutes, at, within)) is not None:
            raise LedgerError("bank_repeated", transfer=same.id, giver=giver, what=same.what,
                              window=int(within.total_seconds() // 60))
        return self._record(giver, receiver, minutes, at, what)

    def repeats(self, giver: str, receiver: str, minutes: int, at: datetime, within: timedelta) -> Transfer | None:
        """Return the standing transfer (not reversed, not a reversal) of ``minutes`` from ``giver`` to
        ``receiver`` recorded less than ``within`` before ``at``, the latest; ``None`` if there is none.

        >>> from datetime import UTC
        >>> at, ten = datetime(2026, 6, 1, tzinfo=UTC), timedelta(minutes=10)
        >>> ledger = Ledger(Limits(cap=600, start=0))
        >>> _ = ledger.open("@a:x", at), ledger.open("@b:x", at)
        >>> first = ledger.transfer("@a:x", "@b:x", 60, at, "买菜")
        >>> ledger.repeats("@a:x", "@b:x", 60, at + timedelta(minutes=5), ten) == first
        True
        >>> ledger.repeats("@a:x", "@b:x", 60, at + ten, ten), ledger.repeats("@a:x", "@b:x", 30, at, ten)
        (None, None)
        """
        return next((t for t in reversed(self.transfers)
                     if (t.giver, t.receiver, t.minutes) == (giver, receiver, minutes) and at - t.at < within
                     and t.reverses is None and t.id not in self._reversed), None)

    def reverse(self, transfer_id: int, at: datetime, reason: str) -> Transfer:
        """Undo transfer ``transfer_id`` by a reversing one (the entry itself stays); return the reversal."""
        original = next((t for t in self.transfers if t.id == transfer_id), None)
        if original is None:
            raise LedgerError("bank_no_transfer", transfer=transfer_id)
        if transfer_id in self._reversed or original.reverses is not None:
            raise LedgerError("bank_reversed", transfer=transfer_id)
        if not reason.strip():
            raise LedgerError("bank_reason_required")
        self._reversed.add(transfer_id)
        return self._record(original.receiver, original.giver, original.minutes, at, reason.strip(),
                            reverses=transfer_id)

    def _record(self, giver: str, receiver: str, minutes: int, at: datetime, what: str,
                reverses: int | None = None) -> Transfer:
        t = Transfer(len(self.transfers) + 1, giver, receiver, minutes, at, what, reverses)
        self.transfers.append(t)
        for m in t.movements:
            self._balances[m.account] = self._balances.get(m.account, 0) + m.minutes
        return t

    def balance(self, account: str) -> int:
        """Return the account's minutes (0 for an account never opened)."""
        return self._balances.get(account, 0)

    def total(self) -> int:
        """Return the sum of every account: always 0 (double entry)."""
        return sum(self._balances.values())

    def statement(self, account: str) -> list[tuple[Transfer, int, int]]:
        """Return every entry of ``account``: (transfer, minutes for this account, balance after it)."""
        out, running = [], 0
        for t in self.transfers:
            for m in t.movements:
                if m.account == account:
                    running += m.minutes
                    out.append((t, m.minutes, running))
        return out

    def served(self) -> list[tuple[str, int, datetime, int]]:
        """Return the service that stands: ``(helper, minutes, at, entry)`` for each transfer between residents
        that was not reversed (starting credits and reversals are not service)."""
        return [(t.giver, t.minutes, t.at, t.id) for t in self.transfers
                if t.reverses is None and t.id not in self._reversed and COMMUNITY not in (t.giver, t.receiver)]

    def flags(self) -> dict[str, str]:
        """Return the accounts outside the limits, for staff: ``{account: "over_cap" | "overdrawn"}``."""
        out = {}
        for account, minutes in sorted(self._balances.items()):
            if account == COMMUNITY:
                continue
            if minutes > self.limits.cap:
                out[account] = "over_cap"
            elif minutes < -self.limits.overdraft:
                out[account] = "overdrawn"
        return out
