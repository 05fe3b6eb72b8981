#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore

/// What decoding one chunk produced: its batches, the records it rejected, how many lines it
/// held, and the first error (with a chunk-relative line) when the policy is to fail.
struct JSONChunkResult: Sendable {
    var batches: [RecordBatch] = []
    var rejected: [RejectedRecord] = []
    var lineCount = 0
    var error: SluiceError?
}

/// Decodes the records of one chunk of NDJSON (whole lines) into record batches. Records are
/// separated by whitespace — normally one per line, but several on a line also work.
struct JSONChunkDecoder {
    let schema: Schema
    let options: JSONReadOptions
    let fileName: String
    /// Decoding state kept between chunks, one per worker at a time.
    let contexts = ReusePool<JSONDecodingContext>()

    func decode(_ chunk: [UInt8]) -> JSONChunkResult {
        var result = JSONChunkResult()
        // Builders and decoders are reused from chunk to chunk (and keep their buffers).
        let context = contexts.take() ?? JSONDecodingContext(schema: schema, options: options)
        let builder = context.batch
        defer {
            // A chunk that stopped at an error leaves rows behind: drop them before reuse.
            for column in builder.columns where column.count > 0 { column.truncate(to: 0) }
            contexts.recycle(context)
        }
        let root = context.root
        chunk.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var lines = NDJSONLines(base: base, count: buffer.count)
            while let line = lines.next() {
                // Records never span lines: the scanner stops at the line's end.
                var scanner = JSONScanner(bytes: base, start: line.start, end: line.end)
                while true {
                    scanner.skipWhitespace()
                    guard scanner.position < line.end else { break }
                    let recordStart = scanner.position
                    let rowCount = builder.count
                    do throws(JSONIssue) {
                        try scanner.expectRecordStart()
                        try root.decodeObject(&scanner, depth: 0)
                        // Another record may follow on the same line, after optional whitespace.
                        if scanner.position < line.end {
                            let next = base[scanner.position]
                            if next != 0x0D && next != 0x20 && next != 0x09 && next != UInt8(ascii: "{") {
                                throw scanner.issue(expected: "the end of the line after the record")
                            }
                        }
                    } catch {
                        // Take back what the bad record had appended.
                        for column in builder.columns { column.truncate(to: rowCount) }
                        let column = error.position - line.start + 1
                        switch options.badRecords {
                        case .fail:
                            result.error = error.located(
                                file: fileName, line: line.number + 1, column: column,
                                recordStartsWith: base[recordStart], typeHint: typeHint(for: error))
                            result.lineCount = line.number
                            return
                        case .skip:
                            let text = String(decoding: UnsafeBufferPointer(
                                start: base + recordStart, count: min(line.end - recordStart, RejectedRecord.maximumTextBytes)), as: UTF8.self)
                            result.rejected.append(RejectedRecord(
                                file: fileName, line: line.number + 1, reason: "column \(column): \(error.message)", text: text))
                        case .setNull:
                            for column in builder.columns { column.appendNull() }
                        }
                        break  // the rest of a bad line is not trusted
                    }
                    if builder.count >= options.batchRows { result.batches.append(builder.finish()) }
                }
            }
            result.lineCount = lines.count
        }
        if builder.count > 0 { result.batches.append(builder.finish()) }
        return result
    }

    /// How to get past a value of the wrong type: mentions the inference sample when the
    /// schema was inferred.
    private func typeHint(for issue: JSONIssue) -> String {
        let sampled = options.schema == nil
            ? " The schema was inferred from a sample of \(options.inference.sampleRecords.map { "\($0) records" } ?? "all records"); "
                + "infer from more (--sample-records N or --sample-records all) or give the type explicitly."
            : " Fix the value or change the field's type in the schema."
        return "Each value of '\(issue.field ?? "")' must fit its column type.\(sampled)"
            + " To keep going past bad records, use --bad-records skip (they go to an error file) or null."
    }
}

/// The builders and decoder tree for one schema, reused across chunks so their buffers are
/// allocated once per worker rather than once per chunk.
final class JSONDecodingContext: @unchecked Sendable {
    // Used by one worker at a time; ``ReusePool`` hands it over under its lock.
    let batch: RecordBatchBuilder
    let root: JSONValueDecoder

    init(schema: Schema, options: JSONReadOptions) {
        batch = RecordBatchBuilder(schema: schema, capacity: options.batchRows)
        root = JSONValueDecoder(
            type: schema.structType, builder: RootBuilderAdapter.structBuilder(for: batch),
            path: "", typeMismatchToNull: options.badRecords == .setNull)
    }
}

/// Lets the root decoder treat a batch's column builders as the fields of one struct.
enum RootBuilderAdapter {
    static func structBuilder(for batch: RecordBatchBuilder) -> ColumnBuilder {
        ColumnBuilder(adopting: batch.columns, type: batch.schema.structType)
    }
}

/// Walks the lines of a chunk with `memchr`: each line's byte range (without its newline)
/// and 0-based number. A last line without a newline counts too.
struct NDJSONLines {
    let base: UnsafePointer<UInt8>
    let end: Int
    private var position = 0
    /// Lines handed out so far.
    private(set) var count = 0

    init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.end = count
    }

    @inline(__always)
    mutating func next() -> (start: Int, end: Int, number: Int)? {
        guard position < end else { return nil }
        let start = position
        let lineEnd: Int
        if let found = memchr(base + start, 0x0A, end - start) {
            lineEnd = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        } else {
            lineEnd = end
        }
        position = lineEnd + 1
        defer { count += 1 }
        return (start, lineEnd, count)
    }
}
