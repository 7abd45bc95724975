"""The local homeserver without running it: the config it writes, a stale pid file, Synapse missing."""

from __future__ import annotations

import importlib.util
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from chatops.local.homeserver import RAISED, HomeserverError, LocalHomeserver


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> LocalHomeserver:
    hs = LocalHomeserver(tmp_path_factory.mktemp("hs"), port=18765)
    hs.generate()
    return hs


def test_config_is_loopback_client_only_without_key_servers(generated: LocalHomeserver) -> None:
    cfg = yaml.safe_load(generated.config_path.read_text())
    assert cfg["server_name"] == "localhost"
    assert [(lst["port"], lst["bind_addresses"]) for lst in cfg["listeners"]] == [(18765, ["127.0.0.1"])]
    assert [r["names"] for r in cfg["listeners"][0]["resources"]] == [["client"]]
    assert cfg["trusted_key_servers"] == [] and cfg["suppress_key_server_warning"] is True
    assert cfg["enable_registration"] is False and cfg["presence"] == {"enabled": False}
    assert cfg["database"]["name"] == "sqlite3"
    assert Path(cfg["database"]["args"]["database"]).is_relative_to(generated.root)
    assert len(generated.registration_secret) >= 32


def test_secrets_are_private(generated: LocalHomeserver) -> None:
    assert mode(generated.config_path) == 0o600
    assert mode(generated.root / "localhost.signing.key") == 0o600


def test_log_goes_to_a_file_at_warning(generated: LocalHomeserver) -> None:
    cfg = yaml.safe_load(generated.config_path.read_text())
    log = yaml.safe_load(Path(cfg["log_config"]).read_text())
    assert log["root"]["level"] == "WARNING"
    assert [log["handlers"][h]["class"] for h in log["root"]["handlers"]] == ["logging.FileHandler"]
    assert Path(log["handlers"]["file"]["filename"]).parent == generated.root


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # Synapse's own imports (Twisted, jsonschema)
def test_synapse_reads_every_rate_limit_raised(generated: LocalHomeserver) -> None:
    """Parsed by Synapse itself: a misspelt option would leave that limiter at its default, silently."""
    from synapse.config.homeserver import HomeServerConfig
    from synapse.config.ratelimiting import RatelimitSettings

    cfg = HomeServerConfig.load_config("test", ["-c", str(generated.config_path)])
    limiters = {k: v for k, v in vars(cfg.ratelimiting).items() if isinstance(v, RatelimitSettings)}
    assert len(limiters) >= 20 and "rc_message" in limiters and "rc_room_creation" in limiters
    low = {k: (v.per_second, v.burst_count) for k, v in limiters.items()
           if k.startswith("rc_") and (v.per_second, v.burst_count) != (RAISED["per_second"], RAISED["burst_count"])}
    assert low == {}
    assert [(lst.port, lst.bind_addresses) for lst in cfg.server.listeners] == [(18765, ["127.0.0.1"])]
    assert cfg.key.key_servers == []


def test_generate_is_idempotent_and_follows_the_port(tmp_path: Path) -> None:
    hs = LocalHomeserver(tmp_path, port=18766)
    hs.generate()
    secret, key = hs.registration_secret, (tmp_path / "localhost.signing.key").read_text()
    moved = LocalHomeserver(tmp_path, port=18767)
    moved.generate()
    assert moved.registration_secret == secret and (tmp_path / "localhost.signing.key").read_text() == key
    assert yaml.safe_load(hs.config_path.read_text())["listeners"][0]["port"] == 18767
    assert mode(hs.config_path) == 0o600
    with pytest.raises(HomeserverError) as exc:
        LocalHomeserver(tmp_path, server_name="example.org").generate()
    assert exc.value.code == "hs_server_name_mismatch"


def test_a_stale_pid_file_is_cleaned_up(tmp_path: Path) -> None:
    hs = LocalHomeserver(tmp_path, port=18768)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    hs.pid_path.write_text(f"{dead.pid}\n")
    st = hs.status()
    assert not st.running and st.pid is None and not hs.pid_path.exists()
    hs.pid_path.write_text(f"{dead.pid}\n")
    assert hs.down() is False and not hs.pid_path.exists()


def test_up_without_synapse_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "synapse" else real(name, *a))
    with pytest.raises(HomeserverError) as exc:
        LocalHomeserver(tmp_path).up()
    assert "pip install -e '.[homeserver]'" in exc.value.render("en")
    assert "pip install -e '.[homeserver]'" in exc.value.render()
