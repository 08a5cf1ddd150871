"""Real services for the operations tests: PostgreSQL, Redis and nginx found, and a small site run on them as in
production (two gunicorn app servers behind nginx, sharing one database and one Redis)."""

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

PROJECT_DIR = Path(__file__).resolve().parents[2]
NGINX_CANDIDATES = ["nginx", "/usr/sbin/nginx"]


def postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def redis_url() -> str:
    return os.environ.get("AZAMAT_OPS_REDIS_URL") or os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def nginx_binary() -> str | None:
    for candidate in NGINX_CANDIDATES:
        if found := shutil.which(candidate):
            return found
    return None


def missing_services(needs) -> list[str]:
    """What of `needs` is not available here, each with how to provide it."""
    missing = []
    if "postgresql" in needs:
        if not (url := postgres_url()):
            missing.append(
                "PostgreSQL: set DATABASE_URL=postgres://… (the test creates and drops its own database)"
            )
        else:
            try:
                import psycopg

                psycopg.connect(with_database(url, "postgres"), connect_timeout=3).close()
            except Exception as error:  # noqa: BLE001 - any failure to connect means the same thing here
                missing.append(f"PostgreSQL at DATABASE_URL is not reachable ({error})")
    if "redis" in needs:
        try:
            import redis

            redis.Redis.from_url(redis_url(), socket_connect_timeout=3).ping()
        except Exception as error:  # noqa: BLE001
            missing.append(f"Redis at {redis_url()} ({error}); start redis-server or set REDIS_URL")
    if "nginx" in needs and not nginx_binary():
        missing.append("nginx: apt-get install nginx")
    return missing


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    text: str

    @property
    def upstream(self) -> str:
        """Which app server answered (nginx's X-Upstream header, added by the test's configuration)."""
        return self.headers.get("x-upstream", "")

    def csrf_token(self) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.text)
        assert match, f"no CSRF token on the page (HTTP {self.status})"
        return match.group(1)


@dataclass
class Client:
    """A browser without JavaScript: keeps cookies, does not follow redirects, asks for English pages."""

    port: int
    cookies: dict[str, str] = field(default_factory=lambda: {"azamat_language": "en"})

    def request(
        self, method: str, path: str, form: dict | None = None, headers: dict | None = None
    ) -> Response:
        body = urlencode(form).encode() if form is not None else None
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            **(headers or {}),
        }
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            text = raw.read().decode("utf-8", "replace")
            for header in raw.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel["max-age"] == "0" or "1970" in morsel["expires"]:
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, text)
        finally:
            connection.close()

    def get(self, path: str, headers: dict | None = None) -> Response:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, form: dict) -> Response:
        return self.request("POST", path, form)


NGINX_CONF = """\
# The README's production configuration, on free ports, plus an X-Upstream header saying which server answered.
daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    proxy_max_temp_file_size 0;

    upstream azamat {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 25m;
        location / {{
            proxy_pass http://azamat;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


class Site:
    """A fresh PostgreSQL database, migrated and given a little data, served by `servers` gunicorn app servers
    behind nginx (round robin), all sharing one Redis. Stopped and dropped by close()."""

    def __init__(self, workdir: Path, *, servers: int = 2, extra_env: dict[str, str] | None = None):
        self.workdir = workdir
        self.processes: list[subprocess.Popen] = []
        self.database = f"azamat_ops_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self.key_prefix = f"azamat-ops-{uuid.uuid4().hex[:8]}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "azamat.settings",
            "DATABASE_URL": with_database(postgres_url(), self.database),
            "REDIS_URL": redis_url(),
            "CACHE_KEY_PREFIX": self.key_prefix,
            "SESSION_ENGINE": "django.contrib.sessions.backends.cached_db",
            "SECRET_KEY": uuid.uuid4().hex * 2,
            "AZAMAT_VAR_DIR": str(workdir / "var"),
            "MEDIA_ROOT": str(workdir / "media"),
            "EMAIL_URL": "locmem://",
            "DEBUG": "0",
            "BEHIND_PROXY": "1",
            "PYTHONUNBUFFERED": "1",
            **(extra_env or {}),
        }
        self.server_ports = [free_port() for _ in range(servers)]
        self.port = free_port()

    # Set-up, each step a real command an operator runs.
    def start(self) -> dict:
        self._create_database()
        self._manage("migrate", "--no-input", "-v0")
        self._manage("collectstatic", "--no-input", "-v0")
        data = json.loads(self._run([sys.executable, "-m", "tests.ops.make_data"]).strip().splitlines()[-1])
        for port in self.server_ports:
            self._spawn(
                f"gunicorn-{port}",
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "azamat.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "1",
                    "--timeout",
                    "120",
                ],
            )
        for port in self.server_ports:
            self._wait_until_up(port, "/healthz")
        self._start_nginx()
        self._wait_until_up(self.port, "/healthz")
        return data

    def upstreams(self) -> set[str]:
        return {f"127.0.0.1:{port}" for port in self.server_ports}

    def client(self) -> Client:
        return Client(self.port)

    def close(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self._drop_database()
        self._forget_cache()

    def logs(self) -> str:
        """The servers' and nginx's logs, for a failure message."""
        parts = []
        for log in sorted(self.workdir.glob("*.log")) + sorted((self.workdir / "nginx").glob("error.log")):
            parts.append(f"--- {log.name}\n{log.read_text(errors='replace')[-3000:]}")
        return "\n".join(parts)

    def _admin_connection(self):
        import psycopg

        return psycopg.connect(with_database(postgres_url(), "postgres"), autocommit=True)

    def _create_database(self) -> None:
        with self._admin_connection() as connection:
            connection.execute(f'CREATE DATABASE "{self.database}"')

    def _drop_database(self) -> None:
        with self._admin_connection() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')

    def _forget_cache(self) -> None:
        import redis

        client = redis.Redis.from_url(redis_url())
        for key in client.scan_iter(match=f"{self.key_prefix}:*"):
            client.delete(key)

    def _run(self, command: list[str]) -> str:
        done = subprocess.run(  # noqa: S603 - our own commands
            command,
            cwd=PROJECT_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    def _manage(self, *args: str) -> str:
        return self._run([sys.executable, "-m", "azamat.cli", *args])

    def _spawn(self, name: str, command: list[str]) -> None:
        log = (self.workdir / f"{name}.log").open("w")
        self.processes.append(
            subprocess.Popen(  # noqa: S603 - our own commands
                command,
                cwd=PROJECT_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )

    def _start_nginx(self) -> None:
        prefix = self.workdir / "nginx"
        prefix.mkdir()
        servers = "\n".join(f"        server 127.0.0.1:{port};" for port in self.server_ports)
        conf = prefix / "nginx.conf"
        conf.write_text(NGINX_CONF.format(prefix=prefix, servers=servers, port=self.port))
        self._spawn(
            "nginx", [nginx_binary(), "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(conf)]
        )

    def _wait_until_up(self, port: int, path: str) -> None:
        """Waits for a server to answer, for as long as a slow machine needs to start it; fails if one exits."""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            exited = [p for p in self.processes if p.poll() is not None]
            assert not exited, f"a server exited at start:\n{self.logs()}"
            try:
                if Client(port).get(path).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"nothing answered on port {port} within two minutes:\n{self.logs()}")
