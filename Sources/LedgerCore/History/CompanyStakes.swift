/// One company's holders' stakes over time.
///
/// ```swift
/// CompanyStakes(company: "openai", name: "OpenAI", holders: [microsoftSeries, otherHoldersSeries])
/// ```
public struct CompanyStakes: Hashable, Sendable {
    /// The company id.
    public var company: String
    /// Its display name.
    public var name: String
    /// One series per holder (``LedgerState/otherHolders`` last), unit `.fraction`.
    public var holders: [ChartSeries]

    /// Creates the set.
    public init(company: String, name: String, holders: [ChartSeries]) {
        self.company = company; self.name = name; self.holders = holders
    }
}
