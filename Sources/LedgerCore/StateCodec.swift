import Foundation

/// A compact, exact binary form of the state's parts (parties, partnerships, companies), for snapshots.
///
/// Snapshots must reload faster than replaying the events they stand for,
/// and exactly: decimals and stakes are kept as their 16 bytes of `Int128` units, dates as packed
/// integers, strings as UTF-8. The codec is written for one shape of the
/// state; ``coversCurrentLayout`` says whether that is still the shape
/// (``LedgerState/layoutFingerprint``), and stores must not write or read
/// snapshots when it is not — a field added to the state without updating
/// this codec disables snapshots instead of dropping the field.
///
/// ```swift
/// var bytes: [UInt8] = []
/// StateCodec.write(company, into: &bytes)
/// let again = try bytes.withUnsafeBytes { try StateCodec.readCompany(from: $0) }
/// ```
public enum StateCodec {
    /// The state layout this codec writes and reads.
    static let coveredLayout = "LedgerState(parties,partnerships,companies,lastDate,appliedCount);"
        + "CompanyState(id,capTable,capTableEventId,valuations,invested,roles,revenue,funding,purchases,warrants,negotiations,pendingSettlements);"
        + "PartyInfo(name,kind,eventId);"
        + "PartnershipState(id,parties,since,eventId,terms,invested,claims,negotiations,pendingSettlements);"
        + "TermState(value,since,eventId,status,members,disputed);"
        + "Figure(money,basis,date,status,seq,eventId,sources,period,announced);"
        + "RoleState(holders,since,eventId);MoneyTotals(byCurrency);Money(amount,currency);"
        + "DatePeriod(from,to);RevenueKey(date,basis);"
        + "TermClaim(kind,value,origin);ClaimOrigin(date,announced,status,eventId,sources);MemberClaim(value,origin);"
        + "ClaimChoice<MemberClaim>(shown,alternatives,disputed);FundingPosition(byCurrency);"
        + "Amounts(committed,conditional,funded);"
        + "PurchaseRecord(date,eventId,status,sources,buyer,seller,amount,upTo,period,years,capacity,scope,partnership);"
        + "WarrantRecord(date,eventId,status,holder,stake,shares,conditions,exercisedStake,exercisedShares);"
        + "NegotiationThread(thread,stages,closedOn,closedBy);"
        + "Stage(date,eventId,status,sources,stage,party,proposals,amount,valuation)"

    /// The codec's version and number representation, stored beside each snapshot: a snapshot written by another is not read.
    public static let format = "state-codec-3;int128-units-20-36"

    /// Whether this codec still covers every field of the state.
    public static var coversCurrentLayout: Bool { LedgerState.layoutFingerprint == coveredLayout }

    /// Appends a party's registration.
    public static func write(_ party: PartyInfo, into out: inout [UInt8]) {
        var w = Writer(out: out)
        out = []
        w.string(party.name); w.string(party.kind.rawValue); w.string(party.eventId)
        out = w.out
    }

    /// Appends a partnership.
    public static func write(_ partnership: PartnershipState, into out: inout [UInt8]) {
        var w = Writer(out: out)
        out = []
        w.string(partnership.id); w.strings(partnership.parties); w.date(partnership.since); w.string(partnership.eventId)
        // The terms in force are resolved again from their claims on reading.
        w.count(partnership.claims.count)
        for (name, claims) in partnership.claims {
            w.string(name); w.count(claims.count)
            for claim in claims {
                w.string(claim.kind.rawValue); w.string(claim.value.canonicalText)
                w.date(claim.origin.date); w.optionalDate(claim.origin.announced); w.string(claim.origin.status.rawValue)
                w.string(claim.origin.eventId); w.strings(claim.origin.sources)
            }
        }
        w.totals(partnership.invested)
        w.negotiations(partnership.negotiations, pending: partnership.pendingSettlements)
        out = w.out
    }

