#!/usr/bin/env python3
"""The peer workload for Tools/bench: the same history through Python's `eventsourcing` on SQLite.

Usage: bench-eventsourcing.py append HISTORY.jsonl DB.sqlite
       bench-eventsourcing.py replay HISTORY.jsonl DB.sqlite

`append` stores every event of the JSON Lines history as a domain event of the
aggregate it is about (the company, partnership or party it names; corrections
and retractions go to one "amendments" aggregate), saving 1000 events per
`Application.save` call (one SQLite transaction each). `replay` rebuilds every
aggregate from its stored events with `repository.get`. Each prints one line:
`<events> <seconds>`; peak RSS is measured outside with /usr/bin/time.
"""
import json
import os
import sys
import time
import uuid

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

NAMESPACE = uuid.UUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8")


class Subject(Aggregate):
    """Anything the ledger records facts about: its state is the facts applied so far."""

    @event("Registered")
    def __init__(self, key: str):
        self.key = key
        self.facts = 0
        self.last = None

    @event("Recorded")
    def record(self, payload: dict):
        self.facts += 1
        self.last = payload

    @staticmethod
    def create_id(key: str):
        return uuid.uuid5(NAMESPACE, key)


class Ledger(Application):
    pass


def subject_of(payload: dict) -> str:
    for field in ("company", "partnership", "party"):
        if field in payload:
            return payload[field]
    return "amendments"


def app_for(path: str) -> Ledger:
    os.environ["PERSISTENCE_MODULE"] = "eventsourcing.sqlite"
    os.environ["SQLITE_DBNAME"] = path
    return Ledger()


def append(history: str, db: str) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    app = app_for(db)
    subjects = {}
    pending = {}
    count = 0
    started = time.perf_counter()
    with open(history) as lines:
        for line in lines:
            payload = json.loads(line)
            key = subject_of(payload)
            aggregate = subjects.get(key)
            if aggregate is None:
                aggregate = Subject(key)
                subjects[key] = aggregate
            aggregate.record(payload)
            pending[key] = aggregate
            count += 1
            if count % 1000 == 0:
                app.save(*pending.values())
                pending.clear()
    if pending:
        app.save(*pending.values())
    elapsed = time.perf_counter() - started
    with open(db + ".subjects", "w") as out:
        out.write("\n".join(subjects))
    print(count, f"{elapsed:.4f}")


def replay(history: str, db: str) -> None:
    app = app_for(db)
    with open(db + ".subjects") as keys:
        subjects = keys.read().split("\n")
    count = 0
    started = time.perf_counter()
    for key in subjects:
        aggregate = app.repository.get(Subject.create_id(key))
        count += aggregate.facts
    elapsed = time.perf_counter() - started
    print(count, f"{elapsed:.4f}")


if __name__ == "__main__":
    {"append": append, "replay": replay}[sys.argv[1]](sys.argv[2], sys.argv[3])
