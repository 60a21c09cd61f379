"""A class on the lab network: the teacher's PC serves its session; students find it by the join code.

    student ── UDP "SMALLACTS? 482913" to the lab's broadcast address ──▶ teacher PC answers {port, key}
    student ── POST /join {"code"} ──────────────────────────────────────▶ {session (signed), anon, token}
    student ── GET  /control?since=N  (Bearer token), once a second ─────▶ signed commands after N
    student ── POST /statements [...] (Bearer token), from its outbox ───▶ {"stored": n, "known": m}

Only the teacher's PC writes: the session, the commands (signed, game.classroom.sign) and every student's results
file (``students/<anon>.jsonl`` in the teacher's results folder, one fsync per statement). A statement is stored only
with the token given to that student at join, only under that student's id and this session's registration, and
only once per statement id. Tokens are kept (hashed) in the teacher's user-data folder, so a teacher PC restarted
mid-lesson serves the same students again; a student PC switched off sends what it queued when it is back.

The server is the standard library's ThreadingHTTPServer with every cost bounded: the request line, header count
and body size, the time a connection may take, and how many are served at once. It answers only addresses on the
lab network (private, link-local or loopback), never the internet.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import secrets
import socket
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from game.classroom import valid, xapi
from game.classroom.folder import (CONTROL_FILE, STUDENTS, ClassFolder, ClassSession, Control, append_line,
                                   fold_control, new_anon, read_jsonl)
from game.classroom.records import parse

DISCOVERY_PORT = 47913
ASK = b"SMALLACTS? "
MAX_BODY = 256 * 1024        # 50 statements are about 100 KB
MAX_BATCH = 100
MAX_REQUEST_LINE = 2048
MAX_HEADERS = 32
REQUEST_TIMEOUT = 5.0        # seconds a connection may take to send its request
MAX_CONNECTIONS = 256        # served at once; more wait in the listen queue or are told to come back
MAX_STUDENTS = 500           # joins per session: a lab has 40; more is someone scripting joins
TOKENS_DIR = "class-tokens"  # in the teacher's user-data folder, never in the shared results folder


def lab_address(host: str) -> bool:
    """Loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7) or link-local: the lab's own network."""
    try:
        ip = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return False
    if getattr(ip, "ipv4_mapped", None):
        ip = ip.ipv4_mapped
    return ip.is_loopback or ip.is_private or ip.is_link_local


