public import SluiceCore

/// A source of record batches of one schema, read front to back. Readers of every format
/// (and later the engine's scans) implement it; `next()` returns `nil` at the end.
public protocol BatchReader: AnyObject {
    var schema: Schema { get }
    /// The next batch, or `nil` when the input is exhausted.
    func next() throws(SluiceError) -> RecordBatch?
    /// Records rejected under ``BadRecordPolicy/skip`` since the last call, in input order.
    func takeRejected() -> [RejectedRecord]
}

extension BatchReader {
    public func takeRejected() -> [RejectedRecord] { [] }

    /// Reads everything into memory (tests and small inputs only).
    public func readAll() throws(SluiceError) -> [RecordBatch] {
        var batches: [RecordBatch] = []
        while let batch = try next() { batches.append(batch) }
        return batches
    }
}

/// A sink for record batches of one schema; `finish()` flushes and closes the output, which
/// appears whole or not at all; `abort()` drops what was written.
public protocol BatchWriter: AnyObject {
    func write(_ batch: RecordBatch) throws(SluiceError)
    func finish() throws(SluiceError)
    func abort()
}
