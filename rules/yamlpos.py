"""YAML loading that remembers the line of every value, so rulebook errors can name file and line."""

from __future__ import annotations

from typing import Any

import yaml

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader

Path = tuple[str | int, ...]


class YamlProblem(Exception):
    """A syntax error or duplicate key; ``line`` is 1-based, ``code``/``params`` index the catalogue."""

    def __init__(self, line: int, code: str, **params: Any) -> None:
        super().__init__(code)
        self.line, self.code, self.params = line, code, params


def load_with_lines(text: str) -> tuple[Any, dict[Path, int]]:
    """Return ``(data, lines)``: plain Python data and the 1-based line of each path in it.

    >>> data, lines = load_with_lines("a:\\n  - x\\n  - y\\n")
    >>> data, lines[("a", 1)]
    ({'a': ['x', 'y']}, 3)
    """
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlProblem((mark.line + 1) if mark else 1, "yaml_syntax", detail=exc.problem or str(exc)) from exc
    lines: dict[Path, int] = {}
    if node is None:
        return None, lines
    constructor = yaml.SafeLoader("")

    def build(n: yaml.Node, path: Path) -> Any:
        lines[path] = n.start_mark.line + 1
        if isinstance(n, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in n.value:
                key = constructor.construct_object(key_node, deep=True)
                if key in out:
                    raise YamlProblem(key_node.start_mark.line + 1, "duplicate_key", key=key)
                out[key] = build(value_node, (*path, key))
                lines[(*path, key)] = key_node.start_mark.line + 1  # errors point at the key
            return out
        if isinstance(n, yaml.SequenceNode):
            return [build(item, (*path, i)) for i, item in enumerate(n.value)]
        try:
            return constructor.construct_object(n, deep=True)
        except ValueError:  # an impossible date such as 2027-02-30: keep the text, the schema names it
            return n.value

    return build(node, ()), lines


def line_of(lines: dict[Path, int], path: Path) -> int:
    """Return the line of ``path``, or of its nearest ancestor that has one (1 when none does)."""
    p = tuple(path)
    while p:
        if p in lines:
            return lines[p]
        p = p[:-1]
    return lines.get((), 1)
