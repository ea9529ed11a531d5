import Foundation
import Testing
import ZhikuCore

/// The same transcript in another script or encoding must give the same speakers, turns and claims.
@Suite("The seed in other scripts and encodings", .enabled(if: SharedCorpus.isPresent, "../shared is absent: skipped"))
struct ScriptEquivalenceTests {
    /// What is compared: folded speaker keys and affiliations, folded turn texts, folded claim texts.
    struct Shape: Equatable {
        var speakers: [String]
        var turns: [String]
        var claims: [String]
    }

    private func shape(of data: Data, fold: FoldTable) throws -> Shape {
        let document = try #require(
            try DocumentReader(fold: fold).read(data, file: "seed.txt", origin: "seed").first)
        let scalars = Array(document.text.unicodeScalars)
        func text(_ range: Range<Int>) -> String {
            fold.fold(String(String.UnicodeScalarView(scalars[range])))
        }
        return Shape(
            speakers: document.appearances.map { fold.fold($0.name) + "|" + fold.fold($0.affiliation ?? "") },
            turns: document.turns.map { ($0.speaker.map(String.init) ?? "-") + ":" + text($0.start..<$0.end) },
            claims: document.turns.flatMap { $0.claims.map(text) })
    }

    /// `text` encoded by iconv, as another program would have saved it.
    private func encode(_ text: String, as encoding: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", "UTF-8", "-t", encoding]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "iconv could not encode the seed as \(encoding)")
        return data
    }

    @Test("traditional, simplified, GB18030 and Big5-HKSCS give the same speakers, turns and claims")
    func sameShapeEverywhere() throws {
        let fold = try FoldTable.derive(using: sharedOpenCC)
        let traditional = try String(contentsOf: SharedCorpus.seed, encoding: .utf8)
        let simplified = try sharedOpenCC.convert(traditional, .t2s)
        #expect(simplified != traditional)
        let reference = try shape(of: Data(traditional.utf8), fold: fold)
        #expect(reference.speakers.count == 5 && reference.claims.count > 50)
        #expect(try shape(of: Data(simplified.utf8), fold: fold) == reference)
        #expect(try shape(of: encode(traditional, as: "GB18030"), fold: fold) == reference)
        #expect(try shape(of: encode(traditional, as: "BIG5-HKSCS"), fold: fold) == reference)
        #expect(try shape(of: encode(simplified, as: "GB18030"), fold: fold) == reference)
    }
}
