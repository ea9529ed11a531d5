import Foundation
import Testing
import ZhikuCore

/// How a report's header comment is read: title, description, parameters, columns.
@Suite("Report headers")
struct ReportHeaderTests {
    private let wellFormed = """
        -- Claims by topic
        --
        -- The claims that mention each topic,
        -- most mentions first.
        --
        -- A second paragraph.
        --
        -- param: topic  a topic's id or name;
        --               not given: every topic.
        -- param: per_topic = 3  how many claims for each topic.
        -- columns: topic, claim,
        --          mentions
        SELECT :topic AS topic, :per_topic AS claim, 1 AS mentions;
        """

    private func reason(of sql: String) -> String? {
        do {
            _ = try Report(fileName: "broken.sql", sql: sql)
            return nil
        } catch let ZhikuError.malformedReport(name, reason) {
            #expect(name == "broken")
            return reason
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test("title, paragraphs, parameters with defaults and continued lines, columns")
    func wellFormedHeader() throws {
        let report = try Report(fileName: "claims_by_topic.sql", sql: wellFormed)
        #expect(report.name == "claims_by_topic")
        #expect(report.title == "Claims by topic")
        #expect(report.description == "The claims that mention each topic, most mentions first.\n\nA second paragraph.")
        #expect(report.parameters.map(\.name) == ["topic", "per_topic"])
        #expect(report.parameters.map(\.defaultValue) == [nil, "3"])
        #expect(
            report.parameters.map(\.meaning) == [
                "a topic's id or name; not given: every topic.", "how many claims for each topic.",
            ])
        #expect(report.columns == ["topic", "claim", "mentions"])
        #expect(report.sql == wellFormed)
    }

    @Test("Windows and old Mac line ends read the same", arguments: ["\r\n", "\r"])
    func otherLineEnds(lineEnd: String) throws {
        let report = try Report(
            fileName: "claims_by_topic.sql", sql: wellFormed.replacingOccurrences(of: "\n", with: lineEnd))
        let expected = try Report(fileName: "claims_by_topic.sql", sql: wellFormed)
        #expect(report.title == expected.title)
        #expect(report.description == expected.description)
        #expect(report.parameters == expected.parameters)
        #expect(report.columns == expected.columns)
    }

    @Test("a report without parameters")
    func noParameters() throws {
        let report = try Report(fileName: "one", sql: "-- One\n--\n-- Just one.\n-- columns: one\nSELECT 1 AS one;\n")
        #expect(report.name == "one")
        #expect(report.parameters.isEmpty)
        #expect(report.description == "Just one.")
    }

    @Test(
        "malformed headers are refused with the reason",
        arguments: [
            ("SELECT 1;", "title"),
            ("--\n-- Description.\n-- columns: a\nSELECT 1 AS a;", "title"),
            ("-- Title\n-- columns: a\nSELECT 1 AS a;", "description"),
            ("-- Title\n--\n-- Description.\nSELECT 1 AS a;", "columns"),
            ("-- Title\n--\n-- Description.\n-- columns: a,,b\nSELECT 1 AS a, 2 AS b;", "columns"),
            ("-- Title\n--\n-- Description.\n-- columns: a\n-- columns: b\nSELECT 1 AS a;", "two columns"),
            (
                "-- Title\n--\n-- Description.\n-- param: x  one\n-- param: x  two\n-- columns: a\nSELECT :x AS a;",
                "twice"
            ),
            ("-- Title\n--\n-- Description.\n-- param: x\n-- columns: a\nSELECT :x AS a;", "what it means"),
            ("-- Title\n--\n-- Description.\n-- param: x =\n-- columns: a\nSELECT :x AS a;", "no default"),
            ("-- Title\n--\n-- Description.\n-- param: 1x  meaning\n-- columns: a\nSELECT 1 AS a;", "parameter name"),
            ("-- Title\n--\n-- Description.\n-- columns: a\n-- More description.\nSELECT 1 AS a;", "before them"),
            ("-- Title\n--\n-- Description.\n-- columns: a\n", "no SQL"),
        ])
    func malformed(sql: String, expected: String) {
        let reason = reason(of: sql)
        #expect(reason?.contains(expected) == true, "\(reason ?? "accepted")")
    }
}
