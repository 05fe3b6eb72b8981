import SluiceCore

/// What a worker made of one chunk. Lines in `rejected` and `failure` count from the chunk's
/// first line; ``CSVReader`` adds the lines of the chunks before it.
struct CSVDecodedChunk: Sendable {
    var batches: [RecordBatch] = []
    var rejected: [RejectedRecord] = []
    /// Line feeds in the chunk.
    var lineCount = 0
    /// The error that stopped decoding under ``BadRecordPolicy/fail``.
    var failure: SluiceError?
}

/// How a column's text is read.
enum CSVColumnKind: Sendable {
    case boolean
    case integer(minimum: Int64, maximum: Int64)
    case floatingPoint
    case decimal(precision: Int, scale: Int)
    case date
    case timestamp
    /// String or binary: the bytes as they are.
    case text

    /// The kind for a schema type; nil for nested types, which CSV cannot hold.
    init?(_ type: DataType) {
        switch type {
        case .boolean: self = .boolean
        case .int8: self = .integer(minimum: Int64(Int8.min), maximum: Int64(Int8.max))
        case .int16: self = .integer(minimum: Int64(Int16.min), maximum: Int64(Int16.max))
        case .int32: self = .integer(minimum: Int64(Int32.min), maximum: Int64(Int32.max))
        case .int64: self = .integer(minimum: Int64.min, maximum: Int64.max)
        case .float32, .float64: self = .floatingPoint
        case .decimal(let precision, let scale): self = .decimal(precision: precision, scale: scale)
        case .date: self = .date
        case .timestamp: self = .timestamp
        case .string, .binary: self = .text
        case .struct, .list, .map: return nil
        }
    }
}

/// Decodes a chunk of whole records straight into column builders: numbers are parsed from
/// the bytes, text is copied from the chunk into the string builder, and no `String` is
/// made per field. Runs on worker threads; it holds only immutable configuration.
struct CSVChunkDecoder: Sendable {
    let path: String
    let schema: Schema
    let kinds: [CSVColumnKind]
    let delimiter: UInt8
    let quote: UInt8?
    let nullMarkers: CSVNullMarkers
    let policy: BadRecordPolicy
    let batchRows: Int
    /// Records the schema was inferred from (for hints), nil for an explicit schema.
    let inferredFromRecords: Int?
    /// Column builders kept between chunks (with their buffers), one set per worker at a time.
    let builderSets = ReusePool<CSVBuilderSet>()

    func decode(_ chunk: CSVChunk) -> CSVDecodedChunk {
        chunk.bytes.withUnsafeBytes { decode($0, skipsFirstRecord: chunk.skipsFirstRecord) }
    }

    private func decode(_ bytes: UnsafeRawBufferPointer, skipsFirstRecord: Bool) -> CSVDecodedChunk {
        var output = CSVDecodedChunk()
        var tokenizer = CSVTokenizer(delimiter: delimiter, quote: quote)
        let columnCount = schema.count
        var fields: [CSVFieldSpan] = []
        fields.reserveCapacity(columnCount + 1)
        let builderSet = builderSets.take() ?? CSVBuilderSet(schema: schema, capacity: batchRows)
        let builders = builderSet.builders
        defer {
            // A chunk that stopped at an error leaves rows behind: drop them before reuse.
            for builder in builders where builder.count > 0 { builder.truncate(to: 0) }
            builderSets.recycle(builderSet)
        }
        // Unretained views of the builders for the per-field loop (`builders` keeps them alive).
        let unownedBuilders = builders.map { Unmanaged.passUnretained($0) }
        defer { withExtendedLifetime(builders) {} }
        var rows = 0
        var skipsHeader = skipsFirstRecord

        func flush() {
            guard rows > 0 else { return }
            do {
                output.batches.append(try RecordBatch(schema: schema, columns: builders.map { $0.finish() }))
            } catch {
                if output.failure == nil { output.failure = error }
            }
            rows = 0
        }

        /// Applies the policy to a bad record; false when decoding must stop.
        func reject(_ error: SluiceError, line: Int, nullRow: Bool) -> Bool {
            switch policy {
            case .fail:
                output.failure = error
                return false
            case .skip:
                let raw = tokenizer.recordBytes(in: bytes)
                let kept = UnsafeRawBufferPointer(rebasing: raw[0..<min(raw.count, RejectedRecord.maximumTextBytes)])
                output.rejected.append(
                    RejectedRecord(file: path, line: line, reason: error.message, text: String(decoding: kept, as: UTF8.self)))
                return true
            case .setNull:
                if nullRow {
                    for builder in builders { builder.appendNull() }
                    rows += 1
                }
                return true
            }
        }

        records: while true {
            switch tokenizer.nextRecord(in: bytes, fields: &fields, isFinal: true) {
            case .end, .incomplete:
                break records
            case .malformed(let syntax):
                skipsHeader = false
                let line = tokenizer.recordLine + newlines(in: bytes, from: tokenizer.recordStart, to: syntax.offset)
                let error = CSVReadError.syntax(
                    syntax, path: path, line: line, byteColumn: CSVTokenizer.byteColumn(of: syntax.offset, in: bytes),
                    delimiter: delimiter, quote: quote ?? UInt8(ascii: "\""))
                guard reject(error, line: line, nullRow: true) else { break records }
                continue records
            case .record:
                if skipsHeader {
                    skipsHeader = false
                    continue records
                }
            }
            let line = tokenizer.recordLine
            var fieldCount = fields.count
            if fieldCount != columnCount {
                let error = CSVReadError.fieldCount(path: path, line: line, expected: columnCount, found: fieldCount)
                // Under setNull, missing trailing fields are null; a record with too many is all null.
                guard reject(error, line: line, nullRow: fieldCount > columnCount) else { break records }
                if policy != .setNull || fieldCount > columnCount { continue records }
            }
            fieldCount = min(fieldCount, columnCount)
            // Values go straight into the builders; a record rejected halfway is taken back.
            var accepted = true
            for index in 0..<fieldCount {
                let field = fields[index]
                let builder = unownedBuilders[index]
                let appended = builder._withUnsafeGuaranteedRef { append(field, kind: kinds[index], to: $0, from: bytes) }
                if appended { continue }
                let error = CSVReadError.badValue(
                    path: path, line: line, byteColumn: CSVTokenizer.byteColumn(of: field.start - (field.isQuoted ? 1 : 0), in: bytes),
                    fieldNumber: index + 1, field: schema.fields[index], found: field.rawBytes(in: bytes),
                    inferredFromRecords: inferredFromRecords)
                guard reject(error, line: line, nullRow: false) else {
                    for builder in builders { builder.truncate(to: rows) }
                    break records
                }
                if policy == .skip {
                    for builder in builders { builder.truncate(to: rows) }
                    accepted = false
                    break
                }
                builder._withUnsafeGuaranteedRef { $0.appendNull() }
            }
            guard accepted else { continue records }
            for index in fieldCount..<columnCount { builders[index].appendNull() }
            rows += 1
            if rows >= batchRows { flush() }
        }
        // Rows before a failure are still delivered, then the error.
        flush()
        output.lineCount = tokenizer.line - 1
        return output
    }