# --- the teacher's PC --------------------------------------------------------------------------------------------------
class ClassServer:
    def __init__(self, folder: ClassFolder, session: ClassSession, data_dir: Path, host: str = "0.0.0.0",
                 port: int = 0, discovery_port: int = DISCOVERY_PORT, forward=None) -> None:
        """``forward``: an outbox (game.classroom.outbox) that every stored statement is also queued in — the school's
        learning record store, when the teacher set one."""
        if folder.key is None or folder.key.public != session.key:
            raise ValueError("only the teacher who started the session can serve it")
        self.folder, self.session, self.forward = folder, session, forward
        self.tokens_path = Path(data_dir) / TOKENS_DIR / f"{session.code}.jsonl"
        self.tokens: dict[str, str] = {}          # sha256(token) → anon
        self.known: dict[str, set[str]] = {}      # anon → statement ids stored
        self.lock = threading.Lock()
        self._control_cache: tuple[tuple[int, float], list[dict[str, Any]]] = ((-1, 0.0), [])
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self.stored = self.refused = 0
        for line in read_jsonl(self.tokens_path)[0]:
            if valid.is_anon(line.get("anon")) and isinstance(line.get("token"), str):
                self.tokens[line["token"]] = line["anon"]
        # A teacher PC restarted mid-lesson serves on the port it had, so students reconnect without asking again.
        port_file = self.tokens_path.with_suffix(".port")
        last = _read_port(port_file) if port == 0 else None
        try:
            self.httpd = _Server((host, last or port), _handler(self))
        except OSError:
            if last is None:
                raise
            self.httpd = _Server((host, port), _handler(self))
        self.port = self.httpd.server_address[1]
        try:
            port_file.parent.mkdir(parents=True, exist_ok=True)
            port_file.write_text(str(self.port))
        except OSError:
            pass
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.udp.bind((host, discovery_port))
        self.udp.settimeout(0.5)
        self._threads: list[threading.Thread] = []
        self._stop = threading.Event()

    def start(self) -> "ClassServer":
        if self.forward is not None:
            self.forward.start()
        for target in (self.httpd.serve_forever, self._discovery):
            t = threading.Thread(target=target, daemon=True, name="class server")
            t.start()
            self._threads.append(t)
        return self

    def stop(self) -> None:
        self._stop.set()
        if self.forward is not None:
            self.forward.stop(0.5)
        self.httpd.shutdown()
        self.httpd.server_close()
        self.udp.close()
        for t in self._threads:
            t.join(2)

    # --- discovery ---
    def _discovery(self) -> None:
        answer = json.dumps({"code": self.session.code, "port": self.port, "key": self.session.key}).encode()
        while not self._stop.is_set():
            try:
                data, addr = self.udp.recvfrom(256)
            except (socket.timeout, OSError):
                continue
            if lab_address(addr[0]) and data.strip() == ASK + self.session.code.encode():
                try:
                    self.udp.sendto(answer, addr)
                except OSError:
                    pass

    # --- requests ---
    def join(self, body: Any) -> tuple[int, dict[str, Any]]:
        if not isinstance(body, dict) or body.get("code") != self.session.code:
            return 404, {"error": "no such class"}
        with self.lock:
            if len(self.tokens) >= MAX_STUDENTS:
                return 429, {"error": "the class is full"}
            anon, token = new_anon(), secrets.token_urlsafe(24)
            digest = _digest(token)
            self.tokens_path.parent.mkdir(parents=True, exist_ok=True)
            append_line(self.tokens_path, {"anon": anon, "token": digest})
            self.tokens[digest] = anon
        document = self.folder.key.sign(self.session.to_json())  # type: ignore[union-attr]
        return 200, {"session": document, "anon": anon, "token": token}

    def student(self, token: str | None) -> str | None:
        return self.tokens.get(_digest(token)) if token else None

    def control_lines(self, since: int) -> list[dict[str, Any]]:
        """The signed commands after ``since`` (students verify them with the key they pinned)."""
        path = self.folder.root / self.session.code / CONTROL_FILE
        try:
            st = path.stat()
            stamp = (st.st_size, st.st_mtime)
        except OSError:
            stamp = (0, 0.0)
        with self.lock:
            if stamp != self._control_cache[0]:
                lines = read_jsonl(path)[0] if stamp[0] else []
                self._control_cache = (stamp, lines)
            lines = self._control_cache[1]
        return [c for c in lines if type(c.get("seq")) is int and c["seq"] > since][:MAX_BATCH]

    def statements(self, anon: str, body: Any) -> tuple[int, dict[str, Any]]:
        if not isinstance(body, list) or len(body) > MAX_BATCH:
            return 400, {"error": f"a list of at most {MAX_BATCH} statements"}
        path = self.folder.root / self.session.code / STUDENTS / f"{anon}.jsonl"
        stored = known = refused = 0
        with self.lock:
            ids = self.known.get(anon)
            if ids is None:
                ids = {s.get("id") for s in read_jsonl(path)[0]}
                self.known[anon] = ids
            for statement in body:
                record = parse(statement) if isinstance(statement, dict) else None
                if record is None or record.student != anon or record.registration != self.session.registration \
                        or xapi.validate(statement) or not isinstance(statement.get("id"), str):
                    refused += 1
                    continue
                if statement["id"] in ids:
                    known += 1
                    continue
                path.parent.mkdir(parents=True, exist_ok=True)
                append_line(path, statement)
                ids.add(statement["id"])
                stored += 1
                if self.forward is not None:
                    self.forward.put(statement)
            self.stored += stored
            self.refused += refused
        return 200, {"stored": stored, "known": known, "refused": refused}


