import Foundation
import Testing
import ZhikuSQLite

/// Stores `value` in a column without type affinity and reads back the value, `typeof()` and `hex()`.
private func storeAndReadBack(_ value: any SQLiteBindable) throws -> (value: SQLiteValue, type: String, hex: String) {
    let connection = try memoryDatabase()
    // No declared type: the column has no affinity and keeps every value exactly as bound.
    try connection.execute("CREATE TABLE v(x)")
    try connection.run("INSERT INTO v(x) VALUES (?)", value)
    let row = try #require(try connection.queryFirst("SELECT x, typeof(x), hex(x) FROM v"))
    return (row[0], try row.string(1), try row.string(2))
}

/// Upper-case hexadecimal of `bytes`, as SQLite's `hex()` writes it.
private func hex(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { String(format: "%02X", $0) }.joined()
}

@Suite("Statement: binding and reading back values")
struct StatementValueTests {
    @Test(arguments: [Int64.min, Int64.min + 1, -1, 0, 1, Int64(Int32.max) + 1, Int64.max - 1, Int64.max])
    func int64RoundTrips(number: Int64) throws {
        let stored = try storeAndReadBack(number)
        #expect(stored.value == .integer(number))
        #expect(stored.type == "integer")

        let row = try #require(try memoryDatabase().queryFirst("SELECT ?, typeof(?1)", number))
        #expect(try row.int64(0) == number)
        #expect(try row.string(1) == "integer")
    }

    @Test func extremeIntegersSurviveArithmeticComparisonInSQL() throws {
        let connection = try memoryDatabase()
        #expect(try connection.scalar("SELECT ? = 9223372036854775807", Int64.max) == .integer(1))
        #expect(try connection.scalar("SELECT ? = -9223372036854775807 - 1", Int64.min) == .integer(1))
    }

