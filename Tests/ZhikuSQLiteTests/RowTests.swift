import Foundation
import Testing
import ZhikuSQLite

@Suite("Row: typed accessors")
struct RowAccessorTests {
    /// One row with a column of every storage class, read from SQLite.
    private func sampleRow() throws -> Row {
        let connection = try memoryDatabase()
        let row = try connection.queryFirst(
            "SELECT 42 AS answer, 2.5 AS ratio, 'text' AS title, X'00FF' AS bytes, NULL AS absent")
        return try #require(row)
    }

    @Test func accessorsReturnValuesOfTheirType() throws {
        let row = try sampleRow()
        #expect(row.columns == ["answer", "ratio", "title", "bytes", "absent"])
        #expect(try row.int64(0) == 42)
        #expect(try row.int(0) == 42)
        #expect(try row.optionalInt64(0) == 42)
        #expect(try row.double(1) == 2.5)
        #expect(try row.string(2) == "text")
        #expect(try row.optionalString(2) == "text")
        #expect(try row.data(3) == Data([0x00, 0xFF]))
        #expect(row.isNull(4))
        #expect(!row.isNull(0))
    }

    @Test func doubleWidensAnInteger() throws {
        #expect(try sampleRow().double(0) == 42.0)
    }

    @Test func optionalAccessorsReturnNilForNull() throws {
        let row = try sampleRow()
        #expect(try row.optionalInt64(4) == nil)
        #expect(try row.optionalString(4) == nil)
    }

    @Test func subscriptsReadByIndexAndByName() throws {
        let row = try sampleRow()
        #expect(row[0] == .integer(42))
        #expect(row["ratio"] == .real(2.5))
        #expect(row["title"] == .text("text"))
        #expect(row["bytes"] == .blob(Data([0x00, 0xFF])))
        #expect(row["absent"] == .null)
    }

    @Test func subscriptsReturnNullOutOfRangeOrForUnknownNames() throws {
        let row = try sampleRow()
        #expect(row[5] == .null)
        #expect(row[-1] == .null)
        #expect(row["missing"] == .null)
        #expect(row.isNull(99))
    }

    /// One accessor call on the sample row, named for the test log.
    struct Misuse: Sendable, CustomTestStringConvertible {
        let name: String
        let column: String
        let found: String
        let call: @Sendable (Row) throws -> Void
        var testDescription: String { name }
    }

    static let misuses: [Misuse] = [
        Misuse(name: "int64 of NULL", column: "'absent'", found: "NULL") { _ = try $0.int64(4) },
        Misuse(name: "int of NULL", column: "'absent'", found: "NULL") { _ = try $0.int(4) },
        Misuse(name: "double of NULL", column: "'absent'", found: "NULL") { _ = try $0.double(4) },
        Misuse(name: "string of NULL", column: "'absent'", found: "NULL") { _ = try $0.string(4) },
        Misuse(name: "data of NULL", column: "'absent'", found: "NULL") { _ = try $0.data(4) },
        Misuse(name: "int64 of real", column: "'ratio'", found: "a real") { _ = try $0.int64(1) },
        Misuse(name: "int64 of text", column: "'title'", found: "text") { _ = try $0.int64(2) },
        Misuse(name: "optionalInt64 of text", column: "'title'", found: "text") { _ = try $0.optionalInt64(2) },
        Misuse(name: "double of text", column: "'title'", found: "text") { _ = try $0.double(2) },
        Misuse(name: "double of blob", column: "'bytes'", found: "a blob") { _ = try $0.double(3) },
        Misuse(name: "string of integer", column: "'answer'", found: "an integer") { _ = try $0.string(0) },
        Misuse(name: "string of blob", column: "'bytes'", found: "a blob") { _ = try $0.string(3) },
        Misuse(name: "optionalString of real", column: "'ratio'", found: "a real") { _ = try $0.optionalString(1) },
        Misuse(name: "data of text", column: "'title'", found: "text") { _ = try $0.data(2) },
        Misuse(name: "data of integer", column: "'answer'", found: "an integer") { _ = try $0.data(0) },
        Misuse(name: "int64 past the end", column: "#7", found: "NULL") { _ = try $0.int64(7) },
        Misuse(name: "string past the end", column: "#5", found: "NULL") { _ = try $0.string(5) },
    ]

    @Test(arguments: misuses)
    func accessorThrowsANamedMismatch(misuse: Misuse) throws {
        let row = try sampleRow()
        let error = try #require(throws: SQLiteError.self) { try misuse.call(row) }
        #expect(error.code == 20)  // SQLITE_MISMATCH
        #expect(error.message.contains("column \(misuse.column)"))
        #expect(error.message.contains("is \(misuse.found),"))
        #expect(error.sql == nil)
        #expect(String(describing: error).contains(misuse.column))
    }

    @Test func mismatchMessageSaysWhatWasExpected() throws {
        let row = try sampleRow()
        let error = try #require(throws: SQLiteError.self) { try row.string(4) }
        #expect(error.message == "column 'absent' is NULL, expected text")
        let integerError = try #require(throws: SQLiteError.self) { try row.int64(2) }
        #expect(integerError.message == "column 'title' is text, expected an integer")
    }

    @Test func mismatchNeverQuotesTheValue() throws {
        let secret = "hunter2-secret"
        let row = Row(columns: ["password"], values: [.text(secret)])
        let error = try #require(throws: SQLiteError.self) { try row.int64(0) }
        #expect(!String(describing: error).contains(secret))
        #expect(error.message.contains("'password'"))
    }

    @Test func rowBuiltByHandBehavesLikeARowFromSQLite() throws {
        let row = Row(columns: ["a", "b"], values: [.integer(1), .text("x")])
        #expect(try row.int(0) == 1)
        #expect(try row.string(1) == "x")
        #expect(row["b"] == .text("x"))
    }

    @Test func duplicateColumnNamesReadTheFirstByName() throws {
        let row = try #require(try memoryDatabase().queryFirst("SELECT 1 AS x, 2 AS x"))
        #expect(row.columns == ["x", "x"])
        #expect(row["x"] == .integer(1))
        #expect(row[1] == .integer(2))
    }

    @Test func storageClassFollowsColumnAffinity() throws {
        let connection = try memoryDatabase()
        try connection.execute("CREATE TABLE t(i INTEGER, r REAL, t TEXT)")
        try connection.run("INSERT INTO t VALUES (?, ?, ?)", "12", 3, 45)
        let row = try #require(try connection.queryFirst("SELECT i, r, t FROM t"))
        #expect(try row.int64(0) == 12)
        #expect(row[1] == .real(3.0))
        #expect(try row.string(2) == "45")
    }
}
