"""The whistle command line, run as a user would (in-process ``main`` and one real subprocess)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from chatops.cli.main import main
from chatops.tickets.service import TicketService
from chatops.tickets.store import Store
from rules import Router, load_rulebook
from tests.conftest import MINI


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_route_explains_in_chinese_by_default(capsys) -> None:
    code, out, _ = run(capsys, "route", "楼上水管漏水了")
    book = load_rulebook()
    d = Router(book).route("楼上水管漏水了")
    assert code == 0
    assert f"牵头：{book.handler_by_id[d.lead].name}" in out
    assert f"规则：{d.rule}" in out and f"规则手册版本：{book.full_version}" in out
    assert "命中：" in out and d.matched[0] in out


def test_route_json_is_the_decision(capsys) -> None:
    code, out, _ = run(capsys, "route", "--json", "3号楼电梯又坏了")
    data = json.loads(out)
    d = Router(load_rulebook()).route("3号楼电梯又坏了")
    assert code == 0 and data["category"] == d.category and data["lead"] == d.lead
    assert data["rule"] == d.rule and data["place"]["building"] == "3"
    assert data["sector"] == load_rulebook().handler_by_id[d.lead].sector


def test_route_in_english_with_a_custom_rulebook(capsys, tmp_path: Path) -> None:
    book = tmp_path / "mini.yaml"
    book.write_text(MINI, encoding="utf-8")
    code, out, _ = run(capsys, "--lang", "en", "route", "--rulebook", str(book), "电梯坏了")
    assert code == 0 and "Lead: Property" in out and "Co-handlers: Police" in out
    code, out, _ = run(capsys, "--lang", "en", "route", "--rulebook", str(book), "今天天气不错")
    assert "unclassified (street office takes it)" in out and "Lead: Street Office" in out


def test_route_without_text_says_how(capsys) -> None:
    code, _, err = run(capsys, "route")
    assert code == 2 and "whistle route" in err


def test_eval_prints_accuracy_per_sector_and_confusion(capsys, tmp_path: Path) -> None:
    book = tmp_path / "mini.yaml"
    book.write_text(MINI, encoding="utf-8")
    csv = tmp_path / "eval.csv"
    rows = ["id,text,label", "1,楼上漏水了,城乡建设", "2,电动车被偷了,政法", "3,电梯坏了,政法", '4,"天气, 不错",政法']
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "--lang", "en", "route", "--rulebook", str(book), "--eval", str(csv))
    assert code == 0
    assert "4 rows, accuracy 50.0% (1 unclassified)" in out
    assert "true \\ predicted" in out
    code, out, _ = run(capsys, "route", "--rulebook", str(book), "--eval", str(csv), "--json")
    data = json.loads(out)
    assert data["accuracy"] == 0.5 and data["per_label"]["政法"]["recall"] == pytest.approx(1 / 3)
    assert ["政法", "城乡建设", 1] in data["confusion"] and ["政法", "(未分类)", 1] in data["confusion"]


def test_eval_says_which_policy_choice_the_file_would_have_made_otherwise(capsys, tmp_path: Path) -> None:
    """A city whose own taxonomy puts buses under urban construction: the evaluation shows the choice that
    costs the misses, what the other option would fit, and where to change it; the choice itself stands."""
    csv = tmp_path / "city.csv"
    rows = ["id,text,label", "1,公交车老是不按时到站,城乡建设", "2,12路公交车司机开车太猛了,城乡建设",
            "3,公交站台的顶棚破了下雨没处躲,城乡建设", "4,楼上漏水了,城乡建设"]
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "--lang", "en", "route", "--eval", str(csv))
    assert code == 0 and "accuracy 25.0%" in out
    assert ("Policy choice '公交问题归口' settled 3 of these reports: transport is in force, with 0 of them where this "
            "file says; city would send 3 there, and accuracy would be 100.0%") in out
    assert "buses.chosen to city" in out and "电梯" not in out  # a choice that settled nothing is not mentioned
    code, out, _ = run(capsys, "route", "--eval", str(csv), "--json")
    assert json.loads(out)["choices"] == [{"id": "buses", "chosen": "transport", "n": 3,
                                           "fits": {"transport": 0, "city": 3}, "best": "city"}]
    code, out, _ = run(capsys, "route", "--eval", str(csv))
    assert "现选 transport，0 条与此文件一致；选 city 则 3 条一致，准确率将为 100.0%" in out


def test_eval_refuses_a_malformed_file_with_its_line(capsys, tmp_path: Path) -> None:
    csv = tmp_path / "bad.csv"
    csv.write_text("id,text,label\n1,漏水,城乡建设\n2,只有两列\n", encoding="utf-8")
    code, _, err = run(capsys, "route", "--eval", str(csv))
    assert code == 1 and "第 3 行" in err and "id,text,label" in err
    csv.write_text("text,label\n漏水,城乡建设\n", encoding="utf-8")
    code, _, err = run(capsys, "--lang", "en", "route", "--eval", str(csv))
    assert code == 1 and "line 1" in err


def test_eval_refuses_unknown_or_mixed_labels_in_one_language(capsys, tmp_path: Path) -> None:
    csv = tmp_path / "labels.csv"
    csv.write_text("id,text,label\n1,漏水,城乡建设\n2,路灯不亮,no_such_unit\n", encoding="utf-8")
    code, out, err = run(capsys, "route", "--eval", str(csv))
    assert code == 1 and out == "" and "no_such_unit" in err and "既不是领域" in err
    assert not any("a" <= c <= "z" for c in err.replace("no_such_unit", "").replace(str(csv), ""))
    code, _, err = run(capsys, "--lang", "en", "route", "--eval", str(csv))
    assert code == 1 and "neither a sector nor a handler" in err
    csv.write_text("id,text,label\n1,漏水,城乡建设\n2,路灯不亮,property\n", encoding="utf-8")
    code, _, err = run(capsys, "route", "--eval", str(csv))
    assert code == 1 and "混用" in err


def test_rulebook_check_ok_and_broken(capsys, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "rulebook", "check")
    assert code == 0 and "检查通过" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINI.replace("lead: police", "lead: nobody"), encoding="utf-8")
    code, out, err = run(capsys, "rulebook", "check", str(bad))
    line = next(i for i, s in enumerate(bad.read_text().splitlines(), 1) if "lead: nobody" in s)
    assert code == 1 and out == "" and f"{bad} 第 {line} 行" in err and "nobody" in err
    code, _, err = run(capsys, "--lang", "en", "rulebook", "check", str(bad))
    assert f"{bad}, line {line}: there is no handler with the id 'nobody'" in err


def test_tickets_lists_a_store(capsys, tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite"

    async def fill() -> None:
        async with await Store.open(path) as store:
            at = datetime(2026, 5, 6, 17, 30, tzinfo=UTC)  # 01:30 the next day in Beijing (the rulebook's clock)
            service = TicketService(store, Router(load_rulebook()), clock=lambda: at)
            await service.report(source="m:1", reporter="@a:x", text="3号楼电梯又坏了")
            await service.report(source="m:2", reporter="@b:x", text="今天天气不错")

    asyncio.run(fill())
    code, out, _ = run(capsys, "tickets", "--store", str(path))
    assert code == 0 and "待签收" in out and "3号楼电梯又坏了" in out
    assert "2026-05-07 01:30" in out  # a tester read UTC times (17:30 the day before)
    assert "@a:x" not in out  # residents' ids are not shown in listings
    code, out, _ = run(capsys, "tickets", "--store", str(path), "--json", "--handler", "street_office")
    rows = json.loads(out)
    assert [r["id"] for r in rows] == [2] and rows[0]["category"] is None
    code, out, _ = run(capsys, "tickets", "--store", str(path), "--json", "--handler", "housing")  # a co-handler
    assert [r["id"] for r in json.loads(out)] == [1]
    code, _, err = run(capsys, "tickets", "--store", str(tmp_path / "none.sqlite"))
    assert code == 1 and "不存在" in err
    assert not (tmp_path / "none.sqlite").exists()
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database" * 100)
    code, _, err = run(capsys, "--lang", "en", "tickets", "--store", str(junk))
    assert code == 1 and "not a Community Whistle store" in err


def test_the_installed_command_runs() -> None:
    exe = Path(sys.executable).with_name("whistle")
    result = subprocess.run([str(exe), "--lang", "en", "route", "--json", "楼上水管漏水了"],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["lead"]


def test_homeserver_status_where_nothing_runs(capsys, tmp_path: Path) -> None:
    code, out, err = run(capsys, "homeserver", "status", "--root", str(tmp_path), "--port", "18769")
    assert code == 0 and err == ""
    assert "没有运行" in out and "http://127.0.0.1:18769" in out
    code, out, _ = run(capsys, "--lang", "en", "homeserver", "status", "--root", str(tmp_path), "--port", "18769")
    assert code == 0 and "not running" in out and "http://127.0.0.1:18769" in out
    code, out, _ = run(capsys, "homeserver", "status", "--root", str(tmp_path), "--port", "18769", "--json")
    assert json.loads(out) | {"root": None} == {"running": False, "answering": False, "pid": None, "root": None,
                                                "url": "http://127.0.0.1:18769", "server_name": "localhost",
                                                "version": None}
    assert list(tmp_path.iterdir()) == []  # status writes nothing


def test_homeserver_port_defaults_to_the_environment(capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("WHISTLE_HS_PORT", "18770")
    code, out, _ = run(capsys, "--lang", "en", "homeserver", "status", "--root", str(tmp_path))
    assert code == 0 and "http://127.0.0.1:18770" in out


def test_homeserver_failure_is_polite(capsys, tmp_path: Path, monkeypatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "synapse" else real(name, *a))
    code, out, err = run(capsys, "--lang", "en", "homeserver", "up", "--root", str(tmp_path))
    assert code == 1 and out == ""
    assert "pip install -e '.[homeserver]'" in err and "Traceback" not in err


def test_bot_refuses_a_broken_rulebook_before_connecting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nhandlers: []\n", encoding="utf-8")
    for key, value in {"WHISTLE_RULEBOOK": str(bad), "WHISTLE_HOMESERVER": "http://127.0.0.1:9",
                       "WHISTLE_BOT_USER": "@whistle:localhost", "WHISTLE_BOT_PASSWORD": "x",
                       "WHISTLE_VAR": str(tmp_path)}.items():
        monkeypatch.setenv(key, value)
    assert main(["--lang", "en", "bot"]) == 1
    err = capsys.readouterr().err
    assert f"{bad}, line 2" in err and "Traceback" not in err


def test_bot_says_why_it_cannot_log_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    for key, value in {"WHISTLE_HOMESERVER": "http://127.0.0.1:9", "WHISTLE_BOT_USER": "@whistle:localhost",
                       "WHISTLE_BOT_PASSWORD": "secret-password", "WHISTLE_VAR": str(tmp_path)}.items():
        monkeypatch.setenv(key, value)
    assert main(["bot"]) == 1
    err = capsys.readouterr().err
    assert "机器人无法登录" in err and "secret-password" not in err


@pytest.mark.parametrize(("argv", "says"), [
    (["simulate", "--tickets", "-5", "--out", "x.sqlite"], "需要大于零的数"),
    (["simulate", "--tickets", "0", "--out", "x.sqlite"], "需要大于零的数"),
    (["simulate", "--days", "0", "--out", "x.sqlite"], "需要大于零的数"),
    (["simulate", "--tickets", "many", "--out", "x.sqlite"], "不是数字"),
    (["tickets", "--store", "x.sqlite", "--state", "bogus"], "无效，可选"),
    (["tickets"], "缺少必需的参数"),
    (["route", "--no-such-flag"], "不认识的参数"),
    (["--lang", "xx", "route", "漏水"], "不是可用的语言"),
    (["route", ""], "请给出要分派的文字"),
])
def test_bad_input_is_refused_in_chinese_without_a_traceback(capsys, argv: list[str], says: str) -> None:
    with contextlib.suppress(SystemExit):
        code = main(argv)
        assert code == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err


def test_language_aliases_and_a_bad_environment(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["--lang", "zh", "route", "楼上漏水"]) == 0 and "牵头" in capsys.readouterr().out
    assert main(["--lang", "EN", "route", "楼上漏水"]) == 0 and "Lead" in capsys.readouterr().out
    monkeypatch.setenv("WHISTLE_LANG", "xx")
    with pytest.raises(SystemExit) as exited:
        main(["route", "楼上漏水"])
    assert exited.value.code == 2 and "WHISTLE_LANG=xx" in capsys.readouterr().err


def test_simulate_never_makes_folders_from_a_typo(capsys, tmp_path: Path) -> None:
    assert main(["simulate", "--out", str(tmp_path / "no" / "such" / "x.sqlite")]) == 1
    assert "不存在" in capsys.readouterr().err and not (tmp_path / "no").exists()


def test_a_closed_pipe_is_not_a_traceback(tmp_path: Path) -> None:
    import subprocess
    import sys

    proc = subprocess.run(f"{sys.executable} -m chatops.cli rulebook check | head -c 10", shell=True,
                          capture_output=True, cwd=Path(__file__).parents[1], timeout=60)
    assert b"Traceback" not in proc.stderr and b"BrokenPipe" not in proc.stderr
