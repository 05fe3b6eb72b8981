import CLZ4
import SluiceCore

/// LZ4 page bodies through liblz4: LZ4_RAW is one raw LZ4 block; the deprecated LZ4 codec is
/// Hadoop's framing of blocks, or, from some old writers, a raw block as well.
enum LZ4Codec {
    static func decompressBlock(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, codec: ParquetCompressionCodec
    ) throws(SluiceError) {
        let produced = LZ4_decompress_safe(
            CodecPointers.source(input), CodecPointers.target(output), Int32(input.count), Int32(output.count))
        guard produced >= 0 else {
            throw ParquetCodecError.corrupt(codec, uncompressedSize: output.count, compressedSize: input.count)
        }
        guard produced == output.count else { throw ParquetCodecError.wrongSize(codec, actual: Int(produced), expected: output.count) }
    }

    /// Hadoop framing: blocks of big-endian `uncompressed size`, `compressed size`, then the
    /// raw block. Input that does not parse that way is read as one raw block (as Arrow does).
    static func decompressHadoopOrBlock(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) throws(SluiceError) {
        if decompressHadoop(input, into: output) { return }
        try decompressBlock(input, into: output, codec: .lz4)
    }

    private static func decompressHadoop(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Bool {
        let prefixSize = 8
        var consumed = 0
        var produced = 0
        while input.count - consumed >= prefixSize {
            let blockSize = Int(bigEndianWord(input, at: consumed))
            let compressedSize = Int(bigEndianWord(input, at: consumed + 4))
            consumed += prefixSize
            guard compressedSize <= input.count - consumed, blockSize <= output.count - produced else { return false }
            let block = UnsafeRawBufferPointer(rebasing: input[consumed..<(consumed + compressedSize)])
            let target = UnsafeMutableRawBufferPointer(rebasing: output[produced..<(produced + blockSize)])
            let written = LZ4_decompress_safe(
                CodecPointers.source(block), CodecPointers.target(target), Int32(compressedSize), Int32(blockSize))
            guard written == Int32(blockSize) else { return false }
            consumed += compressedSize
            produced += blockSize
        }
        return consumed == input.count && produced == output.count
    }

    private static func bigEndianWord(_ buffer: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
        UInt32(bigEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    static func compressBlock(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(SluiceError) {
        let bound = Int(LZ4_compressBound(Int32(input.count)))
        ParquetCompression.resize(&output, to: bound)
        let written = output.withUnsafeMutableBytes { target in
            LZ4_compress_default(CodecPointers.source(input), CodecPointers.target(target), Int32(input.count), Int32(bound))
        }
        guard written > 0 else {
            output.removeAll(keepingCapacity: true)
            throw ParquetCodecError.failed(.lz4Raw, detail: "LZ4_compress_default returned \(written)")
        }
        output.removeLast(bound - Int(written))
    }
}
