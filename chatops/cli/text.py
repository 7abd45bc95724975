"""What every ``whistle`` command prints with: aligned tables, handler names, a rulebook loaded politely."""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sqlite3
import sys
import unicodedata
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

from chatops.tickets.address import is_database
from rules import DEFAULT_RULEBOOK, Rulebook, RulebookError, load_rulebook
from rules.catalogue import LANGS, text

if TYPE_CHECKING:
    from chatops.tickets.store import Store

T = TypeVar("T")

_LANG_ALIASES = {"zh": "zh-CN", "zh-cn": "zh-CN", "zh_cn": "zh-CN", "cn": "zh-CN", "chinese": "zh-CN", "中文": "zh-CN",
                 "en": "en", "en-us": "en", "en_us": "en", "en-gb": "en", "english": "en"}
# argparse's own messages, said again in the catalogue's words (the key and what the pattern captures)
_ARGPARSE = ((re.compile(r"the following arguments are required: (?P<what>.+)"), "usage_required"),
             (re.compile(r"unrecognized arguments: (?P<what>.+)"), "usage_unknown"),
             (re.compile(r"argument (?P<arg>\S+): invalid choice: (?P<value>.+?) \(choose from (?P<what>.+)\)"),
              "usage_choice"),
             (re.compile(r"argument (?P<arg>\S+): invalid \w+ value: (?P<value>.+)"), "usage_type"),
             (re.compile(r"argument (?P<arg>\S+): expected (?P<what>.+)"), "usage_expected"),
             (re.compile(r"argument (?P<arg>\S+): (?P<what>.+)"), "usage_argument"))


def language(value: str) -> str:
    """Return the catalogue language ``value`` names (zh, zh-CN, 中文, en ...); raise ``ArgumentTypeError``.

    >>> language("zh"), language("EN")
    ('zh-CN', 'en')
    """
    lang = _LANG_ALIASES.get(value.strip().lower(), value.strip())
    if lang not in LANGS:
        raise argparse.ArgumentTypeError(text("not_a_language", Parser.lang, value=value))
    return lang


def env_language() -> str:
    """Return ``$WHISTLE_LANG`` as a language (zh-CN when unset); exit with a clear message when it is none."""
    value = os.environ.get("WHISTLE_LANG") or "zh-CN"
    try:
        return language(value)
    except argparse.ArgumentTypeError:
        print(text("lang_env_bad", "zh-CN", value=value) + "\n" + text("lang_env_bad", "en", value=value),
              file=sys.stderr)
        raise SystemExit(2) from None


class Parser(argparse.ArgumentParser):
    """An argument parser that says what is wrong in the user's language (the catalogue's), exit status 2."""

    lang = "zh-CN"

    def error(self, message: str) -> NoReturn:
        for pattern, key in _ARGPARSE:
            m = pattern.fullmatch(message)
            if m:
                message = text(key, self.lang, **{"arg": "", "value": "", "what": "", **m.groupdict()})
                break
        self.print_usage(sys.stderr)
        self.exit(2, text("usage_error", self.lang, prog=self.prog, message=message) + "\n")


def positive(kind: type = int) -> Callable[[str], object]:
    """Return an argparse type: a number of ``kind`` above zero."""
    def convert(value: str) -> object:
        try:
            number = kind(value)
        except ValueError:
            raise argparse.ArgumentTypeError(text("not_a_number", Parser.lang, value=value)) from None
        if number <= 0:
            raise argparse.ArgumentTypeError(text("not_positive", Parser.lang, value=value))
        return number

    convert.__name__ = kind.__name__
    return convert


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, width: int) -> str:
    return s + " " * max(0, width - _width(s))


def table(rows: Sequence[Sequence[str]]) -> str:
    """Return ``rows`` as aligned columns (Chinese characters count twice).

    >>> print(table([["编号", "n"], ["1", "22"]]))
    编号  n
    1     22
    """
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows)


def load_book(path: str | None, lang: str) -> Rulebook | None:
    """Return the rulebook at ``path`` (the shipped one by default), or print every problem and return None."""
    try:
        return load_rulebook(path or DEFAULT_RULEBOOK)
    except RulebookError as exc:
        print(exc.render(lang), file=sys.stderr)
        return None


def read_store(path: str | Path, lang: str, read: Callable[[Store], Awaitable[T]], *,
               readonly: bool = True) -> tuple[bool, T | None]:
    """Return ``(True, what read(store) returns)`` for the store file at ``path`` (opened read-only unless
    told otherwise: it never migrates someone's backup), or ``(False, None)`` after telling the user, in
    ``lang``, why not: no such file, not a store of ours, a newer one, or unreadable."""
    from chatops.tickets.store import Store, StoreError

    database = is_database(path)
    if not database and not Path(path).is_file():
        print(text("store_missing", lang, file=path), file=sys.stderr)
        return False, None

    async def run() -> T:
        async with await Store.open(path, readonly=readonly) as store:
            return await read(store)

    try:
        return True, asyncio.run(run())
    except StoreError as exc:
        print(exc.render(lang), file=sys.stderr)
    except (sqlite3.DatabaseError, OSError) as exc:  # OSError: a database server that cannot be reached
        print(text("store_unreadable", lang, file=path, detail=str(exc)), file=sys.stderr)
    except Exception as exc:  # the PostgreSQL driver's own errors (refused login, no such database)
        if type(exc).__module__.split(".")[0] != "asyncpg":
            raise
        print(text("store_unreadable", lang, file=str(path).split("@")[-1] if database else path, detail=str(exc)),
              file=sys.stderr)
    return False, None
