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

/// One dated value of a series, with the event that set it.
///
/// ```swift
/// SeriesPoint(date: d, value: Decimal(string: "0.27")!, eventId: "recap")
/// ```
public struct SeriesPoint: Hashable, Sendable {
    /// Effective date.
    public var date: LedgerDate
    /// The exact value.
    public var value: Decimal
    /// The event that set it.
    public var eventId: String

    /// Creates a point.
    public init(date: LedgerDate, value: Decimal, eventId: String) {
        self.date = date; self.value = value; self.eventId = eventId
    }
}

/// What a series measures: an amount of one currency, or a fraction.
///
/// ```swift
/// SeriesUnit.money(currency: "USD")
/// ```
public enum SeriesUnit: Hashable, Sendable {
    /// Amounts of one currency.
    case money(currency: String)
    /// Stakes or rates, 0…1.
    case fraction
}

extension Array where Element == SeriesPoint {
    /// Appends `point`, replacing a point of the same date (the later event of a day wins, as in the fold).
    mutating func record(_ point: SeriesPoint) {
        if let last, last.date == point.date { removeLast() }
        if let last, last.value == point.value { return }
        append(point)
    }
}
