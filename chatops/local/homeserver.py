"""A local Synapse homeserver on demand: config, start, stop, status, and users made with the shared secret.

Everything lives under one ``root`` folder (``var/homeserver`` by default): the config and signing key
(mode 0600), the SQLite database and media under ``data/``, Synapse's own log (``homeserver.log``,
WARNING and above), its stdout/stderr (``synapse.out``) and our pid file. It listens on 127.0.0.1 only,
serves the client API only (no federation), and has every ``rc_*`` rate limit raised for local use.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import hmac
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import yaml

from chatops.private import write_private
from rules.catalogue import text

CONFIG = "homeserver.yaml"
PID_FILE = "homeserver.pid"
LOG_FILE = "homeserver.log"  # Synapse's logging (WARNING and above)
OUT_FILE = "synapse.out"  # the process's stdout and stderr: tracebacks before logging is set up land here

# Every rate limiter this Synapse reads (synapse/config/ratelimiting.py, 1.163): dotted keys are nested.
# rc_federation has another shape and is moot without a federation listener.
RATE_LIMITS = (
    "rc_message", "rc_registration", "rc_registration_token_validity",
    "rc_login.address", "rc_login.account", "rc_login.failed_attempts",
    "rc_admin_redaction", "rc_joins.local", "rc_joins.remote", "rc_joins_per_room",
    "rc_key_requests", "rc_3pid_validation",
    "rc_invites.per_room", "rc_invites.per_user", "rc_invites.per_issuer", "rc_third_party_invite",
    "rc_media_create", "rc_presence.per_user", "rc_delayed_event_mgmt", "rc_room_creation",
    "rc_reports", "rc_user_directory", "rc_profile",
)
RAISED = {"per_second": 1000, "burst_count": 10000}

# Synapse processes this Python process started, so that ``_alive`` can reap them and no Popen is dropped running.
_children: dict[int, subprocess.Popen[bytes]] = {}

LOG_CONFIG = """\
# Synapse logging for a local homeserver: WARNING and above, to a file, never to the terminal.
version: 1
formatters:
  precise:
    format: '%(asctime)s - %(name)s - %(lineno)d - %(levelname)s - %(request)s - %(message)s'
handlers:
  file:
    class: logging.FileHandler
    formatter: precise
    filename: {filename}
    encoding: utf8
root:
  level: WARNING
  handlers: [file]
disable_existing_loggers: false
"""


class HomeserverError(Exception):
    """A homeserver step that failed; ``code`` and ``params`` index the message catalogue."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.render("en"))

    def render(self, lang: str | None = None) -> str:
        """Return the message in ``lang`` (zh-CN by default)."""
        return text(self.code, lang, **self.params)


@dataclass(frozen=True)
class HomeserverStatus:
    """What ``status`` found: ``running`` means our Synapse process is alive; ``version`` is set once it answers."""

    running: bool
    pid: int | None
    url: str
    server_name: str
    version: str | None = None

    @property
    def answering(self) -> bool:
        """True if the client API answered."""
        return self.version is not None


