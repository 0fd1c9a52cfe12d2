internal import GRDB
import LedgerCore

extension EventStore {
    /// The migrations, as literal SQL frozen as released: never edit a shipped migration, add a new one.
    ///
    /// A migration runs SQL only, never application code: what the schema
    /// needs from the decoder (the amendment index of v3 names the ids an
    /// amendment's target event names) is a backfill, queued by SQL in the
    /// `backfill` table (v4) and run by ``runBackfills(_:)`` once the
    /// migrator is done, in its own write transaction (see `EventStore+Backfill`).
    ///
    /// History of the schema:
    /// - v1 creates the log, the party index and the registry, with the
    ///   append-only triggers. Its `CHECK (type IN (…))` froze the event types
    ///   of the time into every ledger file; v5 removes it.
    /// - v2 refuses `INSERT OR REPLACE` on the log and the registry.
    /// - v3 adds the covering replay index, the amendment index and the snapshot tables.
    ///   Released builds filled `amendment_party` inside the migration by decoding
    ///   payloads; it is now queued as a backfill by v4 (idempotent: re-running it on a
    ///   ledger that v3 already filled inserts nothing).
    /// - v4 adds the `backfill` queue.
    /// - v5 rebuilds the `event` table without the frozen type list (the decoder validates
    ///   types), copying every row unchanged (same seq, columns, payload and hashes) and
    ///   recreating its indexes and triggers.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: event log") { db in
            try db.execute(sql: """
                CREATE TABLE event (
                    seq        INTEGER PRIMARY KEY CHECK (seq >= 1),
                    id         TEXT NOT NULL UNIQUE CHECK (length(id) BETWEEN 1 AND 128),
                    type       TEXT NOT NULL CHECK (type IN ('party','partnership','funding-round','valuation','revenue','governance','renegotiation','recapitalization','correction','retraction')),
                    date       TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                    announced  TEXT CHECK (announced IS NULL OR announced GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                    status     TEXT NOT NULL CHECK (status IN ('confirmed', 'reported', 'estimate')),
                    recordedAt TEXT NOT NULL CHECK (length(recordedAt) = 27),
                    payload    TEXT NOT NULL CHECK (json_valid(payload)),
                    prevHash   TEXT NOT NULL CHECK (length(prevHash) = 64),
                    hash       TEXT NOT NULL CHECK (length(hash) = 64)
                );
                CREATE INDEX event_by_date ON event(date, seq);
                CREATE INDEX event_by_type ON event(type, seq);

                -- Which party, company or partnership ids each event names: the --party filter.
                CREATE TABLE event_party (
                    party TEXT NOT NULL,
                    seq   INTEGER NOT NULL REFERENCES event(seq),
                    PRIMARY KEY (party, seq)
                ) WITHOUT ROWID;

                -- Registered ids (from party and partnership events), for reference checks.
                CREATE TABLE registry (
                    id   TEXT PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('party', 'partnership')),
                    seq  INTEGER NOT NULL REFERENCES event(seq)
                ) WITHOUT ROWID;

                -- The log only grows, one seq at a time, each row chained to the one before.
                CREATE TRIGGER event_append_only BEFORE INSERT ON event
                WHEN NEW.seq != coalesce((SELECT max(seq) FROM event), 0) + 1
                  OR NEW.prevHash != coalesce((SELECT hash FROM event ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000')
                  OR NEW.recordedAt < coalesce((SELECT recordedAt FROM event ORDER BY seq DESC LIMIT 1), '')
                BEGIN SELECT RAISE(ABORT, 'events are appended in order, chained to the previous event'); END;
                CREATE TRIGGER event_no_update BEFORE UPDATE ON event
                BEGIN SELECT RAISE(ABORT, 'the event log is append-only: rows cannot be updated'); END;
                CREATE TRIGGER event_no_delete BEFORE DELETE ON event
                BEGIN SELECT RAISE(ABORT, 'the event log is append-only: rows cannot be deleted'); END;
                CREATE TRIGGER event_party_no_update BEFORE UPDATE ON event_party
                BEGIN SELECT RAISE(ABORT, 'the event log is append-only: rows cannot be updated'); END;
                CREATE TRIGGER event_party_no_delete BEFORE DELETE ON event_party
                BEGIN SELECT RAISE(ABORT, 'the event log is append-only: rows cannot be deleted'); END;
                CREATE TRIGGER registry_no_update BEFORE UPDATE ON registry
                BEGIN SELECT RAISE(ABORT, 'the event log is append-only: rows cannot be updated'); END;
                CREATE TRIGGER registry_no_delete BEFORE DELETE ON registry
                BEGIN SELECT RAISE(ABORT, 'the event log is append-only: rows cannot be deleted'); END;
                """)
        }
        // INSERT OR REPLACE deletes a conflicting row without firing delete triggers
        // (SQLite fires them only with recursive_triggers on), which would let raw
        // SQL rewrite a registration or drop an event by reusing its id.
        migrator.registerMigration("v2: refuse replacing rows") { db in
            try db.execute(sql: """
                CREATE TRIGGER event_no_replace BEFORE INSERT ON event
                WHEN EXISTS (SELECT 1 FROM event WHERE id = NEW.id)
                BEGIN SELECT RAISE(ABORT, 'the event log is append-only: rows cannot be replaced'); END;
                CREATE TRIGGER registry_no_replace BEFORE INSERT ON registry
                WHEN EXISTS (SELECT 1 FROM registry WHERE id = NEW.id)
                BEGIN SELECT RAISE(ABORT, 'the event log is append-only: rows cannot be replaced'); END;
                """)
        }
        migrator.registerMigration("v3: replay index, amendment index, snapshots") { db in
            try db.execute(sql: """
                -- Replay reads (date, seq, payload) in one ordered pass over this index, never the table.
                CREATE INDEX event_replay ON event(date, seq, payload);
                DROP INDEX event_by_date;

                -- Which event each correction or retraction amends (the target's id).
                CREATE TABLE amendment (
                    target TEXT NOT NULL,
                    seq    INTEGER NOT NULL REFERENCES event(seq),
                    PRIMARY KEY (target, seq)
                ) WITHOUT ROWID;
                -- Which party, company or partnership ids the amended event names: a subject's amendments.
                -- Filled for existing amendments by the backfill that v4 queues.
                CREATE TABLE amendment_party (
                    party TEXT NOT NULL,
                    seq   INTEGER NOT NULL REFERENCES event(seq),
                    PRIMARY KEY (party, seq)
                ) WITHOUT ROWID;
                INSERT INTO amendment (target, seq)
                    SELECT json_extract(payload, '$.corrects'), seq FROM event WHERE type = 'correction'
                    UNION ALL SELECT json_extract(payload, '$.retracts'), seq FROM event WHERE type = 'retraction';

                -- Snapshots: derived state at checkpoints, a cache that may be deleted and rebuilt at any time.
                -- A checkpoint holds every event with date <= date recorded by seq; it is usable for a replay
                -- to as-of D >= date known at K >= seq while invalidFrom (the first later event dated on or
                -- before date, or the first later correction or retraction) is NULL or > K.
                CREATE TABLE snapshot (
                    id           INTEGER PRIMARY KEY,
                    generation   INTEGER NOT NULL,
                    date         TEXT NOT NULL,
                    seq          INTEGER NOT NULL,
                    invalidFrom  INTEGER,
                    format       TEXT NOT NULL,
                    appliedCount INTEGER NOT NULL,
                    lastDate     TEXT,
                    createdAt    TEXT NOT NULL
                );
                CREATE INDEX snapshot_by_date ON snapshot(date, id);
                -- One party, partnership or company of a checkpoint, stored only when it changed since the
                -- generation's previous checkpoint.
                CREATE TABLE snapshot_part (
                    kind     INTEGER NOT NULL,
                    key      TEXT NOT NULL,
                    snapshot INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
                    body     BLOB NOT NULL,
                    PRIMARY KEY (kind, key, snapshot)
                ) WITHOUT ROWID;
                CREATE INDEX snapshot_part_by_snapshot ON snapshot_part(snapshot);

                CREATE TRIGGER amendment_no_update BEFORE UPDATE ON amendment
                BEGIN SELECT RAISE(ABORT, 'the event log is append-only: rows cannot be updated'); END;
                CREATE TRIGGER amendment_no_delete BEFORE DELETE ON amendment
                BEGIN SELECT RAISE(ABORT, 'the event log is append-only: rows cannot be deleted'); END;
                CREATE TRIGGER amendment_party_no_update BEFORE UPDATE ON amendment_party
                BEGIN SELECT RAISE(ABORT, 'the event log is append-only: rows cannot be updated'); END;
                CREATE TRIGGER amendment_party_no_delete BEFORE DELETE ON amendment_party
                BEGIN SELECT RAISE(ABORT, 'the event log is append-only: rows cannot be deleted'); END;
                """)
        }
        migrator.registerMigration("v4: backfill queue") { db in
            try db.execute(sql: """
                -- Work the schema needs from application code, done by the store after the migrations
                -- (a migration runs SQL only). A task's row is deleted in the transaction that does it.
                CREATE TABLE backfill (task TEXT PRIMARY KEY) WITHOUT ROWID;
                -- amendment_party for the amendments stored before it existed (idempotent).
                INSERT INTO backfill (task) SELECT 'amendment_party' WHERE EXISTS (SELECT 1 FROM amendment);
                """)
        }
        // SQLite cannot drop a CHECK constraint: the table is rebuilt (SQLite's documented
        // procedure: create, copy, drop, rename, recreate indexes and triggers). Foreign key
        // checks are deferred to the end of the migration, so the tables that reference
        // event(seq) keep their rows and find them again under the same seqs.
        migrator.registerMigration("v5: event types not frozen in the schema") { db in
            try db.execute(sql: """
                CREATE TABLE event_v5 (
                    seq        INTEGER PRIMARY KEY CHECK (seq >= 1),
                    id         TEXT NOT NULL UNIQUE CHECK (length(id) BETWEEN 1 AND 128),
                    type       TEXT NOT NULL CHECK (length(type) >= 1),
                    date       TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                    announced  TEXT CHECK (announced IS NULL OR announced GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                    status     TEXT NOT NULL CHECK (status IN ('confirmed', 'reported', 'estimate')),
                    recordedAt TEXT NOT NULL CHECK (length(recordedAt) = 27),
                    payload    TEXT NOT NULL CHECK (json_valid(payload)),
                    prevHash   TEXT NOT NULL CHECK (length(prevHash) = 64),
                    hash       TEXT NOT NULL CHECK (length(hash) = 64)
                );
                INSERT INTO event_v5 (seq, id, type, date, announced, status, recordedAt, payload, prevHash, hash)
                    SELECT seq, id, type, date, announced, status, recordedAt, payload, prevHash, hash FROM event ORDER BY seq;
                DROP TABLE event;
                ALTER TABLE event_v5 RENAME TO event;
                CREATE INDEX event_by_type ON event(type, seq);
                CREATE INDEX event_replay ON event(date, seq, payload);

                CREATE TRIGGER event_append_only BEFORE INSERT ON event
                WHEN NEW.seq != coalesce((SELECT max(seq) FROM event), 0) + 1
                  OR NEW.prevHash != coalesce((SELECT hash FROM event ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000')
                  OR NEW.recordedAt < coalesce((SELECT recordedAt FROM event ORDER BY seq DESC LIMIT 1), '') -- never before the head's time
                BEGIN SELECT RAISE(ABORT, 'events are appended in order, chained to the previous event'); END;
                CREATE TRIGGER event_no_update BEFORE UPDATE ON event
                BEGIN SELECT RAISE(ABORT, 'the event log is append-only: rows cannot be updated'); END;
                CREATE TRIGGER event_no_delete BEFORE DELETE ON event
                BEGIN SELECT RAISE(ABORT, 'the event log is append-only: rows cannot be deleted'); END;
                CREATE TRIGGER event_no_replace BEFORE INSERT ON event
                WHEN EXISTS (SELECT 1 FROM event WHERE id = NEW.id)
                BEGIN SELECT RAISE(ABORT, 'the event log is append-only: rows cannot be replaced'); END;
                """)
        }
        return migrator
    }

    /// Whether the v3 snapshot tables exist (a read-only file may predate them).
    static func hasSnapshotTables(_ db: Database) throws -> Bool {
        try db.tableExists("snapshot")
    }

    /// Whether the amendment index (v3) can answer a subject's replay: its tables exist and no backfill of them is pending.
    static func hasSubjectIndex(_ db: Database) throws -> Bool {
        guard try db.tableExists("amendment_party") else { return false }
        guard try db.tableExists("backfill") else { return true }  // v3 filled it in the migration
        return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM backfill WHERE task = 'amendment_party')") == false
    }
}
