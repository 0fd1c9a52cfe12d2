/// How sure a claim is, for choosing among claims that take effect on the same date (CONTRACT §4).
///
/// Higher wins: status first (`confirmed` > `reported` > `estimate`), then the
/// later `announced` date (an event without one counts as announced on its
/// effective date). Neither the order of files nor the order of recording
/// enters the rank.
///
/// ```swift
/// ClaimRank(status: .confirmed, announced: d) > ClaimRank(status: .reported, announced: later) // true
/// ```
public struct ClaimRank: Hashable, Sendable, Comparable {
    /// The claim's status.
    public var status: EventStatus
    /// When it became public (its effective date when not given).
    public var announced: LedgerDate

    /// The rank of a claim with `status`, effective on `date` and announced on `announced` (if known).
    public init(status: EventStatus, date: LedgerDate, announced: LedgerDate?) {
        self.status = status
        self.announced = announced ?? date
    }

    public static func < (a: ClaimRank, b: ClaimRank) -> Bool {
        (a.status.precedence, a.announced) < (b.status.precedence, b.announced)
    }
}

/// The claim shown among claims about one figure or term member, and the ones passed over.
public struct ClaimChoice<Claim> {
    /// The claim shown.
    public var shown: Claim
    /// Every other claim, best first.
    public var alternatives: [Claim]
    /// True when another claim of the same rank says something else: nothing settles which is right.
    public var disputed: Bool
}

extension ClaimChoice: Sendable where Claim: Sendable {}
extension ClaimChoice: Equatable where Claim: Equatable {}
extension ClaimChoice: Hashable where Claim: Hashable {}

/// The precedence rule for claims that take effect on the same date (CONTRACT §4), shared by figures and term members.
public enum ClaimPrecedence {
    /// Orders `claims` best first and says whether the best is disputed.
    ///
    /// Best is the highest ``ClaimRank``. Among claims of equal rank the shown
    /// one is the last by `key` (the event id: the same whatever the file
    /// names or recording order; the bundled history names files by event id,
    /// so ties show what they showed when the later file won), and it is
    /// `disputed` when an equal-rank claim does not `agree` with it. Nil for no claims.
    public static func choose<Claim>(_ claims: [Claim], rank: (Claim) -> ClaimRank, key: (Claim) -> String,
                                     agree: (Claim, Claim) -> Bool) -> ClaimChoice<Claim>? {
        let ordered = claims.sorted { a, b in
            let ra = rank(a), rb = rank(b)
            return ra != rb ? ra > rb : key(a) > key(b)
        }
        guard let shown = ordered.first else { return nil }
        let top = rank(shown)
        let others = Array(ordered.dropFirst())
        return ClaimChoice(shown: shown, alternatives: others,
                           disputed: others.contains { rank($0) == top && !agree(shown, $0) })
    }
}

extension ClaimChoice: Codable where Claim: Codable {}