    @Test func intInt32AndBoolBindAsIntegers() throws {
        let connection = try memoryDatabase()
        let row = try #require(
            try connection.queryFirst(
                "SELECT ?, ?, ?, ?, typeof(?1), typeof(?2), typeof(?3)",
                Int(-7), Int32.min, true, false))
        #expect(try row.int(0) == -7)
        #expect(try row.int64(1) == Int64(Int32.min))
        #expect(try row.int64(2) == 1)
        #expect(try row.int64(3) == 0)
        #expect(try row.string(4) == "integer")
        #expect(try row.string(5) == "integer")
        #expect(try row.string(6) == "integer")
    }

    @Test(arguments: [
        0.0, 1.5, -2.25, Double.pi, 1e-300, -1e300, 0.1,
        Double.greatestFiniteMagnitude, Double.leastNonzeroMagnitude, Double.infinity, -Double.infinity,
    ])
    func doubleRoundTrips(number: Double) throws {
        let stored = try storeAndReadBack(number)
        #expect(stored.value == .real(number))
        #expect(stored.type == "real")

        let row = try #require(try memoryDatabase().queryFirst("SELECT ?", number))
        #expect(try row.double(0) == number)
    }

    @Test func integralDoubleStaysReal() throws {
        let stored = try storeAndReadBack(3.0)
        #expect(stored.value == .real(3.0))
        #expect(stored.type == "real")
    }

    @Test(arguments: [
        "plain ascii",
        "𠮶",
        "中文 繁體 简体 𠮶 👨‍👩‍👧 e\u{301}",
        "a\u{0}b",
        "\u{0}",
        "ends with NUL\u{0}",
        "'single' \"double\" ; DROP TABLE v; --",
        String(repeating: "長", count: 10_000),
    ])
    func stringRoundTrips(text: String) throws {
        let stored = try storeAndReadBack(text)
        #expect(stored.value == .text(text))
        #expect(stored.type == "text")
        // Every UTF-8 byte reached SQLite, including any NUL.
        #expect(stored.hex == hex(text.utf8))

        let row = try #require(try memoryDatabase().queryFirst("SELECT ?", text))
        #expect(try row.string(0) == text)
    }

    @Test func nonBMPCharacterIsOneCharacterOfFourBytes() throws {
        let connection = try memoryDatabase()
        let row = try #require(try connection.queryFirst("SELECT length(?1), hex(?1), ?1 = '𠮶'", "𠮶"))
        #expect(try row.int(0) == 1)
        #expect(try row.string(1) == "F0A0AEB6")
        #expect(try row.int(2) == 1)
    }

    @Test func embeddedNULIsKeptWhole() throws {
        let connection = try memoryDatabase()
        let row = try #require(
            try connection.queryFirst(
                "SELECT ?1, hex(?1), length(CAST(?1 AS BLOB))", "before\u{0}after"))
        #expect(try row.string(0) == "before\u{0}after")
        #expect(try row.string(1) == "6265666F7265006166746572")
        #expect(try row.int(2) == 12)
    }

    @Test func emptyStringReadsBackAsEmptyTextNotNull() throws {
        let stored = try storeAndReadBack("")
        #expect(stored.value == .text(""))
        #expect(stored.type == "text")

        let connection = try memoryDatabase()
        let row = try #require(try connection.queryFirst("SELECT ?1, typeof(?1), ?1 IS NULL, ?1 = ''", ""))
        #expect(try row.string(0) == "")
        #expect(try row.optionalString(0) == "")
        #expect(!row.isNull(0))
        #expect(try row.string(1) == "text")
        #expect(try row.int(2) == 0)
        #expect(try row.int(3) == 1)
    }

    @Test func emptySubstringReadsBackAsEmptyText() throws {
        let text = "abc"
        let empty = text[text.endIndex...]
        let stored = try storeAndReadBack(empty)
        #expect(stored.value == .text(""))
        #expect(stored.type == "text")
    }

    @Test func substringBindsAsText() throws {
        let text = "hello, world"
        let stored = try storeAndReadBack(text.prefix(5))
        #expect(stored.value == .text("hello"))
    }

    @Test(arguments: [
        Data([0]),
        Data([0, 1, 2, 0xFE, 0xFF]),
        Data("not text".utf8),
        Data([0xFF, 0xFE, 0x00, 0xD8]),  // not valid UTF-8
        Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }),
    ])
    func dataRoundTrips(bytes: Data) throws {
        let stored = try storeAndReadBack(bytes)
        #expect(stored.value == .blob(bytes))
        #expect(stored.type == "blob")
        #expect(stored.hex == hex(bytes))

        let row = try #require(try memoryDatabase().queryFirst("SELECT ?", bytes))
        #expect(try row.data(0) == bytes)
    }

    @Test func emptyDataReadsBackAsEmptyBlobNotNull() throws {
        let stored = try storeAndReadBack(Data())
        #expect(stored.value == .blob(Data()))
        #expect(stored.type == "blob")
        #expect(stored.hex == "")

        let connection = try memoryDatabase()
        let row = try #require(
            try connection.queryFirst(
                "SELECT ?1, typeof(?1), ?1 IS NULL, length(?1), ?1 = X''", Data()))
        #expect(try row.data(0) == Data())
        #expect(!row.isNull(0))
        #expect(try row.string(1) == "blob")
        #expect(try row.int(2) == 0)
        #expect(try row.int(3) == 0)
        #expect(try row.int(4) == 1)
    }

    @Test func emptyBlobLiteralReadsAsEmptyData() throws {
        let row = try #require(try memoryDatabase().queryFirst("SELECT X'', zeroblob(0), zeroblob(3)"))
        #expect(try row.data(0) == Data())
        #expect(try row.data(1) == Data())
        #expect(try row.data(2) == Data([0, 0, 0]))
    }

    @Test func nullValueBindsNull() throws {
        let stored = try storeAndReadBack(SQLiteValue.null)
        #expect(stored.value == .null)
        #expect(stored.type == "null")
    }

    @Test func optionalNoneBindsNull() throws {
        let values: [any SQLiteBindable] = [
            String?.none, Int?.none, Int64?.none, Double?.none, Data?.none, Bool?.none,
        ]
        for value in values {
            let stored = try storeAndReadBack(value)
            #expect(stored.value == .null, "\(type(of: value))")
            #expect(stored.type == "null", "\(type(of: value))")
        }
    }

    @Test func optionalSomeBindsTheWrappedValue() throws {
        #expect(try storeAndReadBack(Int?.some(5)).value == .integer(5))
        #expect(try storeAndReadBack(String?.some("x")).value == .text("x"))
        #expect(try storeAndReadBack(String?.some("")).value == .text(""))
        #expect(try storeAndReadBack(Double?.some(0.5)).value == .real(0.5))
        #expect(try storeAndReadBack(Data?.some(Data())).value == .blob(Data()))
        #expect(try storeAndReadBack(Data?.some(Data())).type == "blob")
        #expect(try storeAndReadBack(Int??.some(.none)).value == .null)
    }

    @Test(arguments: [
        SQLiteValue.null, .integer(-3), .real(2.5), .text("t"), .text(""), .blob(Data([1, 2])), .blob(Data()),
    ])
    func sqliteValueBindsItself(value: SQLiteValue) throws {
        #expect(try storeAndReadBack(value).value == value)
    }

    @Test func optionalNullReadsBackAsNil() throws {
        let row = try #require(try memoryDatabase().queryFirst("SELECT ?, ?", String?.none, Int64?.none))
        #expect(try row.optionalString(0) == nil)
        #expect(try row.optionalInt64(1) == nil)
        #expect(row.isNull(0))
        #expect(row[1] == .null)
    }

    @Test func textInUTF16DatabaseReadsBackWhole() throws {
        let connection = try memoryDatabase()
        try connection.execute("PRAGMA encoding = 'UTF-16le'")
        try connection.execute("CREATE TABLE v(x)")
        #expect(try connection.scalar("PRAGMA encoding") == .text("UTF-16le"))
        let text = "中文 𠮶 a\u{0}b"
        try connection.run("INSERT INTO v VALUES (?)", text)
        #expect(try connection.scalar("SELECT x FROM v") == .text(text))
    }
}

