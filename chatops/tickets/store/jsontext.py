"""JSON text in the store's columns (event data, ticket tuples, outbox contents): one encoder for all."""

from __future__ import annotations

from typing import Any

import orjson

_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS
from_json = orjson.loads


def to_json(value: Any) -> str:
    """Return ``value`` as compact UTF-8 JSON text; what JSON cannot hold (a datetime) becomes ``str()``.

    orjson, not ``json``: converting each event's data was most of the cost of a bulk append.
    """
    return orjson.dumps(value, default=str, option=_OPTIONS).decode()
