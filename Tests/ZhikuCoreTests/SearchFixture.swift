import Foundation
import ZhikuCore

/// Turns written for these tests, in both scripts, with the shapes search must handle: Latin and
/// mixed tokens, full-width letters, a character outside the BMP, regional vocabulary, spaces and
/// punctuation between Han characters.
enum SearchFixture {
    static let turns: [(speaker: String, text: String)] = [
        ("王智", "我認為摩爾定律沒有結束，只是變慢了。"),
        ("陈蜀杰", "摩尔定律放缓以后，芯片设计要靠架构创新。"),
        ("林雅婷", "台灣的晶片產業很強，28nm 製程仍然有很大需求。"),
        ("李明", "国产ＭＣＵ芯片的软件生态还不完善。"),
        ("王智", "车规级 MCU 的验证周期很长，一般要三年。"),
        ("陳蜀傑", "伺服器和記憶體的需求持續增加，軟體也要跟上。"),
        ("李明", "数据中心的服务器需要更多内存。"),
        ("林雅婷", "2022年虎嗅F&M創新節的直播也開場了。"),
        ("王智", "粤语里𠮶个字好常用，佢话𠮶个问题好难。"),
        ("陈蜀杰", "芯，片，这两个字分开写就不是一个词。"),
        ("李明", "我們 談 晶 片 的 時 候 要 小 心。"),
        ("林雅婷", "「卡脖子」的問題，不在於你能夠搞幾納米。"),
        ("王智", "第一个判断是：短期内全球会出现两个技术系统。"),
        ("陳蜀傑", "新能源汽車的發展，其實我們叫換道超車。"),
        ("李明", "Open source 软件和開源軟體是同一件事吗？"),
        ("林雅婷", "比例是3:1，時間是20:46，網址是https://example.org/a。"),
        ("王智", "硬科技投資要有耐心，週期往往超過十年。"),
        ("陈蜀杰", "我们的突破口在哪里？机会在哪裡？"),
    ]

    /// Stores the fixture as one document and returns the turn ids in fixture order.
    @discardableResult
    static func store(into store: Store) throws -> [Int64] {
        try storeTurns(turns, title: "搜尋測試", origin: "fixture://search", hashDigit: "0", into: store)
    }
}

extension Store {
    /// The ids of a document's turns, in order.
    func turnIDs(documentID: Int64) throws -> [Int64] {
        try connection.query("SELECT id FROM turn WHERE document_id = ? ORDER BY ordinal", documentID).map {
            try $0.int64(0)
        }
    }
}

/// Stores `turns` as one document titled `title`, a blank line between turns, and returns the turn
/// ids in order: a fixture whose text and offsets are known exactly, without the parser.
@discardableResult
func storeTurns(
    _ turns: [(speaker: String, text: String)], title: String, origin: String, hashDigit: Character, into store: Store
) throws -> [Int64] {
    var text = title + "\n"
    var document = ParsedDocument(
        origin: origin, contentSHA256: String(repeating: hashDigit, count: 64), title: title, format: "text",
        encoding: "UTF-8",
        text: "")
    var line = 2
    for (speaker, said) in turns {
        text += "\n"
        line += 1
        let index =
            document.appearances.firstIndex { $0.name == speaker }
            ?? {
                document.appearances.append(.init(name: speaker))
                return document.appearances.count - 1
            }()
        let start = text.unicodeScalars.count
        text += said + "\n"
        document.turns.append(
            .init(
                speaker: index, label: speaker, section: nil, line: line, start: start,
                end: start + said.unicodeScalars.count))
        line += 1
    }
    document.text = text
    let id = try store.store(document).documentID
    return try store.turnIDs(documentID: id)
}
