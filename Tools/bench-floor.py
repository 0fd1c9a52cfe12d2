#!/usr/bin/env python3
"""The floor for Tools/bench: what SQLite itself needs to store the ledger's rows on this machine.

Usage: bench-floor.py LEDGER.sqlite FLOOR.sqlite [--cache-kib N]

Creates FLOOR.sqlite with exactly the ledger's `event` table definition (its
columns, CHECK constraints, indexes and triggers, read from LEDGER.sqlite's
schema), in the same journal mode (WAL, synchronous=NORMAL), and inserts the
ledger's stored rows (hashes already computed) with one prepared statement in
one transaction via sqlite3.executemany: no parsing, no validation, no
hashing. Prints `<rows> <seconds>`.
"""
import os
import sqlite3
import sys
import time


def main() -> None:
    source_path, floor_path = sys.argv[1], sys.argv[2]
    cache_kib = int(sys.argv[sys.argv.index("--cache-kib") + 1]) if "--cache-kib" in sys.argv else None
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    schema = [sql for (sql,) in source.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = 'event' AND sql IS NOT NULL "
        "ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, name")]
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(floor_path + suffix):
            os.remove(floor_path + suffix)
    floor = sqlite3.connect(floor_path, isolation_level=None)
    floor.execute("PRAGMA journal_mode = WAL")
    floor.execute("PRAGMA synchronous = NORMAL")
    if cache_kib:
        floor.execute(f"PRAGMA cache_size = -{cache_kib}")
    for sql in schema:
        floor.execute(sql)
    rows = source.execute(
        "SELECT seq, id, type, date, announced, status, recordedAt, payload, prevHash, hash FROM event ORDER BY seq")
    # Read the rows first (outside the timing) in chunks, so the floor measures only the inserts.
    batch = rows.fetchall()
    started = time.perf_counter()
    floor.execute("BEGIN")
    floor.executemany("INSERT INTO event (seq, id, type, date, announced, status, recordedAt, payload, prevHash, hash) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
    floor.execute("COMMIT")
    elapsed = time.perf_counter() - started
    print(len(batch), f"{elapsed:.4f}")


if __name__ == "__main__":
    main()
