"""A learning record store a school or district runs (xAPI 1.0.3 statements resource, HTTP Basic auth).

Sending: statements are queued on disk on the teacher's PC (game.classroom.outbox) and posted in batches; the store
answers 200 with the ids, or 204 when it already holds them all. A batch the store refuses as a whole (some stores
refuse a batch when one id is already there) is sent again one statement at a time with PUT ?statementId=, where
204 means stored and 409 means "already have it": both are success, so a batch sent twice after a restart mid-send
is stored once. Students never hold the store's credentials: only the teacher's PC sends.

Reading (``report --lrs URL``): GET statements by the session's registration, following the store's ``more`` links on
the same server, with a bound on pages and bytes.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

VERSION = "1.0.3"
PAGE = 500                 # statements asked for per GET
MAX_PAGE_BYTES = 64 * 1024 * 1024
MAX_PAGES = 10_000         # 5 million statements: a state's programme, not a loop that never ends


class LrsError(Exception):
    """The store cannot be used (wrong address, refused credentials, not an xAPI store). ``str`` is readable."""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # a store that redirects elsewhere is not followed with the password
        return None


class Lrs:
    def __init__(self, endpoint: str, user: str = "", password: str = "", timeout: float = 30.0) -> None:
        parts = urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise LrsError(f"'{endpoint}' is not an http(s) address of a learning record store")
        self.endpoint = endpoint if endpoint.endswith("/") else endpoint + "/"
        self.statements_url = urljoin(self.endpoint, "statements")
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.timeout = timeout
        self.headers = {"X-Experience-API-Version": VERSION, "Content-Type": "application/json"}
        if user or password:
            token = base64.b64encode(f"{user}:{password}".encode()).decode()
            self.headers["Authorization"] = f"Basic {token}"
        self._open = urllib.request.build_opener(_NoRedirect()).open
        self.refused = 0  # statements the store refused one by one (never sent again: they would block the queue)

    def _call(self, method: str, url: str, body: Any = None, limit: int = 1024 * 1024) -> tuple[int, bytes]:
        data = None if body is None else json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
        request = urllib.request.Request(url, data=data, method=method, headers=self.headers)
        try:
            with self._open(request, timeout=self.timeout) as response:
                return response.status, response.read(limit)
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read(4096) if exc.fp else b""

    # --- sending ----------------------------------------------------------------------------------------------------
    def send(self, batch: list[dict[str, Any]]) -> bool:
        """True when the store holds every statement of the batch. Raises OSError when it cannot be reached (the
        outbox backs off and tries again)."""
        status, _ = self._call("POST", self.statements_url, batch)
        if status in (200, 204):
            return True
        if status in (401, 403):
            raise LrsError(f"the store refused the credentials (HTTP {status})")
        if status >= 500 or status in (400, 409):
            return all(self._put(s) for s in batch)
        return False

    def _put(self, statement: dict[str, Any]) -> bool:
        sid = statement.get("id")
        if not isinstance(sid, str):
            self.refused += 1
            return True
        status, _ = self._call("PUT", f"{self.statements_url}?{urlencode({'statementId': sid})}", statement)
        if status in (200, 204, 409):  # stored, or already stored: success either way
            return True
        if 400 <= status < 500 and status not in (401, 403, 408, 429):
            self.refused += 1  # this statement will never be taken; keep the rest of the queue moving
            return True
        return False

    # --- reading ----------------------------------------------------------------------------------------------------
    def statements(self, registration: str) -> Iterator[dict[str, Any]]:
        """Every statement of one class session (its registration), page by page. Raises LrsError."""
        url: str | None = f"{self.statements_url}?{urlencode({'registration': registration, 'limit': PAGE})}"
        for _ in range(MAX_PAGES):
            if url is None:
                return
            try:
                status, data = self._call("GET", url, limit=MAX_PAGE_BYTES)
            except OSError as exc:
                raise LrsError(f"cannot reach the store at {self.endpoint} ({exc})") from None
            if status != 200:
                raise LrsError(f"the store answered HTTP {status} for {url}")
            try:
                page = json.loads(data)
                items, more = page["statements"], page.get("more") or None
            except (ValueError, KeyError, TypeError, RecursionError):
                raise LrsError("the store's answer is not an xAPI statement result") from None
            if not isinstance(items, list):
                raise LrsError("the store's answer is not an xAPI statement result")
            yield from (s for s in items if isinstance(s, dict))
            if not items or not isinstance(more, str):
                return
            url = urljoin(self.origin, more)
            if not url.startswith(self.origin + "/"):
                raise LrsError("the store's 'more' link points to another server; not followed")
