import SluiceCore
import SluiceTestSupport
import Testing
@testable import SluiceFormats

/// Every codec round-trips, reads frames other libraries wrote, and rejects damaged input with
/// a `parquet.codec…` error instead of crashing or returning the wrong bytes.
@Suite("Parquet compression")
struct ParquetCompressionTests {
    static let writable: [ParquetCompressionCodec] = [.uncompressed, .snappy, .gzip, .zstd, .lz4Raw]

    /// The 100 bytes the frames below hold: a sentence three times, then bytes 0…15.
    static let plain: [UInt8] = Array(String(repeating: "Sluice reads Parquet pages. ", count: 3).utf8) + Array(0..<16)

    // Written by pyarrow 26 (pa.Codec(name).compress) and Python's zlib.
    static let snappyFrame: [UInt8] = [
        100, 108, 83, 108, 117, 105, 99, 101, 32, 114, 101, 97, 100, 115, 32, 80, 97, 114, 113, 117, 101, 116, 32, 112,
        97, 103, 101, 115, 46, 32, 222, 28, 0, 60, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    ]
    static let zstdFrame: [UInt8] = [
        40, 181, 47, 253, 32, 100, 165, 1, 0, 196, 2, 83, 108, 117, 105, 99, 101, 32, 114, 101, 97, 100, 115, 32, 80,
        97, 114, 113, 117, 101, 116, 32, 112, 97, 103, 101, 115, 46, 32, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
        14, 15, 1, 0, 244, 207, 233, 4,
    ]
    static let gzipFrame: [UInt8] = [
        31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 11, 206, 41, 205, 76, 78, 85, 40, 74, 77, 76, 41, 86, 8, 72, 44, 42, 44, 77, 45,
        81, 40, 72, 76, 79, 45, 214, 83, 8, 38, 83, 142, 129, 145, 137, 153, 133, 149, 141, 157, 131, 147, 139, 155, 135,
        151, 143, 31, 0, 51, 204, 187, 91, 100, 0, 0, 0,
    ]
    static let zlibFrame: [UInt8] = [
        120, 156, 11, 206, 41, 205, 76, 78, 85, 40, 74, 77, 76, 41, 86, 8, 72, 44, 42, 44, 77, 45, 81, 40, 72, 76, 79,
        45, 214, 83, 8, 38, 83, 142, 129, 145, 137, 153, 133, 149, 141, 157, 131, 147, 139, 155, 135, 151, 143, 31, 0,
        249, 213, 30, 181,
    ]
    static let lz4Block: [UInt8] = [
        255, 13, 83, 108, 117, 105, 99, 101, 32, 114, 101, 97, 100, 115, 32, 80, 97, 114, 113, 117, 101, 116, 32, 112,
        97, 103, 101, 115, 46, 32, 28, 0, 37, 240, 1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    ]
    /// The same block in Hadoop's framing: big-endian uncompressed and compressed sizes first.
    static let lz4HadoopFrame: [UInt8] = [0, 0, 0, 100, 0, 0, 0, 51] + lz4Block
    static let brotliFrame: [UInt8] = [
        27, 99, 0, 0, 196, 220, 70, 123, 124, 74, 189, 144, 76, 89, 48, 36, 145, 5, 193, 240, 174, 101, 241, 229, 26,
        129, 116, 133, 109, 32, 182, 229, 115, 24, 180, 247, 80, 251, 61, 110, 31, 59, 51, 41, 224, 34, 22, 13, 49, 229,
        161, 0,
    ]

    static let knownFrames: [(ParquetCompressionCodec, [UInt8])] = [
        (.snappy, snappyFrame), (.zstd, zstdFrame), (.gzip, gzipFrame), (.gzip, zlibFrame), (.lz4Raw, lz4Block),
        (.lz4, lz4HadoopFrame), (.lz4, lz4Block),
    ]

