import Foundation
import LedgerCore

/// Plans and writes a deterministic synthetic ledger history.
///
/// The history looks like an industry over decades: companies and investors
/// are registered first, then partnerships, then funding rounds, valuations,
/// revenue reports, governance changes, renegotiations and recapitalizations,
/// with corrections and retractions of earlier events sprinkled in. About 5%
/// of the events are back-filled: recorded (placed in the log) well after
/// events with later effective dates. Everything is a pure function of the
/// event count and the seed.
///
/// ```swift
/// let generator = try HistoryGenerator(count: 10_000, seed: 1)
/// try generator.write { line in print(line) }
/// ```
public struct HistoryGenerator: Sendable {
    /// What one planned event is.
    public enum Kind: UInt8, Sendable {
        case company, investor, partnership
        case round, valuation, revenue, governance, renegotiation, recapitalization
        case correction, retraction
        case commitment, funding, purchaseCommitment, warrant, negotiation

        /// The kinds of CONTRACT §4, drawn for a few company events from a stream of their own
        /// (so the histories of earlier versions keep every other event as it was).
        static let moneyKinds: [Kind] = [.commitment, .commitment, .funding, .funding, .funding, .purchaseCommitment, .warrant, .negotiation, .negotiation]
    }

    /// One event to be written, before its content is made.
    public struct Plan: Sendable {
        /// Effective date, in days since 1970-01-01.
        public var day: Int32
        /// What the event is.
        public var kind: Kind
        /// Company index, partnership index, investor index, or (for amendments) the target's log position.
        public var subject: Int32
        /// The event's number, which seeds its content and names it.
        public var number: Int32
    }

    /// The share of back-filled events.
    public static let backfillShare = 0.05
    /// Effective dates end here.
    public static let lastDay = LedgerDate(year: 2026, month: 6, day: 30)!.daysSinceEpoch

    /// How many events the history holds.
    public let count: Int
    /// The seed of every random choice.
    public let seed: UInt64
    /// Whether the facts are recorded in random effective-date order (back-filled history), not mostly in date order.
    public let shuffledDates: Bool
    private(set) var companies: [(founded: Int, base: Int64)] = []
    private(set) var investors: [(kind: PartyKind, since: Int)] = []
    private(set) var partnerships: [(company: Int, investor: Int, since: Int)] = []
    private var partnershipsOfCompany: [Int: [Int]] = [:]
    /// The investors each company mostly raises from (cap tables stay realistic: a syndicate, not the whole market).
    private var syndicates: [[Int]] = []

    /// Plans a history of exactly `count` events; `shuffledDates` records every fact in random date order.
    public init(count: Int, seed: UInt64, shuffledDates: Bool = false) throws {
        self.count = count
        self.seed = seed
        self.shuffledDates = shuffledDates
        let companyCount = max(2, count / 250), investorCount = max(2, count / 400), partnershipCount = max(1, count / 1000)
        guard count >= companyCount + investorCount + partnershipCount + 10 else {
            throw HistoryGeneratorError(message: "a history needs at least \(companyCount + investorCount + partnershipCount + 10) events")
        }
        var random = SeededRandom(seed: seed)
        let firstFounding = LedgerDate(year: 1970, month: 1, day: 1)!.daysSinceEpoch
        let lastFounding = LedgerDate(year: 2022, month: 12, day: 31)!.daysSinceEpoch
        for _ in 0..<companyCount {
            companies.append((random.int(in: firstFounding...lastFounding), Int64(random.int(in: 1...200)) * 1_000_000))
        }
        let investorKinds: [PartyKind] = [.investor, .investor, .investor, .fund, .fund, .person, .nonprofit, .company]
        for _ in 0..<investorCount {
            investors.append((random.pick(investorKinds), random.int(in: LedgerDate(year: 1950, month: 1, day: 1)!.daysSinceEpoch...firstFounding)))
        }
        for _ in 0..<companyCount {
            syndicates.append((0..<random.int(in: 4...12)).map { _ in random.int(in: 0..<investorCount) })
        }
        for index in 0..<partnershipCount {
            let company = random.int(in: 0..<companyCount)
            let investor = random.int(in: 0..<investorCount)
            let since = random.int(in: companies[company].founded...Self.lastDay)
            partnerships.append((company, investor, since))
            partnershipsOfCompany[company, default: []].append(index)
        }
    }