    /// Appends the field's value (or a null) for a column of `kind`; false, appending nothing,
    /// when the text does not fit the column.
    @inline(__always)
    private func append(
        _ field: CSVFieldSpan, kind: CSVColumnKind, to builder: ColumnBuilder, from bytes: UnsafeRawBufferPointer
    ) -> Bool {
        let raw = field.rawBytes(in: bytes)
        if case .text = kind {
            if !field.isQuoted, nullMarkers.matches(raw) {
                builder.appendNull()
            } else {
                appendText(field, to: builder, from: bytes)
            }
            return true
        }
        let text = CSVValueParsing.trimmed(raw)
        if text.count == 0 || (!field.isQuoted && nullMarkers.matches(raw)) {
            builder.appendNull()
            return true
        }
        switch kind {
        case .integer(let minimum, let maximum):
            guard let value = CSVValueParsing.parseInt64(text), value >= minimum, value <= maximum else { return false }
            builder.append(int: value)
        case .floatingPoint:
            guard let value = CSVValueParsing.parseDouble(text) else { return false }
            builder.append(double: value)
        case .boolean:
            guard let value = CSVValueParsing.parseBool(text) else { return false }
            builder.append(bool: value)
        case .decimal(let precision, let scale):
            guard let value = CSVValueParsing.parseDecimal(text, precision: precision, scale: scale) else { return false }
            builder.append(decimal: value)
        case .date:
            guard let days = TemporalParsing.parseDate(text) else { return false }
            builder.append(int: Int64(days))
        case .timestamp:
            if let micros = TemporalParsing.parseTimestamp(text) {
                builder.append(int: micros)
            } else if let days = TemporalParsing.parseDate(text) {
                builder.append(int: Int64(days) * CivilTime.microsecondsPerDay)
            } else {
                return false
            }
        case .text:
            appendText(field, to: builder, from: bytes)
        }
        return true
    }

    @inline(__always)
    private func appendText(_ field: CSVFieldSpan, to builder: ColumnBuilder, from bytes: UnsafeRawBufferPointer) {
        guard field.hasDoubledQuotes, let quote else {
            builder.append(bytes: field.rawBytes(in: bytes))
            return
        }
        // Copy the runs between doubled quotes, keeping one quote of each pair.
        var runStart = field.start
        var index = field.start
        while index < field.end {
            if bytes[index] == quote {
                builder.appendStringPiece(UnsafeRawBufferPointer(rebasing: bytes[runStart...index]))
                index += 2
                runStart = index
            } else {
                index += 1
            }
        }
        builder.appendStringPiece(UnsafeRawBufferPointer(rebasing: bytes[runStart..<field.end]))
        builder.closeString()
    }

    /// Line feeds in `bytes[start..<end]`.
    private func newlines(in bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int {
        var count = 0
        for index in start..<max(start, end) where bytes[index] == CSVTokenizer.lineFeed { count += 1 }
        return count
    }
}

/// One column builder per schema field, reused from chunk to chunk.
final class CSVBuilderSet: @unchecked Sendable {
    // Used by one worker at a time; ``ReusePool`` hands it over under its lock.
    let builders: [ColumnBuilder]

    init(schema: Schema, capacity: Int) {
        builders = schema.fields.map { ColumnBuilder(type: $0.type, capacity: capacity) }
    }
}
