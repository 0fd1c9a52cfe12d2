import LedgerReport
import Testing

/// Counts read as English: one noun, several nouns, irregular and invariant plurals.
@Suite struct CountTextTests {
    @Test(arguments: [
        (1, "event", nil, "1 event"), (0, "event", nil, "0 events"), (3, "event", nil, "3 events"),
        (1, "company", "companies", "1 company"), (2, "company", "companies", "2 companies"),
        (1, "valuation series", "valuation series", "1 valuation series"),
        (4, "valuation series", "valuation series", "4 valuation series"),
    ] as [(Int, String, String?, String)])
    func countsAgreeWithTheirNumber(_ n: Int, _ noun: String, _ plural: String?, _ expected: String) {
        #expect(ValueText.count(n, noun, plural: plural) == expected)
    }
}
