"""The layout's rules, checked on every import in the code (module level and inside functions).

- ``rules`` imports nothing of ``chatops`` or ``research``;
- the domains (``chatops.tickets``, ``chatops.meetings``) know nothing of chat: no chat adapter, no Matrix client;
- ``research`` reads through the ticket domain only, never the chat adapter or the web face;
- production code never imports the local tooling (``chatops.local``) or the command line;
- the Matrix client is imported only by the Matrix transport, room provisioning and the local tooling;
- the parts form no cycle; ``import research`` does not load the rule engine or the ticket service.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("chatops", "rules", "research")
# the parts of the project, most specific first: a module belongs to the first part its name starts with
PARTS = ("chatops.tickets", "chatops.meetings", "chatops.participation", "chatops.chat", "chatops.web",
         "chatops.local", "chatops.cli", "chatops", "rules", "research")
PRODUCTION = ("chatops.tickets", "chatops.meetings", "chatops.participation", "chatops.chat", "chatops.web", "chatops",
              "rules", "research")
MATRIX_CLIENTS = ("nio", "aiohttp")
MAY_SPEAK_MATRIX = ("chatops.chat.transport.matrix", "chatops.chat.transport.matrix_rooms", "chatops.local")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports() -> dict[str, set[str]]:
    """Return each module of the project with every module it imports, wherever the import stands."""
    found: dict[str, set[str]] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            name = module_name(path)
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            out: set[str] = set()
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    out.update(alias.name for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    out.add(node.module)
            found[name] = out
    return found


def part(module: str) -> str | None:
    """Return the part of the project ``module`` belongs to, or ``None`` for a library.

    >>> part("chatops.tickets.store.store"), part("chatops.config"), part("numpy")
    ('chatops.tickets', 'chatops', None)
    """
    return next((p for p in PARTS if module == p or module.startswith(p + ".")), None)


def within(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


IMPORTS = imports()


def offences(importer: tuple[str, ...], imported: tuple[str, ...], *, but: tuple[str, ...] = ()) -> list[str]:
    return sorted(f"{mod} imports {dep}" for mod, deps in IMPORTS.items() for dep in deps
                  if part(mod) in importer and within(dep, imported) and not within(mod, but))


def test_the_scan_sees_the_imports_it_checks() -> None:
    assert "chatops.tickets.lifecycle" in IMPORTS["chatops.tickets.service"]
    assert "chatops.chat.rates" in IMPORTS["chatops.cli.chat"]  # an import inside a function counts too
    assert len(IMPORTS) > 50


def test_rules_import_nothing_of_chatops_or_research() -> None:
    assert offences(("rules",), ("chatops", "research")) == []


def test_the_ticket_domain_knows_nothing_of_chat() -> None:
    assert offences(("chatops.tickets", "chatops.meetings", "chatops.participation"),
                    ("chatops.chat", "chatops.web", "chatops.local", "chatops.cli", "research", *MATRIX_CLIENTS)) == []


def test_research_reads_through_the_ticket_domain_only() -> None:
    assert offences(("research",), ("chatops.chat", "chatops.web", "chatops.local", "chatops.cli",
                                    "chatops.config")) == []


def test_production_never_imports_local_tooling_or_the_command_line() -> None:
    assert offences(PRODUCTION, ("chatops.local", "chatops.cli")) == []


def test_only_the_matrix_transport_speaks_to_a_matrix_client() -> None:
    assert offences(PARTS, MATRIX_CLIENTS, but=MAY_SPEAK_MATRIX) == []


def test_the_parts_form_no_cycle() -> None:
    graph = nx.DiGraph()
    graph.add_nodes_from(PARTS)
    for mod, deps in IMPORTS.items():
        for dep in deps:
            if (a := part(mod)) and (b := part(dep)) and a != b:
                graph.add_edge(a, b)
    assert list(nx.simple_cycles(graph)) == []
    assert graph.has_edge("research", "chatops.tickets") and graph.has_edge("chatops.chat", "chatops.tickets")


@pytest.mark.parametrize("module, absent", [
    ("research", ("durable", "chatops.tickets.service", "chatops.chat", "nio")),
    ("rules", ("durable", "chatops", "research")),
    ("chatops.tickets.lifecycle", ("durable", "nio", "chatops.chat")),
])
def test_importing_a_part_loads_only_what_it_needs(module: str, absent: tuple[str, ...]) -> None:
    code = (f"import sys, {module}\n"
            f"print(sorted(m for m in sys.modules if any(m == a or m.startswith(a + '.') for a in {absent!r})))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"


def test_matrix_wire_format_stays_in_the_matrix_transport() -> None:
    """No module outside ``transport/matrix*`` and the local tooling writes Matrix event content (the memory
    transport reads what ``matrix_wire`` renders, as a homeserver would receive it, for tests to look at)."""
    wire = ("m.relates_to", "m.mentions", "formatted_body", "org.matrix.custom.html", "m.in_reply_to", "m.notice",
            "m.new_content")
    found = []
    for path in sorted((ROOT / "chatops").rglob("*.py")):
        name = module_name(path)
        if within(name, ("chatops.chat.transport.matrix", "chatops.chat.transport.matrix_wire",
                         "chatops.chat.transport.memory", "chatops.local")):
            continue
        source = path.read_text(encoding="utf-8")
        found += [f"{name}: {w}" for w in wire if f'"{w}"' in source]
    assert found == []