    // MARK: - Log order

    /// The planned events in log order.
    public func plans() -> [Plan] {
        var random = SeededRandom.derived(seed, 1)
        var number: Int32 = 0
        func next() -> Int32 { number += 1; return number }
        var log: [Plan] = []
        log.reserveCapacity(count)
        // Registrations first: parties by date, then partnerships by date.
        var parties: [Plan] = companies.indices.map { Plan(day: Int32(companies[$0].founded), kind: .company, subject: Int32($0), number: 0) }
        parties += investors.indices.map { Plan(day: Int32(investors[$0].since), kind: .investor, subject: Int32($0), number: 0) }
        parties.sort { ($0.day, $0.kind.rawValue, $0.subject) < ($1.day, $1.kind.rawValue, $1.subject) }
        var registrations = parties
        registrations += partnerships.indices.sorted { (partnerships[$0].since, $0) < (partnerships[$1].since, $1) }
            .map { Plan(day: Int32(partnerships[$0].since), kind: .partnership, subject: Int32($0), number: 0) }
        for var plan in registrations { plan.number = next(); log.append(plan) }

        // The body: facts about companies and partnerships, dated over each one's life.
        let remaining = count - log.count
        let amendmentCount = remaining * 3 / 100
        let bodyCount = remaining - amendmentCount
        // Roughly a company's life: quarterly revenue reports dominate, a round every year or two.
        let mix: [(Kind, Int)] = [(.round, 10), (.valuation, 14), (.revenue, 40), (.governance, 15), (.renegotiation, 10), (.recapitalization, 2)]
        let weightTotal = mix.reduce(0) { $0 + $1.1 }
        // A tenth of the companies are busy: five times the events of the others.
        let companyWeights = companies.indices.map { $0 % 10 == 0 ? 5 : 1 }
        let companyWeightTotal = companyWeights.reduce(0, +)
        var cumulative: [Int] = []
        var running = 0
        for weight in companyWeights { running += weight; cumulative.append(running) }
        var body: [Plan] = []
        body.reserveCapacity(bodyCount)
        var moneyRandom = SeededRandom.derived(seed, 2)
        for _ in 0..<bodyCount {
            var roll = random.int(in: 0..<weightTotal)
            var kind = Kind.revenue
            for (candidate, weight) in mix { if roll < weight { kind = candidate; break }; roll -= weight }
            if kind != .renegotiation, kind != .revenue, moneyRandom.chance(0.15) { kind = moneyRandom.pick(Kind.moneyKinds) }
            if kind == .renegotiation {
                let partnership = random.int(in: 0..<partnerships.count)
                let day = random.int(in: partnerships[partnership].since...Self.lastDay)
                body.append(Plan(day: Int32(day), kind: kind, subject: Int32(partnership), number: 0))
            } else {
                let pick = random.int(in: 0..<companyWeightTotal)
                var low = 0, high = cumulative.count - 1
                while low < high { let mid = (low + high) / 2; if cumulative[mid] > pick { high = mid } else { low = mid + 1 } }
                var day = random.int(in: companies[low].founded...Self.lastDay)
                if kind == .revenue { day = Self.quarterEnd(day) }
                body.append(Plan(day: Int32(day), kind: kind, subject: Int32(low), number: 0))
            }
        }
        body.sort { $0.day < $1.day }
        // Back-fill: about 5% are recorded well after later-dated events.
        var keyed: [(key: Int, plan: Plan)] = []
        keyed.reserveCapacity(body.count)
        let maxDelay = max(10, body.count / 4)
        for (position, plan) in body.enumerated() {
            let delay = random.chance(Self.backfillShare) ? random.int(in: 1...maxDelay) : 0
            keyed.append((position * 2 + delay * 2 + (delay > 0 ? 1 : 0), plan))
        }
        keyed.sort { $0.key < $1.key }
        // Or all of them arrive in random date order, as a back-filled archive does.
        if shuffledDates { keyed.shuffle(using: &random) }

        // Amendments: corrections and retractions of events already in the log.
        let amendmentEvery = amendmentCount > 0 ? Double(amendmentCount) / Double(bodyCount) : 0
        var correctable = (0..<Int32(log.count)).map { $0 }   // registrations and body events
        var retractable: [Int32] = []                            // body events and corrections
        var amendmentsLeft = amendmentCount
        func amend() {
            amendmentsLeft -= 1
            let isCorrection = random.int(in: 0..<3) < 2 || retractable.isEmpty
            let pool = isCorrection ? correctable : retractable
            // Mostly recent events, sometimes anything in the log.
            let target = random.chance(0.7) ? pool[random.int(in: max(0, pool.count - 2000)..<pool.count)] : random.pick(pool)
            let day = min(Self.lastDay, max(Int(log[Int(target)].day), Int(log[log.count - 1].day)) + random.int(in: 0...60))
            if isCorrection { retractable.append(Int32(log.count)) }
            log.append(Plan(day: Int32(day), kind: isCorrection ? .correction : .retraction, subject: target, number: next()))
        }
        for (_, var plan) in keyed {
            plan.number = next()
            correctable.append(Int32(log.count))
            retractable.append(Int32(log.count))
            log.append(plan)
            while amendmentsLeft > 0, random.chance(amendmentEvery) { amend() }
        }
        while amendmentsLeft > 0 { amend() }
        return log
    }

