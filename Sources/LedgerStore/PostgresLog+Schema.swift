import LedgerCore
internal import PostgresNIO

/// What `init` did about the two roles of a PostgreSQL ledger.
public enum PostgresRoles: Hashable, Sendable {
    /// The writer and reader roles exist and hold their grants on this ledger.
    case granted
    /// The user running `init` may not create roles; an administrator creates them as the README says.
    case notPermitted

    /// The group role that may read and append (no login; grant it to people and pipelines).
    public static let writerRole = "partnership_ledger_writer"
    /// The group role that may only read.
    public static let readerRole = "partnership_ledger_reader"
}

extension PostgresLog {
    /// The schema versions this build knows. Version 1 is the SQLite schema's current shape (v5) in PostgreSQL terms
    /// without snapshots; version 2 adds the snapshot tables.
    static let knownVersions: Set<Int32> = [1, 2]

    /// Creates the ledger's tables, functions and triggers when the database has none (idempotent, safe
    /// when several clients initialise at once: they serialize on an advisory lock).
    ///
    /// The same columns and rules as the SQLite log: the text columns compare bytewise (`COLLATE "C"`)
    /// so dates, times and ids sort as in SQLite; triggers refuse UPDATE, DELETE and TRUNCATE on every
    /// table of the log, and refuse an insert that is not the next seq chained to the head.
    func migrate() throws {
        try writing { session in
            try session.execute("SELECT pg_advisory_xact_lock(727274)")
            let exists = try session.value("SELECT to_regclass('ledger_schema') IS NOT NULL", as: Bool.self) ?? false
            if exists {
                try Self.checkVersions(session)
            } else {
                try session.execute(script: Self.schemaV1)
            }
            if try session.value("SELECT max(version) FROM ledger_schema", as: Int32.self) == 1 {
                try session.execute(script: Self.schemaV2)
            }
        }
    }

    /// Fails with a plain message when the database is not a ledger of a known schema.
    func checkSchema() throws {
        try reading { session in
            guard try session.value("SELECT to_regclass('ledger_schema') IS NOT NULL", as: Bool.self) == true else {
                throw LedgerError("\(location.redacted) is not a partnership ledger (no ledger tables found); create one with `partnership-ledger init --db \(location.redacted)`")
            }
            try Self.checkVersions(session)
        }
    }

    private static func checkVersions(_ session: PostgresSession) throws {
        for row in try session.rows("SELECT version FROM ledger_schema") {
            let version = try session.decode(row, as: Int32.self)
            guard knownVersions.contains(version) else {
                throw LedgerError("\(session.location.redacted) was written by a newer version of partnership-ledger; upgrade to read it")
            }
        }
    }

    /// Creates the writer and reader roles when missing and grants them this ledger's tables.
    ///
    /// The writer gets SELECT and INSERT, plus UPDATE on `event` only because PostgreSQL 15 asks for
    /// it to `LOCK TABLE … IN EXCLUSIVE MODE` (the triggers still refuse every update), and every right on
    /// the snapshot tables (derived data an append invalidates and a rebuild replaces). The reader gets SELECT.
    func grantRoles() throws -> PostgresRoles {
        do {
            return try writing { session in
                try session.execute(script: """
                    DO $$ BEGIN
                      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(PostgresRoles.writerRole)') THEN CREATE ROLE \(PostgresRoles.writerRole) NOLOGIN; END IF;
                      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(PostgresRoles.readerRole)') THEN CREATE ROLE \(PostgresRoles.readerRole) NOLOGIN; END IF;
                    END $$;
                    GRANT SELECT ON ledger_schema, event, event_party, registry, amendment, amendment_party TO \(PostgresRoles.readerRole), \(PostgresRoles.writerRole);
                    GRANT INSERT ON event, event_party, registry, amendment, amendment_party TO \(PostgresRoles.writerRole);
                    GRANT UPDATE ON event TO \(PostgresRoles.writerRole);
                    \(Self.snapshotGrants)
                    """)
                return .granted
            }
        } catch let error as LedgerError where error.message.contains("may not do this") {
            return .notPermitted
        }
    }

    /// What the roles may do with the snapshot tables.
    static let snapshotGrants = """
        GRANT SELECT ON snapshot, snapshot_part TO \(PostgresRoles.readerRole);
        GRANT SELECT, INSERT, UPDATE, DELETE ON snapshot, snapshot_part TO \(PostgresRoles.writerRole);
        """

    /// Version 2: the snapshot tables (the SQLite schema's, from its v3). A checkpoint holds every event with
    /// date <= `date` recorded by `seq`; it is usable for a replay to as-of D >= date known at K >= seq while
    /// `invalidFrom` (the first later event dated on or before `date`, or the first later correction or
    /// retraction) is NULL or > K. No trigger guards them: snapshots may be deleted and rebuilt at any time.
    /// Roles that `init` created before this version get their grants here.
    static let schemaV2 = """
        INSERT INTO ledger_schema (version) VALUES (2);
        CREATE TABLE snapshot (
            id           bigint PRIMARY KEY,
            generation   bigint NOT NULL,
            date         text COLLATE "C" NOT NULL,
            seq          bigint NOT NULL,
            invalidFrom  bigint,
            format       text COLLATE "C" NOT NULL,
            appliedCount bigint NOT NULL,
            lastDate     text COLLATE "C",
            createdAt    text COLLATE "C" NOT NULL
        );
        CREATE INDEX snapshot_by_date ON snapshot (date, id);
        CREATE TABLE snapshot_part (
            kind     bigint NOT NULL,
            key      text COLLATE "C" NOT NULL,
            snapshot bigint NOT NULL REFERENCES snapshot (id) ON DELETE CASCADE,
            body     bytea NOT NULL,
            PRIMARY KEY (kind, key, snapshot)
        );
        CREATE INDEX snapshot_part_by_snapshot ON snapshot_part (snapshot);
        DO $$ BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(PostgresRoles.writerRole)')
             AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(PostgresRoles.readerRole)') THEN
            \(snapshotGrants)
          END IF;
        END $$;
        """

