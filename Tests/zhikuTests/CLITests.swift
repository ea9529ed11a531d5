import Foundation
import Testing

@Suite("zhiku convert")
struct ConvertCommandTests {
    @Test(
        "converts its arguments to each target",
        arguments: [
            ("simplified", "摩爾定律與記憶體", "摩尔定律与记忆体\n"),
            ("traditional", "摩尔定律", "摩爾定律\n"),
            ("taiwan", "软件和服务器", "軟體和伺服器\n"),
            ("hongkong", "软件", "軟件\n"),
            ("mainland", "晶片和記憶體", "芯片和内存\n"),
        ])
    func convertsArguments(target: String, input: String, expected: String) throws {
        let result = try zhiku(["convert", "--to", target, input])
        #expect(result.status == 0)
        #expect(result.output == expected)
    }

    @Test("converts standard input line by line when given no text")
    func convertsStandardInput() throws {
        let result = try zhiku(["convert", "--to", "simplified"], input: "陳蜀傑\n摩爾定律\n")
        #expect(result.status == 0)
        #expect(result.output == "陈蜀杰\n摩尔定律\n")
    }

    @Test("an unknown target is a usage error that lists the choices")
    func unknownTarget() throws {
        let result = try zhiku(["convert", "--to", "martian", "字"])
        #expect(result.status == 64)
        #expect(result.error.contains("simplified"))
    }
}

@Suite("zhiku search")
struct SearchCommandTests {
    @Test("finds the sample corpus's turns in either script, with hits marked in JSON")
    func searchJSON() throws {
        try withDatabase { db in
            let ingest = try zhiku(["ingest", "--db", db, "Samples"])
            #expect(ingest.status == 0, "\(ingest.error)")
            for query in ["摩尔定律", "摩爾定律"] {
                let result = try zhiku(["search", "--db", db, "--format", "json", query])
                #expect(result.status == 0, "\(result.error)")
                let rows = try #require(
                    try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]])
                #expect(rows.count >= 2)
                for row in rows {
                    #expect(row["turn"] is Int && row["document"] is Int && row["line"] is Int)
                    let snippet = try #require(row["snippet"] as? String)
                    #expect(snippet.contains("«摩爾定律»") || snippet.contains("«摩尔定律»"))
                }
            }
        }
    }

    @Test("a query of only punctuation fails with a message, exit status 1")
    func emptyQuery() throws {
        try withDatabase { db in
            let ingest = try zhiku(["ingest", "--db", db, "Samples/corpus"])
            try #require(ingest.status == 0, "\(ingest.error)")
            let result = try zhiku(["search", "--db", db, "*"])
            #expect(result.status == 1)
            #expect(result.error.contains("nothing to search for"))
            #expect(result.output.isEmpty)
        }
    }
}

@Suite("zhiku --help")
struct HelpTests {
    @Test(
        "every command's help has an example",
        arguments: [
            [], ["convert"], ["search"], ["ingest"], ["sql"], ["documents"], ["stats"], ["speakers"], ["topics"],
            ["claims"], ["show"], ["report"], ["serve"], ["check"], ["backup"], ["restore"],
        ])
    func helpHasExample(command: [String]) throws {
        let result = try zhiku(command + ["--help"])
        #expect(result.status == 0)
        #expect(result.output.contains("Example"))
    }
}