    // MARK: - Content

    /// Writes the whole history, one canonical JSON object per call.
    public func write(_ emit: (String) throws -> Void) throws {
        let log = plans()
        for plan in log { try emit(event(plan, in: log).canonicalText) }
    }

    /// The event a plan stands for (deterministic in the plan and the seed).
    public func event(_ plan: Plan, in log: [Plan], variant: UInt64 = 0) -> Event {
        var random = SeededRandom.derived(seed, UInt64(plan.number) << 8 | variant)
        let date = LedgerDate(daysSinceEpoch: Int(plan.day))!
        let id = Self.id(plan)
        var sources: [String] = []
        if random.chance(0.3) { sources.append("https://news.example/\(date.year)/\(id)") }
        let note: String? = random.chance(0.05) ? "synthetic note \(plan.number)" : nil
        let announced: LedgerDate? = random.chance(0.2) ? date.adding(days: random.int(in: 0...30)).flatMap { $0.daysSinceEpoch <= Self.lastDay ? $0 : nil } : nil
        let status: EventStatus = random.chance(0.75) ? .confirmed : random.chance(0.7) ? .reported : .estimate
        let body: EventBody
        switch plan.kind {
        case .company:
            let index = Int(plan.subject)
            body = .party(PartyRegistration(party: Self.companyID(index), name: "Company \(index) \(variant == 0 ? "Inc." : "Corporation")", kind: .company))
        case .investor:
            let index = Int(plan.subject)
            body = .party(PartyRegistration(party: Self.investorID(index), name: "Investor \(index)\(variant == 0 ? "" : " Partners")", kind: investors[index].kind))
        case .partnership:
            let p = partnerships[Int(plan.subject)]
            body = .partnership(PartnershipRegistration(
                partnership: Self.partnershipID(Int(plan.subject)), parties: [Self.companyID(p.company), Self.investorID(p.investor)],
                terms: [
                    "revenue-share": .object(["rate": .string(Self.fraction(random.int(in: 5...30), 100)), "payer": .string(Self.companyID(p.company)),
                                              "payee": .string(Self.investorID(p.investor))]),
                    "exclusivity": .bool(random.chance(0.5)),
                    "term-years": .number(String(random.int(in: 3...15))),
                ]))
        case .round:
            body = .fundingRound(round(company: Int(plan.subject), day: Int(plan.day), random: &random))
        case .valuation:
            let company = Int(plan.subject)
            let value = value(of: company, day: Int(plan.day)) * Int64(random.int(in: 16...24)) / 20
            body = .valuation(ValuationReport(company: Self.companyID(company), value: Self.usd(value),
                                              basis: random.pick(ValuationBasis.allCases)))
        case .revenue:
            let company = Int(plan.subject)
            let amount = value(of: company, day: Int(plan.day)) / Int64(random.int(in: 8...40))
            let basis = random.pick([RevenueBasis.annualizedRunRate, .annualizedRunRate, .fiscalYear, .period])
            var period: DatePeriod?
            if basis != .annualizedRunRate {
                let months = basis == .fiscalYear ? 12 : 3
                let to = date
                let startMonth = to.month - months + 1
                let from = LedgerDate(year: startMonth > 0 ? to.year : to.year - 1, month: startMonth > 0 ? startMonth : startMonth + 12, day: 1)!
                period = DatePeriod(from: from, to: to)
            }
            body = .revenue(RevenueReport(company: Self.companyID(company), amount: Self.usd(amount), basis: basis, period: period))
        case .governance:
            var changes: [RoleChange] = []
            for _ in 0..<random.int(in: 1...2) {
                let person = "Person \(random.int(in: 1...(companies.count * 3)))"
                switch random.int(in: 0..<6) {
                case 0, 1: changes.append(RoleChange(role: "ceo", action: .set([person])))
                case 2: changes.append(RoleChange(role: "chair", action: .set([person])))
                case 3, 4: changes.append(RoleChange(role: "board", action: .add(person)))
                default: changes.append(RoleChange(role: "board", action: .remove(person)))
                }
            }
            body = .governance(GovernanceChange(company: Self.companyID(Int(plan.subject)), changes: changes))
        case .renegotiation:
            let p = partnerships[Int(plan.subject)]
            var changes: [TermChange] = []
            switch random.int(in: 0..<6) {
            case 5:
                changes.append(TermChange(term: "revenue-share", action: .merge([
                    "rate": .string(Self.fraction(random.int(in: 5...30), 100))])))
            case 0, 1:
                changes.append(TermChange(term: "revenue-share", action: .set(.object([
                    "rate": .string(Self.fraction(random.int(in: 5...30), 100)), "payer": .string(Self.companyID(p.company)),
                    "payee": .string(Self.investorID(p.investor))]))))
            case 2: changes.append(TermChange(term: "exclusivity", action: .set(.bool(random.chance(0.5)))))
            case 3: changes.append(TermChange(term: "term-years", action: .set(.number(String(random.int(in: 3...15))))))
            default: changes.append(TermChange(term: random.pick(["exclusivity", "compute-commitment"]), action: .remove))
            }
            if random.chance(0.3) {
                changes.append(TermChange(term: "compute-commitment", action: .set(Self.usd(value(of: p.company, day: Int(plan.day)) / 10).json)))
            }
            body = .renegotiation(Renegotiation(partnership: Self.partnershipID(Int(plan.subject)), changes: changes))
        case .recapitalization:
            var holders = Set<String>()
            var stakes: [Holding] = []
            var left = 1000
            for _ in 0..<random.int(in: 2...5) {
                let holder = random.chance(0.8) ? Self.investorID(random.pick(syndicates[Int(plan.subject)])) : randomHolder(&random)
                guard holders.insert(holder).inserted, left > 0 else { continue }
                let share = random.int(in: 1...min(left, 600))
                left -= share
                stakes.append(Holding(holder: holder, stake: ExactDecimal(share) / 1000))
            }
            body = .recapitalization(Recapitalization(company: Self.companyID(Int(plan.subject)), stakes: stakes,
                                                      basis: random.chance(0.5) ? "fully diluted" : nil))
        case .correction:
            let target = log[Int(plan.subject)]
            var replacement = event(target, in: log, variant: 1 + UInt64(plan.number))
            replacement.id = Self.id(target)
            if random.chance(0.2), target.kind != .company, target.kind != .investor, target.kind != .partnership,
               let moved = replacement.date.adding(days: random.int(in: -30...30)), moved.daysSinceEpoch <= Self.lastDay {
                replacement.date = moved
            }
            body = .correction(Correction(corrects: Self.id(target), replacement: replacement, reason: "corrected figure \(plan.number)"))
        case .retraction:
            body = .retraction(Retraction(retracts: Self.id(log[Int(plan.subject)]), reason: "retracted \(plan.number)"))
        case .commitment, .funding, .purchaseCommitment, .warrant, .negotiation:
            body = moneyEvent(plan, random: &random)
        }
        return Event(id: id, date: date, announced: announced, status: status, sources: sources, note: note, body: body)
    }

