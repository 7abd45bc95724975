"""Research kit: the collaboration network the event log leaves behind (issue 5).

Read a store file into tables (:func:`read_log`), build networks from them (:mod:`research.networks`),
measure them (:mod:`research.measures`, :mod:`research.passes`, :mod:`research.responses`,
:mod:`research.rates`), export them (:mod:`research.export`), or simulate a community to have a log to
study (:mod:`research.simulate`).

>>> import research
>>> log = research.read_log(research.sample_store(2000))  # doctest: +SKIP
>>> G = research.collaboration_graph(log)  # doctest: +SKIP
>>> research.communities(G, seed=1)  # doctest: +SKIP
"""

from research.export import UnsafeExport, check_safe, write_edgelist, write_gexf, write_graphml
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
from research.passes import holders, passes, pingpong_pairs, steps_to_resolution, transfer_chains
from research.pseudonyms import KEY_ENV, PseudonymKeyMissing, pseudonymizer
from research.rates import RATES, handler_rates, rank
from research.responses import resolution_times, response_times, summary
from research.samples import sample_store
from research.simulate import SimConfig, SimSummary, simulate

__all__ = [
    "KEY_ENV", "RATES", "EventLog", "LogError", "PseudonymKeyMissing", "SimConfig", "SimSummary", "UnsafeExport",
    "betweenness", "brokerage", "centralities", "check_safe", "collaboration_graph", "communities",
    "core_periphery", "handler_rates", "holders", "modularity", "pass_cycles", "passes", "pingpong_pairs",
    "pseudonymizer", "rank", "read_log", "referral_graph", "reporting_graph", "resolution_times",
    "response_times", "sample_store", "simulate", "steps_to_resolution", "summary", "time_slices", "to_igraph",
    "transfer_chains", "write_edgelist", "write_gexf", "write_graphml",
]
