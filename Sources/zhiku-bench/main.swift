import Foundation

// The entry point: parse the command line, run, and map errors to a message and an exit status as
// the CLI does (usage errors exit 64, like ArgumentParser's; everything else 1).
// `floor` as the first argument runs Scripts/bench-ingest's floor, `query` Scripts/bench-query's
// benchmark; anything else is the search benchmark of Scripts/bench-search, as before.
let arguments = Array(CommandLine.arguments.dropFirst())
let subcommand = arguments.first
do {
    switch subcommand {
    case "floor":
        let floor = try FloorArguments(Array(arguments.dropFirst()))
        if floor.help {
            print(FloorArguments.usage)
        } else {
            print(FloorReport.render(try FloorBenchmark.run(floor)))
        }
    case "query":
        let query = try QueryBenchArguments(Array(arguments.dropFirst()))
        if query.help {
            print(QueryBenchArguments.usage)
        } else {
            print(QueryBenchReport.render(try QueryBenchmark.run(query)))
        }
    default:
        let search = try BenchArguments(arguments)
        if search.help {
            print(BenchArguments.usage)
        } else {
            let results = try Benchmark.run(search)
            print(Report.render(results))
        }
    }
} catch BenchError.usage(let message) {
    let usage =
        switch subcommand {
        case "floor": FloorArguments.usage
        case "query": QueryBenchArguments.usage
        default: BenchArguments.usage
        }
    FileHandle.standardError.write(Data("Error: \(message)\n\n\(usage)\n".utf8))
    exit(64)
} catch {
    FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
    exit(1)
}
