import Foundation
import Testing
import ZhikuCore

/// A few sentences of a panel in traditional characters, written for these tests.
private let traditionalFixture = """
    主持人：各位來賓大家好，歡迎參加今天的座談會。我們邀請了三位專家，談談半導體產業的發展與挑戰。
    陳教授：謝謝主持人。過去十年，臺灣的晶片製造一直走在世界前面，但是人才不足的問題越來越嚴重。
    林經理：我補充一點。記憶體和伺服器的需求在增加，軟體工程師也很難找，企業必須和學校一起培養人才。

    """

/// The same panel in simplified characters, with Mainland vocabulary.
private let simplifiedFixture = """
    主持人：各位来宾大家好，欢迎参加今天的座谈会。我们邀请了三位专家，谈谈半导体产业的发展与挑战。
    陈教授：谢谢主持人。过去十年，国内的芯片设计进步很快，但是制造设备仍然依赖进口。
    林经理：我补充一点。内存和服务器的需求在增加，软件工程师也很难找，企业必须和学校一起培养人才。

    """

/// The traditional seed transcript, beside the repository in `../shared` (not copied into it).
private let seedFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appending(path: "shared/seed/000_6b54d0aafa120f4a.txt")

private let seedIsPresent = FileManager.default.fileExists(atPath: seedFile.path)

private let seedAbsent: Comment = "../shared/seed/000_6b54d0aafa120f4a.txt is absent, so the seed tests are skipped"