    /// Appends a company.
    public static func write(_ company: CompanyState, into out: inout [UInt8]) {
        var w = Writer(out: out)
        out = []
        w.string(company.id)
        if let table = company.capTable {
            w.byte(1); w.count(table.count)
            for (holder, stake) in table { w.string(holder); w.int128(stake.units) }
        } else {
            w.byte(0)
        }
        w.optionalString(company.capTableEventId)
        w.count(company.valuations.count)
        for (date, figures) in company.valuations { w.date(date); w.figures(figures) }
        w.totals(company.invested)
        w.count(company.roles.count)
        for (name, role) in company.roles { w.string(name); w.strings(role.holders); w.date(role.since); w.string(role.eventId) }
        w.count(company.revenue.count)
        for (key, figures) in company.revenue { w.date(key.date); w.string(key.basis.rawValue); w.figures(figures) }
        w.count(company.funding.count)
        for (investor, position) in company.funding {
            w.string(investor); w.count(position.byCurrency.count)
            for (currency, amounts) in position.byCurrency {
                w.string(currency); w.decimal(amounts.committed); w.decimal(amounts.conditional); w.decimal(amounts.funded)
            }
        }
        w.count(company.purchases.count)
        for p in company.purchases {
            w.date(p.date); w.string(p.eventId); w.string(p.status.rawValue); w.strings(p.sources); w.string(p.buyer); w.string(p.seller)
            w.money(p.amount); w.byte(p.upTo ? 1 : 0); w.optionalPeriod(p.period); w.optionalDecimal(p.years); w.optionalString(p.capacity)
            w.string(p.scope); w.optionalString(p.partnership)
        }
        w.count(company.warrants.count)
        for x in company.warrants {
            w.date(x.date); w.string(x.eventId); w.string(x.status.rawValue); w.string(x.holder); w.optionalDecimal(x.stake)
            w.optionalDecimal(x.shares); w.optionalString(x.conditions); w.decimal(x.exercisedStake); w.decimal(x.exercisedShares)
        }
        w.negotiations(company.negotiations, pending: company.pendingSettlements)
        out = w.out
    }

    /// Reads a party's registration written by ``write(_:into:)-(PartyInfo,_)``.
    public static func readParty(from bytes: UnsafeRawBufferPointer) throws(StateCodecError) -> PartyInfo {
        var r = Reader(bytes)
        let party = PartyInfo(name: try r.string(), kind: try r.enumeration(PartyKind.self), eventId: try r.string())
        try r.end()
        return party
    }

    /// Reads a partnership.
    public static func readPartnership(from bytes: UnsafeRawBufferPointer) throws(StateCodecError) -> PartnershipState {
        var r = Reader(bytes)
        var partnership = PartnershipState(id: try r.string(), parties: try r.strings(), since: try r.date(), eventId: try r.string())
        let terms = try r.count()
        for _ in 0..<terms {
            let name = try r.string()
            let count = try r.count()
            var claims: [TermClaim] = []
            claims.reserveCapacity(count)
            for _ in 0..<count {
                let kind = try r.enumeration(TermClaim.Kind.self)
                let value: JSONValue
                do { value = try JSONParser.parse(try r.string()) } catch { throw StateCodecError() }
                let origin = ClaimOrigin(date: try r.date(), announced: try r.optionalDate(), status: try r.enumeration(EventStatus.self),
                                         eventId: try r.string(), sources: try r.strings())
                claims.append(TermClaim(kind: kind, value: value, origin: origin))
            }
            partnership.claims[name] = claims
            partnership.terms[name] = TermState.resolve(claims)
        }
        partnership.invested = try r.totals()
        (partnership.negotiations, partnership.pendingSettlements) = try r.negotiations()
        try r.end()
        return partnership
    }

