import Foundation

/// One dated value of a series, with the event that set it.
///
/// ```swift
/// SeriesPoint(date: d, value: try ExactDecimal.parse("0.27"), eventId: "recap")
/// ```
public struct SeriesPoint: Hashable, Sendable {
    /// Effective date.
    public var date: LedgerDate
    /// The exact value.
    public var value: ExactDecimal
    /// The event that set it.
    public var eventId: String

    /// Creates a point.
    public init(date: LedgerDate, value: ExactDecimal, eventId: String) {
        self.date = date; self.value = value; self.eventId = eventId
    }
}
