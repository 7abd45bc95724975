"""Research on a province's log in Parquet: load time, memory and the standard measures as communities add up.

A community's store (simulated, or ``--store``) is exported once with ``whistle export --parquet``; a province
is made at the store level by copying that community's partitions under other community names (each copy
is a community with the same history: enough for size, not for findings). For each size in ``--sizes``
(numbers of communities) a child process reads the whole province with ``read_log`` and runs the standard
measures (collaboration and referral graphs, handler rates, transfer chains, response times), printing the
time of each and the peak RSS; one month of the whole province is read alone as well (what partitioning
buys). The same community read from its SQLite store with ``read_log`` is the baseline.

    .venv/bin/python benchmarks/province_research.py --store var/bench-100k.sqlite --sizes 1 4 10

``--year EVENTS`` copies the community until the province holds about that many events (a province's year:
about 250 million) and measures it with :func:`research.measure_province`, ``--per-read`` communities at a
time (the whole would not fit in memory): the time of the reads and of each measure, summed, and the peak
memory; the folded measures of the first ``--sizes`` province are checked against the whole log's first.

    .venv/bin/python benchmarks/province_research.py --store var/bench-100k.sqlite --sizes 4 --year 250000000
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import run_child

CHILD = """
import json, sys, time, warnings
warnings.simplefilter("ignore")
import research
from research.parquet import read_tables
from _common import peak_rss_mb
out = {}
def timed(name, fn):
    t = time.perf_counter(); value = fn(); out[name] = round(time.perf_counter() - t, 2); return value
path, what = sys.argv[1], sys.argv[2]
if what == "month":
    tables, _ = timed("read one month", lambda: read_tables(path, months=[sys.argv[3]]))
    out["events"] = len(tables["events"])
else:
    log = timed("read_log", lambda: research.read_log(path, key="bench"))
    out["events"] = len(log.events)
    timed("collaboration graph", lambda: research.collaboration_graph(log))
    timed("referral graph", lambda: research.referral_graph(log))
    timed("response times", lambda: research.response_times(log))
    timed("handler rates", lambda: research.handler_rates(log))  # uses the response times computed above
    timed("transfer chains", lambda: research.transfer_chains(log))
out["peak MiB"] = round(peak_rss_mb())
print(json.dumps(out))
"""
FOLDED = """
import json, sys, time, warnings
warnings.simplefilter("ignore")
import research
t = time.perf_counter()
p = research.measure_province(sys.argv[1], per_read=int(sys.argv[2]), key="bench")
out = {"wall": round(time.perf_counter() - t, 1), "events": p.events, "tickets": p.tickets,
       "communities": p.communities, **p.seconds, "peak MiB": p.peak_mib,
       "collaboration": sorted((a, b, w) for a, b, w in p.collaboration.edges(data="weight")),
       "signed": int(p.rates["signed"].sum()), "chains": len(p.chains)}
if len(sys.argv) > 3:  # the same province read whole: the folded measures must be its measures
    log = research.read_log(sys.argv[1], key="bench")
    whole = research.collaboration_graph(log)
    out["same"] = (out["collaboration"] == sorted((a, b, w) for a, b, w in whole.edges(data="weight"))
                   and out["signed"] == int(research.handler_rates(log)["signed"].sum())
                   and out["chains"] == len(research.transfer_chains(log)))
del out["collaboration"]
print(json.dumps(out))
"""
EXPORT = """
import json, sys, warnings
warnings.simplefilter("ignore")
from research.parquet import export_parquet
print(json.dumps(export_parquet(sys.argv[1], sys.argv[2], key="bench")))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a community's store (default: a simulated 20,000 tickets)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 10])
    parser.add_argument("--year", type=int, default=0, help="also a province of about this many events, folded")
    parser.add_argument("--per-read", type=int, default=10, help="communities read at a time for --year")
    args = parser.parse_args()
    import research

    store = args.store or research.sample_store(20_000)
    work = Path(tempfile.mkdtemp(prefix="province-"))
    single = work / "one"
    summary = run_child(EXPORT, str(store), str(single))
    community = summary["community"]
    month = summary["months"][len(summary["months"]) // 2]
    base = run_child(CHILD, str(store), "log")
    print(f"one community: {summary['events']:,} events, {summary['tickets']:,} tickets; "
          f"read from its SQLite store {base['read_log']} s, peak {base['peak MiB']} MiB")
    for size in args.sizes:
        province = work / f"p{size}"
        shutil.copytree(single, province)
        for n in range(1, size):
            for table in ("events", "tickets", "assignments"):
                shutil.copytree(province / table / f"community={community}", province / table / f"community=c{n:05d}")
        whole = run_child(CHILD, str(province), "log")
        alone = run_child(CHILD, str(province), "month", month)
        steps = ", ".join(f"{k} {v} s" for k, v in whole.items() if k not in ("events", "peak MiB"))
        print(f"{size:3} communities, {int(whole['events']):,} events: {steps}; peak {whole['peak MiB']:,} MiB; "
              f"one month ({month}, {int(alone['events']):,} events) {alone['read one month']} s, "
              f"peak {alone['peak MiB']:,} MiB")
        if args.year and size == args.sizes[0]:
            folded = run_child(FOLDED, str(province), str(args.per_read), "check")
            print(f"    folded {args.per_read} at a time: the same measures as read whole: {folded['same']}")
        shutil.rmtree(province)
    if args.year:
        copies = max(1, round(args.year / summary["events"]))
        province = work / "year"
        shutil.copytree(single, province)
        for n in range(1, copies):
            for table in ("events", "tickets", "assignments"):
                shutil.copytree(single / table / f"community={community}", province / table / f"community=c{n:05d}")
        folded = run_child(FOLDED, str(province), str(args.per_read))
        steps = ", ".join(f"{k} {v} s" for k, v in folded.items()
                          if k not in ("events", "tickets", "communities", "peak MiB", "wall", "signed", "chains"))
        print(f"a year: {folded['communities']:,} communities, {folded['events']:,} events, {folded['tickets']:,} "
              f"tickets, {args.per_read} communities a read: {folded['wall']} s in all ({steps}); "
              f"peak {folded['peak MiB']:,} MiB; {folded['signed']:,} sign-fors, "
              f"{folded['chains']:,} tickets passed on")
        shutil.rmtree(province)
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