    /// Reads a company.
    public static func readCompany(from bytes: UnsafeRawBufferPointer) throws(StateCodecError) -> CompanyState {
        var r = Reader(bytes)
        var company = CompanyState(id: try r.string())
        if try r.byte() == 1 {
            let count = try r.count()
            var table: [String: Stake] = Dictionary(minimumCapacity: count)
            for _ in 0..<count { table[try r.string()] = Stake(units: try r.int128()) }
            company.capTable = table
        }
        company.capTableEventId = try r.optionalString()
        let valuations = try r.count()
        company.valuations = Dictionary(minimumCapacity: valuations)
        for _ in 0..<valuations { company.valuations[try r.date()] = try r.figures() }
        company.invested = try r.totals()
        let roles = try r.count()
        for _ in 0..<roles {
            company.roles[try r.string()] = RoleState(holders: try r.strings(), since: try r.date(), eventId: try r.string())
        }
        let revenue = try r.count()
        company.revenue = Dictionary(minimumCapacity: revenue)
        for _ in 0..<revenue {
            company.revenue[RevenueKey(date: try r.date(), basis: try r.enumeration(RevenueBasis.self))] = try r.figures()
        }
        for _ in 0..<(try r.count()) {
            let investor = try r.string()
            var position = FundingPosition()
            for _ in 0..<(try r.count()) {
                position.byCurrency[try r.string()] = FundingPosition.Amounts(committed: try r.decimal(), conditional: try r.decimal(), funded: try r.decimal())
            }
            company.funding[investor] = position
        }
        for _ in 0..<(try r.count()) {
            company.purchases.append(PurchaseRecord(date: try r.date(), eventId: try r.string(), status: try r.enumeration(EventStatus.self),
                                                    sources: try r.strings(), buyer: try r.string(), seller: try r.string(), amount: try r.money(),
                                                    upTo: try r.byte() == 1, period: try r.optionalPeriod(), years: try r.optionalDecimal(),
                                                    capacity: try r.optionalString(), scope: try r.string(), partnership: try r.optionalString()))
        }
        for _ in 0..<(try r.count()) {
            company.warrants.append(WarrantRecord(date: try r.date(), eventId: try r.string(), status: try r.enumeration(EventStatus.self),
                                                  holder: try r.string(), stake: try r.optionalDecimal(), shares: try r.optionalDecimal(),
                                                  conditions: try r.optionalString(), exercisedStake: try r.decimal(), exercisedShares: try r.decimal()))
        }
        (company.negotiations, company.pendingSettlements) = try r.negotiations()
        try r.end()
        return company
    }

    private struct Writer {
        var out: [UInt8]

        mutating func byte(_ value: UInt8) { out.append(value) }

        mutating func count(_ value: Int) {
            var value = UInt64(value)
            while value >= 0x80 { out.append(UInt8(truncatingIfNeeded: value) | 0x80); value >>= 7 }
            out.append(UInt8(value))
        }

        mutating func signed(_ value: Int64) { count(Int(bitPattern: UInt((value << 1) ^ (value >> 63)))) }

        mutating func string(_ text: String) {
            var text = text
            text.withUTF8 { utf8 in
                count(utf8.count)
                out.append(contentsOf: utf8)
            }
        }

        mutating func optionalString(_ text: String?) {
            if let text { byte(1); string(text) } else { byte(0) }
        }

        mutating func strings(_ list: [String]) {
            count(list.count)
            for text in list { string(text) }
        }

        mutating func int128(_ value: Int128) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        mutating func decimal(_ value: ExactDecimal) { int128(value.units) }

        mutating func date(_ value: LedgerDate) { signed(Int64(value.packed)) }

        mutating func money(_ value: Money) { decimal(value.amount); string(value.currency) }

        mutating func optionalMoney(_ value: Money?) {
            if let value { byte(1); money(value) } else { byte(0) }
        }

        mutating func totals(_ totals: [String: MoneyTotals]) {
            count(totals.count)
            for (key, total) in totals {
                string(key)
                count(total.byCurrency.count)
                for (currency, amount) in total.byCurrency { string(currency); decimal(amount) }
            }
        }