@Suite("Statement: positional parameters")
struct PositionalParameterTests {
    @Test func tooFewArgumentsIsAnError() throws {
        let connection = try memoryDatabase()
        let error = try #require(throws: SQLiteError.self) {
            try connection.query("SELECT ?, ?", 1)
        }
        #expect(error.code == 25)  // SQLITE_RANGE
        #expect(error.message == "expected 2 parameters, got 1")
        #expect(error.sql == "SELECT ?, ?")
    }

    @Test func tooManyArgumentsIsAnError() throws {
        let connection = try memoryDatabase()
        let error = try #require(throws: SQLiteError.self) {
            try connection.query("SELECT ?", 1, 2)
        }
        #expect(error.code == 25)  // SQLITE_RANGE
        #expect(error.message == "expected 1 parameters, got 2")
    }

    @Test func argumentsForAStatementWithoutParametersIsAnError() throws {
        let connection = try memoryDatabase()
        try connection.execute("CREATE TABLE t(x)")
        let error = try #require(throws: SQLiteError.self) {
            try connection.run("INSERT INTO t VALUES (1)", 1)
        }
        #expect(error.code == 25)  // SQLITE_RANGE
        #expect(try connection.count("t") == 0)
    }

    @Test func wrongCountThroughStatementBindIsAnError() throws {
        let statement = try memoryDatabase().prepare("SELECT ?1, ?2, ?3")
        let error = try #require(throws: SQLiteError.self) { try statement.bind([1, 2]) }
        #expect(error.code == 25)  // SQLITE_RANGE
    }

    @Test func numberedParametersCountUpToTheHighestNumber() throws {
        let connection = try memoryDatabase()
        let row = try #require(try connection.queryFirst("SELECT ?2, ?1, ?2", "one", "two"))
        #expect(try row.string(0) == "two")
        #expect(try row.string(1) == "one")
        #expect(try row.string(2) == "two")
    }

    @Test func rebindingReplacesEarlierValues() throws {
        let connection = try memoryDatabase()
        let statement = try connection.prepare("SELECT ?, ?")
        try statement.bind([1, "a"])
        #expect(try statement.rows().map { $0.values } == [[.integer(1), .text("a")]])
        try statement.bind([Int?.none, Data([9])])
        #expect(try statement.rows().map { $0.values } == [[.null, .blob(Data([9]))]])
    }

    @Test func rebindingInTheMiddleOfTheRowsStartsOver() throws {
        let connection = try memoryDatabase()
        try connection.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2), (3)")
        let statement = try connection.prepare("SELECT x FROM t WHERE x >= ? ORDER BY x")
        try statement.bind([1])
        #expect(try statement.step())
        try statement.bind([2])
        #expect(try statement.rows().map { try $0.int(0) } == [2, 3])
    }

    @Test func argumentsArrayOfMixedTypes() throws {
        let connection = try memoryDatabase()
        let arguments: [any SQLiteBindable] = [1, 2.5, "three", Data([4]), String?.none, true]
        let rows = try connection.query("SELECT ?, ?, ?, ?, ?, ?", arguments: arguments)
        #expect(rows.first?.values == [.integer(1), .real(2.5), .text("three"), .blob(Data([4])), .null, .integer(1)])
    }
}

