#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore

/// A run of whole records handed to a decoding worker.
struct CSVChunk: Sendable {
    var bytes: [UInt8]
    /// True for the first chunk of a file with a header row.
    var skipsFirstRecord: Bool
}

/// Cuts a CSV file into chunks of whole records for parallel decoding, reading blocks from a
/// ``ByteSource`` on the caller's thread.
///
/// Why the cut is correct: a newline ends a record only outside quotes. Every quote byte
/// toggles "inside quotes" — an opening and a closing quote toggle once each, and a doubled
/// quote inside a quoted field toggles twice — so, starting from a record boundary, a line
/// feed preceded by an even number of quote bytes is a record boundary. (``CSVTokenizer``
/// rejects quotes anywhere else, so the two agree on every well-formed file.) The scan is
/// sequential but cheap: it counts quote bytes up to ``tailBytes`` before the block's end,
/// a loop the compiler vectorises, and only the tail is walked byte by byte to find the
/// first even-parity line feed. With quoting off, the cut is the last line feed.
final class CSVChunker {
    private let source: ByteSource
    private let quote: UInt8?
    private var buffer: [UInt8] = []
    private var atEnd = false
    private var isFirstChunk = true
    private let skipsHeader: Bool

    /// Target chunk size: big enough that per-chunk costs vanish, small enough that a file of a
    /// few MB still splits across both cores and a window of four chunks in flight stays
    /// around 4 MB plus their decoded columns.
    static let targetChunkBytes = 1 << 20
    /// Bytes before the target walked for a cut point.
    static let tailBytes = 64 << 10
    /// Longest run without a record boundary before the rest is handed over as it is (a quote
    /// that never closes); bounds memory on broken files.
    static let maximumChunkBytes = 256 << 20

    init(source: ByteSource, quote: UInt8?, skipsHeader: Bool) {
        self.source = source
        self.quote = quote
        self.skipsHeader = skipsHeader
    }

    /// Where decoders return chunk buffers once done with them.
    let pool = ReusePool<[UInt8]>()

    /// The next chunk of whole records, or nil at the end of the input.
    func next() throws(SluiceError) -> CSVChunk? {
        while !atEnd && buffer.count < CSVChunker.targetChunkBytes {
            if try source.read(into: &buffer, maximumBytes: CSVChunker.targetChunkBytes - buffer.count) == 0 { atEnd = true }
        }
        if isFirstChunk { CSVDialectSniffer.stripByteOrderMark(&buffer) }
        guard !buffer.isEmpty else { return nil }
        let cut = try findCut()
        var bytes = pool.takeBuffer()
        bytes.append(contentsOf: buffer[0..<cut])
        let chunk = CSVChunk(bytes: bytes, skipsFirstRecord: isFirstChunk && skipsHeader)
        buffer.removeFirst(cut)
        isFirstChunk = false
        return chunk
    }

    /// Offset just past the line feed that ends the chunk (or the buffer's end).
    private func findCut() throws(SluiceError) -> Int {
        if atEnd { return buffer.count }
        let lineFeed = CSVTokenizer.lineFeed
        guard let quote else {
            while true {
                if let last = buffer.lastIndex(of: lineFeed) { return last + 1 }
                if try !readMore() { return buffer.count }
            }
        }
        let walkStart = max(0, buffer.count - CSVChunker.tailBytes)
        var quotes = buffer.withUnsafeBytes { CSVChunker.count(quote, in: UnsafeRawBufferPointer(rebasing: $0[0..<walkStart])) }
        var cursor = walkStart
        while true {
            let found: Int? = buffer.withUnsafeBufferPointer { bytes in
                while cursor < bytes.count {
                    let byte = bytes[cursor]
                    cursor += 1
                    if byte == quote {
                        quotes &+= 1
                    } else if byte == lineFeed && quotes & 1 == 0 {
                        return cursor
                    }
                }
                return nil
            }
            if let found { return found }
            if buffer.count >= CSVChunker.maximumChunkBytes { return buffer.count }
            if try !readMore() { return buffer.count }
        }
    }

    /// How many bytes equal `byte`, eight at a time (SWAR): a zero byte of `word ^ pattern`
    /// marks a match, and the exact zero-byte test sets its high bit.
    static func count(_ byte: UInt8, in bytes: UnsafeRawBufferPointer) -> Int {
        // Sparse bytes (most CSV files quote little): hop with memchr, which is vectorized.
        guard let base = bytes.baseAddress else { return 0 }
        var total = 0
        var offset = 0
        while offset < bytes.count {
            guard let found = memchr(base + offset, Int32(byte), bytes.count - offset) else { return total }
            total += 1
            offset = base.distance(to: UnsafeRawPointer(found)) + 1
            // Dense: finish eight bytes at a time instead.
            if total > 64 && total * 64 > offset {
                return total + countEightAtATime(byte, in: UnsafeRawBufferPointer(rebasing: bytes[offset...]))
            }
        }
        return total
    }

    private static func countEightAtATime(_ byte: UInt8, in bytes: UnsafeRawBufferPointer) -> Int {
        let pattern = UInt64(byte) &* 0x0101_0101_0101_0101
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        var total = 0
        var index = 0
        let wordEnd = bytes.count & ~7
        while index < wordEnd {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ pattern
            total &+= (~(((word & low7) &+ low7) | word | low7)).nonzeroBitCount
            index += 8
        }
        while index < bytes.count {
            if bytes[index] == byte { total += 1 }
            index += 1
        }
        return total
    }

    /// Appends another block; false at the end of the input.
    private func readMore() throws(SluiceError) -> Bool {
        if try source.read(into: &buffer, maximumBytes: CSVRecordStream.blockBytes) == 0 {
            atEnd = true
            return false
        }
        return true
    }
}
