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
        return migrator
    }
}
