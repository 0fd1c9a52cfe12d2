import Foundation

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
