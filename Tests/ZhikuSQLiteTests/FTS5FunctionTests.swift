import Foundation
import Testing
import ZhikuSQLite

@Suite("FTS5 auxiliary functions")
struct FTS5FunctionTests {
    private func table() throws -> Connection {
        let connection = try memoryDatabase()
        try connection.execute(
            """
            CREATE VIRTUAL TABLE t USING fts5(body);
            INSERT INTO t (rowid, body) VALUES (1, 'a b a'), (2, 'b c'), (3, 'a a a a c');
            """)
        return connection
    }

    @Test("a function sees each row's phrase hits, its size and the table's mean size")
    func rowFacts() throws {
        let connection = try table()
        try connection.createFTS5Function("facts") { row in
            Double(try row.phraseHits().reduce(0, +) * 1000 + row.tokenCount() * 10) + (try row.meanTokenCount())
        }
        let values = try connection.query("SELECT rowid, facts(t) FROM t WHERE t MATCH 'a OR c' ORDER BY rowid").map {
            (try $0.int64(0), try $0.double(1))
        }
        let mean = 10.0 / 3
        #expect(values.map(\.0) == [1, 2, 3])
        #expect(values.map(\.1) == [2030 + mean, 1020 + mean, 5050 + mean])
        try connection.createFTS5Function("arguments") { row in
            #expect(row.arguments == [.text("x"), .integer(3), .null])
            return Double(row.arguments.count)
        }
        #expect(try connection.queryFirst("SELECT arguments(t, 'x', 3, NULL) FROM t WHERE t MATCH 'c'")?.double(0) == 3)
        try connection.createFTS5Function("instances") { Double(try $0.instanceCount()) }
        #expect(try connection.queryFirst("SELECT instances(t) FROM t WHERE t MATCH 'a' AND rowid = 3")?.double(0) == 4)
    }

    @Test("an error thrown by the function fails the statement with its message")
    func errors() throws {
        struct Refused: Error, CustomStringConvertible {
            var description: String { "refused by the test" }
        }
        let connection = try table()
        try connection.createFTS5Function("refuse") { _ in throw Refused() }
        #expect {
            try connection.query("SELECT refuse(t) FROM t WHERE t MATCH 'a'")
        } throws: { error in
            "\(error)".contains("refused by the test")
        }
    }

    @Test("columns of the current row read without copying it; NULL reads as nil")
    func columnsInPlace() throws {
        let connection = try memoryDatabase()
        let statement = try connection.prepare("SELECT 7, 2.5, NULL")
        #expect(try statement.step())
        #expect(statement.int64(at: 0) == 7 && statement.double(at: 1) == 2.5)
        #expect(statement.int64(at: 2) == nil && statement.double(at: 2) == nil)
    }

    @Test("total changes count the rows this connection changed")
    func totalChanges() throws {
        let connection = try memoryDatabase()
        try connection.execute("CREATE TABLE n (x INTEGER)")
        let before = connection.totalChanges
        try connection.execute("INSERT INTO n VALUES (1), (2), (3)")
        #expect(connection.totalChanges == before + 3)
    }
}
