import GRDB
import LedgerCore

extension EventStore {
    /// The frozen migrations. Never edit a shipped migration: add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: event log") { db in
            let types = EventType.allCases.map { "'\($0.rawValue)'" }.joined(separator: ",")
            let datePattern = "'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'"
            try db.execute(sql: """
                CREATE TABLE event (
                    seq        INTEGER PRIMARY KEY CHECK (seq >= 1),
                    id         TEXT NOT NULL UNIQUE CHECK (length(id) BETWEEN 1 AND \(Slug.maxLength)),
                    type       TEXT NOT NULL CHECK (type IN (\(types))),
                    date       TEXT NOT NULL CHECK (date GLOB \(datePattern)),
                    announced  TEXT CHECK (announced IS NULL OR announced GLOB \(datePattern)),
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
                  OR NEW.prevHash != coalesce((SELECT hash FROM event ORDER BY seq DESC LIMIT 1), '\(ChainHash.genesis)')
                  OR NEW.recordedAt < coalesce((SELECT recordedAt FROM event ORDER BY seq DESC LIMIT 1), '')
                BEGIN SELECT RAISE(ABORT, 'events are appended in order, chained to the previous event'); END;
                """)
            for table in ["event", "event_party", "registry"] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                    BEGIN SELECT RAISE(ABORT, 'the event log is append-only: rows cannot be updated'); END;
                    CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
                    BEGIN SELECT RAISE(ABORT, 'the event log is append-only: rows cannot be deleted'); END;
                    """)
            }
        }
        // INSERT OR REPLACE deletes a conflicting row without firing delete triggers
        // (SQLite fires them only with recursive_triggers on), which would let raw
        // SQL rewrite a registration or drop an event by reusing its id.
        migrator.registerMigration("v2: refuse replacing rows") { db in
            for (table, key) in [("event", "id"), ("registry", "id")] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_no_replace BEFORE INSERT ON \(table)
                    WHEN EXISTS (SELECT 1 FROM \(table) WHERE \(key) = NEW.\(key))
                    BEGIN SELECT RAISE(ABORT, 'the event log is append-only: rows cannot be replaced'); END;
                    """)
            }
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
                """)
            let amendments = try Row.fetchAll(db, sql: "SELECT a.target, a.seq, e.payload FROM amendment a JOIN event e ON e.seq = a.seq")
            for row in amendments {
                let seq: Int64 = row[1]
                let payload: String = row[2]
                let named = try payload.utf8.withContiguousStorageIfAvailable { try decodeStored(seq: seq, payload: UnsafeRawBufferPointer($0)) }?.namedIDs ?? []
                try indexAmendment(seq: seq, target: row[0], naming: named, db)
            }
            for table in ["amendment", "amendment_party"] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                    BEGIN SELECT RAISE(ABORT, 'the event log is append-only: rows cannot be updated'); END;
                    CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
                    BEGIN SELECT RAISE(ABORT, 'the event log is append-only: rows cannot be deleted'); END;
                    """)
            }
        }
        return migrator
    }

    /// Whether the schema has the v3 tables and indexes (a read-only file may predate them).
    static func hasV2(_ db: Database) throws -> Bool {
        try db.tableExists("amendment")
    }
}
