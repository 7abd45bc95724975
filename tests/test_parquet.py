"""The Parquet export: the same tables as the store reader's, partitioned by community and month, with no
chat id and no resident's words; several communities in one folder; the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from research import read_log, sample_store
from research.parquet import export_parquet, read_tables
from rules import load_rulebook
from rules.rulebook import DEFAULT_RULEBOOK


def test_an_export_reads_back_as_the_store_does(tmp_path: Path) -> None:
    store = sample_store(400)
    out = tmp_path / "log"
    summary = export_parquet(store, out, key="k")
    direct, back = read_log(store, key="k"), read_log(out)
    for name in ("events", "tickets", "assignments"):
        mine, theirs = getattr(direct, name), getattr(back, name).drop(columns=["community"])
        assert list(theirs.columns) == list(mine.columns), name
        pd.testing.assert_frame_equal(theirs, mine, check_categorical=False, check_dtype=False, obj=name)
    months = sorted(p.name.removeprefix("month=") for p in (out / "events" / "community=xingfuli").iterdir())
    assert months == summary["months"] and len(months) >= 3


def test_no_chat_id_and_no_words_leave_in_an_export(tmp_path: Path) -> None:
    store = sample_store(400)
    export_parquet(store, tmp_path / "log", key="k")
    tables, _meta = read_tables(tmp_path / "log")
    texts = read_log(store, key="k", text=True).tickets["text"]
    for name, frame in tables.items():
        for column in frame.columns:
            values = frame[column].dropna().astype(str)
            assert not values.str.contains(r"@[^\s:]+:[\w.-]+", regex=True).any(), (name, column)
            assert not values.isin(set(texts)).any(), (name, column)
    with pytest.raises(Exception, match="no message text"):
        read_log(tmp_path / "log", text=True)


def test_a_province_is_many_communities_in_one_folder(tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(DEFAULT_RULEBOOK.read_text(encoding="utf-8").replace("  id: xingfuli", "  id: anning", 1),
                     encoding="utf-8")
    assert load_rulebook(other).community.id == "anning"
    out = tmp_path / "province"
    first = export_parquet(sample_store(300), out, key="k")
    second = export_parquet(sample_store(300, seed=2), out, rulebook=other, key="k")
    again = export_parquet(sample_store(300), out, key="k")  # one community exported again: replaced, not doubled
    both = read_log(out)
    assert both.events["community"].value_counts().to_dict() == {"xingfuli": first["events"],
                                                                  "anning": second["events"]}
    assert again["events"] == first["events"]
    assert both.tickets["ticket_id"].is_unique  # one numbering for the province, each community's own kept
    assert set(both.events["ticket_id"]) <= set(both.tickets["ticket_id"])
    assert both.tickets["local_ticket_id"].max() == max(first["tickets"], second["tickets"])
    tables, _ = read_tables(out, communities=["anning"], months=second["months"][:1])
    assert set(tables["events"]["community"]) == {"anning"} and 0 < len(tables["events"]) < second["events"]


def test_whistle_export_parquet_from_the_command_line(tmp_path: Path) -> None:
    env = {**os.environ, "WHISTLE_PSEUDONYM_KEY": "a key for this test"}
    run = subprocess.run([sys.executable, "-m", "chatops.cli", "export", "--store", str(sample_store(300)),
                          "--parquet", str(tmp_path / "log")], capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "xingfuli" in run.stdout and (tmp_path / "log" / "whistle-parquet.json").is_file()
    bare = {k: v for k, v in env.items() if k != "WHISTLE_PSEUDONYM_KEY"}
    refused = subprocess.run([sys.executable, "-m", "chatops.cli", "export", "--store", str(sample_store(300)),
                              "--parquet", str(tmp_path / "log2")], capture_output=True, text=True, env=bare,
                             timeout=300)
    assert refused.returncode == 1 and "WHISTLE_PSEUDONYM_KEY" in refused.stderr and "Traceback" not in refused.stderr