def _read_port(path: Path) -> int | None:
    try:
        text = path.read_text()[:6]
    except OSError:
        return None
    return int(text) if text.isdigit() and 1024 <= int(text) <= 65535 else None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def verify_request(self, request, client_address) -> bool:  # type: ignore[override]
        return lab_address(str(client_address[0]))


def _handler(server: ClassServer):
    class Handler(BaseHTTPRequestHandler):
        timeout = REQUEST_TIMEOUT
        protocol_version = "HTTP/1.1"
        server_version = "SmallActs"
        sys_version = ""

        def log_message(self, *args) -> None:  # no request log: nothing about students is printed
            pass

        def log_request(self, *args) -> None:
            pass

        def send_response(self, code, message=None) -> None:
            self.request_version = getattr(self, "request_version", "HTTP/1.1") or "HTTP/1.1"
            super().send_response(code, message)

        def handle_one_request(self) -> None:
            if not server._slots.acquire(blocking=False):
                self.close_connection = True
                try:
                    self.rfile.readline(MAX_REQUEST_LINE + 1)
                    self._send(503, {"error": "busy, try again"})
                except OSError:
                    pass
                return
            try:
                self.raw_requestline = self.rfile.readline(MAX_REQUEST_LINE + 1)
                if len(self.raw_requestline) > MAX_REQUEST_LINE:
                    self.close_connection = True
                    self._send(414, {"error": "request line too long"})
                    return
                if not self.raw_requestline or not self.parse_request():
                    self.close_connection = True
                    return
                if len(self.headers) > MAX_HEADERS:
                    self.close_connection = True
                    self._send(431, {"error": "too many headers"})
                    return
                method = getattr(self, f"do_{self.command}", None)
                if method is None:
                    self._send(405, {"error": "method not allowed"})
                    return
                method()
                self.wfile.flush()
            except (TimeoutError, socket.timeout, OSError):
                self.close_connection = True
            finally:
                server._slots.release()

        def _send(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload, separators=(",", ":")).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _body(self) -> Any:
            try:
                length = int(self.headers.get("Content-Length", ""))
            except ValueError:
                return _Bad(411)
            if not 0 <= length <= MAX_BODY:
                self.close_connection = True
                return _Bad(413)
            try:
                return json.loads(self.rfile.read(length))
            except (ValueError, RecursionError):
                return _Bad(400)

        def _token(self) -> str | None:
            auth = self.headers.get("Authorization", "")
            return auth[7:].strip() if auth.startswith("Bearer ") and len(auth) < 200 else None

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            if url.path != "/control":
                self._send(404, {"error": "not found"})
                return
            if server.student(self._token()) is None:
                self._send(401, {"error": "join first"})
                return
            since = parse_qs(url.query).get("since", ["0"])[0]
            since_n = int(since) if since.isdigit() and len(since) < 9 else 0
            self._send(200, {"control": server.control_lines(since_n)})

        def do_POST(self) -> None:
            path = urlsplit(self.path).path
            body = self._body()
            if isinstance(body, _Bad):
                self._send(body.status, {"error": "bad body"})
                return
            if path == "/join":
                status, payload = server.join(body)
            elif path == "/statements":
                anon = server.student(self._token())
                status, payload = (401, {"error": "join first"}) if anon is None else server.statements(anon, body)
            else:
                status, payload = 404, {"error": "not found"}
            self._send(status, payload)

    return Handler


@dataclass(frozen=True, slots=True)
class _Bad:
    status: int


# --- the student's PC ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Teacher:
    """A teacher PC that answered for a code."""
    host: str
    port: int
    key: str