    /// Version 1 of the PostgreSQL schema.
    static let schemaV1 = """
        CREATE TABLE ledger_schema (version integer PRIMARY KEY, appliedAt timestamptz NOT NULL DEFAULT now());
        INSERT INTO ledger_schema (version) VALUES (1);

        CREATE TABLE event (
            seq        bigint PRIMARY KEY CHECK (seq >= 1),
            id         text COLLATE "C" NOT NULL UNIQUE CHECK (length(id) BETWEEN 1 AND 128),
            type       text COLLATE "C" NOT NULL CHECK (length(type) >= 1),
            date       text COLLATE "C" NOT NULL CHECK (date ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$'),
            announced  text COLLATE "C" CHECK (announced IS NULL OR announced ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$'),
            status     text COLLATE "C" NOT NULL CHECK (status IN ('confirmed', 'reported', 'estimate')),
            recordedAt text COLLATE "C" NOT NULL CHECK (length(recordedAt) = 27),
            payload    text COLLATE "C" NOT NULL CHECK ((payload::json) IS NOT NULL),
            prevHash   text COLLATE "C" NOT NULL CHECK (length(prevHash) = 64),
            hash       text COLLATE "C" NOT NULL CHECK (length(hash) = 64)
        );
        CREATE INDEX event_by_type ON event (type, seq);
        CREATE INDEX event_replay ON event (date, seq);

        -- Which party, company or partnership ids each event names: the --party filter and subject replays.
        CREATE TABLE event_party (
            party text COLLATE "C" NOT NULL,
            seq   bigint NOT NULL REFERENCES event (seq),
            PRIMARY KEY (party, seq)
        );
        -- Registered ids (from party and partnership events), for reference checks.
        CREATE TABLE registry (
            id   text COLLATE "C" PRIMARY KEY,
            kind text COLLATE "C" NOT NULL CHECK (kind IN ('party', 'partnership')),
            seq  bigint NOT NULL REFERENCES event (seq)
        );
        -- Which event each correction or retraction amends, and which ids the amended event names.
        CREATE TABLE amendment (
            target text COLLATE "C" NOT NULL,
            seq    bigint NOT NULL REFERENCES event (seq),
            PRIMARY KEY (target, seq)
        );
        CREATE TABLE amendment_party (
            party text COLLATE "C" NOT NULL,
            seq   bigint NOT NULL REFERENCES event (seq),
            PRIMARY KEY (party, seq)
        );

        CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the event log is append-only: rows cannot be % (%)',
                CASE TG_OP WHEN 'UPDATE' THEN 'updated' WHEN 'DELETE' THEN 'deleted' ELSE 'truncated' END, TG_TABLE_NAME;
        END $$;
        -- The log only grows, one seq at a time, each row chained to the one before, never before the head's time.
        CREATE FUNCTION ledger_append_in_order() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            head record;
        BEGIN
            SELECT seq, hash, recordedAt INTO head FROM event ORDER BY seq DESC LIMIT 1;
            IF NEW.seq <> coalesce(head.seq, 0) + 1
               OR NEW.prevHash <> coalesce(head.hash, repeat('0', 64))
               OR NEW.recordedAt < coalesce(head.recordedAt, '') THEN
                RAISE EXCEPTION 'events are appended in order, chained to the previous event';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER event_append_in_order BEFORE INSERT ON event FOR EACH ROW EXECUTE FUNCTION ledger_append_in_order();
        CREATE TRIGGER event_no_change BEFORE UPDATE OR DELETE ON event FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
        CREATE TRIGGER event_no_truncate BEFORE TRUNCATE ON event FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
        CREATE TRIGGER event_party_no_change BEFORE UPDATE OR DELETE ON event_party FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
        CREATE TRIGGER event_party_no_truncate BEFORE TRUNCATE ON event_party FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
        CREATE TRIGGER registry_no_change BEFORE UPDATE OR DELETE ON registry FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
        CREATE TRIGGER registry_no_truncate BEFORE TRUNCATE ON registry FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
        CREATE TRIGGER amendment_no_change BEFORE UPDATE OR DELETE ON amendment FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
        CREATE TRIGGER amendment_no_truncate BEFORE TRUNCATE ON amendment FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
        CREATE TRIGGER amendment_party_no_change BEFORE UPDATE OR DELETE ON amendment_party FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
        CREATE TRIGGER amendment_party_no_truncate BEFORE TRUNCATE ON amendment_party FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
        CREATE TRIGGER ledger_schema_no_change BEFORE UPDATE OR DELETE ON ledger_schema FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
        CREATE TRIGGER ledger_schema_no_truncate BEFORE TRUNCATE ON ledger_schema FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
        """
}
