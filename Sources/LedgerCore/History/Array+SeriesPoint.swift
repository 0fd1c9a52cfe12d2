extension Array where Element == SeriesPoint {
    /// Appends `point`, replacing a point of the same date (the later event of a day wins, as in the fold).
    mutating func record(_ point: SeriesPoint) {
        if let last, last.date == point.date { removeLast() }
        if let last, last.value == point.value { return }
        append(point)
    }
}
