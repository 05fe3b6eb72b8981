import Foundation
import SluiceCore
import SluiceFormats
import SluiceTestSupport
import Testing

/// Hostile sizes and values below the file level: codecs asked for absurd page sizes, DELTA
/// headers announcing more values than their data holds, timestamps at the ends of Int64 and
/// reads past the end of a file. Each gives an error (or the right value) without trapping or
/// allocating what the input does not back.
@Suite("Parquet hostile values")
struct ParquetHostileValueTests {
    typealias Lab = ParquetDamageLab

    static let codecs: [ParquetCompressionCodec] = [.uncompressed, .snappy, .gzip, .zstd, .lz4Raw, .lz4]

    /// A page header claiming up to 2^31-1 bytes from a small frame: the codec refuses it
    /// before its output buffer grows to that size. (LZ4 pages are read from a raw block.)
    @Test(arguments: codecs)
    func absurdUncompressedSizesAllocateNothing(codec: ParquetCompressionCodec) throws {
        var input: [UInt8] = []
        try ParquetCompression.compress(
            codec == .lz4 ? .lz4Raw : codec, Array(repeating: 7, count: 100).withUnsafeBytes { UnsafeRawBufferPointer($0) }, into: &input)
        for size in [Int(Int32.max), (1 << 30) + 1, 900 << 20, 100_000] {
            var output: [UInt8] = []
            let error: SluiceError? = input.withUnsafeBytes { raw in
                do throws(SluiceError) {
                    try ParquetCompression.decompress(codec, raw, uncompressedSize: size, into: &output)
                    return nil
                } catch {
                    return error
                }
            }
            #expect(error?.code.hasPrefix("parquet.codec.") == true, "\(codec), \(size) bytes: \(String(describing: error))")
            #expect(error?.message.contains("\(codec)") == true, "\(String(describing: error))")
            #expect(output.capacity < 1 << 20, "\(codec), \(size) bytes: a buffer of \(output.capacity) bytes")
        }
    }

    @Test func aPageOverOneGigabyteHasAClearMessage() {
        var output: [UInt8] = []
        #expect {
            try [UInt8](repeating: 0, count: 10).withBytes { (raw) throws(SluiceError) in
                try ParquetCompression.decompress(.zstd, raw, uncompressedSize: Int(Int32.max), into: &output)
            }
        } throws: { error in
            (error as? SluiceError)?.message == "A ZSTD page of 2,147,483,647 bytes is larger than the 1 GiB Sluice reads "
                + "in one page (writers keep pages near 1 MiB)."
        }
    }

    /// ULEB128 bytes of `value`.
    private static func varint(_ value: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        return bytes + [UInt8(rest)]
    }

    /// A DELTA_BINARY_PACKED header of blocks of 2^20 values in one miniblock, announcing
    /// `total` values, followed by blocks whose miniblocks claim 8 bits per value (and so need
    /// a megabyte each, which is not there).
    private static func hostileDeltaHeader(total: UInt64, blocks: Int) -> [UInt8] {
        varint(1 << 20) + varint(1) + varint(total) + varint(0) + Array([[UInt8]](repeating: [0, 8], count: blocks).joined())
    }

    @Test func deltaLengthsAnnouncingMoreThanTheirDataAllocateNothing() {
        let total: UInt64 = 1 << 29
        let buffer = Self.hostileDeltaHeader(total: total, blocks: 600)
        var values = ParquetByteArrays()
        var error: SluiceError?
        let growth = Self.virtualMemoryGrowth {
            error = buffer.withUnsafeBytes { raw in
                do throws(SluiceError) {
                    try DeltaLengthByteArray.decode(raw, count: Int(total), into: &values)
                    return nil
                } catch {
                    return error
                }
            }
        }
        #expect(error?.code == "parquet.encoding.truncated", "\(String(describing: error))")
        #expect(values.count == 0)
        #expect(growth < 256 << 20, "\(growth) bytes allocated")
    }

    @Test func deltaPrefixesAnnouncingMoreThanTheirDataAllocateNothing() {
        let total: UInt64 = 1 << 29
        let buffer = Self.hostileDeltaHeader(total: total, blocks: 600)
        var values = ParquetByteArrays()
        var error: SluiceError?
        let growth = Self.virtualMemoryGrowth {
            error = buffer.withUnsafeBytes { raw in
                do throws(SluiceError) {
                    try DeltaByteArray.decode(raw, count: Int(total), into: &values)
                    return nil
                } catch {
                    return error
                }
            }
        }
        #expect(error?.code == "parquet.encoding.truncated", "\(String(describing: error))")
        #expect(growth < 256 << 20, "\(growth) bytes allocated")
    }

    private static func virtualMemoryGrowth(_ body: () -> Void) -> Int {
        let before = max(Lab.virtualMemory(), Lab.peakVirtualMemory())
        body()
        return max(0, Lab.peakVirtualMemory() - before)
    }

    /// TIMESTAMP(NANOS) values at the ends of Int64 become microseconds rounded down, without
    /// overflowing (they trapped at Int64.min).
    @Test func nanosecondTimestampsAtTheEdges() throws {
        let nanos: [Int64] = [.min, .min + 1, -1_001, -1_000, -999, -1, 0, 1, 999, 1_000, .max]
        let schema = Schema([Field("at", .timestamp, isNullable: false)])
        let builder = RecordBatchBuilder(schema: schema)
        for value in nanos { try builder.append(row: [.timestamp(value)]) }
        let lab = try ParquetDamageLab()
        var options = ParquetWriteOptions()
        options.useDictionary = false
        let writer = try ParquetWriter(path: lab.folder.file("micros.parquet"), schema: schema, options: options)
        try writer.write(builder.finish())
        try writer.finish()
        // The same INT64 values, relabelled as nanoseconds.
        let bytes = try Lab.changingFooter(try lab.folder.readBytes("micros.parquet")) { metadata in
            metadata.schema[1].logicalType = .timestamp(isAdjustedToUTC: true, unit: .nanos)
            metadata.schema[1].convertedType = nil
        }
        let path = try lab.folder.write(bytes: bytes, to: "nanos.parquet")
        let read = try ParquetReader(path: path).readAll()
        let expected = nanos.map { Value.timestamp(Int64((Double($0) / 1000).rounded(.down))) }
        #expect(read.first?.columns.first?.values.count == nanos.count)
        for (index, value) in nanos.enumerated() where value.magnitude < 1 << 52 {
            #expect(read.first?.columns.first?.value(at: index) == expected[index], "\(value) ns")
        }
        #expect(read.first?.columns.first?.value(at: 0) == .timestamp(-9_223_372_036_854_776))
        #expect(read.first?.columns.first?.value(at: nanos.count - 1) == .timestamp(9_223_372_036_854_775))
    }

    @Test func readingPastTheEndOfAFileNeverOverflows() throws {
        let lab = try ParquetDamageLab()
        let path = try lab.folder.write(bytes: Array(repeating: 1, count: 64), to: "small.bin")
        let file = try RandomAccessFile(path: path)
        for (offset, count) in [(10, Int.max), (Int.max, 10), (64, 1), (0, -1), (-1, 5)] {
            #expect(throws: SluiceError.self, "\(offset), \(count)") { _ = try file.read(offset: offset, count: count) }
        }
    }
}
