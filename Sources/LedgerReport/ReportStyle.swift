/// The report's stylesheet: readable on screen, and on paper (print rules keep charts whole and in ink-friendly colours).
enum ReportStyle {
    static let css = """
        :root { color-scheme: light; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
               color: #1a1a1a; background: #fff; margin: 0; }
        main { max-width: 920px; margin: 0 auto; padding: 24px 20px 48px; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 19px; margin: 36px 0 6px; border-bottom: 2px solid #1a1a1a; padding-bottom: 3px; }
        h3 { font-size: 15px; margin: 18px 0 4px; }
        .meta { color: #444; margin: 0 0 8px; }
        .note { color: #444; font-size: 13px; margin: 4px 0 10px; }
        figure { margin: 10px 0 22px; break-inside: avoid; page-break-inside: avoid; }
        figcaption { font-size: 13px; color: #333; margin-top: 2px; }
        svg.chart { width: 100%; height: auto; display: block; }
        svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; fill: #1a1a1a; }
        svg .tick-label { font-size: 11px; fill: #333; }
        svg .grid { stroke: #d9d9d9; stroke-width: 1; }
        svg .axis-line, svg .tick { stroke: #1a1a1a; stroke-width: 1; }
        svg .point { stroke: #fff; stroke-width: 1; }
        svg .band { fill: #000; fill-opacity: 0.035; }
        svg .row-label { font-size: 12px; font-weight: 600; }
        svg .mark .mark-shape { stroke: #0072B2; stroke-width: 1.5; fill: #0072B2; }
        svg .mark.unconfirmed .mark-shape { fill: #fff; }
        svg .mark.governance .mark-shape { stroke: #D55E00; fill: #D55E00; }
        svg .mark.governance.unconfirmed .mark-shape { fill: #fff; }
        svg .mark.withdrawn .mark-shape { stroke: #999; fill: #ddd; stroke-dasharray: 2 2; }
        svg .mark.proposed-terms .mark-shape, svg .mark.proposed-round .mark-shape { stroke: #009E73; fill: #fff; stroke-dasharray: 3 2; }
        svg .mark-number { font-size: 9px; font-weight: 700; fill: #fff; }
        svg .mark.unconfirmed .mark-number, svg .mark.withdrawn .mark-number,
        svg .mark.proposed-terms .mark-number, svg .mark.proposed-round .mark-number { fill: #1a1a1a; }
        svg .side-label { font-size: 12px; font-weight: 600; fill: #333; }
        svg .bar.committed { fill: #0072B2; fill-opacity: 0.35; }
        svg .bar.funded { fill: #0072B2; }
        svg .bar.purchases { fill: #D55E00; }
        tr.proposed td.what { font-style: italic; }
        .proposed-note { display: block; color: #1b6e55; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0 16px; font-size: 13px; }
        th, td { border: 1px solid #c8c8c8; padding: 3px 6px; text-align: left; vertical-align: top; }
        th { background: #f0f0f0; }
        td.num { text-align: right; white-space: nowrap; }
        td.date { white-space: nowrap; }
        tr.withdrawn td { color: #777; }
        tr.withdrawn td.what { text-decoration: line-through; }
        .status-reported, .status-estimate { font-style: italic; }
        .sources { font-size: 12px; color: #444; overflow-wrap: break-word; }
        .sources a { color: #0b5394; }
        ul.items { margin: 0; padding-left: 16px; }
        @media print {
          @page { size: A4; margin: 12mm; }
          body { font-size: 11px; }
          main { max-width: none; padding: 0; }
          h2 { break-after: avoid; page-break-after: avoid; }
          tr, figure { break-inside: avoid; page-break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
          th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """
}
