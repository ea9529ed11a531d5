import Foundation
import PackagePlugin

/// Embeds the package's top-level `Migrations/*.sql` and `Reports/*.sql` in the target that uses it.
///
/// The `zhiku` binary must keep working when copied to `/usr/local/bin`, so the SQL travels inside it
/// rather than in a resource bundle beside it.
@main
struct EmbedSQLPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let tool = try context.tool(named: "zhiku-embed-sql")
        let folders = [("Migrations", "EmbeddedMigrations"), ("Reports", "EmbeddedReports")]
        return try folders.map { folder, enumName in
            let directory = context.package.directoryURL.appending(path: folder)
            let files = try sqlFiles(in: directory)
            let output = context.pluginWorkDirectoryURL.appending(path: "\(enumName).swift")
            return .buildCommand(
                displayName: "Embedding the SQL files of \(folder)/",
                executable: tool.url,
                // The tool lists the folder itself when it runs. This command line and its inputs are kept
                // in the build plan, which SwiftPM does not redo when a file is added here; but the folder's
                // own change (a file added, removed or renamed) re-runs the command, which then sees the new
                // file. Edits to a file added since the plan was made are seen once it is redone (any change
                // to Package.swift or to a target's files; `touch Package.swift` forces it).
                arguments: [output.path, enumName, directory.path],
                // A folder that does not exist (no reports yet) cannot be an input: the build would fail.
                inputFiles: (FileManager.default.fileExists(atPath: directory.path) ? [directory] : []) + files,
                outputFiles: [output]
            )
        }
    }

    private func sqlFiles(in directory: URL) throws -> [URL] {
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
