public import SluiceCore

/// Cuts a ``ByteSource`` into chunks of about `targetBytes` that end at a newline, so each
/// chunk holds whole lines and can be decoded on its own thread. Strips a UTF-8 BOM at the
/// start. Memory is bounded by the chunk size plus the longest line.
public final class LineChunker {
    /// Longest line accepted: bounds memory when a file is not line-delimited at all.
    public static let maximumLineBytes = 256 << 20

    private let source: ByteSource
    private let targetBytes: Int
    private var carry: [UInt8] = []
    /// Bytes handed out in chunks so far: where the next chunk starts in the input.
    private var offset = 0
    private var atEnd = false
    private var strippedBOM = false

    /// Where decoders return chunk buffers once done with them.
    public let pool = ReusePool<[UInt8]>()

    public init(source: ByteSource, targetBytes: Int = 1 << 20) {
        self.source = source
        self.targetBytes = targetBytes
    }

    /// The next run of whole lines (the last may lack its newline), or nil at the end.
    public func next() throws(SluiceError) -> [UInt8]? {
        if atEnd && carry.isEmpty { return nil }
        var buffer = pool.takeBuffer()
        buffer.reserveCapacity(targetBytes + 64 * 1024)
        buffer.append(contentsOf: carry)
        carry.removeAll(keepingCapacity: true)
        var searchFrom = 0
        while true {
            while !atEnd && buffer.count < targetBytes {
                let added = try source.read(into: &buffer, maximumBytes: targetBytes - buffer.count)
                if added == 0 { atEnd = true }
            }
            if !strippedBOM && buffer.count >= 3 {
                strippedBOM = true
                if buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { buffer.removeFirst(3) }
            }
            if atEnd {
                strippedBOM = true
                offset += buffer.count
                return buffer.isEmpty ? nil : buffer
            }
            if let newline = lastNewline(in: buffer, from: searchFrom) {
                carry.append(contentsOf: buffer[(newline + 1)...])
                buffer.removeLast(buffer.count - newline - 1)
                offset += buffer.count
                return buffer
            }
            // No newline yet: the line is longer than a chunk; read on.
            guard buffer.count < LineChunker.maximumLineBytes else {
                throw SluiceError(
                    domain: .format, code: "line.tooLong",
                    message: "the line starting at byte \(offset) is longer than \(LineChunker.maximumLineBytes >> 20) MiB.",
                    location: ErrorLocation(file: source.path),
                    hint: "Sluice reads line-delimited records (one record per line); check that the file is not one huge line.")
            }
            searchFrom = buffer.count
            let added = try source.read(into: &buffer, maximumBytes: targetBytes)
            if added == 0 { atEnd = true }
        }
    }

    private func lastNewline(in buffer: [UInt8], from start: Int) -> Int? {
        buffer.withUnsafeBufferPointer { bytes in
            var index = bytes.count - 1
            while index >= start {
                if bytes[index] == 0x0A { return index }
                index -= 1
            }
            return nil
        }
    }
}