@Suite("Statement: named parameters")
struct NamedParameterTests {
    @Test func keysWithoutPrefixBind() throws {
        let statement = try memoryDatabase().prepare("SELECT :name, :count")
        try statement.bind(named: ["name": "Li Bai", "count": 3])
        let rows = try statement.rows()
        #expect(rows.first?.values == [.text("Li Bai"), .integer(3)])
    }

    @Test func keysWithPrefixBind() throws {
        let statement = try memoryDatabase().prepare("SELECT :name, :count")
        try statement.bind(named: [":name": "Du Fu", ":count": 4])
        let rows = try statement.rows()
        #expect(rows.first?.values == [.text("Du Fu"), .integer(4)])
    }

    @Test func allThreePrefixesBind() throws {
        let statement = try memoryDatabase().prepare("SELECT :a, @b, $c")
        try statement.bind(named: ["a": 1, "@b": 2, "c": 3])
        #expect(try statement.rows().first?.values == [.integer(1), .integer(2), .integer(3)])
    }

    @Test func repeatedNameTakesOneValue() throws {
        let statement = try memoryDatabase().prepare("SELECT :x, :x || :x, typeof(:x)")
        try statement.bind(named: ["x": "ab"])
        #expect(try statement.rows().first?.values == [.text("ab"), .text("abab"), .text("text")])
    }

    @Test func namedValuesOfEveryKindRoundTrip() throws {
        let connection = try memoryDatabase()
        try connection.execute("CREATE TABLE v(i, r, t, e, b, z, n)")
        let insert = try connection.prepare("INSERT INTO v VALUES (:i, :r, :t, :e, :b, :z, :n)")
        try insert.bind(named: [
            "i": Int64.min, "r": -0.5, "t": "𠮶\u{0}x", "e": "", "b": Data([0, 1]), "z": Data(), "n": String?.none,
        ])
        try insert.run()
        let row = try #require(try connection.queryFirst("SELECT *, typeof(e), typeof(z), typeof(n) FROM v"))
        #expect(
            row.values == [
                .integer(Int64.min), .real(-0.5), .text("𠮶\u{0}x"), .text(""), .blob(Data([0, 1])), .blob(Data()),
                .null,
                .text("text"), .text("blob"), .text("null"),
            ])
    }

    @Test func missingValueIsAnError() throws {
        let statement = try memoryDatabase().prepare("SELECT :present, :absent")
        let error = try #require(throws: SQLiteError.self) {
            try statement.bind(named: ["present": 1])
        }
        #expect(error.code == 25)  // SQLITE_RANGE
        #expect(error.message.contains(":absent"))
        #expect(error.sql == "SELECT :present, :absent")
    }

    @Test func unknownKeyIsAnError() throws {
        let statement = try memoryDatabase().prepare("SELECT :a")
        let error = try #require(throws: SQLiteError.self) {
            try statement.bind(named: ["a": 1, "b": 2])
        }
        #expect(error.code == 25)  // SQLITE_RANGE
        #expect(error.message.contains("b"))
    }

    @Test func unknownKeyWithPrefixIsAnError() throws {
        let statement = try memoryDatabase().prepare("SELECT :a")
        #expect(throws: SQLiteError.self) {
            try statement.bind(named: [":a": 1, ":typo": 2])
        }
    }

    @Test func anyKeyForAStatementWithoutParametersIsAnError() throws {
        let statement = try memoryDatabase().prepare("SELECT 1")
        #expect(throws: SQLiteError.self) { try statement.bind(named: ["a": 1]) }
        try statement.bind(named: [:])
        #expect(try statement.rows().count == 1)
    }

    @Test func keyWithTheWrongPrefixDoesNotMatch() throws {
        let statement = try memoryDatabase().prepare("SELECT :a")
        let error = try #require(throws: SQLiteError.self) {
            try statement.bind(named: ["@a": 1])
        }
        #expect(error.code == 25)  // SQLITE_RANGE
    }

    @Test func positionalParameterCannotBeBoundByName() throws {
        let statement = try memoryDatabase().prepare("SELECT :a, ?")
        let error = try #require(throws: SQLiteError.self) {
            try statement.bind(named: ["a": 1])
        }
        #expect(error.code == 25)  // SQLITE_RANGE
    }

    @Test func rebindingByNameReplacesEarlierValues() throws {
        let statement = try memoryDatabase().prepare("SELECT :a")
        try statement.bind(named: ["a": 1])
        #expect(try statement.rows().first?.values == [.integer(1)])
        try statement.bind(named: ["a": "two"])
        #expect(try statement.rows().first?.values == [.text("two")])
    }
}