    private func decompress(
        _ codec: ParquetCompressionCodec, _ bytes: [UInt8], size: Int, into output: inout [UInt8]
    ) throws(SluiceError) {
        try bytes.withBytes { (input: UnsafeRawBufferPointer) throws(SluiceError) in
            try ParquetCompression.decompress(codec, input, uncompressedSize: size, into: &output)
        }
    }

    private func decompress(_ codec: ParquetCompressionCodec, _ bytes: [UInt8], size: Int) throws(SluiceError) -> [UInt8] {
        var output: [UInt8] = []
        try decompress(codec, bytes, size: size, into: &output)
        return output
    }

    private func compress(_ codec: ParquetCompressionCodec, _ bytes: [UInt8], level: Int? = nil) throws(SluiceError) -> [UInt8] {
        var output: [UInt8] = [9, 9, 9]
        try bytes.withBytes { (input: UnsafeRawBufferPointer) throws(SluiceError) in
            try ParquetCompression.compress(codec, input, into: &output, level: level)
        }
        return output
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func everyWritableCodecRoundTrips(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        for size in [0, 1, 7, 100, 4096, 70_000, 300_000] {
            let noise = (0..<size).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let repetitive = (0..<size).map { UInt8(truncatingIfNeeded: ($0 / 100) % 7) }
            for data in [noise, repetitive] {
                for codec in Self.writable {
                    let compressed = try compress(codec, data)
                    if codec != .uncompressed && size >= 4096 && data == repetitive {
                        #expect(compressed.count < size / 10, "\(codec) barely compressed repetitive data")
                    }
                    // Reuse a larger buffer: the result is exactly the page.
                    var output = [UInt8](repeating: 0xAB, count: size + 50)
                    try decompress(codec, compressed, size: size, into: &output)
                    #expect(output == data, "\(codec), \(size) bytes, seed \(seed)")
                    // A smaller buffer grows.
                    var small: [UInt8] = [1]
                    try decompress(codec, compressed, size: size, into: &small)
                    #expect(small == data, "\(codec), \(size) bytes, seed \(seed)")
                }
            }
        }
    }

    @Test func gzipWritesAGzipHeaderAndTakesALevel() throws {
        let data = Array(repeating: Self.plain, count: 50).flatMap { $0 }
        let fast = try compress(.gzip, data, level: 1)
        let small = try compress(.gzip, data, level: 9)
        #expect(Array(fast.prefix(3)) == [0x1F, 0x8B, 8])
        #expect(try decompress(.gzip, fast, size: data.count) == data)
        #expect(try decompress(.gzip, small, size: data.count) == data)
        let zstdBest = try compress(.zstd, data, level: 19)
        #expect(try decompress(.zstd, zstdBest, size: data.count) == data)
    }

    @Test func readsFramesOtherLibrariesWrote() throws {
        for (codec, frame) in Self.knownFrames {
            #expect(try decompress(codec, frame, size: 100) == Self.plain, "\(codec)")
        }
        #expect(try decompress(.uncompressed, Self.plain, size: 100) == Self.plain)
    }

    @Test func readsSeveralGzipMembersAndHadoopBlocks() throws {
        let first = Array(Self.plain.prefix(40))
        let second = Array(Self.plain.dropFirst(40))
        let gzip = try compress(.gzip, first) + compress(.gzip, second)
        #expect(try decompress(.gzip, gzip, size: 100) == Self.plain)
        // Padding zeros after the last member are accepted.
        #expect(try decompress(.gzip, gzip + [0, 0, 0], size: 100) == Self.plain)

        var hadoop: [UInt8] = []
        for part in [first, second] {
            let block = try compress(.lz4Raw, part)
            for size in [part.count, block.count] { hadoop += withUnsafeBytes(of: UInt32(size).bigEndian) { Array($0) } }
            hadoop += block
        }
        #expect(try decompress(.lz4, hadoop, size: 100) == Self.plain)
    }

    @Test func emptyPagesStoredAsNoBytesRead() throws {
        for codec in Self.writable + [.lz4] {
            var output: [UInt8] = [1, 2, 3]
            try decompress(codec, [], size: 0, into: &output)
            #expect(output.isEmpty, "\(codec)")
        }
    }

    @Test func unsupportedCodecsNameThemselvesAndSuggestAnother() {
        for codec in [ParquetCompressionCodec.lzo, .brotli, ParquetCompressionCodec(rawValue: 42)] {
            #expect {
                _ = try decompress(codec, Self.brotliFrame, size: 100)
            } throws: { error in
                let error = error as? SluiceError
                return error?.code == "parquet.codec.unsupported" && error?.message.contains(codec == .lzo ? "LZO" : codec == .brotli ? "BROTLI" : "42") == true
                    && error?.hint?.contains("SNAPPY") == true
            }
        }
        for codec in [ParquetCompressionCodec.lzo, .brotli, .lz4] {
            #expect(throws: SluiceError.self) { _ = try compress(codec, Self.plain) }
            #expect(!ParquetCompression.canCompress(codec))
        }
        #expect(ParquetCompression.canDecompress(.lz4))
        #expect(!ParquetCompression.canDecompress(.brotli))
    }

