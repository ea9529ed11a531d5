import Foundation
import Testing
import ZhikuCore

/// How the names users type find speakers, documents and topics.
@Suite("Name lookup")
struct NameLookupTests {
    /// Two panels, each with its own 主持人 (a role, so a different speaker in each) and one person
    /// written in both scripts.
    private func withPanels(_ body: (Store) throws -> Void) throws {
        try withStore { store, folder in
            let first = folder.appending(path: "first.txt")
            let second = folder.appending(path: "second.txt")
            try "第一場座談\n\n主持人：歡迎各位。\n\n陳蜀傑：晶片的需求今年還會增加很多。\n".write(to: first, atomically: true, encoding: .utf8)
            try "第二场座谈\n\n主持人：欢迎大家。\n\n陈蜀杰：芯片的供应还不够。\n".write(to: second, atomically: true, encoding: .utf8)
            try ingest([first, second], into: store)
            try body(store)
        }
    }

    @Test("a person is found by name in either script, and by id")
    func personInEitherScript() throws {
        try withPanels { store in
            let traditional = try store.speakerID(named: "陳蜀傑")
            #expect(try store.speakerID(named: "陈蜀杰") == traditional)
            #expect(try store.speakerID(named: " 陳蜀傑 ") == traditional)
            #expect(try store.speakerID(named: String(traditional)) == traditional)
        }
    }

    @Test("a role used in several documents is ambiguous, and the error lists each by id and document")
    func roleInSeveralDocuments() throws {
        try withPanels { store in
            #expect {
                try store.speakerID(named: "主持人")
            } throws: { error in
                let message = String(describing: error)
                return message.contains("names several speakers") && message.contains("第一場座談")
                    && message.contains("第二场座谈")
            }
        }
    }

    @Test("an unknown name suggests the names that contain it")
    func suggestions() throws {
        try withPanels { store in
            #expect {
                try store.speakerID(named: "陈蜀")
            } throws: { error in
                String(describing: error) == "no speaker 「陈蜀」; did you mean 陈蜀杰?"
                    || String(describing: error) == "no speaker 「陈蜀」; did you mean 陳蜀傑?"
            }
        }
    }

    @Test("a document is found by id or by title in either script")
    func documentByTitle() throws {
        try withPanels { store in
            let id = try store.documentID(named: "第一場座談")
            #expect(try store.documentID(named: "第一场座谈") == id)
            #expect(try store.documentID(named: String(id)) == id)
            #expect(throws: (any Error).self) { try store.documentID(named: "第三場") }
        }
    }

    @Test("a claim keeps its offsets into the original text")
    func claimOffsets() throws {
        try withPanels { store in
            let claims = try store.claims(ClaimFilter(speakerID: try store.speakerID(named: "陈蜀杰")))
            #expect(claims.map(\.text) == ["晶片的需求今年還會增加很多。", "芯片的供应还不够。"])
            for claim in claims {
                let page = try store.documentPage(claim.documentID)
                let turn = try #require(page.sections.flatMap(\.turns).first { $0.id == claim.turnID })
                let text = Array(turn.text.unicodeScalars)
                let local = (claim.startOffset - turn.startOffset)..<(claim.endOffset - turn.startOffset)
                #expect(String(String.UnicodeScalarView(text[local])) == claim.text)
            }
        }
    }
}
