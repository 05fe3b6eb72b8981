import Foundation
import SluiceCore
import SluiceTestSupport
import Testing
@testable import SluiceFormats

/// Damaged and random input must end in a located ``SluiceError`` (or be read under the
/// policy), never in a crash or a silent drop.
@Suite("damaged input")
struct DamagedInputTests {
    private func readAll(_ path: String, format: FileFormat, policy: BadRecordPolicy = .fail) throws(SluiceError) -> Int {
        let dataset = try Dataset(path: path, options: Dataset.Options(format: format, badRecords: policy))
        let reader = try dataset.makeReader()
        var rows = 0
        while let batch = try reader.next() { rows += batch.count }
        return rows + reader.takeRejected().count
    }

    /// Valid NDJSON with random bytes flipped, cut or inserted: every outcome is rows or a
    /// SluiceError with a file and line; under skip, every line is a row or a rejected record.
    @Test(arguments: [11, 12, 13, 14, 15, 16] as [UInt64])
    func mutatedJSONNeverCrashes(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let folder = try TemporaryFolder()
        let base = (0..<200).map { index in
            #"{"id":\#(index),"s":"text \#(index) \u00e9","n":[1,2.5,{"k":null}],"o":{"a":true,"b":"x"}}"#
        }.joined(separator: "\n") + "\n"
        for round in 0..<40 {
            var bytes = Array(base.utf8)
            for _ in 0..<(1 + Int(random.next() % 6)) {
                let position = Int(random.next() % UInt64(bytes.count))
                switch random.next() % 4 {
                case 0: bytes[position] = UInt8(truncatingIfNeeded: random.next())
                case 1: bytes.remove(at: position)
                case 2: bytes.insert([0x22, 0x7B, 0x7D, 0x5B, 0x5C, 0x2C, 0x3A, 0x0A, 0xFF][Int(random.next() % 9)], at: position)
                default: bytes.removeLast(min(bytes.count - 1, Int(random.next() % 40)))
                }
            }
            let path = try folder.write(bytes: bytes, to: "m\(round).json")
            do {
                _ = try readAll(path, format: .json)
            } catch {
                #expect(error.location?.file != nil || error.code.hasPrefix("file."), "\(error)")
                #expect(error.domain == .format, "\(error)")
            }
            // Under skip, nothing is lost silently: rows + rejected records = non-blank lines.
            let text = String(decoding: bytes, as: UTF8.self)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
                .filter { !$0.allSatisfy { $0 == " " || $0 == "\r" || $0 == "\t" } }.count
            do {
                let accounted = try readAll(path, format: .json, policy: .skip)
                #expect(accounted >= lines, "round \(round): \(accounted) rows and rejects for \(lines) lines")
            } catch {
                #expect(error.domain == .format || error.domain == .io, "\(error)")
            }
        }
    }

    @Test(arguments: [21, 22, 23] as [UInt64])
    func mutatedCSVNeverCrashes(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let folder = try TemporaryFolder()
        let base = "id,name,price,when\n" + (0..<200).map { "\($0),\"name, \"\"\($0)\"\"\",\($0).5,2026-11-01T10:00:00Z" }.joined(separator: "\n") + "\n"
        for round in 0..<30 {
            var bytes = Array(base.utf8)
            for _ in 0..<(1 + Int(random.next() % 5)) {
                let position = Int(random.next() % UInt64(bytes.count))
                switch random.next() % 3 {
                case 0: bytes[position] = [0x22, 0x2C, 0x0A, 0x0D, 0x61, 0xFF][Int(random.next() % 6)]
                case 1: bytes.remove(at: position)
                default: bytes.removeLast(min(bytes.count - 1, Int(random.next() % 40)))
                }
            }
            let path = try folder.write(bytes: bytes, to: "m\(round).csv")
            do {
                _ = try readAll(path, format: .csv)
            } catch {
                #expect(error.location?.file != nil, "\(error)")
            }
            do {
                _ = try readAll(path, format: .csv, policy: .skip)
            } catch {
                #expect(error.location?.file != nil, "\(error)")
            }
        }
    }

    @Test func truncatedGzipIsReported() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("t.json.gz")
        let sink = try ByteSink(path: path)
        var text = ""
        for index in 0..<5000 { text += "{\"i\":\(index),\"pad\":\"\(String(repeating: "x", count: index % 50))\"}\n" }
        try sink.write(Array(text.utf8))
        try sink.commit()
        let whole = try folder.readBytes("t.json.gz")
        let cut = try folder.write(bytes: Array(whole.prefix(whole.count / 2)), to: "cut.json.gz")
        let error = #expect(throws: SluiceError.self) { _ = try readAll(cut, format: .json) }
        #expect(error?.code == "gzip.truncated" || error?.code == "json.syntax", "\(String(describing: error))")
        let corrupt = try folder.write(bytes: [0x1f, 0x8b, 0x08, 0x00] + Array(repeating: 0x41, count: 64), to: "bad.json.gz")
        let corruptError = #expect(throws: SluiceError.self) { _ = try readAll(corrupt, format: .json) }
        #expect(corruptError?.code == "gzip.corrupt", "\(String(describing: corruptError))")
        #expect(corruptError?.hint == "Check that the file is a complete .gz file: gzip -t '\(corrupt)'.")
    }
}
