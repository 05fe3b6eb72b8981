public import SluiceCore

/// Cuts a ``ByteSource`` into chunks of about `targetBytes` that end at a newline, so each
/// chunk holds whole lines and can be decoded on its own thread. Strips a UTF-8 BOM at the
/// start. Memory is bounded by the chunk size plus the longest line.
public final class LineChunker {
    /// One run of whole lines, and its place in the input.
    public struct Chunk: Sendable {
        public var bytes: [UInt8]
        /// 0-based index of the chunk in the input.
        public var index: Int
        /// Whether this is the input's last chunk.
        public var isLast: Bool
    }

    /// Longest line accepted: bounds memory when a file is not line-delimited at all.
    public static let maximumLineBytes = 256 << 20

    private let source: ByteSource
    private let targetBytes: Int
    private var carry: [UInt8] = []
    private var nextIndex = 0
    private var atEnd = false
    private var strippedBOM = false

    /// Where decoders return chunk buffers once done with them.
    public let pool = ReusePool<[UInt8]>()

    public init(source: ByteSource, targetBytes: Int = 1 << 20) {
        self.source = source
        self.targetBytes = targetBytes
    }

    public func next() throws(SluiceError) -> Chunk? {
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
                defer { nextIndex += 1 }
                return buffer.isEmpty && nextIndex > 0 ? nil : Chunk(bytes: buffer, index: nextIndex, isLast: true)
            }
            if let newline = lastNewline(in: buffer, from: searchFrom) {
                carry.append(contentsOf: buffer[(newline + 1)...])
                buffer.removeLast(buffer.count - newline - 1)
                defer { nextIndex += 1 }
                return Chunk(bytes: buffer, index: nextIndex, isLast: false)
            }
            // No newline yet: the line is longer than a chunk; read on.
            guard buffer.count < LineChunker.maximumLineBytes else {
                throw SluiceError(
                    domain: .format, code: "line.tooLong",
                    message: "'\(source.path)' has a line longer than \(LineChunker.maximumLineBytes >> 20) MiB.",
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