    private func round(company: Int, day: Int, random: inout SeededRandom) -> FundingRound {
        let value = value(of: company, day: day)
        let total = max(1000, value / Int64(random.int(in: 4...12)) / 1000 * 1000)
        var investments: [Investment] = []
        var used = Set<String>()
        let parts = random.int(in: 1...3)
        var left = total
        for part in 0..<parts {
            let investor = Self.investorID(random.chance(0.85) ? random.pick(syndicates[company]) : random.int(in: 0..<investors.count))
            guard used.insert(investor).inserted else { continue }
            let amount = part == parts - 1 ? left : max(1000, left / 2 / 1000 * 1000)
            guard amount > 0 else { break }
            left -= amount
            investments.append(Investment(investor: investor, amount: Self.usd(amount)))
        }
        if left > 0 { investments[0].amount.amount += ExactDecimal(left) }
        let roll = random.int(in: 0..<20)
        let instrument: Instrument = roll < 14 ? .equity : roll < 16 ? .convertible : roll < 17 ? .profitParticipation : roll < 18 ? .cloudCredits : .mixed
        var pre: Money?, post: Money?
        let shape = random.int(in: 0..<20)
        if instrument == .equity || shape < 10 {
            switch shape % 4 {
            case 0, 1: post = Self.usd(value + total)
            case 2: pre = Self.usd(value)
            default: pre = Self.usd(value); post = Self.usd(value + total)
            }
        }
        let partnership = partnershipsOfCompany[company].flatMap { random.chance(0.3) ? random.pick($0) : nil }.map(Self.partnershipID)
        let stage = ["seed", "series-a", "series-b", "series-c", "series-d", "growth", "late"][min(6, (day - companies[company].founded) / 1500)]
        return FundingRound(company: Self.companyID(company), round: "\(stage) \(LedgerDate(daysSinceEpoch: day)!.year)", instrument: instrument,
                            investments: investments, preMoney: pre, postMoney: post, partnership: partnership)
    }