        mutating func optionalDecimal(_ value: ExactDecimal?) {
            if let value { byte(1); decimal(value) } else { byte(0) }
        }

        mutating func optionalPeriod(_ period: DatePeriod?) {
            if let period { byte(1); date(period.from); date(period.to) } else { byte(0) }
        }

        mutating func negotiations(_ threads: [String: NegotiationThread], pending: [String: [String]]) {
            count(threads.count)
            for (key, thread) in threads {
                string(key); string(thread.thread)
                if let closedOn = thread.closedOn { byte(1); date(closedOn) } else { byte(0) }
                optionalString(thread.closedBy)
                count(thread.stages.count)
                for stage in thread.stages {
                    date(stage.date); string(stage.eventId); string(stage.status.rawValue); strings(stage.sources); string(stage.stage)
                    optionalString(stage.party); strings(stage.proposals.map(\.canonicalText)); optionalMoney(stage.amount); optionalMoney(stage.valuation)
                }
            }
            // One (event, thread) pair per settlement, so an event settling several threads writes several pairs.
            count(pending.values.reduce(0) { $0 + $1.count })
            for (event, threads) in pending { for thread in threads { string(event); string(thread) } }
        }

        mutating func figures(_ figures: [Figure]) {
            count(figures.count)
            for figure in figures {
                money(figure.money); string(figure.basis); date(figure.date); string(figure.status.rawValue); signed(figure.seq)
                string(figure.eventId); strings(figure.sources)
                if let period = figure.period { byte(1); date(period.from); date(period.to) } else { byte(0) }
                optionalDate(figure.announced)
            }
        }

        mutating func optionalDate(_ value: LedgerDate?) {
            if let value { byte(1); date(value) } else { byte(0) }
        }
    }

    private struct Reader {
        let base: UnsafePointer<UInt8>
        let limit: Int
        var index = 0

        init(_ bytes: UnsafeRawBufferPointer) {
            base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)!
            limit = bytes.count
        }

        mutating func byte() throws(StateCodecError) -> UInt8 {
            guard index < limit else { throw StateCodecError() }
            index += 1
            return base[index - 1]
        }

