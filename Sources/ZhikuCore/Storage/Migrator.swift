import ZhikuSQLite

/// One numbered schema migration, `Migrations/NNNN_name.sql`.
package struct Migration: Sendable, Equatable {
    /// The number in the file name; `PRAGMA user_version` holds the last one applied.
    package let version: Int
    /// The file name, for messages.
    package let name: String
    /// The SQL, run as one script.
    package let sql: String
}

/// Applies the migrations a database lacks, in order, each in its own transaction.
package enum Migrator {
    /// The migrations embedded in this program at build time.
    package static func bundled() throws -> [Migration] {
        try parse(EmbeddedMigrations.files)
    }

    /// Checks names and numbering: `NNNN_snake_case.sql`, numbered 1, 2, 3 … without gaps.
    package static func parse(_ files: [(name: String, sql: String)]) throws -> [Migration] {
        var migrations: [Migration] = []
        for file in files {
            let digits = file.name.prefix(while: \.isNumber)
            guard digits.count == 4, let version = Int(digits), file.name.dropFirst(4).hasPrefix("_") else {
                throw ZhikuError.badMigrationSet("\(file.name) is not named NNNN_name.sql")
            }
            migrations.append(Migration(version: version, name: file.name, sql: file.sql))
        }
        migrations.sort { $0.version < $1.version }
        for (index, migration) in migrations.enumerated() where migration.version != index + 1 {
            throw ZhikuError.badMigrationSet("expected migration \(index + 1), found \(migration.name)")
        }
        return migrations
    }

    /// Brings `connection` up to the last of `migrations`; returns the versions it applied.
    ///
    /// A database whose `user_version` is higher than any migration was written by a newer program:
    /// it is refused, untouched.
    @discardableResult
    package static func migrate(_ connection: Connection, _ migrations: [Migration]) throws -> [Int] {
        let latest = migrations.last?.version ?? 0
        let current = try connection.userVersion()
        if current > latest {
            throw ZhikuError.databaseTooNew(path: connection.path, found: current, supported: latest)
        }
        var applied: [Int] = []
        for migration in migrations where migration.version > current {
            do {
                try connection.transaction {
                    // Another process may have migrated while we waited for the write lock.
                    guard try connection.userVersion() < migration.version else { return }
                    try connection.execute(migration.sql)
                    let violations = try connection.query("PRAGMA foreign_key_check")
                    if !violations.isEmpty {
                        throw ZhikuError.migrationFailed(
                            name: migration.name, reason: "\(violations.count) rows break foreign keys")
                    }
                    try connection.setUserVersion(migration.version)
                    applied.append(migration.version)
                }
            } catch let error as ZhikuError {
                throw error
            } catch {
                throw ZhikuError.migrationFailed(name: migration.name, reason: "\(error)")
            }
        }
        return applied
    }
}
