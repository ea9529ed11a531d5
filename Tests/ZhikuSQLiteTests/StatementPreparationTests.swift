import Foundation
import Testing
import ZhikuSQLite

@Suite("Preparing statements")
struct StatementPreparationTests {
    @Test("several statements in one string are refused, not half run")
    func severalStatementsAreRefused() throws {
        let db = try memoryDatabase()
        try db.execute("CREATE TABLE t (x INTEGER)")
        #expect {
            try db.run("INSERT INTO t VALUES (1); DROP TABLE t")
        } throws: { error in
            // 21 = SQLITE_MISUSE
            (error as? SQLiteError)?.code == 21 && "\(error)".contains("one statement")
        }
        #expect(try db.count("t") == 0)
    }

    @Test("a trailing semicolon and comments after the statement are fine")
    func trailingCommentsAreFine() throws {
        let db = try memoryDatabase()
        #expect(try db.query("SELECT 1; -- the answer\n /* done */ ;").count == 1)
    }

    @Test("empty SQL says that there is no statement")
    func emptySQL() throws {
        let db = try memoryDatabase()
        #expect {
            try db.prepare("  -- nothing ")
        } throws: { error in
            "\(error)".contains("no statement")
        }
    }

    @Test("a user_version that does not fit in 32 bits is refused, not stored as 0")
    func userVersionRange() throws {
        let db = try memoryDatabase()
        try db.setUserVersion(5)
        #expect(throws: SQLiteError.self) { try db.setUserVersion(Int(Int32.max) + 1) }
        #expect(try db.userVersion() == 5)
    }

    @Test("an infinite busy timeout opens the database instead of trapping")
    func infiniteBusyTimeout() throws {
        try withTemporaryDatabasePath { path in
            _ = try Connection(path: path, busyTimeout: .infinity)
            _ = try Connection(path: path, busyTimeout: .nan)
        }
    }
}
