import Foundation

// The entry point: parse the command line, run, and map errors to a message and an exit status as
// the CLI does (usage errors exit 64, like ArgumentParser's; everything else 1).
// `floor` as the first argument runs Scripts/bench-ingest's floor; anything else is the search
// benchmark of Scripts/bench-search, as before.
let arguments = Array(CommandLine.arguments.dropFirst())
let isFloor = arguments.first == "floor"
do {
    if isFloor {
        let floor = try FloorArguments(Array(arguments.dropFirst()))
        if floor.help {
            print(FloorArguments.usage)
        } else {
            print(FloorReport.render(try FloorBenchmark.run(floor)))
        }
    } else {
        let search = try BenchArguments(arguments)
        if search.help {
            print(BenchArguments.usage)
        } else {
            let results = try Benchmark.run(search)
            print(Report.render(results))
        }
    }
} catch BenchError.usage(let message) {
    let usage = isFloor ? FloorArguments.usage : BenchArguments.usage
    FileHandle.standardError.write(Data("Error: \(message)\n\n\(usage)\n".utf8))
    exit(64)
} catch {
    FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
    exit(1)
}
