import ArgumentParser
import Foundation
import ZhikuCore

/// `zhiku convert`: converts text between Chinese scripts and regional standards with OpenCC.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert Chinese text between scripts and regional standards (OpenCC).",
        discussion: """
            Converts the arguments, or standard input when there are none, and prints the result.
              simplified   traditional → simplified, character by character (OpenCC t2s)
              traditional  simplified → traditional (OpenCC s2t)
              taiwan       simplified → Taiwan standard with Taiwanese vocabulary: 软件 → 軟體 (s2twp)
              hongkong     simplified → Hong Kong standard (s2hk)
              mainland     Taiwan standard → simplified with Mainland vocabulary: 晶片 → 芯片 (tw2sp)

            Examples:
              zhiku convert --to simplified 摩爾定律
              echo 软件和服务器 | zhiku convert --to taiwan
            """
    )

    enum Target: String, ExpressibleByArgument, CaseIterable {
        case simplified, traditional, taiwan, hongkong, mainland

        var config: OpenCCConfig {
            switch self {
            case .simplified: return .t2s
            case .traditional: return .s2t
            case .taiwan: return .s2twp
            case .hongkong: return .s2hk
            case .mainland: return .tw2sp
            }
        }
    }

    @Option(name: .long, help: "The target: simplified, traditional, taiwan, hongkong or mainland.")
    var to: Target

    @Argument(help: "Text to convert. Without any, standard input is converted.")
    var text: [String] = []

    func run() throws {
        let converter = try OpenCCConverter(to.config)
        if !text.isEmpty {
            print(try converter.convert(text.joined(separator: " ")))
            return
        }
        // Line by line, so that a large input streams instead of filling memory.
        while let line = readLine(strippingNewline: false) {
            FileHandle.standardOutput.write(Data(try converter.convert(line).utf8))
        }
    }
}
