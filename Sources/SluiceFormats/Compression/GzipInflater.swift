import CZlib
public import SluiceCore

/// Streaming gzip decompression with zlib; handles files of several concatenated gzip
/// members (as `cat a.gz b.gz` makes) and reports truncated or corrupt input by file name.
public final class GzipInflater {
    private var stream = z_stream()
    private let path: String
    private var memberEnded = false
    private var sawInput = false

    public init(path: String) throws(SluiceError) {
        self.path = path
        // 15 window bits + 32: detect a gzip or zlib header automatically.
        let status = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            throw SluiceError.internal("zlib inflateInit2 failed with status \(status) for '\(path)'.")
        }
    }

    deinit { inflateEnd(&stream) }

    /// Inflates from `input[offset...]`, appending at most `maximumOutput` bytes to `output`.
    /// Returns input bytes consumed and output bytes produced.
    public func inflate(
        input: [UInt8], from offset: Int, into output: inout [UInt8], maximumOutput: Int
    ) throws(SluiceError) -> (consumed: Int, produced: Int) {
        guard offset < input.count, maximumOutput > 0 else { return (0, 0) }
        sawInput = true
        let start = output.count
        let capacity = min(maximumOutput, max(64 * 1024, (input.count - offset) * 4))
        output.append(contentsOf: repeatElement(0, count: capacity))
        var status: Int32 = Z_OK
        var consumed = 0
        var produced = 0
        input.withUnsafeBytes { inputBytes in
            output.withUnsafeMutableBytes { outputBytes in
                var inputPosition = offset
                var outputPosition = start
                while inputPosition < inputBytes.count && outputPosition < start + capacity {
                    if memberEnded {
                        // Another gzip member follows the previous one.
                        inflateReset(&stream)
                        memberEnded = false
                    }
                    stream.next_in = UnsafeMutablePointer(mutating: inputBytes.baseAddress!.assumingMemoryBound(to: UInt8.self) + inputPosition)
                    stream.avail_in = UInt32(inputBytes.count - inputPosition)
                    stream.next_out = outputBytes.baseAddress!.assumingMemoryBound(to: UInt8.self) + outputPosition
                    stream.avail_out = UInt32(start + capacity - outputPosition)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    let newInputPosition = inputBytes.count - Int(stream.avail_in)
                    let newOutputPosition = start + capacity - Int(stream.avail_out)
                    let progressed = newInputPosition != inputPosition || newOutputPosition != outputPosition
                    inputPosition = newInputPosition
                    outputPosition = newOutputPosition
                    if status == Z_STREAM_END {
                        memberEnded = true
                        status = Z_OK
                        continue
                    }
                    if status != Z_OK && status != Z_BUF_ERROR { break }
                    if !progressed { break }
                }
                consumed = inputPosition - offset
                produced = outputPosition - start
            }
        }
        output.removeLast(capacity - produced)
        guard status == Z_OK || status == Z_BUF_ERROR else {
            throw SluiceError(
                domain: .format, code: "gzip.corrupt",
                message: "'\(path)' is not valid gzip data (zlib status \(status)"
                    + (stream.msg.map { ": " + String(cString: $0) } ?? "") + ").",
                hint: "Check that the file is a complete .gz file: gzip -t '\(path)'.")
        }
        return (consumed, produced)
    }

    /// Checks, at the end of the input, that the last gzip member was complete.
    public func finish() throws(SluiceError) {
        guard sawInput, !memberEnded else { return }
        throw SluiceError(
            domain: .format, code: "gzip.truncated",
            message: "'\(path)' ends in the middle of its gzip data; the file is truncated.",
            hint: "Copy or download the file again; gzip -t '\(path)' confirms the damage.")
    }
}
