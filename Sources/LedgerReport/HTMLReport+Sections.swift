import Foundation
import LedgerCore

extension HTMLReport {
    func valuationsSection() -> [String] {
        var out = ["<section id=\"valuations\" data-section=\"valuations\">", "<h2>Valuations over time</h2>"]
        let groups = byCurrency(input.series.valuations)
        if groups.isEmpty { out.append("<p class=\"note\">No valuations recorded by \(input.asOf.text).</p>") }
        for group in groups {
            let id = groups.count > 1 ? "valuations-\(group.currency?.lowercased() ?? "other")" : "valuations"
            let chart = LineChart(id: id, title: "Valuations over time, log scale" + (groups.count > 1 ? " (\(group.currency ?? ""))" : ""),
                                  series: group.series, scale: .log, end: input.asOf)
            out += figure(chart.svg(), caption: "The valuation in force for each company after every event that set one: "
                + "a priced round's post-money, a tender offer, a secondary sale or a reported figure (where sources disagree on a date, "
                + "confirmed beats reported beats estimate). Log scale: equal steps are equal ratios.")
        }
        out.append("</section>")
        return out
    }

    func stakesSection() -> [String] {
        var out = ["<section id=\"stakes\" data-section=\"stakes\">", "<h2>Stakes of each company's holders over time</h2>"]
        if input.series.stakes.isEmpty { out.append("<p class=\"note\">No cap table recorded by \(input.asOf.text).</p>") }
        for company in input.series.stakes {
            out.append("<h3>\(HTML.escape(company.name)) (\(HTML.escape(company.company)))</h3>")
            let chart = LineChart(id: "stakes-\(company.company)", title: "Stakes in \(company.name) over time",
                                  series: company.holders, scale: .linear, end: input.asOf, cap: 1)
            out += figure(chart.svg(), caption: "Each recorded holder's fraction of \(HTML.escape(company.name)) after every priced equity round "
                + "(which dilutes earlier holders) or recapitalization (which replaces the table). "
                + "\u{201C}Other holders\u{201D} is the stake no recorded holder owns.")
        }
        out.append("</section>")
        return out
    }

    func investmentsSection() -> [String] {
        var out = ["<section id=\"investments\" data-section=\"investments\">", "<h2>Cumulative investment by investor</h2>"]
        let groups = byCurrency(input.series.investments)
        if groups.isEmpty {
            out.append("<p class=\"note\">No funding round recorded by \(input.asOf.text)"
                + (input.series.funding.isEmpty ? ".</p>" : " (pledges and payments made apart from rounds are charted under Committed versus funded).</p>"))
        }
        for group in groups {
            let id = groups.count > 1 ? "investments-\(group.currency?.lowercased() ?? "other")" : "investments"
            let chart = LineChart(id: id, title: "Cumulative investment by investor" + (groups.count > 1 ? " (\(group.currency ?? ""))" : ""),
                                  series: group.series, scale: .linear, end: input.asOf)
            out += figure(chart.svg(), caption: "Money each investor has put into each company, partner or not, summed over every round of any "
                + "instrument (equity, convertible, profit participation, cloud credits), as the rounds state it.")
        }
        out.append("</section>")
        return out
    }

    func fundingSection() -> [String] {
        var out = ["<section id=\"funding\" data-section=\"funding\">", "<h2>Committed versus funded</h2>"]
        if input.series.funding.isEmpty {
            out.append("<p class=\"note\">Every pledge recorded by \(input.asOf.text) was paid in full when made.</p>")
        }
        for pair in input.series.funding {
            out.append("<h3>\(HTML.escape(pair.name))\(pair.currency == "USD" ? "" : " (\(HTML.escape(pair.currency)))")</h3>")
            let chart = LineChart(id: "funding-\(pair.investor)-in-\(pair.company)" + (pair.currency == "USD" ? "" : "-\(pair.currency.lowercased())"),
                                  title: "\(pair.name): committed versus funded", series: pair.series, scale: .linear, end: input.asOf)
            out += figure(chart.svg(), caption: "What \(HTML.escape(pair.name)) pledged firmly (committed) and what it has paid (funded), after every "
                + "round, commitment or payment; the gap is outstanding. A pledged line adds the part that depends on a condition "
                + "(an IPO, a milestone) not yet met; money paid beyond the firm part moves from it to committed.")
        }
        out.append("</section>")
        return out
    }