    /// A pledge, payment, purchase commitment, warrant or negotiation about company `plan.subject`.
    private func moneyEvent(_ plan: Plan, random: inout SeededRandom) -> EventBody {
        let company = Int(plan.subject)
        let companyID = Self.companyID(company)
        let investor = Self.investorID(random.pick(syndicates[company]))
        let size = max(1000, value(of: company, day: Int(plan.day)) / Int64(random.int(in: 4...20)) / 1000 * 1000)
        let partnership = partnershipsOfCompany[company].flatMap { random.chance(0.3) ? random.pick($0) : nil }.map(Self.partnershipID)
        switch plan.kind {
        case .commitment:
            let conditional = random.chance(0.4) ? Self.usd(size / 2 / 1000 * 1000) : nil
            return .commitment(Commitment(company: companyID, investor: investor, amount: Self.usd(size), upTo: random.chance(0.5),
                                          conditional: conditional, conditions: conditional.map { _ in "milestone \(plan.number)" },
                                          instrument: random.chance(0.7) ? random.pick(Instrument.allCases) : nil, partnership: partnership))
        case .funding:
            let money = Self.usd(size / Int64(random.int(in: 1...4)) / 1000 * 1000)
            return .funding(Funding(company: companyID, investor: investor, paid: random.chance(0.7) ? .amount(money) : .toDate(money),
                                    partnership: partnership))
        case .purchaseCommitment:
            let period = random.chance(0.5) ? DatePeriod(from: LedgerDate(daysSinceEpoch: Int(plan.day))!,
                                                         to: LedgerDate(daysSinceEpoch: Int(plan.day) + 365 * random.int(in: 1...8))!) : nil
            return .purchaseCommitment(PurchaseCommitment(buyer: companyID, seller: investor, amount: Self.usd(size * 3), upTo: random.chance(0.3),
                                                          period: period, years: period == nil && random.chance(0.6) ? ExactDecimal(random.int(in: 1...10)) : nil,
                                                          capacity: random.chance(0.4) ? "\(random.int(in: 1...5)) GW" : nil,
                                                          scope: "compute \(plan.number)", partnership: partnership))
        case .warrant:
            return .warrant(Warrant(company: companyID, holder: investor, stake: random.chance(0.7) ? ExactDecimal(random.int(in: 1...100)) / 1000 : nil,
                                    shares: random.chance(0.3) ? ExactDecimal(random.int(in: 1...1000) * 1000) : nil,
                                    conditions: "vesting condition \(plan.number)"))
        default:
            let stage = random.pick(Negotiation.Stage.allCases)
            return .negotiation(Negotiation(subject: .round(company: companyID, amount: random.chance(0.7) ? Self.usd(size) : nil,
                                                            valuation: random.chance(0.7) ? Self.usd(size * 10) : nil),
                                            stage: stage, party: random.chance(0.5) ? investor : nil,
                                            thread: "thread-\(company)-\(random.int(in: 0...2))"))
        }
    }

