import COpenCC
import Synchronization

/// An OpenCC conversion configuration, named as OpenCC names its files (`t2s.json` …).
/// See <https://github.com/BYVoid/OpenCC#configurations-配置文件>.
public enum OpenCCConfig: String, CaseIterable, Sendable {
    /// Traditional to simplified, character by character.
    case t2s
    /// Simplified to traditional (OpenCC standard).
    case s2t
    /// Simplified to Taiwan standard, characters only.
    case s2tw
    /// Simplified to Taiwan standard, with Taiwanese phrases (芯片 → 晶片).
    case s2twp
    /// Taiwan standard to simplified, characters only.
    case tw2s
    /// Taiwan standard to simplified, with Mainland phrases (晶片 → 芯片).
    case tw2sp
    /// Simplified to Hong Kong standard.
    case s2hk
    /// Hong Kong standard to simplified.
    case hk2s
}

/// One loaded OpenCC converter. Safe to share between threads: calls into the handle are serialized,
/// because OpenCC's C API keeps its last error in a global.
public final class OpenCCConverter: Sendable {
    private let handle: Mutex<Handle>

    /// `opencc_t` is a plain pointer; the mutex is what makes sharing it safe.
    private struct Handle: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
    }

    /// The name of the configuration file this converter was loaded from.
    public let configFile: String

    /// Loads `config` from OpenCC's data directory.
    public convenience init(_ config: OpenCCConfig) throws {
        try self.init(configFile: "\(config.rawValue).json")
    }

    /// Loads a configuration file by name (looked up in OpenCC's data directory) or by path.
    public init(configFile: String) throws {
        self.configFile = configFile
        let opened = opencc_open(configFile)
        // opencc_open reports failure with (opencc_t)-1, not NULL.
        guard let opened, Int(bitPattern: opened) != -1 else {
            throw ZhikuError.openCCUnavailable(config: configFile, reason: Self.lastError())
        }
        self.handle = Mutex(Handle(pointer: opened))
    }

    deinit {
        handle.withLock { _ = opencc_close($0.pointer) }
    }

    /// Converts `text`. Text without Han characters comes back unchanged.
    public func convert(_ text: String) throws -> String {
        if text.isEmpty { return text }
        var input = text
        let result: String? = input.withUTF8 { bytes in
            handle.withLock { handle -> String? in
                guard let base = bytes.baseAddress else { return "" }
                let converted = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    opencc_convert_utf8(handle.pointer, $0, bytes.count)
                }
                guard let converted else { return nil }
                defer { opencc_convert_utf8_free(converted) }
                return String(cString: converted)
            }
        }
        guard let result else { throw ZhikuError.conversionFailed(config: configFile, reason: Self.lastError()) }
        return result
    }

    private static func lastError() -> String {
        opencc_error().map { String(cString: $0) } ?? "unknown OpenCC error"
    }
}

/// The OpenCC converters of one process, each loaded on first use and then kept.
///
/// Loading a configuration reads its dictionaries (tens of milliseconds), so create one `OpenCC` at
/// the composition root and pass it down.
public final class OpenCC: Sendable {
    private let converters = Mutex<[OpenCCConfig: OpenCCConverter]>([:])
    private let regionalConverters = Mutex<[RegionalConversion: OpenCCConverter]>([:])
    private let foldMappings = Mutex<[UInt32: UInt32]?>(nil)

    /// Creates an empty set of converters; nothing is loaded yet.
    public init() {}

    /// The converter for `config`, loading it if needed.
    public func converter(_ config: OpenCCConfig) throws -> OpenCCConverter {
        if let loaded = converters.withLock({ $0[config] }) { return loaded }
        let converter = try OpenCCConverter(config)
        return converters.withLock { cache in
            if let raced = cache[config] { return raced }
            cache[config] = converter
            return converter
        }
    }

    /// The converter of one of Zhiku's regional conversions, loading it if needed.
    func regional(_ conversion: RegionalConversion) throws -> OpenCCConverter {
        if let loaded = regionalConverters.withLock({ $0[conversion] }) { return loaded }
        let converter = try conversion.load()
        return regionalConverters.withLock { cache in
            if let raced = cache[conversion] { return raced }
            cache[conversion] = converter
            return converter
        }
    }

    /// Converts `text` with `config`.
    public func convert(_ text: String, _ config: OpenCCConfig) throws -> String {
        try converter(config).convert(text)
    }

    /// The character fold derived from this OpenCC installation, computed once per process.
    /// See ``FoldTable/derive(using:)``.
    func derivedFoldMappings(_ derive: () throws -> [UInt32: UInt32]) throws -> [UInt32: UInt32] {
        if let cached = foldMappings.withLock({ $0 }) { return cached }
        let mappings = try derive()
        foldMappings.withLock { $0 = mappings }
        return mappings
    }
}
