import Testing
import ZhikuCore

/// Snippets that mark given ranges, as the evidence of `zhiku speakers --topic` does.
@Suite("Highlighter")
struct HighlighterTests {
    @Test("overlapping and unsorted ranges are marked once, not as a crash")
    func overlappingRanges() {
        // 半導體晶片 and 晶片 are two topics' mentions of the same characters.
        let snippet = Highlighter.snippet(marking: [6..<8, 3..<8, 9..<11, 10..<12], in: "我們的半導體晶片和記憶體")
        #expect(snippet.marked() == "我們的«半導體晶片»和«記憶體»")
    }
}