    /// A company's valuation level on a day: grows with age, in whole thousands of dollars.
    private func value(of company: Int, day: Int) -> Int64 {
        let years = Int64(max(0, day - companies[company].founded) / 365)
        return companies[company].base * (4 + years * years) / 4 / 1000 * 1000
    }

    private func randomHolder(_ random: inout SeededRandom) -> String {
        random.chance(0.8) ? Self.investorID(random.int(in: 0..<investors.count)) : Self.companyID(random.int(in: 0..<companies.count))
    }

    /// Every event of the history, in log order.
    public func events() -> [Event] {
        let log = plans()
        return log.map { event($0, in: log) }
    }

    // MARK: - Names

    /// The party id of company `index`.
    public static func companyID(_ index: Int) -> String { "co-\(index)" }
    /// The party id of investor `index`.
    public static func investorID(_ index: Int) -> String { "inv-\(index)" }
    /// The id of partnership `index`.
    public static func partnershipID(_ index: Int) -> String { "ps-\(index)" }

    /// The event id of a plan.
    public static func id(_ plan: Plan) -> String {
        switch plan.kind {
        case .company: "reg-co-\(plan.subject)"
        case .investor: "reg-inv-\(plan.subject)"
        case .partnership: "reg-ps-\(plan.subject)"
        case .round: "fr-\(plan.number)"
        case .valuation: "val-\(plan.number)"
        case .revenue: "rev-\(plan.number)"
        case .governance: "gov-\(plan.number)"
        case .renegotiation: "ren-\(plan.number)"
        case .recapitalization: "rcp-\(plan.number)"
        case .correction: "cor-\(plan.number)"
        case .retraction: "ret-\(plan.number)"
        case .commitment: "cmt-\(plan.number)"
        case .funding: "fnd-\(plan.number)"
        case .purchaseCommitment: "pc-\(plan.number)"
        case .warrant: "wrt-\(plan.number)"
        case .negotiation: "neg-\(plan.number)"
        }
    }

    static func usd(_ amount: Int64) -> Money { Money(amount: ExactDecimal(amount), currency: "USD") }

    static func fraction(_ numerator: Int, _ denominator: Int) -> String { ExactDecimal.text(ExactDecimal(numerator) / ExactDecimal(denominator)) }

    static func quarterEnd(_ day: Int) -> Int {
        let date = LedgerDate(daysSinceEpoch: day)!
        let month = (date.month - 1) / 3 * 3 + 3
        let end = LedgerDate(year: date.year, month: month, day: month == 6 || month == 9 ? 30 : 31)!
        return min(end.daysSinceEpoch, lastDay)
    }
}

/// A history that cannot be generated as asked.
public struct HistoryGeneratorError: Error, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    public var description: String { message }
}