/// Runs the iconv program on `input` and returns what it writes, whatever its exit status (`-c` makes it
/// exit with 1 when it dropped characters).
private func iconvProgram(_ arguments: [String], _ input: Data) throws -> Data {
    let program = try #require(which("iconv"), "the iconv program (Debian's libc-bin) encodes the test texts")
    return try withTemporaryDirectory { directory in
        let inputFile = directory.appending(path: "input")
        try input.write(to: inputFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments + [inputFile.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }
}

/// `text` encoded by the iconv program, dropping the characters `encoding` lacks, and the text those bytes
/// stand for when the iconv program reads them back as `readBackAs`.
private func encoded(_ text: String, as encoding: String, readBackAs: String? = nil) throws -> (
    bytes: Data, text: String
) {
    let bytes = try iconvProgram(["-c", "-f", "UTF-8", "-t", encoding], Data(text.utf8))
    let back = try iconvProgram(["-f", readBackAs ?? encoding, "-t", "UTF-8"], bytes)
    return (bytes, try #require(String(data: back, encoding: .utf8)))
}

/// `text` as UTF-16, with or without a byte-order mark.
private func utf16(_ text: String, littleEndian: Bool, mark: Bool = true) -> Data {
    var bytes: [UInt8] = mark ? (littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]) : []
    for unit in text.utf16 {
        let (high, low) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
        bytes += littleEndian ? [low, high] : [high, low]
    }
    return Data(bytes)
}

/// The offset and detail of the `undecodable` error `body` throws, or nil when it throws no such error.
private func undecodable(_ body: () throws -> DecodedText) -> (offset: Int, detail: String, message: String)? {
    do {
        _ = try body()
        return nil
    } catch let error as ZhikuError {
        guard case .undecodable(_, let offset, let detail) = error else { return nil }
        return (offset, detail, error.description)
    } catch {
        return nil
    }
}

@Suite("Text decoding: bytes to text, with the encoding detected")
struct TextDecodingTests {
    @Test("UTF-8 without a byte-order mark decodes as UTF-8")
    func utf8() throws {
        let decoded = try TextDecoding.decode(Data(traditionalFixture.utf8), file: "a.txt")
        #expect(decoded.text == traditionalFixture)
        #expect(decoded.encoding == "UTF-8")
    }

    @Test("a UTF-8 byte-order mark is removed and reported")
    func utf8WithMark() throws {
        let decoded = try TextDecoding.decode(Data([0xEF, 0xBB, 0xBF] + Array(simplifiedFixture.utf8)), file: "a.txt")
        #expect(decoded.text == simplifiedFixture)
        #expect(decoded.encoding == "UTF-8 (BOM)")
    }

    @Test(
        "UTF-16 with a byte-order mark decodes in either byte order, surrogate pairs included",
        arguments: [true, false])
    func utf16WithMark(littleEndian: Bool) throws {
        let text = traditionalFixture + "𠀀𪚥 (outside the BMP)\n"
        let decoded = try TextDecoding.decode(utf16(text, littleEndian: littleEndian), file: "a.txt")
        #expect(decoded.text == text)
        #expect(decoded.encoding == (littleEndian ? "UTF-16LE" : "UTF-16BE"))
    }

    @Test(
        "GB18030, GBK, GB2312 and Big5 bytes round-trip and are detected",
        arguments: [
            ("simplified", "GB18030", "GB18030"),
            ("simplified", "GBK", "GB18030"),
            ("simplified", "GB2312", "GB18030"),
            ("traditional", "GB18030", "GB18030"),
            ("traditional", "GBK", "GB18030"),
            ("traditional", "BIG5-HKSCS", "BIG5-HKSCS"),
            ("traditional", "BIG5", "BIG5-HKSCS"),
        ])
    func chineseEncodings(script: String, encoding: String, detected: String) throws {
        let text = script == "simplified" ? simplifiedFixture : traditionalFixture
        let (bytes, encodable) = try encoded(text, as: encoding)
        #expect(encodable == text, "the fixture is entirely encodable in \(encoding)")
        let decoded = try TextDecoding.decode(bytes, file: "a.txt")
        #expect(decoded.encoding == detected)
        #expect(decoded.text == text)
    }

    @Test("text that grows beyond iconv's first output buffer is converted whole")
    func outputGrowth() throws {
        // In Big5-HKSCS, 88 62 is Ê with a combining macron: two bytes become four of UTF-8.
        let bytes = Data(Array(repeating: [UInt8]([0x88, 0x62]), count: 5000).joined())
        let decoded = try TextDecoding.decode(bytes, file: "a.txt", encoding: "big5-hkscs")
        #expect(
            decoded.text.unicodeScalars.elementsEqual(
                Array(repeating: ["\u{CA}", "\u{304}"] as [Unicode.Scalar], count: 5000).joined()))
    }

    @Test("a short greeting is read as GB18030 from GBK bytes and as Big5-HKSCS from Big5 bytes")
    func shortTexts() throws {
        let simplified = try encoded("你好", as: "GBK").bytes
        #expect(try TextDecoding.decode(simplified, file: "a.txt").encoding == "GB18030")
        #expect(try TextDecoding.decode(simplified, file: "a.txt").text == "你好")
        let traditional = try encoded("你好", as: "BIG5").bytes
        #expect(try TextDecoding.decode(traditional, file: "a.txt").encoding == "BIG5-HKSCS")
        #expect(try TextDecoding.decode(traditional, file: "a.txt").text == "你好")
    }

    @Test("short GB and Big5 texts whose bytes partly look like UTF-8 are read as GB18030 and Big5-HKSCS")
    func shortTextsThatLookLikeUTF8() throws {
        // 很多。 in GBK is BA DC B6 E0 A1 A3: DC B6 and E0 A1 A3 are valid UTF-8, BA is not.
        let gbk = try encoded("很多。", as: "GBK").bytes
        #expect(gbk == Data([0xBA, 0xDC, 0xB6, 0xE0, 0xA1, 0xA3]))
        let simplified = try TextDecoding.decode(gbk, file: "a.txt")
        #expect(simplified.encoding == "GB18030")
        #expect(simplified.text == "很多。")
        // 或者是 in Big5 is A9 CE AA CC AC 4F: CE AA and CC AC are valid UTF-8, A9 is not.
        let big5 = try encoded("或者是", as: "BIG5").bytes
        let traditional = try TextDecoding.decode(big5, file: "a.txt")
        #expect(traditional.encoding == "BIG5-HKSCS")
        #expect(traditional.text == "或者是")
    }

    @Test(
        "the traditional seed transcript is detected in Big5-HKSCS and in GB18030",
        .enabled(if: seedIsPresent, seedAbsent), arguments: ["BIG5-HKSCS", "GB18030"])
    func traditionalSeed(encoding: String) throws {
        let seed = try String(contentsOf: seedFile, encoding: .utf8)
        let (bytes, encodable) = try encoded(seed, as: encoding)
        let decoded = try TextDecoding.decode(bytes, file: "seed.txt")
        #expect(decoded.encoding == encoding)
        #expect(decoded.text == encodable)
        if encoding == "GB18030" { #expect(decoded.text == seed, "GB18030 encodes every character") }
    }

    @Test(
        "the seed converted to simplified characters is detected as GB18030 from GB18030 and GBK bytes",
        .enabled(if: seedIsPresent, seedAbsent), arguments: ["GB18030", "GBK"])
    func simplifiedSeed(encoding: String) throws {
        let simplified = try sharedOpenCC.convert(String(contentsOf: seedFile, encoding: .utf8), .t2s)
        let (bytes, encodable) = try encoded(simplified, as: encoding, readBackAs: "GB18030")
        let decoded = try TextDecoding.decode(bytes, file: "seed.txt")
        #expect(decoded.encoding == "GB18030")
        #expect(decoded.text == encodable)
    }

    @Test("the common characters are derived from iconv: 3755 of GB2312 level 1, 5401 of Big5 level 1")
    func commonCharacters() throws {
        let counts = try #require(CommonHanCharacters.derivedCounts)
        #expect(counts.simplified == 3755)
        #expect(counts.traditional == 5401)
    }

    @Test("--encoding forces an encoding, named as iconv names it, in any case")
    func forcedEncoding() throws {
        let big5 = try encoded(traditionalFixture, as: "BIG5").bytes
        for name in ["big5", "Big5-HKSCS", "BIG5HKSCS"] {
            let decoded = try TextDecoding.decode(big5, file: "a.txt", encoding: name)
            #expect(decoded.text == traditionalFixture)
        }
        #expect(try TextDecoding.decode(big5, file: "a.txt", encoding: "big5hkscs").encoding == "BIG5-HKSCS")
        #expect(try TextDecoding.decode(big5, file: "a.txt", encoding: "big5").encoding == "BIG5")

        let gbk = try encoded(simplifiedFixture, as: "GBK").bytes
        #expect(try TextDecoding.decode(gbk, file: "a.txt", encoding: "gbk").text == simplifiedFixture)
        #expect(try TextDecoding.decode(gbk, file: "a.txt", encoding: "gb18030").encoding == "GB18030")

        let marked = utf16(simplifiedFixture, littleEndian: true)
        let decoded = try TextDecoding.decode(marked, file: "a.txt", encoding: "utf-16")
        #expect(decoded.text == simplifiedFixture)
        #expect(decoded.encoding == "UTF-16LE")
        let utf8 = try TextDecoding.decode(Data(simplifiedFixture.utf8), file: "a.txt", encoding: "utf8")
        #expect(utf8.text == simplifiedFixture)
    }

    @Test("UTF-16 without a byte-order mark is refused as binary, unless named with --encoding")
    func utf16WithoutMark() throws {
        let bytes = utf16("MCU 晶片", littleEndian: true, mark: false)
        let refusal = try #require(undecodable { try TextDecoding.decode(bytes, file: "a.txt") })
        #expect(refusal.offset == 1)
        #expect(refusal.detail == "binary data: NUL byte")
        let decoded = try TextDecoding.decode(bytes, file: "a.txt", encoding: "utf-16le")
        #expect(decoded.text == "MCU 晶片")
        #expect(decoded.encoding == "UTF-16LE")
        let bigEndian = utf16("MCU 晶片", littleEndian: false, mark: false)
        #expect(try TextDecoding.decode(bigEndian, file: "a.txt", encoding: "UTF-16").text == "MCU 晶片")
    }

    @Test("a wrong --encoding is refused at the first byte that is not in it")
    func wrongForcedEncoding() throws {
        let gbk = try encoded("MCU: " + simplifiedFixture, as: "GBK").bytes
        let asUTF8 = try #require(undecodable { try TextDecoding.decode(gbk, file: "a.txt", encoding: "utf-8") })
        #expect(asUTF8.offset == 5)
        #expect(asUTF8.detail.hasPrefix("not UTF-8: "))

        // 主 is A5 44 in Big5; GB2312 has no trail byte below 0xA1.
        let big5 = try encoded("MCU: " + traditionalFixture, as: "BIG5").bytes
        let asGB2312 = try #require(
            undecodable { try TextDecoding.decode(big5, file: "a.txt", encoding: "gb2312") })
        #expect(asGB2312.offset == 5)
        #expect(asGB2312.detail == "not GB2312: invalid bytes 0xA5 0x44")

        let odd = utf16("晶片", littleEndian: true, mark: false) + Data([0x41])
        let cut = try #require(undecodable { try TextDecoding.decode(odd, file: "a.txt", encoding: "utf-16le") })
        #expect(cut.offset == 4)
        #expect(cut.detail == "not UTF-16LE: incomplete sequence 0x41 at the end of the file")
    }

    @Test("an encoding iconv does not know is a clear error naming it", arguments: ["klingon-8", "gbk//IGNORE"])
    func unknownEncoding(name: String) {
        #expect {
            try TextDecoding.decode(Data("abc".utf8), file: "a.txt", encoding: name)
        } throws: { error in
            guard case ZhikuError.invalidArgument(let message) = error else { return false }
            return message.contains(name)
        }
    }

    @Test(
        "CRLF and lone CR line ends become LF in every encoding",
        arguments: ["UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE", "GB18030", "BIG5-HKSCS"])
    func lineEnds(encoding: String) throws {
        let text = "第一行\r\n第二行\r第三行\n\r\n第五行\r\r\n最後一行\r"
        let expected = "第一行\n第二行\n第三行\n\n第五行\n\n最後一行\n"
        let bytes: Data
        switch encoding {
        case "UTF-8": bytes = Data(text.utf8)
        case "UTF-8 (BOM)": bytes = Data([0xEF, 0xBB, 0xBF] + Array(text.utf8))
        case "UTF-16LE": bytes = utf16(text, littleEndian: true)
        case "UTF-16BE": bytes = utf16(text, littleEndian: false)
        default: bytes = try encoded(text, as: encoding).bytes
        }
        let decoded = try TextDecoding.decode(bytes, file: "a.txt")
        #expect(decoded.encoding == encoding)
        #expect(decoded.text == expected)
    }

    @Test("an empty file, or one with only a byte-order mark, decodes to empty text")
    func emptyFile() throws {
        let empty = try TextDecoding.decode(Data(), file: "empty.txt")
        #expect(empty.text == "")
        #expect(empty.encoding == "UTF-8")
        #expect(try TextDecoding.decode(Data([0xEF, 0xBB, 0xBF]), file: "a.txt").text == "")
        #expect(try TextDecoding.decode(Data([0xFF, 0xFE]), file: "a.txt").text == "")
        #expect(try TextDecoding.decode(Data(), file: "a.txt", encoding: "gbk").text == "")
    }

    @Test("NUL bytes are refused as binary data at their offset")
    func nulBytes() throws {
        let plain = try #require(undecodable { try TextDecoding.decode(Data("abc\0def".utf8), file: "nul.txt") })
        #expect(plain.offset == 3)
        #expect(plain.detail == "binary data: NUL byte")
        #expect(plain.message.hasPrefix("nul.txt: "))

        let prefix = "主持人：歡迎。"
        let utf8 = Data((prefix + "\0" + traditionalFixture).utf8)
        #expect(undecodable { try TextDecoding.decode(utf8, file: "a.txt") }?.offset == prefix.utf8.count)

        let gb = try encoded(prefix, as: "GB18030").bytes + Data([0]) + encoded(simplifiedFixture, as: "GB18030").bytes
        #expect(undecodable { try TextDecoding.decode(gb, file: "a.txt") }?.offset == 14)

        let marked = utf16(prefix + "\0" + "後文", littleEndian: true)
        let character = try #require(undecodable { try TextDecoding.decode(marked, file: "a.txt") })
        #expect(character.offset == 2 + 2 * prefix.utf16.count)
        #expect(character.detail == "binary data: NUL character")
    }

    @Test("invalid UTF-8 in the middle of a UTF-8 file is refused at its exact byte offset, not read as GB18030")
    func invalidUTF8InTheMiddle() throws {
        let before = Array(traditionalFixture.utf8)
        let after = Array(simplifiedFixture.utf8)
        let stray = try #require(
            undecodable { try TextDecoding.decode(Data(before + [0xFF] + after), file: "broken.txt") })
        #expect(stray.offset == before.count)
        #expect(stray.detail.hasPrefix("not UTF-8: invalid byte 0xFF, in a file that is otherwise UTF-8"))
        #expect(stray.message.hasPrefix("broken.txt: cannot decode at byte offset \(before.count): "))

        // The first two bytes of 中, then ASCII.
        let truncated = try #require(
            undecodable { try TextDecoding.decode(Data(before + [0xE4, 0xB8] + Array("MCU".utf8) + after), file: "a") })
        #expect(truncated.offset == before.count)
        #expect(truncated.detail.hasPrefix("not UTF-8: invalid sequence 0xE4 0xB8,"))

        let cutShort = try #require(undecodable { try TextDecoding.decode(Data(before + [0xE4, 0xB8]), file: "a") })
        #expect(cutShort.offset == before.count)
        #expect(cutShort.detail.hasPrefix("not UTF-8: incomplete sequence 0xE4 0xB8 at the end of the file"))

        // Damage before the first valid multi-byte character is still damage to a UTF-8 file.
        let first = try #require(undecodable { try TextDecoding.decode(Data([0x41, 0xC0] + before), file: "a") })
        #expect(first.offset == 1)
        #expect(first.detail.contains("otherwise UTF-8"))
    }

    @Test("a UTF-8 file with a byte-order mark and a bad byte is refused at that byte", arguments: [0, 1])
    func invalidUTF8AfterMark(forced: Int) throws {
        let bytes = Data([0xEF, 0xBB, 0xBF] + Array("晶片".utf8) + [0xFE] + Array(traditionalFixture.utf8))
        let refusal = try #require(
            undecodable { try TextDecoding.decode(bytes, file: "a.txt", encoding: forced == 1 ? "UTF-8" : nil) })
        #expect(refusal.offset == 9)
        #expect(refusal.detail.contains("invalid byte 0xFE"))
    }

    @Test("a lone surrogate in UTF-16 is refused at its offset")
    func loneSurrogate() throws {
        let bytes = utf16("晶片", littleEndian: true) + Data([0x00, 0xD8, 0x41, 0x00])
        let refusal = try #require(undecodable { try TextDecoding.decode(bytes, file: "a.txt") })
        #expect(refusal.offset == 6)
        #expect(refusal.detail.hasPrefix("not UTF-16LE: "))
    }

    @Test("random binary bytes are refused, with or without NUL bytes", arguments: [1, 2, 3, 42] as [UInt64])
    func randomBytes(seed: UInt64) throws {
        var generator = SplitMix64(state: seed)
        let bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let firstNUL = try #require(bytes.firstIndex(of: 0))
        let binary = try #require(undecodable { try TextDecoding.decode(Data(bytes), file: "a.bin") })
        #expect(binary.offset == firstNUL)
        #expect(binary.detail == "binary data: NUL byte")

        let withoutNUL = bytes.map { max($0, 1) }
        let refusal = try #require(undecodable { try TextDecoding.decode(Data(withoutNUL), file: "a.bin") })
        #expect(refusal.detail.hasPrefix("not UTF-8 ("))
        #expect(refusal.detail.contains("not GB18030 ("))
        #expect(refusal.detail.contains("not Big5-HKSCS ("))
        #expect(refusal.offset < withoutNUL.count)
    }

    @Test("bytes that decode only into rare characters are refused, not stored as garbage")
    func rareCharacters() throws {
        // Pairs of GBK's third area (leads 0x81–0xA0): valid GB18030, but no common character is there.
        var generator = SplitMix64(state: 7)
        var bytes: [UInt8] = []
        for _ in 0..<60 {
            bytes += [
                UInt8.random(in: 0x81...0xA0, using: &generator), UInt8.random(in: 0x40...0x7E, using: &generator),
            ]
        }
        let refusal = try #require(undecodable { try TextDecoding.decode(Data(bytes), file: "a.txt") })
        #expect(refusal.detail.contains("not GB18030 (it decodes, but only"))
    }

    @Test("Latin-1 text is refused at the first bad byte, naming every encoding tried")
    func latin1() throws {
        let bytes = Data([0x43, 0x61, 0x66, 0xE9, 0x20, 0x63, 0x72, 0xE8, 0x6D, 0x65])  // "Café crème"
        let refusal = try #require(undecodable { try TextDecoding.decode(bytes, file: "menu.txt") })
        #expect(refusal.offset == 3)
        #expect(
            refusal.detail
                == "not UTF-8 (invalid byte 0xE9 at offset 3), not GB18030 (invalid bytes 0xE9 0x20 at offset 3), "
                + "not Big5-HKSCS (invalid bytes 0xE9 0x20 at offset 3)")
    }

    @Test("a 50 MB single-line UTF-8 file decodes")
    func fiftyMegabytes() throws {
        let unit = "摩爾定律與記憶體，28nm MCU 晶片；"
        let text = String(repeating: unit, count: 50_000_000 / unit.utf8.count + 1)
        #expect(text.utf8.count >= 50_000_000)
        let decoded = try TextDecoding.decode(Data(text.utf8), file: "big.txt")
        #expect(decoded.encoding == "UTF-8")
        #expect(decoded.text.utf8.count == text.utf8.count)
        #expect(decoded.text == text)
    }
}
