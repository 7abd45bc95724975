"""Research kit: the collaboration network the event log leaves behind (issue 5).

Read a store file into tables (:func:`read_log`), build networks from them (:mod:`research.networks`),
measure them (:mod:`research.measures`, :mod:`research.passes`, :mod:`research.responses`,
:mod:`research.rates`), export them (:mod:`research.export`), or simulate a community to have a log to
study (:mod:`research.simulation`, loaded when first used: ``import research`` does not start the rule
engine).

>>> import research
>>> log = research.read_log(research.sample_store(500))
>>> G = research.collaboration_graph(log)
>>> G.number_of_nodes() > 10, len(research.communities(G, seed=1)) > 1
(True, True)
"""

from typing import TYPE_CHECKING, Any

from research.export import UnsafeExport, check_safe, write_edgelist, write_gexf, write_graphml
from research.helping import helping_graph
from research.log import EventLog, LogError, read_log
from research.measures import (
    betweenness,
    brokerage,
    centralities,
    communities,
    core_periphery,
    modularity,
    pass_cycles,
    to_igraph,
)
from research.networks import collaboration_graph, referral_graph, reporting_graph, time_slices
from research.parquet import export_parquet
from research.participation import matter_log, meetings, participation, simulate_participation
from research.passes import holders, passes, pingpong_pairs, steps_to_resolution, transfer_chains
from research.province import Province, measure_province
from research.pseudonyms import KEY_ENV, PseudonymKeyMissing, pseudonymizer
from research.rates import RATES, handler_rates, rank
from research.responses import resolution_times, response_times, summary

if TYPE_CHECKING:
    from research.samples import sample_store
    from research.simulation import SimConfig, SimSummary, simulate

# the simulator drives the real ticket service and rule engine: loaded only when a notebook asks for it
_SIMULATION = {"SimConfig": "simulation", "SimSummary": "simulation", "simulate": "simulation",
               "sample_store": "samples"}

__all__ = [
    "KEY_ENV",
    "RATES",
    "EventLog",
    "LogError",
    "Province",
    "PseudonymKeyMissing",
    "SimConfig",
    "SimSummary",
    "UnsafeExport",
    "betweenness",
    "brokerage",
    "centralities",
    "check_safe",
    "collaboration_graph",
    "communities",
    "core_periphery",
    "export_parquet",
    "handler_rates",
    "helping_graph",
    "holders",
    "matter_log",
    "measure_province",
    "meetings",
    "modularity",
    "participation",
    "pass_cycles",
    "passes",
    "pingpong_pairs",
    "pseudonymizer",
    "rank",
    "read_log",
    "referral_graph",
    "reporting_graph",
    "resolution_times",
    "response_times",
    "sample_store",
    "simulate",
    "simulate_participation",
    "steps_to_resolution",
    "summary",
    "time_slices",
    "to_igraph",
    "transfer_chains",
    "write_edgelist",
    "write_gexf",
    "write_graphml",
]


def __getattr__(name: str) -> Any:
    """Return the simulator's names, importing :mod:`research.simulation` the first time (PEP 562)."""
    if name not in _SIMULATION:
        raise AttributeError(f"module 'research' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"research.{_SIMULATION[name]}"), name)
    globals()[name] = value
    return value
