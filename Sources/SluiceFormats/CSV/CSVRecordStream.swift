import SluiceCore

/// Reads a CSV file's records one after another on the calling thread, in bounded memory:
/// the buffer holds one block plus the record in progress. Schema inference uses it; the
/// reader's parallel path uses ``CSVChunker`` instead.
final class CSVRecordStream {
    private let source: ByteSource
    private var buffer: [UInt8] = []
    private var tokenizer: CSVTokenizer
    private var fields: [CSVFieldSpan] = []
    private var atEnd = false
    private var isFirstRead = true
    /// Decompressed bytes read into the buffer so far.
    private var bytesRead = 0
    /// Bytes read per refill.
    static let blockBytes = 1 << 20

    init(path: String, delimiter: UInt8, quote: UInt8?) throws(SluiceError) {
        source = try ByteSource(path: path)
        tokenizer = CSVTokenizer(delimiter: delimiter, quote: quote)
    }

    /// Calls `body` with each well-formed record (the buffer, the field spans into it and the
    /// 1-based line where the record starts) until it returns false or the input ends.
    /// Malformed records are passed over: the reader reports them where it meets them.
    func forEachRecord(
        _ body: (UnsafeRawBufferPointer, [CSVFieldSpan], Int) throws(SluiceError) -> Bool
    ) throws(SluiceError) {
        while true {
            let result = buffer.withUnsafeBytes { tokenizer.nextRecord(in: $0, fields: &fields, isFinal: atEnd) }
            switch result {
            case .end:
                return
            case .malformed:
                continue
            case .incomplete:
                try refill()
            case .record:
                let fields = self.fields
                let line = tokenizer.recordLine
                let keepGoing = try buffer.withBytes { (bytes) throws(SluiceError) in try body(bytes, fields, line) }
                if !keepGoing { return }
            }
        }
    }

    /// Decompressed bytes of the file up to the end of the last record handed out.
    var bytesConsumed: Int { bytesRead - (buffer.count - tokenizer.position) }

    /// Drops the bytes already consumed and reads the next block.
    private func refill() throws(SluiceError) {
        if tokenizer.position > 0 {
            buffer.removeFirst(tokenizer.position)
            tokenizer.position = 0
        }
        let added = try source.read(into: &buffer, maximumBytes: CSVRecordStream.blockBytes)
        if added == 0 { atEnd = true }
        bytesRead += added
        if isFirstRead {
            isFirstRead = false
            CSVDialectSniffer.stripByteOrderMark(&buffer)
        }
    }
}