    func flowsSection() -> [String] {
        var out = ["<section id=\"flows\" data-section=\"flows\">", "<h2>Money in and compute bought back</h2>"]
        let flows = input.state.flows().filter { $0.purchases > 0 }
        guard !flows.isEmpty else {
            out += ["<p class=\"note\">No purchase commitment recorded by \(input.asOf.text).</p>", "</section>"]
            return out
        }
        var currencies: [String] = []
        for flow in flows where !currencies.contains(flow.currency) { currencies.append(flow.currency) }
        for currency in currencies {
            let group = flows.filter { $0.currency == currency }
            let chart = FlowChart(id: currencies.count > 1 ? "flows-\(currency.lowercased())" : "flows", currency: currency, flows: group,
                                  names: input.state.name(of:))
            out += figure(chart.svg(), caption: "For each pair with a purchase commitment: to the left, the money the investor committed "
                + "(wide bar) and paid (narrow bar) into the company; to the right, the compute the company committed to buy from that investor "
                + "(totals over each commitment's period). Circular deals show bars on both sides.")
        }
        out.append("<table class=\"flows-table\">")
        out.append("<thead><tr><th>Investor</th><th>Company</th><th>Committed</th><th>Funded</th><th>Compute bought back</th><th>Purchase commitments</th></tr></thead><tbody>")
        for flow in flows {
            func money(_ amount: ExactDecimal) -> String { HTML.escape(ValueText.money(Money(amount: amount, currency: flow.currency))) }
            out.append("<tr data-investor=\"\(HTML.escape(flow.investor))\" data-company=\"\(HTML.escape(flow.company))\">"
                + "<td>\(HTML.escape(input.state.name(of: flow.investor)))</td><td>\(HTML.escape(input.state.name(of: flow.company)))</td>"
                + "<td class=\"num\">\(money(flow.investment.committed))</td><td class=\"num\">\(money(flow.investment.funded))</td>"
                + "<td class=\"num\">\(money(flow.purchases))</td><td>\(flow.purchaseEventIds.map(HTML.escape).joined(separator: "<br>"))</td></tr>")
        }
        out += ["</tbody>", "</table>", "</section>"]
        return out
    }

