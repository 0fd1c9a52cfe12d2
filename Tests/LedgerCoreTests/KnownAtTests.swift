import TestSupport
import Testing
@testable import LedgerCore

@Suite struct KnownAtTests {
    @Test func digitsAreASequenceNumber() throws {
        #expect(try KnownAt(parsing: "42") == .seq(42))
        #expect(try KnownAt(parsing: "0") == .seq(0))
    }

    @Test func aSequenceNumberTooLargeIsRejected() throws {
        let error = try #require(throws: LedgerError.self) { try KnownAt(parsing: "99999999999999999999") }
        #expect(error.message.contains("too large for a sequence number"))
    }

    @Test func aBareDateMeansTheEndOfThatDay() throws {
        let known = try KnownAt(parsing: "2026-01-01")
        #expect(known == .time(try Timestamp(parsing: "2026-01-01T23:59:59.999999Z")))
        guard case .time(let time) = known else { Issue.record("not a time"); return }
        #expect(time.text == "2026-01-01T23:59:59.999999Z")
    }

    @Test(arguments: [
        ("2026-01-01T00:00", "2026-01-01T00:00:00.000000Z"),
        ("2026-01-01T10:20:30Z", "2026-01-01T10:20:30.000000Z"),
        ("2026-01-01T10:20:30.5Z", "2026-01-01T10:20:30.500000Z"),
        ("2026-01-01T10:20:30.000123", "2026-01-01T10:20:30.000123Z"),
        ("1969-12-31T23:59:59.999999Z", "1969-12-31T23:59:59.999999Z"),
    ])
    func timestampsParseToFixedWidthUTCText(_ text: String, _ expected: String) throws {
        #expect(try Timestamp(parsing: text).text == expected)
    }

    @Test func timestampTextSortsLikeTime() throws {
        let times = try ["2026-01-01T00:00:00.000001Z", "1999-12-31T23:59:59Z", "2026-01-01", "2026-01-01T00:00"].map(Timestamp.init(parsing:))
        #expect(times.sorted().map(\.text) == times.map(\.text).sorted())
        #expect(Timestamp(microseconds: 0).text == "1970-01-01T00:00:00.000000Z")
    }

    @Test(arguments: [
        "", "yesterday", "2026-13-01", "2026-02-30T00:00", "2026-01-01T24:00", "2026-01-01T10:60",
        "2026-01-01T1:00", "2026-01-01T10:20:61", "2026-01-01T10:20:30.1234567", "2026-01-01T10",
        "2026-01-01T-1:00", "2026-01-01T+1:00", "2026-01-01T10:-1", "2026-01-01T10:20:-1",
        "2026-01-01T10:20:30.+5", "2026-01-01T10:20:30.-5", "2026-01-01T10:20:30.", "-5",
    ])
    func malformedTimesAreRejected(_ text: String) throws {
        let error = try #require(throws: LedgerError.self) { try KnownAt(parsing: text) }
        #expect(error.message.contains("is not a timestamp"))
    }
}
