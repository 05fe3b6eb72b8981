import CSnappy
import SluiceCore

/// Snappy page bodies (raw Snappy blocks, no framing) through libsnappy's C API.
enum SnappyCodec {
    /// The block starts with its uncompressed length: it must be the page's, checked before the
    /// caller allocates the output.
    static func checkDeclaredSize(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws(SluiceError) {
        var declared = 0
        guard snappy_uncompressed_length(CodecPointers.source(input), input.count, &declared) == SNAPPY_OK else {
            throw ParquetCodecError.corrupt(.snappy, uncompressedSize: uncompressedSize, compressedSize: input.count)
        }
        guard declared == uncompressedSize else {
            throw ParquetCodecError.wrongSize(.snappy, actual: declared, expected: uncompressedSize)
        }
    }

    static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(SluiceError) {
        let source = CodecPointers.source(input)
        try checkDeclaredSize(input, uncompressedSize: output.count)
        var produced = output.count
        let status = snappy_uncompress(source, input.count, CodecPointers.target(output), &produced)
        guard status == SNAPPY_OK, produced == output.count else {
            throw ParquetCodecError.corrupt(.snappy, uncompressedSize: output.count, compressedSize: input.count)
        }
    }

    static func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(SluiceError) {
        let bound = snappy_max_compressed_length(input.count)
        ParquetCompression.resize(&output, to: bound)
        var produced = bound
        let status = output.withUnsafeMutableBytes { target in
            snappy_compress(CodecPointers.source(input), input.count, CodecPointers.target(target), &produced)
        }
        guard status == SNAPPY_OK else {
            output.removeAll(keepingCapacity: true)
            throw ParquetCodecError.failed(.snappy, detail: "snappy_compress returned \(status.rawValue)")
        }
        output.removeLast(bound - produced)
    }
}