@dataclass
class LocalHomeserver:
    """A Synapse homeserver kept under ``root``, on 127.0.0.1:``port``."""

    root: Path
    port: int = 8008
    server_name: str = "localhost"
    database: str | None = None  # a postgresql://… URI: Synapse on PostgreSQL instead of its SQLite file

    def __post_init__(self) -> None:
        self.root = Path(self.root).absolute()

    @property
    def url(self) -> str:
        """The client API base URL, ``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG

    @property
    def pid_path(self) -> Path:
        return self.root / PID_FILE

    @property
    def registration_secret(self) -> str:
        """The ``registration_shared_secret`` of the generated config (raises if there is no config yet)."""
        secret = self._read_config().get("registration_shared_secret")
        if not secret:
            raise HomeserverError("hs_no_secret", file=str(self.config_path))
        return str(secret)

    # --- config ---

    def generate(self) -> None:
        """Write (or bring up to date) the config, signing key and log config under ``root``; idempotent."""
        _require_synapse()
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not self.config_path.exists():
            cmd = [sys.executable, "-m", "synapse.app.homeserver", "--generate-config",
                   "--server-name", self.server_name, "--config-path", str(self.config_path),
                   "--data-directory", str(self.root / "data"), "--report-stats=no"]
            done = subprocess.run(cmd, cwd=self.root, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise HomeserverError("hs_generate_failed", detail=_tail(done.stderr or done.stdout))
        cfg = self._read_config()
        if cfg.get("server_name") != self.server_name:
            raise HomeserverError("hs_server_name_mismatch", root=str(self.root),
                                  found=cfg.get("server_name"), wanted=self.server_name)
        log_config = self.root / f"{self.server_name}.log.config"
        data = self.root / "data"
        cfg.update({
            "pid_file": str(self.pid_path),
            "listeners": [{
                "port": self.port, "bind_addresses": ["127.0.0.1"], "type": "http", "tls": False,
                "x_forwarded": False, "resources": [{"names": ["client"], "compress": False}],
            }],
            "database": database_config(self.database) if self.database else cfg["database"]
            if (cfg.get("database") or {}).get("name") == "psycopg2"  # once on PostgreSQL, it stays there
            else {"name": "sqlite3", "args": {"database": str(data / "homeserver.db")}},
            "media_store_path": str(data / "media_store"),
            "log_config": str(log_config),
            "report_stats": False,
            "enable_metrics": False,
            "enable_registration": False,
            "trusted_key_servers": [],
            "suppress_key_server_warning": True,
            "federation_domain_whitelist": [],  # never reach out to another server
            "presence": {"enabled": False},
            "url_preview_enabled": False,
            "bcrypt_rounds": 4,  # the minimum: 12 (the default) costs about 0.25 s per login or registration here
        })
        for key in RATE_LIMITS:
            node = cfg
            *parents, leaf = key.split(".")
            for part in parents:
                node = node.setdefault(part, {})
            node[leaf] = dict(RAISED)
        write_private(self.config_path, "# Synapse config for a local homeserver; written by chatops.local.\n"
                       + yaml.safe_dump(cfg, sort_keys=False, allow_unicode=True))
        write_private(log_config, LOG_CONFIG.format(filename=json.dumps(str(self.root / LOG_FILE))))
        signing_key = Path(cfg.get("signing_key_path") or self.root / f"{self.server_name}.signing.key")
        if signing_key.exists():
            signing_key.chmod(0o600)

    def _read_config(self) -> dict[str, Any]:
        try:
            cfg = yaml.safe_load(self.config_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise HomeserverError("hs_not_generated", root=str(self.root)) from None
        return cfg if isinstance(cfg, dict) else {}

    def _config_port(self) -> int:
        """The port the config on disk listens on (what a running process was started with)."""
        try:
            return int(self._read_config()["listeners"][0]["port"])
        except (HomeserverError, KeyError, IndexError, TypeError, ValueError):
            return self.port

    # --- process ---

    def status(self) -> HomeserverStatus:
        """Return whether our Synapse runs (pid file and a live process), its URL, and its version if it answers."""
        pid = self._live_pid()
        if pid is None:
            return HomeserverStatus(False, None, self.url, self.server_name)
        url = f"http://127.0.0.1:{self._config_port()}"
        return HomeserverStatus(True, pid, url, self.server_name, _server_version(url))

    def up(self, wait: float = 90) -> HomeserverStatus:
        """Start Synapse unless it already runs; return its status once the client API answers.

        Raises ``HomeserverError`` if Synapse is not installed, the port is taken by another program,
        the process dies, or it does not answer within ``wait`` seconds (then it is stopped).
        """
        _require_synapse()
        with self._lock():
            st = self.status()
            if st.running and st.answering:
                return st
            if st.running:  # started by someone else and still coming up: wait for it
                return self._await_answer(st.pid or 0, None, st.url, wait)
            self.generate()
            if not _port_free(self.port):
                raise HomeserverError("hs_port_taken", port=self.port, url=self.url)
            with open(self.root / OUT_FILE, "ab") as out:
                proc = subprocess.Popen(
                    [sys.executable, "-m", "synapse.app.homeserver", "-c", str(self.config_path)],
                    cwd=self.root, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            _children[proc.pid] = proc
            write_private(self.pid_path, f"{proc.pid}\n")
            return self._await_answer(proc.pid, proc, self.url, wait)

    def _await_answer(self, pid: int, proc: subprocess.Popen[bytes] | None, url: str,
                      wait: float) -> HomeserverStatus:
        deadline = time.monotonic() + wait
        while True:
            if (proc.poll() is not None) if proc else not _alive(pid):
                self.pid_path.unlink(missing_ok=True)
                raise HomeserverError("hs_exited", log=self.log_tail())
            version = _server_version(url, timeout=1.0)
            if version is not None:
                return HomeserverStatus(True, pid, url, self.server_name, version)
            if time.monotonic() > deadline:
                self._stop(pid, 5)
                raise HomeserverError("hs_start_timeout", seconds=wait, url=url, log=self.log_tail())
            time.sleep(0.1)

    def down(self, timeout: float = 30) -> bool:
        """Stop Synapse: SIGTERM to its process group, SIGKILL after ``timeout`` s; True if it was running."""
        with self._lock():
            pid = self._live_pid()
            if pid is None:
                self.pid_path.unlink(missing_ok=True)
                return False
            self._stop(pid, timeout)
            return True

    def _stop(self, pid: int, timeout: float) -> None:
        for sig, grace in ((signal.SIGTERM, timeout), (signal.SIGKILL, 5.0)):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, sig)  # its own session, so pgid == pid
            deadline = time.monotonic() + grace
            while _alive(pid) and time.monotonic() < deadline:
                time.sleep(0.05)
            if not _alive(pid):
                break
        self.pid_path.unlink(missing_ok=True)

    def _live_pid(self) -> int | None:
        """The pid in the pid file if that process is alive and is our Synapse; a stale pid file is removed."""
        try:
            pid = int(self.pid_path.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        if _alive(pid) and _is_ours(pid, self.config_path):
            return pid
        self.pid_path.unlink(missing_ok=True)
        return None

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        """One ``up``/``down`` at a time per root, across processes."""
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        with open(self.root / ".lock", "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def log_tail(self, lines: int = 20) -> str:
        """Return the last ``lines`` lines of Synapse's stdout/stderr and of its log file."""
        parts = []
        for name in (OUT_FILE, LOG_FILE):
            try:
                body = (self.root / name).read_text(encoding="utf-8", errors="replace")
            except FileNotFoundError:
                continue
            if body.strip():
                parts.append(f"--- {self.root / name}\n{_tail(body, lines)}")
        return "\n".join(parts) or "(no log)"


