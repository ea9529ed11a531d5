import Foundation

// The entry point: parse the command line, run, and map errors to a message and an exit status as
// the CLI does (usage errors exit 64, like ArgumentParser's; everything else 1).
do {
    let arguments = try BenchArguments(Array(CommandLine.arguments.dropFirst()))
    if arguments.help {
        print(BenchArguments.usage)
    } else {
        let results = try Benchmark.run(arguments)
        print(Report.render(results))
    }
} catch BenchError.usage(let message) {
    FileHandle.standardError.write(Data("Error: \(message)\n\n\(BenchArguments.usage)\n".utf8))
    exit(64)
} catch {
    FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
    exit(1)
}
