import CZlib
public import SluiceCore

/// Streaming gzip compression with zlib, producing one standard gzip member.
public final class GzipDeflater {
    private var stream = z_stream()
    private var finished = false

    /// `level` 1 (fast) ... 9 (small); 6 is zlib's and gzip's default.
    public init(level: Int32 = 6) throws(SluiceError) {
        // 15 window bits + 16: write a gzip header and trailer. 8 = default memory level.
        let status = deflateInit2_(
            &stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw SluiceError.internal("zlib deflateInit2 failed with status \(status).") }
    }

    deinit { deflateEnd(&stream) }

    /// Compresses `input` and appends what zlib emits to `output`; `final` ends the member.
    public func deflate(_ input: UnsafeRawBufferPointer, final: Bool, into output: inout [UInt8]) {
        precondition(!finished, "GzipDeflater used after the final block")
        var chunk = [UInt8](repeating: 0, count: max(64 * 1024, input.count / 2))
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
        stream.avail_in = UInt32(input.count)
        while true {
            let (status, produced) = chunk.withUnsafeMutableBytes { buffer -> (Int32, Int) in
                stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
                stream.avail_out = UInt32(buffer.count)
                let status = CZlib.deflate(&stream, final ? Z_FINISH : Z_NO_FLUSH)
                return (status, buffer.count - Int(stream.avail_out))
            }
            output.append(contentsOf: chunk[0..<produced])
            if final {
                if status == Z_STREAM_END { break }
            } else if stream.avail_in == 0 && produced < chunk.count {
                break
            }
        }
        if final { finished = true }
    }
}