# --- users ---


async def register_user(url: str, secret: str, localpart: str, password: str, *, admin: bool = False,
                        displayname: str | None = None) -> str:
    """Create a user with the shared-secret admin API and return the full user id (``@name:server``).

    Idempotent: if the user exists, logs in with ``password`` to learn the id and returns it (raises
    ``HomeserverError`` if that password does not match).
    """
    endpoint = f"{url.rstrip('/')}/_synapse/admin/v1/register"
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as http:
            async with http.get(endpoint) as resp:
                data = await _body(resp)
            if resp.status != 200 or "nonce" not in data:
                raise HomeserverError("hs_register_failed", user=localpart, status=resp.status,
                                      detail=data.get("error", ""))
            nonce = str(data["nonce"])
            mac = hmac.new(secret.encode(), digestmod=hashlib.sha1)
            for part in (nonce, localpart, password):
                mac.update(part.encode() + b"\x00")
            mac.update(b"admin" if admin else b"notadmin")
            body: dict[str, Any] = {"nonce": nonce, "username": localpart, "password": password,
                                    "admin": admin, "mac": mac.hexdigest()}
            if displayname is not None:
                body["displayname"] = displayname
            async with http.post(endpoint, json=body) as resp:
                data = await _body(resp)
            if resp.status == 200 and "user_id" in data:
                return str(data["user_id"])
            if data.get("errcode") != "M_USER_IN_USE":
                raise HomeserverError("hs_register_failed", user=localpart, status=resp.status,
                                      detail=data.get("error", ""))
            return await _existing_user_id(http, url, localpart, password)
    except (aiohttp.ClientError, TimeoutError) as exc:
        raise HomeserverError("hs_unreachable", url=url, detail=str(exc) or type(exc).__name__) from None


