import CZlib
import SluiceCore

/// GZIP page bodies through zlib. Reading accepts several concatenated gzip members (as the
/// format asks) and also a zlib stream, which some writers produced.
enum GzipPageCodec {
    static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(SluiceError) {
        var stream = z_stream()
        // 15 window bits + 32: detect a gzip or zlib header automatically.
        let initStatus = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else {
            throw SluiceError.internal("zlib inflateInit2 failed with status \(initStatus).", domain: .format)
        }
        defer { inflateEnd(&stream) }
        let source = CodecPointers.sourceBytes(input)
        let target = CodecPointers.targetBytes(output)
        // Where the output is full, zlib writes into this byte: any output there means too much.
        var overflow: UInt8 = 0
        var consumed = 0
        var produced = 0
        while true {
            stream.next_in = source + consumed
            stream.avail_in = UInt32(input.count - consumed)
            let full = produced == output.count
            let status = withUnsafeMutablePointer(to: &overflow) { overflowPointer in
                stream.next_out = full ? overflowPointer : target + produced
                stream.avail_out = full ? 1 : UInt32(output.count - produced)
                return inflate(&stream, Z_NO_FLUSH)
            }
            consumed = input.count - Int(stream.avail_in)
            if full {
                guard stream.avail_out == 1 else { throw ParquetCodecError.wrongSize(.gzip, actual: nil, expected: output.count) }
            } else {
                produced = output.count - Int(stream.avail_out)
            }
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                // Another member may follow; zero bytes of padding after the last one are fine.
                let rest = UnsafeRawBufferPointer(rebasing: input[consumed...])
                if rest.allSatisfy({ $0 == 0 }) {
                    guard produced == output.count else {
                        throw ParquetCodecError.wrongSize(.gzip, actual: produced, expected: output.count)
                    }
                    return
                }
                inflateReset(&stream)
            case Z_BUF_ERROR:
                // No progress with room to write: the input ended inside the stream.
                throw ParquetCodecError.truncated(.gzip, uncompressedSize: output.count, compressedSize: input.count)
            default:
                throw ParquetCodecError.corrupt(
                    .gzip, uncompressedSize: output.count, compressedSize: input.count,
                    detail: stream.msg.map { String(cString: $0) } ?? "zlib status \(status)")
            }
        }
    }

    static func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8], level: Int32) throws(SluiceError) {
        var stream = z_stream()
        // 15 window bits + 16: a gzip header and trailer. 8 = zlib's default memory level.
        let initStatus = deflateInit2_(
            &stream, max(1, min(9, level)), Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else { throw ParquetCodecError.failed(.gzip, detail: "deflateInit2 returned \(initStatus)") }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, UInt(input.count)))
        ParquetCompression.resize(&output, to: bound)
        let status = output.withUnsafeMutableBytes { target in
            stream.next_in = CodecPointers.sourceBytes(input)
            stream.avail_in = UInt32(input.count)
            stream.next_out = CodecPointers.targetBytes(target)
            stream.avail_out = UInt32(bound)
            return deflate(&stream, Z_FINISH)
        }
        guard status == Z_STREAM_END else {
            output.removeAll(keepingCapacity: true)
            throw ParquetCodecError.failed(.gzip, detail: "deflate returned \(status)")
        }
        output.removeLast(bound - Int(stream.total_out))
    }
}
