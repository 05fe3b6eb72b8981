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

/// One field's value between parsing and appending, so a record under
/// ``BadRecordPolicy/skip`` can be dropped whole before any of it reaches the builders.
enum CSVParsedValue {
    case null
    case boolean(Bool)
    case integer(Int64)
    case double(Double)
    case decimal(Int128)
    case text(CSVFieldSpan)
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

    func decode(_ chunk: CSVChunk) -> CSVDecodedChunk {
        chunk.bytes.withUnsafeBytes { decode($0, skipsFirstRecord: chunk.skipsFirstRecord) }
    }

    private func decode(_ bytes: UnsafeRawBufferPointer, skipsFirstRecord: Bool) -> CSVDecodedChunk {
        var output = CSVDecodedChunk()
        var tokenizer = CSVTokenizer(delimiter: delimiter, quote: quote)
        let columnCount = schema.count
        var fields: [CSVFieldSpan] = []
        fields.reserveCapacity(columnCount + 1)
        var values = [CSVParsedValue](repeating: .null, count: columnCount)
        let builders = schema.fields.map { ColumnBuilder(type: $0.type, capacity: batchRows) }
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
            var accepted = true
            for index in 0..<fieldCount {
                let field = fields[index]
                if let value = parse(field, kind: kinds[index], in: bytes) {
                    values[index] = value
                    continue
                }
                let error = CSVReadError.badValue(
                    path: path, line: line, byteColumn: CSVTokenizer.byteColumn(of: field.start - (field.isQuoted ? 1 : 0), in: bytes),
                    fieldNumber: index + 1, field: schema.fields[index], found: field.rawBytes(in: bytes),
                    inferredFromRecords: inferredFromRecords)
                guard reject(error, line: line, nullRow: false) else { break records }
                if policy == .skip {
                    accepted = false
                    break
                }
                values[index] = .null
            }
            guard accepted else { continue records }
            for index in fieldCount..<columnCount { values[index] = .null }
            for index in 0..<columnCount { append(values[index], to: builders[index], from: bytes) }
            rows += 1
            if rows >= batchRows { flush() }
        }
        // Rows before a failure are still delivered, then the error.
        flush()
        output.lineCount = tokenizer.line - 1
        return output
    }

    /// The field's value for a column of `kind`, or nil when the text does not fit it.
    @inline(__always)
    private func parse(_ field: CSVFieldSpan, kind: CSVColumnKind, in bytes: UnsafeRawBufferPointer) -> CSVParsedValue? {
        let raw = field.rawBytes(in: bytes)
        if !field.isQuoted, nullMarkers.matches(raw) { return .null }
        if case .text = kind { return .text(field) }
        let text = CSVValueParsing.trimmed(raw)
        if text.count == 0 { return .null }
        switch kind {
        case .integer(let minimum, let maximum):
            guard let value = CSVValueParsing.parseInt64(text), value >= minimum, value <= maximum else { return nil }
            return .integer(value)
        case .floatingPoint:
            return CSVValueParsing.parseDouble(text).map { .double($0) }
        case .boolean:
            return CSVValueParsing.parseBool(text).map { .boolean($0) }
        case .decimal(let precision, let scale):
            return CSVValueParsing.parseDecimal(text, precision: precision, scale: scale).map { .decimal($0) }
        case .date:
            return TemporalParsing.parseDate(text).map { .integer(Int64($0)) }
        case .timestamp:
            if let micros = TemporalParsing.parseTimestamp(text) { return .integer(micros) }
            return TemporalParsing.parseDate(text).map { .integer(Int64($0) * CivilTime.microsecondsPerDay) }
        case .text:
            return .text(field)
        }
    }

    @inline(__always)
    private func append(_ value: CSVParsedValue, to builder: ColumnBuilder, from bytes: UnsafeRawBufferPointer) {
        switch value {
        case .null: builder.appendNull()
        case .boolean(let flag): builder.append(bool: flag)
        case .integer(let number): builder.append(int: number)
        case .double(let number): builder.append(double: number)
        case .decimal(let unscaled): builder.append(decimal: unscaled)
        case .text(let field):
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
    }

    /// Line feeds in `bytes[start..<end]`.
    private func newlines(in bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int {
        var count = 0
        for index in start..<max(start, end) where bytes[index] == CSVTokenizer.lineFeed { count += 1 }
        return count
    }
}
