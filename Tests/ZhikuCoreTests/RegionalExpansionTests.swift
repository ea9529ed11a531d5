import Foundation
import Testing
import ZhikuCore

/// Regional query expansion, made of OpenCC's phrase tables without its `STPhrases` configurations.
@Suite("Regional vocabulary in queries")
struct RegionalExpansionTests {
    private let fold = try? FoldTable.derive(using: sharedOpenCC)

    /// The folded spellings a query term is searched under, its own first.
    private func spellings(_ term: String) throws -> Set<String> {
        let fold = try #require(self.fold)
        let query = try SearchQuery(term, fold: fold, opencc: sharedOpenCC)
        return Set(try #require(query.terms.first).variants.map { $0.joined() })
    }

    /// The folded spellings the stock configurations gave: s2twp, tw2sp (of the term and of its
    /// s2t), s2hk and hk2s (of its s2t).
    private func stockSpellings(_ term: String) throws -> Set<String> {
        let fold = try #require(self.fold)
        let traditional = try sharedOpenCC.convert(term, .s2t)
        let spellings = [
            term, try sharedOpenCC.convert(term, .s2twp), try sharedOpenCC.convert(traditional, .tw2sp),
            try sharedOpenCC.convert(term, .tw2sp), try sharedOpenCC.convert(term, .s2hk),
            try sharedOpenCC.convert(traditional, .hk2s),
        ]
        return Set(spellings.map { fold.fold($0).filter { !$0.isWhitespace } })
    }

    @Test(
        "common regional words find what OpenCC's stock configurations find, in either script",
        arguments: [
            "芯片", "晶片", "软件", "軟體", "内存", "記憶體", "服务器", "伺服器", "打印机", "印表機", "鼠标", "滑鼠",
            "信息", "資訊", "网络", "網路", "程序", "程式", "数据库", "資料庫", "出租车", "計程車", "视频", "硬盘",
        ])
    func coversStockConfigurations(term: String) throws {
        let stock = try stockSpellings(term)
        let mine = try spellings(term)
        #expect(stock.isSubset(of: mine), "\(term): stock \(stock.sorted()), now \(mine.sorted())")
    }

    @Test("every traditional reading of a simplified term is looked up: 联系 finds 聯絡 through 聯繫")
    func everyTraditionalReading() throws {
        #expect(try spellings("联系").contains("联络"))
        #expect(try spellings("出租车").contains("计程车"))
    }

    @Test("a term without Han characters has no regional spellings and loads no dictionary")
    func latinTerms() throws {
        let fold = try #require(self.fold)
        let opencc = OpenCC()
        let query = try SearchQuery("MCU 28nm", fold: fold, opencc: opencc)
        #expect(query.terms.allSatisfy { $0.variants.count == 1 })
    }
}
