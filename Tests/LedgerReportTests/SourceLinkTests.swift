@testable import LedgerReport
import Testing

/// Source links in the report wrap between the parts of an address, never in the middle of a word.
@Suite struct SourceLinkTests {
    @Test func aLongURLBreaksOnlyAfterItsSeparators() {
        let url = "https://blogs.microsoft.com/blog/2025/10/28/the-next-chapter-of-the-microsoft-openai-partnership/"
        let html = HTML.source(url)
        #expect(html.hasPrefix("<a href=\"\(url)\">"))
        let text = html.dropFirst("<a href=\"\(url)\">".count).dropLast("</a>".count)
        // Remove the break opportunities and the address is intact.
        #expect(text.replacingOccurrences(of: "<wbr>", with: "") == url)
        // Every break opportunity follows a separator, and every word stays whole.
        for piece in text.components(separatedBy: "<wbr>").dropLast() {
            #expect("/.-?&=_".contains(piece.last ?? " "), "a break after \(piece)")
        }
        #expect(text.contains("chapter-<wbr>of-<wbr>the"))
        #expect(!ReportStyle.css.contains("break-all"), "break-all splits words anywhere")
    }

    @Test func breakOpportunitiesDoNotUnescape() {
        let html = HTML.source("https://x.test/?a=1&b=<2>")
        #expect(!html.contains("<2>"))
        #expect(html.contains("&amp;<wbr>b=<wbr>&lt;2&gt;"))
    }
}
