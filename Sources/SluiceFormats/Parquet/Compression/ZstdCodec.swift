import CZstd
import SluiceCore

/// Zstandard page bodies (one or more frames) through libzstd.
enum ZstdCodec {
    /// A frame header may give the frame's content size: a single frame must give the page's
    /// size, and the first of several no more than it. Checked before the caller allocates.
    static func checkDeclaredSize(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws(SluiceError) {
        let unknown = UInt64.max
        let error = UInt64.max - 1
        let source = UnsafeRawPointer(CodecPointers.source(input))
        let content = UInt64(ZSTD_getFrameContentSize(source, input.count))
        guard content != error else {
            throw ParquetCodecError.corrupt(
                .zstd, uncompressedSize: uncompressedSize, compressedSize: input.count, detail: "the frame header is invalid")
        }
        guard content != unknown else { return }
        let frameSize = ZSTD_findFrameCompressedSize(source, input.count)
        let singleFrame = ZSTD_isError(frameSize) == 0 && frameSize == input.count
        if content > UInt64(uncompressedSize) || (singleFrame && content != UInt64(uncompressedSize)) {
            throw ParquetCodecError.wrongSize(.zstd, actual: Int(clamping: content), expected: uncompressedSize)
        }
    }

    static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(SluiceError) {
        let result = ZSTD_decompress(CodecPointers.target(output), output.count, CodecPointers.source(input), input.count)
        if ZSTD_isError(result) != 0 {
            let name = String(cString: ZSTD_getErrorName(result))
            // "Destination buffer is too small": the frames hold more than the page header says.
            if name.contains("too small") { throw ParquetCodecError.wrongSize(.zstd, actual: nil, expected: output.count) }
            throw ParquetCodecError.corrupt(.zstd, uncompressedSize: output.count, compressedSize: input.count, detail: name)
        }
        guard result == output.count else { throw ParquetCodecError.wrongSize(.zstd, actual: result, expected: output.count) }
    }

    static func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8], level: Int32) throws(SluiceError) {
        let bound = ZSTD_compressBound(input.count)
        ParquetCompression.resize(&output, to: bound)
        let result = output.withUnsafeMutableBytes { target in
            ZSTD_compress(CodecPointers.target(target), bound, CodecPointers.source(input), input.count, level)
        }
        guard ZSTD_isError(result) == 0 else {
            output.removeAll(keepingCapacity: true)
            throw ParquetCodecError.failed(.zstd, detail: String(cString: ZSTD_getErrorName(result)))
        }
        output.removeLast(bound - result)
    }
}