@Suite("Statement: stepping and metadata")
struct StatementSteppingTests {
    @Test func columnsAndSQLAreKept() throws {
        let statement = try memoryDatabase().prepare("SELECT 1 AS one, 'x' AS two, 3")
        #expect(statement.columns == ["one", "two", "3"])
        #expect(statement.sql == "SELECT 1 AS one, 'x' AS two, 3")
    }

    @Test func statementWithoutResultsHasNoColumns() throws {
        let connection = try memoryDatabase()
        try connection.execute("CREATE TABLE t(x)")
        #expect(try connection.prepare("INSERT INTO t VALUES (1)").columns.isEmpty)
    }

    @Test func isReadOnlyFollowsSQLite() throws {
        let connection = try memoryDatabase()
        try connection.execute("CREATE TABLE t(x)")
        #expect(try connection.prepare("SELECT * FROM t").isReadOnly)
        #expect(try !connection.prepare("INSERT INTO t VALUES (1)").isReadOnly)
        #expect(try !connection.prepare("CREATE TABLE u(y)").isReadOnly)
    }

    @Test func stepWalksRowsThenReportsDone() throws {
        let statement = try memoryDatabase().prepare("SELECT 1 UNION ALL SELECT 2")
        #expect(try statement.step())
        #expect(try statement.row().int(0) == 1)
        #expect(try statement.step())
        #expect(try statement.row().int(0) == 2)
        #expect(try !statement.step())
    }

    @Test func resetRunsTheStatementAgainWithTheSameBindings() throws {
        let statement = try memoryDatabase().prepare("SELECT ?")
        try statement.bind(["kept"])
        #expect(try statement.step())
        try statement.reset()
        #expect(try statement.rows().map { try $0.string(0) } == ["kept"])
        #expect(try statement.rows().map { try $0.string(0) } == ["kept"])
    }

    @Test func forEachRowVisitsEveryRow() throws {
        let connection = try memoryDatabase()
        try connection.execute("CREATE TABLE t(x); INSERT INTO t VALUES ('a'), ('b'), ('c')")
        let statement = try connection.prepare("SELECT x FROM t ORDER BY x")
        var seen: [String] = []
        try statement.forEachRow { seen.append(try $0.string(0)) }
        #expect(seen == ["a", "b", "c"])
    }

    @Test func forEachRowRethrowsAndResetsTheStatement() throws {
        let connection = try memoryDatabase()
        try connection.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2), (3)")
        let statement = try connection.prepare("SELECT x FROM t ORDER BY x")
        var seen: [Int] = []
        #expect(throws: TestFailure(reason: "stop")) {
            try statement.forEachRow { row in
                seen.append(try row.int(0))
                if seen.count == 2 { throw TestFailure(reason: "stop") }
            }
        }
        #expect(seen == [1, 2])
        // Reset: the table is not locked and the statement starts from the first row.
        #expect(try statement.rows().map { try $0.int(0) } == [1, 2, 3])
        try connection.execute("DROP TABLE t")
    }

    @Test func runIgnoresRowsAndRunsToCompletion() throws {
        let connection = try memoryDatabase()
        try connection.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, x)")
        let statement = try connection.prepare("INSERT INTO t(x) VALUES (?), (?) RETURNING id")
        try statement.bind(["a", "b"])
        try statement.run()
        #expect(try connection.count("t") == 2)
    }

    @Test func rowsOutliveTheirStatement() throws {
        let connection = try memoryDatabase()
        var statement: Statement? = try connection.prepare("SELECT 'copied', X'0102'")
        let rows = try #require(statement).rows()
        statement = nil
        #expect(rows.first?.values == [.text("copied"), .blob(Data([1, 2]))])
    }

    @Test func preparingEmptySQLIsAnError() throws {
        let connection = try memoryDatabase()
        let error = try #require(throws: SQLiteError.self) { try connection.prepare("") }
        #expect(error.code == 21)  // SQLITE_MISUSE
        #expect(throws: SQLiteError.self) { try connection.prepare("-- only a comment") }
    }
}