def discover(code: str, addresses: tuple[str, ...] = ("255.255.255.255",), port: int = DISCOVERY_PORT,
             wait: float = 1.0) -> list[Teacher]:
    """Every teacher PC on the lab network that answers for ``code`` within ``wait`` seconds. Two different answers
    mean someone else answers for the code too: the caller refuses to join rather than guess."""
    found: dict[tuple[str, int, str], Teacher] = {}
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
        for address in addresses:
            try:
                sock.sendto(ASK + code.encode(), (address, port))
            except OSError:
                continue
        end = time.monotonic() + wait
        while (left := end - time.monotonic()) > 0:
            sock.settimeout(left)
            try:
                data, addr = sock.recvfrom(1024)
            except (socket.timeout, OSError):
                break
            try:
                answer = json.loads(data)
                tport, key = answer["port"], answer["key"]
            except (ValueError, KeyError, TypeError):
                continue
            if (lab_address(addr[0]) and answer.get("code") == code and type(tport) is int and 0 < tport < 65536
                    and isinstance(key, str) and len(key) == 64):
                found[(addr[0], tport, key)] = Teacher(addr[0], tport, key)
    return list(found.values())


class Remote:
    """A student's connection to the teacher's PC: bounded requests with short timeouts, always off the game's
    thread (the outbox's worker and the control poller call it)."""

    def __init__(self, host: str, port: int, token: str = "", timeout: float = 3.0) -> None:
        self.host, self.port, self.token, self.timeout = host, port, token, timeout

    def _call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        data = None if body is None else json.dumps(body, separators=(",", ":")).encode()
        request = urllib.request.Request(f"http://{self.host}:{self.port}{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json",
                                                  **({"Authorization": f"Bearer {self.token}"} if self.token else {})})
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # the lab network, never a proxy
        try:
            with opener.open(request, timeout=self.timeout) as response:
                return response.status, json.loads(response.read(MAX_BODY))
        except urllib.error.HTTPError as exc:
            return exc.code, None
        except (OSError, ValueError):
            return 0, None

    def join(self, code: str) -> tuple[dict[str, Any], str, str] | None:
        status, answer = self._call("POST", "/join", {"code": code})
        try:
            if status == 200 and valid.is_anon(answer["anon"]) and isinstance(answer["token"], str) \
                    and len(answer["token"]) < 100:
                return answer["session"], answer["anon"], answer["token"]
        except (KeyError, TypeError):
            pass
        return None

    def send(self, statements: list[dict[str, Any]]) -> bool:
        status, answer = self._call("POST", "/statements", statements)
        return status == 200 and isinstance(answer, dict)

    def control(self, since: int) -> list[dict[str, Any]] | None:
        status, answer = self._call("GET", f"/control?since={since}")
        if status != 200 or not isinstance(answer, dict) or not isinstance(answer.get("control"), list):
            return None
        return [c for c in answer["control"] if isinstance(c, dict)]


class ControlPoller:
    """Asks the teacher's PC once a second for new commands, off the game's thread; ``control`` is what the teacher
    said so far, folded from signed lines only (a PC pretending to be the teacher cannot sign them)."""

    def __init__(self, remote: Remote, session: ClassSession, every: float = 1.0, lines=None,
                 on_fail=None) -> None:
        self.remote, self.session, self.every, self.on_fail = remote, session, every, on_fail
        self.lines: list[dict[str, Any]] = list(lines or [])
        self.control = fold_control(self.lines, session.key, session.registration)
        self.reached = False  # the teacher's PC answered at least once since start
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def poll(self) -> Control:
        new = self.remote.control(self.control.lines)
        if new is None and self.on_fail is not None:
            self.on_fail()
        if new is not None:
            self.reached = True
            if new:
                lines = self.lines + new
                control = fold_control(lines, self.session.key, self.session.registration)
                self.lines = [c for c in lines if type(c.get("seq")) is int and c["seq"] <= control.lines]
                self.control = control
        return self.control

    def start(self) -> "ControlPoller":
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, daemon=True, name="class control")
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.poll()
            self._stop.wait(self.every)
