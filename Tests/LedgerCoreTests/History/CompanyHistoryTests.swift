import Foundation
import TestSupport
import Testing
@testable import LedgerCore

/// The state holds what is in force; every round and revenue figure is in the history streamed beside it.
@Suite struct CompanyHistoryTests {
    /// A company founded in 1960 with, each year from 1961 on: a round from one investor, a later valuation
    /// and four quarterly revenue figures (run-rate and fiscal-year), for `years` years.
    static func log(years: Int) -> Log {
        var log = Log()
        log.append(recap("founding", company: "acme", date: "1960-01-01", [("founders", "1")]))
        for year in 1961..<(1961 + years) {
            let amount = usd(String(1_000_000 + year))
            log.append(
                round("round-\(year)", company: "acme", date: "\(year)-01-15", investments: [("a", usd("1000000"))],
                      postMoney: usd("100000000")),
                valuation("valuation-\(year)", company: "acme", date: "\(year)-06-15", usd(String(200_000_000 + year))),
                revenue("rr-\(year)-1", company: "acme", date: "\(year)-03-31", amount),
                revenue("rr-\(year)-2", company: "acme", date: "\(year)-06-30", amount, status: .reported),
                revenue("rr-\(year)-3", company: "acme", date: "\(year)-09-30", amount),
                revenue("fy-\(year)", company: "acme", date: "\(year)-12-31", amount, basis: .fiscalYear))
        }
        return log
    }

    /// The company's part of a snapshot, as ``StateCodec`` writes it.
    static func encodedCompany(_ state: LedgerState) throws -> [UInt8] {
        var bytes: [UInt8] = []
        StateCodec.write(try #require(state.companies["acme"]), into: &bytes)
        return bytes
    }

    @Test func aCompanysStateDoesNotGrowWithItsHistory() throws {
        let short = Self.log(years: 5).state(asOf: "2199-12-31")
        let long = Self.log(years: 50).state(asOf: "2199-12-31")
        let company = try #require(long.companies["acme"])
        // One valuation date, one date per revenue basis, whatever the number of events.
        #expect(company.valuations.values.map(\.count) == [1])
        #expect(company.revenue.keys.sorted() == [RevenueKey(date: day("2010-09-30"), basis: .annualizedRunRate),
                                                   RevenueKey(date: day("2010-12-31"), basis: .fiscalYear)])
        // Ten times the events: the encoded company stays about the same size (it grew tenfold while rounds
        // and every figure were kept in it).
        let shortBytes = try Self.encodedCompany(short).count, longBytes = try Self.encodedCompany(long).count
        #expect(longBytes < shortBytes * 2, "\(shortBytes) bytes after 5 years, \(longBytes) after 50")
        // What the state shows is still the latest of everything.
        #expect(long.valuation(of: "acme")?.chosen.eventId == "valuation-2010")
        #expect(long.latestRevenue(of: "acme").mapValues(\.chosen.eventId) == [.annualizedRunRate: "rr-2010-3", .fiscalYear: "fy-2010"])
        #expect(long.invested(by: "a", in: "acme").amounts == [usd("50000000")])
    }

    @Test func theHistoryKeepsEveryRoundAndRevenueFigure() throws {
        let log = Self.log(years: 12)
        let history = log.history(asOf: "1970-12-31")
        #expect(history.rounds(of: "acme").map(\.eventId) == (1961...1970).map { "round-\($0)" })
        let revenue = history.revenue(of: "acme")
        #expect(revenue.count == 40)
        #expect(revenue.map(\.figure.chosen.eventId).prefix(4) == ["rr-1961-1", "rr-1961-2", "rr-1961-3", "fy-1961"])
        // The state's latest figures are the history's last per basis.
        let state = log.state(asOf: "1970-12-31")
        var last: [RevenueBasis: String] = [:]
        for (key, figure) in revenue { last[key.basis] = figure.chosen.eventId }
        #expect(state.latestRevenue(of: "acme").mapValues(\.chosen.eventId) == last)
        #expect(history.rounds(of: "nobody").isEmpty && history.revenue(of: "nobody").isEmpty)
    }
}
