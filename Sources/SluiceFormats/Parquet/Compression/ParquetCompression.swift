public import SluiceCore

/// Compression and decompression of Parquet page bodies with every codec of the format
/// (Snappy, gzip, Zstandard, LZ4), each a thin layer over its system library.
public enum ParquetCompression {
    /// Replaces `output` with the `uncompressedSize` bytes that `input` decompresses to, reusing
    /// its capacity. Throws when the data is corrupt or decompresses to another size.
    public static func decompress(
        _ codec: ParquetCompressionCodec,
        _ input: UnsafeRawBufferPointer,
        uncompressedSize: Int,
        into output: inout [UInt8]
    ) throws(SluiceError) {
        guard canDecompress(codec) else { throw ParquetCodecError.unsupported(codec, writing: false) }
        guard uncompressedSize >= 0, uncompressedSize <= Int(Int32.max), input.count <= Int(Int32.max) else {
            throw ParquetCodecError.badSize(codec, uncompressedSize: uncompressedSize, compressedSize: input.count)
        }
        // A page that was empty before compression may be stored as no bytes at all.
        if uncompressedSize == 0 && input.isEmpty {
            output.removeAll(keepingCapacity: true)
            return
        }
        if codec == .uncompressed {
            guard input.count == uncompressedSize else {
                throw ParquetCodecError.wrongSize(codec, actual: input.count, expected: uncompressedSize)
            }
            output.removeAll(keepingCapacity: true)
            output.append(contentsOf: input)
            return
        }
        // The size comes from the page header: check it before allocating a buffer of that size.
        guard uncompressedSize <= maximumPageSize else {
            throw ParquetCodecError.tooLarge(codec, uncompressedSize: uncompressedSize)
        }
        guard uncompressedSize <= maximumExpansion(codec, compressedSize: input.count) else {
            throw ParquetCodecError.corrupt(codec, uncompressedSize: uncompressedSize, compressedSize: input.count)
        }
        switch codec {
        case .snappy: try SnappyCodec.checkDeclaredSize(input, uncompressedSize: uncompressedSize)
        case .zstd: try ZstdCodec.checkDeclaredSize(input, uncompressedSize: uncompressedSize)
        default: break
        }
        resize(&output, to: uncompressedSize)
        let outcome: Result<Void, SluiceError> = output.withUnsafeMutableBytes { target in
            do throws(SluiceError) {
                switch codec {
                case .snappy: try SnappyCodec.decompress(input, into: target)
                case .gzip: try GzipPageCodec.decompress(input, into: target)
                case .zstd: try ZstdCodec.decompress(input, into: target)
                case .lz4Raw: try LZ4Codec.decompressBlock(input, into: target, codec: codec)
                case .lz4: try LZ4Codec.decompressHadoopOrBlock(input, into: target)
                default: throw ParquetCodecError.unsupported(codec, writing: false)  // Checked above.
                }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        if case .failure(let error) = outcome {
            output.removeAll(keepingCapacity: true)
            throw error
        }
    }

    /// Replaces `output` with `input` compressed by `codec`. `level` is the codec's own scale
    /// (gzip 1…9, default 6; Zstandard 1…22, default 1); other codecs ignore it.
    public static func compress(
        _ codec: ParquetCompressionCodec,
        _ input: UnsafeRawBufferPointer,
        into output: inout [UInt8],
        level: Int? = nil
    ) throws(SluiceError) {
        guard input.count <= Int(Int32.max) else {
            throw ParquetCodecError.badSize(codec, uncompressedSize: input.count, compressedSize: nil)
        }
        switch codec {
        case .uncompressed:
            output.removeAll(keepingCapacity: true)
            output.append(contentsOf: input)
        case .snappy: try SnappyCodec.compress(input, into: &output)
        case .gzip: try GzipPageCodec.compress(input, into: &output, level: Int32(clamping: level ?? 6))
        case .zstd: try ZstdCodec.compress(input, into: &output, level: Int32(clamping: level ?? 1))
        case .lz4Raw: try LZ4Codec.compressBlock(input, into: &output)
        default: throw ParquetCodecError.unsupported(codec, writing: true)
        }
    }

    /// The largest page Sluice decompresses: writers keep pages near 1 MiB, so a header that
    /// claims more than 1 GiB is damaged (and would otherwise allocate that much).
    static let maximumPageSize = 1 << 30

    /// The most `compressedSize` bytes of `codec` can decompress to: each format has a largest
    /// expansion (a Snappy copy of 64 bytes takes 3, a deflate match of 258 bytes 2 bits, an
    /// LZ4 length byte adds 255, a Zstandard RLE block of 128 KiB takes 4 bytes), plus room
    /// for headers. A page header claiming more is damaged.
    static func maximumExpansion(_ codec: ParquetCompressionCodec, compressedSize: Int) -> Int {
        let ratio = switch codec {
        case .snappy: 22
        case .gzip: 1032
        case .lz4, .lz4Raw: 256
        case .zstd: 32_768
        default: 1
        }
        return compressedSize * ratio + 64
    }

    /// Whether this build can write pages with `codec`.
    public static func canCompress(_ codec: ParquetCompressionCodec) -> Bool {
        [.uncompressed, .snappy, .gzip, .zstd, .lz4Raw].contains(codec)
    }

    /// Whether this build can read pages compressed with `codec`.
    public static func canDecompress(_ codec: ParquetCompressionCodec) -> Bool {
        [.uncompressed, .snappy, .gzip, .zstd, .lz4Raw, .lz4].contains(codec)
    }

    /// Sets `buffer.count` to `count` keeping its capacity; bytes past the old count are left
    /// to the caller to overwrite (zero-filled only when the array grows within its capacity).
    static func resize(_ buffer: inout [UInt8], to count: Int) {
        if buffer.count >= count {
            buffer.removeLast(buffer.count - count)
        } else if buffer.capacity >= count {
            buffer.append(contentsOf: repeatElement(0, count: count - buffer.count))
        } else {
            buffer = [UInt8](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
        }
    }
}
