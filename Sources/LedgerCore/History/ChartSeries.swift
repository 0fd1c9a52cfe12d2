import Foundation

/// A named sequence of dated values: one line of a chart.
///
/// Values are exact (a valuation, a stake, a cumulative amount). Each point
/// holds until the next one, so charts draw series as steps. Turning values
/// into pixels is the report's job, not this one's.
///
/// ```swift
/// ChartSeries(id: "openai", name: "OpenAI", unit: .money(currency: "USD"),
///             points: [SeriesPoint(date: d, value: 29_000_000_000, eventId: "round-1")])
/// ```
public struct ChartSeries: Hashable, Sendable {
    /// A stable key (a company id, a holder id, `investor-in-company`).
    public var id: String
    /// The label shown in legends.
    public var name: String
    /// What the values measure.
    public var unit: SeriesUnit
    /// The values, in date order, at most one per date.
    public var points: [SeriesPoint]

    /// Creates a series.
    public init(id: String, name: String, unit: SeriesUnit, points: [SeriesPoint]) {
        self.id = id; self.name = name; self.unit = unit; self.points = points
    }
}
