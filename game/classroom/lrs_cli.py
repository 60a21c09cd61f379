"""`python main.py classroom send DIR… [--lrs URL]`: a class's results to the school's learning record store, and the
store's address and credentials for `report --lrs` too.

The endpoint and user come from the flags or the settings (lrs_endpoint, lrs_user); the password from the settings or
the SMALL_ACTS_LRS_PASSWORD variable, never from the command line (other users of the PC could read it there).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from game.classroom.lrs import Lrs, LrsError

QUEUE = "lrs-queue"  # in the teacher's user-data folder


def store_for(args: argparse.Namespace, endpoint: str | None = None) -> Lrs:
    from game.classroom.session_cli import data_dir_of
    from game.settings import load_settings

    settings = load_settings(data_dir_of(args))
    endpoint = endpoint or settings.lrs_endpoint
    if not endpoint:
        raise LrsError("no learning record store: give --lrs URL or set lrs_endpoint in the settings")
    user = getattr(args, "lrs_user", None) or os.environ.get("SMALL_ACTS_LRS_USER") or settings.lrs_user
    password = os.environ.get("SMALL_ACTS_LRS_PASSWORD") or settings.lrs_password
    return Lrs(endpoint, user, password)


def run_send(args: argparse.Namespace, out=None, err=None) -> int:
    """Queue every statement of the given folders that is not queued yet, then send the queue. Exit 0 when the store
    holds everything, 1 when some is still queued (run it again: nothing is sent twice in effect), 2 on misuse."""
    from game.classroom.folder import read_jsonl, statement_files
    from game.classroom.outbox import Outbox
    from game.classroom.records import parse
    from game.classroom.session_cli import data_dir_of
    from game.classroom.xapi import validate

    out, err = out or sys.stdout, err or sys.stderr
    try:
        store = store_for(args, args.lrs)
    except LrsError as exc:
        print(f"python main.py classroom send: {exc}", file=err)
        return 2
    queue = Outbox(data_dir_of(args) / QUEUE / "statements.jsonl", store.send, batch=args.batch)
    queued = {s.get("id") for s in read_jsonl(queue.path)[0]}
    added = skipped = 0
    fresh: list[dict] = []
    for path in statement_files([Path(d) for d in args.dirs]):
        owner = ""  # as in the report: a file is one student, named by its first statement
        for statement in read_jsonl(path)[0]:
            record = parse(statement)
            if record is None or not record.registration or (owner and record.student != owner) or \
                    validate(statement):
                skipped += 1
                continue
            owner = record.student
            if statement["id"] in queued:
                continue
            fresh.append(statement)
            queued.add(statement["id"])
            added += 1
        if len(fresh) >= 5000 and not queue.put_many(fresh):  # memory stays small for a district's folder
            print(f"python main.py classroom send: cannot write the queue in {queue.path.parent}", file=err)
            return 1
        elif len(fresh) >= 5000:
            fresh = []
    if not queue.put_many(fresh):
        print(f"python main.py classroom send: cannot write the queue in {queue.path.parent}", file=err)
        return 1
    start = time.monotonic()
    tries = 0
    while True:
        try:
            done = queue.flush()
        except LrsError as exc:
            print(f"python main.py classroom send: {exc}", file=err)
            return 1
        tries += 1
        if done or tries >= args.tries:
            break
        time.sleep(min(30.0, 2.0 ** tries))
    spent = time.monotonic() - start
    print(f"queued {added} new statements ({skipped} lines that are not this game's statements skipped); "
          + ("the store holds every queued statement" if done else
             f"{queue.pending} bytes still queued: run this again when the store is reachable")
          + f" ({spent:.1f} s)", file=out)
    if store.refused:
        print(f"the store refused {store.refused} statements one by one", file=out)
    return 0 if done else 1