    @Test func aWrongDeclaredSizeThrows() {
        for (codec, frame) in Self.knownFrames + [(.uncompressed, Self.plain)] {
            for size in [99, 101, 1000] {
                #expect {
                    _ = try decompress(codec, frame, size: size)
                } throws: { error in
                    let code = (error as? SluiceError)?.code ?? ""
                    return code.hasPrefix("parquet.codec.") && (error as? SluiceError)?.message.contains("\(codec)") == true
                }
            }
        }
        #expect(throws: SluiceError.self) { _ = try decompress(.snappy, Self.snappyFrame, size: -1) }
    }

    @Test func everyTruncationThrows() {
        for (codec, frame) in Self.knownFrames {
            for length in 0..<frame.count {
                #expect(throws: SluiceError.self, "\(codec) cut to \(length) bytes") {
                    _ = try decompress(codec, Array(frame.prefix(length)), size: 100)
                }
            }
        }
    }

    @Test func corruptHeadersThrowWithTheCodecName() throws {
        let damaged: [(ParquetCompressionCodec, [UInt8])] = [
            (.snappy, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF] + Self.snappyFrame.dropFirst()),
            (.zstd, [0, 0, 0, 0] + Self.zstdFrame.dropFirst(4)),
            (.gzip, [0x1F, 0x8B, 99] + Self.gzipFrame.dropFirst(3)),
            (.gzip, Self.gzipFrame + [7, 7, 7]),
            (.lz4Raw, [0xF0] + Array(repeating: 0xFF, count: 40)),
            (.lz4, [0, 0, 0, 100, 0, 0, 0, 200] + Self.lz4Block),
        ]
        for (codec, bytes) in damaged {
            #expect {
                _ = try decompress(codec, bytes, size: 100)
            } throws: { error in
                guard let error = error as? SluiceError else { return false }
                return error.domain == .format && error.code.hasPrefix("parquet.codec.") && error.message.contains("\(codec)")
                    && error.hint != nil
            }
        }
        // The message gives the page's sizes in grouped digits.
        #expect {
            _ = try decompress(.snappy, [0x80, 0x80, 0x04] + Array(repeating: 0xFF, count: 30), size: 65_536)
        } throws: { error in
            (error as? SluiceError)?.message == "SNAPPY data is corrupt (page of 65,536 bytes, 33 compressed)."
        }
    }

    /// Random garbage never crashes: it throws or (for codecs without checksums) gives the size asked.
    @Test(arguments: [5, 6] as [UInt64])
    func randomBytesNeverCrash(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        for _ in 0..<300 {
            let length = Int(random.next() % 200)
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let size = Int(random.next() % 500)
            for codec in Self.writable + [.lz4] {
                do {
                    let output = try decompress(codec, bytes, size: size)
                    #expect(output.count == size)
                } catch {
                    #expect(error.code.hasPrefix("parquet.codec."), "\(error)")
                }
            }
        }
    }
}