async def _existing_user_id(http: aiohttp.ClientSession, url: str, localpart: str, password: str) -> str:
    """Log in as an existing user to learn its full id, then log that device out again."""
    login = {"type": "m.login.password", "identifier": {"type": "m.id.user", "user": localpart},
             "password": password, "initial_device_display_name": "whistle register_user"}
    async with http.post(f"{url.rstrip('/')}/_matrix/client/v3/login", json=login) as resp:
        data = await _body(resp)
    if resp.status != 200 or "user_id" not in data:
        raise HomeserverError("hs_user_exists", user=localpart)
    auth = {"Authorization": f"Bearer {data['access_token']}"}
    async with http.post(f"{url.rstrip('/')}/_matrix/client/v3/logout", headers=auth, json={}):
        pass
    return str(data["user_id"])


async def _body(resp: aiohttp.ClientResponse) -> dict[str, Any]:
    """The JSON object a response carries, or {} if it carries something else."""
    try:
        data = await resp.json(content_type=None)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


# --- helpers ---


def _require_synapse() -> None:
    if importlib.util.find_spec("synapse") is None:
        raise HomeserverError("hs_synapse_missing", python=sys.executable)


def _server_version(url: str, timeout: float = 2.0) -> str | None:
    """Synapse's version if ``url`` answers ``/_matrix/client/versions``, else None."""
    try:
        with urllib.request.urlopen(f"{url}/_matrix/client/versions", timeout=timeout) as resp:
            resp.read()
    except (OSError, urllib.error.URLError):
        return None
    try:
        with urllib.request.urlopen(f"{url}/_synapse/admin/v1/server_version", timeout=timeout) as resp:
            # "1.163.2 (b=branch,commit)": the git part describes whatever checkout holds the venv, not Synapse
            return str(json.loads(resp.read())["server_version"]).split()[0]
    except (OSError, urllib.error.URLError, ValueError, KeyError):
        return "unknown"


def database_config(uri: str) -> dict[str, Any]:
    """Return Synapse's ``database:`` section for a ``postgresql://user:password@host:port/dbname`` URI (a
    socket folder as ``?host=/path``), on psycopg2 with a small pool. The database should be created with
    ``ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0`` as Synapse asks; a local test server
    made otherwise is accepted (``allow_unsafe_locale``).

    >>> database_config("postgresql://synapse:pw@db.example:5433/synapse")["args"]["port"]
    5433
    >>> database_config("postgresql://postgres:@/synapse?host=/tmp/pg")["args"]["host"]
    '/tmp/pg'
    """
    from urllib.parse import parse_qs, unquote, urlsplit

    parts = urlsplit(uri)
    if parts.scheme not in ("postgresql", "postgres"):
        raise HomeserverError("hs_bad_database", uri=uri.split("@")[-1])
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    args: dict[str, Any] = {"user": unquote(parts.username or "postgres"),
                            "dbname": parts.path.lstrip("/") or "synapse",
                            "host": query.get("host") or parts.hostname or "127.0.0.1", "cp_min": 1, "cp_max": 5}
    if parts.password:
        args["password"] = unquote(parts.password)
    if parts.port:
        args["port"] = parts.port
    elif "port" in query:
        args["port"] = int(query["port"])
    return {"name": "psycopg2", "args": args, "allow_unsafe_locale": True}


def free_port() -> int:
    """Return a loopback port nothing listens on now (never 8008, which a developer's own server may hold)."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        if port != 8008:
            return port


def _port_free(port: int) -> bool:
    """True if nothing listens on 127.0.0.1:``port`` (SO_REUSEADDR: a socket in TIME_WAIT does not count)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


def _alive(pid: int) -> bool:
    """True if ``pid`` is a live process (a zombie child of ours is reaped and counts as gone)."""
    if pid in _children:
        if _children[pid].poll() is None:
            return True
        del _children[pid]
        return False
    with contextlib.suppress(ChildProcessError):
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError):
        if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
            return False
    return True


def _is_ours(pid: int, config: Path) -> bool:
    """True unless /proc shows ``pid`` is some other program (a pid reused after a crash)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\x00")
    except OSError:
        return True  # no /proc: trust the pid file
    return b"synapse.app.homeserver" in cmdline and str(config).encode() in cmdline


def _tail(body: str, lines: int = 20) -> str:
    return "\n".join(body.strip().splitlines()[-lines:])
