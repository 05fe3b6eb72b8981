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

    func decode(_ chunk: [UInt8]) -> JSONChunkResult {
        var result = JSONChunkResult()
        let builder = RecordBatchBuilder(schema: schema, capacity: min(options.batchRows, chunk.count / 64 + 16))
        let root = JSONValueDecoder(
            type: schema.structType, builder: RootBuilderAdapter.structBuilder(for: builder),
            path: "", typeMismatchToNull: options.badRecords == .setNull)
        chunk.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var scanner = JSONScanner(bytes: base, start: 0, end: buffer.count)
            var lines = LineCounter(base: base)
            while true {
                scanner.skipWhitespace()
                guard scanner.position < buffer.count else { break }
                lines.advance(to: scanner.position)
                let recordStart = scanner.position
                let recordLine = lines.line
                let recordLineStart = lines.lineStart
                let rowCount = builder.count
                do throws(JSONIssue) {
                    guard base[recordStart] == UInt8(ascii: "{") else {
                        throw JSONIssue(
                            message: "expected a JSON object ('{') at the start of the record but found \(scanner.found())",
                            position: recordStart)
                    }
                    try root.decodeObject(&scanner, depth: 0)
                    // The record must end its line or be followed by whitespace and another record.
                    if scanner.position < buffer.count {
                        let next = base[scanner.position]
                        if next != 0x0A && next != 0x0D && next != 0x20 && next != 0x09 && next != UInt8(ascii: "{") {
                            throw scanner.issue(expected: "the end of the line after the record")
                        }
                    }
                } catch {
                    // Take back what the bad record had appended.
                    for column in builder.columns { column.truncate(to: rowCount) }
                    lines.advance(to: min(error.position, buffer.count))
                    let column = min(error.position, buffer.count) - lines.lineStart + 1
                    let recordEnd = endOfLine(base, from: max(error.position, recordStart), end: buffer.count)
                    switch options.badRecords {
                    case .fail:
                        result.error = SluiceError(
                            domain: .format, code: error.isTypeMismatch ? "json.type" : "json.syntax",
                            message: error.message + ".",
                            location: ErrorLocation(file: fileName, line: lines.line + 1, column: column),
                            hint: hint(for: error, firstByte: base[recordStart]))
                        result.lineCount = lines.line
                        return
                    case .skip:
                        let text = String(decoding: UnsafeBufferPointer(
                            start: base + recordStart, count: min(recordEnd - recordStart, RejectedRecord.maximumTextBytes)), as: UTF8.self)
                        result.rejected.append(RejectedRecord(
                            file: fileName, line: recordLine + 1,
                            reason: "column \(min(error.position, buffer.count) - recordLineStart + 1): \(error.message)",
                            text: text))
                    case .setNull:
                        for column in builder.columns { column.appendNull() }
                    }
                    scanner.position = recordEnd
                }
                if builder.count >= options.batchRows { result.batches.append(builder.finish()) }
            }
            lines.advance(to: buffer.count)
            result.lineCount = lines.line
        }
        if builder.count > 0 { result.batches.append(builder.finish()) }
        return result
    }

    private func endOfLine(_ base: UnsafePointer<UInt8>, from start: Int, end: Int) -> Int {
        var index = start
        while index < end, base[index] != 0x0A { index += 1 }
        return index
    }

    private func hint(for issue: JSONIssue, firstByte: UInt8?) -> String {
        if firstByte == UInt8(ascii: "[") {
            return "Sluice reads newline-delimited JSON (one object per line); this looks like a JSON array. "
                + "Convert it with: jq -c '.[]' \(fileName) > records.json"
        }
        if issue.isTypeMismatch {
            let sampled = options.schema == nil
                ? " The schema was inferred from a sample of \(options.inference.sampleRecords.map { "\($0) records" } ?? "all records"); "
                    + "infer from more (--sample-records N or --sample-records all) or give the type explicitly."
                : " Fix the value or change the field's type in the schema."
            return "Each value of '\(issue.field ?? "")' must fit its column type.\(sampled)"
                + " To keep going past bad records, use --bad-records skip (they go to an error file) or null."
        }
        return "Each line must hold one complete JSON object (NDJSON). Fix the line, or use --bad-records skip "
            + "to set it aside in an error file."
    }
}

/// Lets the root decoder treat a batch's column builders as the fields of one struct.
enum RootBuilderAdapter {
    static func structBuilder(for batch: RecordBatchBuilder) -> ColumnBuilder {
        ColumnBuilder(adopting: batch.columns, type: batch.schema.structType)
    }
}

/// Counts newlines lazily up to a position, to turn byte offsets into line and column.
struct LineCounter {
    let base: UnsafePointer<UInt8>
    /// 0-based line of ``lineStart``.
    private(set) var line = 0
    /// Offset where the current line starts.
    private(set) var lineStart = 0
    private var countedTo = 0

    init(base: UnsafePointer<UInt8>) {
        self.base = base
    }

    @inline(__always)
    mutating func advance(to offset: Int) {
        var index = countedTo
        while index < offset {
            if base[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        countedTo = max(countedTo, offset)
    }
}
