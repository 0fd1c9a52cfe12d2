import LedgerCore

/// Maps dates to horizontal pixel positions and chooses the date ticks of a chart.
///
/// Dates are counted in whole days (exact integers); only the final pixel
/// position is a `Double`. Ticks fall on the first of a month, every 1, 3,
/// 6 or 12 months, whichever keeps them to about eight.
///
/// ```swift
/// let axis = DateAxis(from: d1, to: d2, left: 70, right: 860)
/// axis.x(d1) // 70
/// ```
struct DateAxis {
    let start: Int
    let end: Int
    let left: Double
    let right: Double

    /// An axis from `from` to `to`; a range under a month is widened so points do not sit on the edges.
    init(from: LedgerDate, to: LedgerDate, left: Double, right: Double) {
        var start = from.daysSinceEpoch, end = max(to.daysSinceEpoch, start)
        if end - start < 30 { start -= 15; end += 15 }
        self.start = start; self.end = end; self.left = left; self.right = right
    }

    /// The horizontal position of `date`.
    func x(_ date: LedgerDate) -> Double { x(days: date.daysSinceEpoch) }

    func x(days: Int) -> Double {
        left + (right - left) * Double(days - start) / Double(end - start)
    }

    /// Tick dates with labels: `2023` for yearly ticks, `Jan 2024`/`Apr` for finer ones.
    var ticks: [(date: LedgerDate, label: String)] {
        guard let first = LedgerDate(daysSinceEpoch: start), let last = LedgerDate(daysSinceEpoch: end) else { return [] }
        let months = (last.year - first.year) * 12 + last.month - first.month
        let step = [1, 3, 6, 12].first { months / $0 <= 8 } ?? ((months / 8 + 11) / 12 * 12)
        var ticks: [(LedgerDate, String)] = []
        var index = first.year * 12 + (first.month - 1)
        index = (index + step - 1) / step * step
        if let candidate = Self.monthStart(index), candidate < first { index += step }
        while let date = Self.monthStart(index), date <= last {
            let name = Self.monthNames[date.month - 1]
            // Yearly ticks show the year; finer ones show the month, with the year at January and at the first tick.
            let label = step >= 12 ? "\(date.year)" : (date.month == 1 || ticks.isEmpty ? "\(name) \(date.year)" : name)
            ticks.append((date, label))
            index += step
        }
        return ticks
    }

    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func monthStart(_ index: Int) -> LedgerDate? {
        LedgerDate(year: index / 12, month: index % 12 + 1, day: 1)
    }
}
