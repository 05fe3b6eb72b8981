import Foundation
import SluiceCore
@testable import SluiceFormats

/// Small CSV fixtures written to a fresh temporary folder per test.
struct CSVFixture {
    let folder: String

    init() {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-csv-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        folder = url.path
    }

    /// Writes `text` (as UTF-8 bytes) to `name` in the folder and returns its path.
    func write(_ text: String, name: String = "data.csv") -> String {
        write(bytes: Array(text.utf8), name: name)
    }

    func write(bytes: [UInt8], name: String) -> String {
        let path = folder + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    /// Writes `text` gzip-compressed through ``ByteSink``.
    func writeGzip(_ text: String, name: String) throws -> String {
        let path = folder + "/" + name
        let sink = try ByteSink(path: path)
        try sink.write(Array(text.utf8))
        try sink.commit()
        return path
    }

    func contents(of name: String) -> String {
        (try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)) ?? ""
    }
}

/// Reads a whole file; returns the reader (for schema and rejected records) and all rows.
func readCSV(_ path: String, _ options: CSVReadOptions = CSVReadOptions()) throws(SluiceError) -> (reader: CSVReader, rows: [[Value]]) {
    let reader = try CSVReader(path: path, options: options)
    var rows: [[Value]] = []
    for batch in try reader.readAll() { rows.append(contentsOf: batch.rows) }
    return (reader, rows)
}

/// The error a throwing call raised, or nil.
func csvError(_ body: () throws(SluiceError) -> Void) -> SluiceError? {
    do {
        try body()
        return nil
    } catch {
        return error
    }
}

/// A deterministic 64-bit generator (SplitMix64) for reproducible random data.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