    func timelineSection() -> [String] {
        var entries: [TimelineEntry] = []
        for partnership in input.termAudits.keys.sorted() {
            entries += TimelineEntry.terms(partnership: partnership, lines: input.termAudits[partnership]!)
        }
        entries += input.series.governance.map(TimelineEntry.governance)
        for negotiation in input.state.negotiations(includeClosed: true) {
            entries += TimelineEntry.negotiation(subject: negotiation.subject, isPartnership: negotiation.isPartnership, thread: negotiation.thread)
        }
        entries = entries.enumerated().sorted { a, b in
            (a.element.date, a.offset) < (b.element.date, b.offset)
        }.map(\.element)
        let total = entries.count
        // A long history would bury the chart and the page; keep the latest entries and say so.
        if total > Self.timelineLimit { entries = Array(entries.suffix(Self.timelineLimit)) }
        for index in entries.indices { entries[index].number = index + 1 }

        var out = ["<section id=\"timeline\" data-section=\"timeline\">", "<h2>Timeline of term changes, negotiations and governance events</h2>"]
        guard !entries.isEmpty else {
            out += ["<p class=\"note\">No term changes, negotiations or governance events recorded by \(input.asOf.text).</p>", "</section>"]
            return out
        }
        if total > entries.count {
            out.append("<p class=\"note\">Showing the latest \(entries.count) of \(total) entries (from \(entries[0].date.text)); "
                + "<code>partnership-ledger audit PARTNERSHIP</code> lists every term change.</p>")
        }
        // A partnership's proposals share its row, marked apart; a company's round talks get a row of their own.
        let partnerships = Set(input.termAudits.keys).union(entries.filter { $0.kind == .proposedTerms }.map(\.subject)).sorted()
        var rows: [TimelineChart.Row] = partnerships.map { id in
            TimelineChart.Row(label: id, entries: entries.filter { ($0.kind == .terms || $0.kind == .proposedTerms) && $0.subject == id })
        }
        rows += Set(entries.filter { $0.kind == .proposedRound }.map(\.subject)).sorted().map { id in
            TimelineChart.Row(label: "\(input.state.name(of: id)) round talks", entries: entries.filter { $0.kind == .proposedRound && $0.subject == id })
        }
        let governed = Set(entries.filter { $0.kind == .governance }.map(\.subject)).sorted()
        rows += governed.map { id in
            TimelineChart.Row(label: "\(input.state.name(of: id)) governance", entries: entries.filter { $0.kind == .governance && $0.subject == id })
        }
        rows.removeAll { $0.entries.isEmpty }
        // The axis ends shortly after the last entry (not at a far as-of date), so marks keep their room.
        let first = entries.map(\.date).min()!, last = entries.map(\.date).max()!
        let margin = max(30, (last.daysSinceEpoch - first.daysSinceEpoch) / 20)
        let chart = TimelineChart(rows: rows, start: first, end: min(input.asOf, last.adding(days: margin) ?? last))
        out += figure(chart.svg(), caption: "Each mark is one event; its number refers to the table below. "
            + "Term changes come from each partnership's audit (the initial terms, renegotiations, corrections and retractions)"
            + (entries.contains { $0.proposed != nil }
                ? "; square marks are negotiation stages (talks, proposals), which never change the terms in force." : "."))
        out.append("<table class=\"timeline-table\">")
        out.append("<thead><tr><th>#</th><th>Date</th><th>Subject</th><th>What changed or was proposed</th><th>Status</th><th>Event</th><th>Sources</th></tr></thead>")
        out.append("<tbody>")
        for entry in entries {
            var what = "<ul class=\"items\">" + entry.items.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
            if let amendment = entry.amendment { what = "<em>\(HTML.escape(amendment))</em>" + what }
            if let proposed = entry.proposed { what = "<em class=\"proposed-note\">\(HTML.escape(proposed))</em>" + what }
            if let withdrawn = entry.withdrawn { what += "<em class=\"withdrawn-note\">\(HTML.escape(withdrawn))</em>" }
            let rowClass = entry.withdrawn != nil ? " class=\"withdrawn\"" : entry.proposed != nil ? " class=\"proposed\"" : ""
            out.append("<tr\(rowClass) data-number=\"\(entry.number)\" data-kind=\"\(entry.kind.rawValue)\">"
                + "<td class=\"num\">\(entry.number)</td><td class=\"date\">\(entry.date.text)</td>"
                + "<td>\(HTML.escape(entry.kind == .governance || entry.kind == .proposedRound ? input.state.name(of: entry.subject) : entry.subject))</td>"
                + "<td class=\"what\">\(what)</td>"
                + "<td class=\"status-\(entry.status.rawValue)\">\(entry.status.rawValue)</td>"
                + "<td>\(HTML.escape(entry.eventId))<br><small>\(entry.type.rawValue)</small></td>"
                + "<td class=\"sources\">\(entry.sources.map(HTML.source).joined(separator: "<br>"))</td></tr>")
        }
        out += ["</tbody>", "</table>", "</section>"]
        return out
    }

    func termsSection() -> [String] {
        var out = ["<section id=\"terms\" data-section=\"terms\">", "<h2>Terms in force on \(input.asOf.text)</h2>"]
        let partnerships = input.state.partnerships.keys.sorted()
        if partnerships.isEmpty { out.append("<p class=\"note\">No partnership registered by \(input.asOf.text).</p>") }
        for id in partnerships {
            let partnership = input.state.partnerships[id]!
            let parties = partnership.parties.map { input.state.name(of: $0) }.joined(separator: ", ")
            out.append("<h3>\(HTML.escape(id)) <small>(\(HTML.escape(parties)); since \(partnership.since.text))</small></h3>")
            let terms = input.state.terms(of: id)
            guard !terms.isEmpty else {
                out.append("<p class=\"note\">No terms in force.</p>")
                continue
            }
            out.append("<table class=\"terms-table\" data-partnership=\"\(HTML.escape(id))\">")
            out.append("<thead><tr><th>Term</th><th>Value</th><th>Since</th><th>Status</th><th>Event</th></tr></thead><tbody>")
            for term in terms {
                out.append("<tr data-term=\"\(HTML.escape(term.term))\"><td>\(HTML.escape(term.term))</td><td>\(HTML.escape(ValueText.term(term.value)))</td>"
                    + "<td class=\"date\">\(term.since.text)</td><td class=\"status-\(term.status.rawValue)\">\(term.status.rawValue)</td>"
                    + "<td>\(HTML.escape(term.eventId))</td></tr>")
            }
            out += ["</tbody>", "</table>"]
        }
        out.append("</section>")
        return out
    }
}
