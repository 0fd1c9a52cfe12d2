import Testing
import TestSupport
@testable import LedgerCore

/// The fixed-point arithmetic itself: exact parsing and printing, the rounding rule, the limits.
@Suite struct ExactDecimalTests {
    @Test(arguments: ["0", "1", "0.27", "1250000000", "0.00000000000000000001", "999999999999999.9999999999999999999",
                      "123456789012345.0000000000000000001"])
    func printsWhatWasParsed(_ text: String) throws {
        let value = try ExactDecimal.parse(text)
        #expect(value.description == text)
        #expect(try ExactDecimal.parse(value.description) == value)
    }

    @Test func trailingZerosAndLeadingZerosAreNotPartOfTheValue() throws {
        #expect(try ExactDecimal.parse("007.500").description == "7.5")
        #expect(try ExactDecimal.parse("-0.50", allowNegative: true).description == "-0.5")
    }

    @Test(arguments: [
        ("1234567890123456", "more than 15 digits before the decimal point"),
        ("0.000000000000000000001", "more than 20 digits after the decimal point"),
        ("123456789012345.12345678901234567890", "more than 34 significant digits"),
        ("1e3", "is not a decimal"),
        ("-1", "must not be negative"),
    ])
    func limitsAreErrorsNotRounding(_ text: String, _ message: String) throws {
        let error = try #require(throws: LedgerError.self) { try ExactDecimal.parse(text) }
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test func theFastCanonicalPathParsesExactlyAsTheGeneralOne() throws {
        for text in ["0", "1", "0.27", "007", "1250000000", "0.00000000000000000001", "999999999999999.9999999999999999999"] {
            let fast = Array(text.utf8).withUnsafeBufferPointer { CanonicalDecoder.decimal($0) }
            #expect(fast == (try ExactDecimal.parse(text)), "\(text)")
        }
        for text in ["1234567890123456", "0.000000000000000000001", "123456789012345.12345678901234567890", "1.", ".5", "1..2"] {
            #expect(Array(text.utf8).withUnsafeBufferPointer { CanonicalDecoder.decimal($0) } == nil, "\(text) must take the general path")
        }
    }

    /// Division and stake ratios round half away from zero at their last place, as `Decimal` printed them.
    @Test func divisionRoundsHalfAwayFromZero() throws {
        #expect((ExactDecimal(2) / ExactDecimal(3)).description == "0.66666666666666666667")
        #expect((ExactDecimal(1) / ExactDecimal(3)).description == "0.33333333333333333333")
        #expect((dec("-2") / ExactDecimal(3)).description == "-0.66666666666666666667")
        #expect(Stake.ratio(2, of: 3).units == 666_666_666_666_666_666_666_666_666_666_666_667)
        #expect(Stake.ratio(1, of: 3).units == 333_333_333_333_333_333_333_333_333_333_333_333)
        // 0.5 × 10^-36 rounds up, just below it rounds down.
        #expect((Stake(units: 5) * Stake(units: 100_000_000_000_000_000_000_000_000_000_000_000)).units == 1)
        #expect((Stake(units: 4) * Stake(units: 100_000_000_000_000_000_000_000_000_000_000_000)).units == 0)
        #expect(dec("0.125").rounded(places: 2) == dec("0.13"))
        #expect(dec("0.124999").rounded(places: 2) == dec("0.12"))
    }

    @Test func stakesPrintRoundedToTwentyPlacesAndValueMoneyToTheCent() throws {
        let third = Stake.ratio(1, of: 3)
        #expect(third.description == "0.33333333333333333333")
        #expect(Stake.ratio(2, of: 3).rounded == dec("0.66666666666666666667"))
        #expect(third.value(of: dec("100"), places: 2) == dec("33.33"))
        #expect(Stake.ratio(2, of: 3).value(of: dec("100"), places: 2) == dec("66.67"))
        #expect(Stake(dec("0.5")).value(of: dec("0.05"), places: 2) == dec("0.03"))
        #expect(Stake(dec("0.5")).value(of: dec("999999999999999"), places: 2) == dec("499999999999999.5"))
    }

    @Test func scaledAmountsAndPercentsAreExact() throws {
        #expect(try QuantityText.amount("1.25B") == dec("1250000000"))
        #expect(try QuantityText.amount("999T") == dec("999000000000000"))
        #expect(try QuantityText.fraction("27.5%") == dec("0.275"))
        let error = try #require(throws: LedgerError.self) { try QuantityText.amount("1000T") }
        #expect(error.message.contains("more than 15 digits before the decimal point"), "\(error.message)")
    }

    @Test func anOverflowingSumStopsInsteadOfWrapping() async {
        await #expect(processExitsWith: .failure) {
            let big = ExactDecimal(units: Int128.max - 1)
            _ = big + ExactDecimal(1)
        }
    }
}