        mutating func varint() throws(StateCodecError) -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let next = try byte()
                value |= UInt64(next & 0x7F) << shift
                if next < 0x80 { return value }
                shift += 7
                guard shift < 64 else { throw StateCodecError() }
            }
        }

        mutating func count() throws(StateCodecError) -> Int {
            let value = try varint()
            guard value <= UInt64(limit) else { throw StateCodecError() }
            return Int(value)
        }

        mutating func signed() throws(StateCodecError) -> Int64 {
            let raw = try varint()
            return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
        }

        mutating func string() throws(StateCodecError) -> String {
            let length = try count()
            guard index + length <= limit else { throw StateCodecError() }
            defer { index += length }
            return String(decoding: UnsafeBufferPointer(start: base + index, count: length), as: UTF8.self)
        }

        mutating func optionalString() throws(StateCodecError) -> String? {
            try byte() == 1 ? try string() : nil
        }

        mutating func strings() throws(StateCodecError) -> [String] {
            let count = try count()
            var list: [String] = []
            list.reserveCapacity(count)
            for _ in 0..<count { list.append(try string()) }
            return list
        }

        mutating func enumeration<E: RawRepresentable>(_ type: E.Type) throws(StateCodecError) -> E where E.RawValue == String {
            guard let value = E(rawValue: try string()) else { throw StateCodecError() }
            return value
        }

        mutating func int128() throws(StateCodecError) -> Int128 {
            let size = MemoryLayout<Int128>.size
            guard index + size <= limit else { throw StateCodecError() }
            var value: Int128 = 0
            withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(start: base + index, count: size)) }
            index += size
            return Int128(littleEndian: value)
        }

        mutating func decimal() throws(StateCodecError) -> ExactDecimal { ExactDecimal(units: try int128()) }

        mutating func date() throws(StateCodecError) -> LedgerDate {
            let packed = try signed()
            guard let date = LedgerDate(year: Int(packed / 10000), month: Int(packed / 100 % 100), day: Int(packed % 100)) else {
                throw StateCodecError()
            }
            return date
        }

        mutating func money() throws(StateCodecError) -> Money { Money(amount: try decimal(), currency: try string()) }

        mutating func optionalMoney() throws(StateCodecError) -> Money? {
            try byte() == 1 ? try money() : nil
        }

        mutating func totals() throws(StateCodecError) -> [String: MoneyTotals] {
            let count = try count()
            var totals: [String: MoneyTotals] = Dictionary(minimumCapacity: count)
            for _ in 0..<count {
                let key = try string()
                let currencies = try self.count()
                var byCurrency: [String: ExactDecimal] = Dictionary(minimumCapacity: currencies)
                for _ in 0..<currencies { byCurrency[try string()] = try decimal() }
                totals[key] = MoneyTotals(byCurrency: byCurrency)
            }
            return totals
        }

        mutating func optionalDecimal() throws(StateCodecError) -> ExactDecimal? {
            try byte() == 1 ? try decimal() : nil
        }

        mutating func optionalPeriod() throws(StateCodecError) -> DatePeriod? {
            try byte() == 1 ? DatePeriod(from: try date(), to: try date()) : nil
        }

        mutating func negotiations() throws(StateCodecError) -> ([String: NegotiationThread], [String: [String]]) {
            var threads: [String: NegotiationThread] = [:]
            for _ in 0..<(try count()) {
                let key = try string()
                var thread = NegotiationThread(thread: try string(), stages: [])
                thread.closedOn = try byte() == 1 ? try date() : nil
                thread.closedBy = try optionalString()
                for _ in 0..<(try count()) {
                    let date = try date(), eventId = try string(), status = try enumeration(EventStatus.self), sources = try strings()
                    let stage = try string(), party = try optionalString()
                    var proposals: [JSONValue] = []
                    for text in try strings() {
                        do { proposals.append(try JSONParser.parse(text)) } catch { throw StateCodecError() }
                    }
                    thread.stages.append(NegotiationThread.Stage(date: date, eventId: eventId, status: status, sources: sources, stage: stage,
                                                                 party: party, proposals: proposals, amount: try optionalMoney(),
                                                                 valuation: try optionalMoney()))
                }
                threads[key] = thread
            }
            var pending: [String: [String]] = [:]
            for _ in 0..<(try count()) { pending[try string(), default: []].append(try string()) }
            return (threads, pending)
        }

        mutating func figures() throws(StateCodecError) -> [Figure] {
            let count = try count()
            var figures: [Figure] = []
            figures.reserveCapacity(count)
            for _ in 0..<count {
                let money = try money(), basis = try string(), date = try date(), status = try enumeration(EventStatus.self)
                let seq = try signed(), eventId = try string(), sources = try strings()
                let period: DatePeriod? = try byte() == 1 ? DatePeriod(from: try self.date(), to: try self.date()) : nil
                figures.append(Figure(money: money, basis: basis, date: date, status: status, seq: seq, eventId: eventId,
                                      sources: sources, period: period, announced: try optionalDate()))
            }
            return figures
        }

        mutating func optionalDate() throws(StateCodecError) -> LedgerDate? {
            try byte() == 1 ? try date() : nil
        }

        func end() throws(StateCodecError) {
            guard index == limit else { throw StateCodecError() }
        }
    }
}

/// A snapshot part that is not in the form ``StateCodec`` writes (truncated, altered, or from another version).
public struct StateCodecError: Error, Equatable, Sendable {
    /// A part that cannot be read.
    public init() {}
}
