import ArgumentParser
import ZhikuCore
import ZhikuOutput

/// The output options every data command takes: `--format` and `--script`.
struct OutputOptions: ParsableArguments {
    /// The script text fields are shown in.
    enum Script: String, ExpressibleByArgument, CaseIterable {
        case original, simplified, traditional

        var config: OpenCCConfig? {
            switch self {
            case .original: return nil
            case .simplified: return .t2s
            case .traditional: return .s2t
            }
        }
    }

    @Option(help: "Output format: table, json, jsonl, csv or tsv.")
    var format: OutputFormat = .table

    @Option(help: "Show text in its original script, or converted: original, simplified or traditional.")
    var script: Script = .original

    /// Writes `table`, converting its text to the chosen script first.
    func write(_ table: OutputTable, opencc: OpenCC) throws {
        guard let config = script.config else {
            format.write(table)
            return
        }
        let converter = try opencc.converter(config)
        func convert(_ value: OutputValue) throws -> OutputValue {
            switch value {
            case .text(let text): return .text(try converter.convert(text))
            case .list(let values): return .list(try values.map(convert))
            case .object(let keys, let values): return .object(keys: keys, values: try values.map(convert))
            default: return value
            }
        }
        format.write(OutputTable(columns: table.columns, rows: try table.rows.map { try $0.map(convert) }))
    }
}
