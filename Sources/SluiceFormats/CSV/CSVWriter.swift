public import SluiceCore

/// Writes record batches as CSV text through a ``ByteSink`` (atomic; gzip when the path ends
/// in `.gz`).
///
/// A header row of field names comes first. Fields are quoted only when needed: when they
/// hold the delimiter, the quote, a line break, or leading or trailing spaces, when they are
/// empty strings (an empty unquoted field reads back as null), or when they spell a default
/// null marker (`NULL`, `null`, `\N`). Quotes inside are doubled. Nulls are empty fields;
/// booleans `true`/`false`; dates `YYYY-MM-DD`; timestamps ISO 8601 in UTC
/// (`2026-11-01T10:00:00Z`, with a fraction when it is not zero); decimals exact; doubles the
/// shortest text that reads back to the same value (`NaN`, `Infinity`, `-Infinity`); binary
/// values their raw bytes; structs, lists and maps their JSON text in one field.
/// ``CSVReader`` with the same schema reads every scalar value back unchanged.
public final class CSVWriter: BatchWriter {
    public let path: String
    public let schema: Schema
    private let options: CSVWriteOptions
    private let sink: ByteSink
    /// Reused buffer for the JSON text of nested values.
    private var scratch: [UInt8] = []
    private var buffer: [UInt8] = []
    private let nullMarkers = CSVNullMarkers(CSVReadOptions.defaultNullMarkers)

    /// Text buffered before it is handed to the sink.
    static let flushThresholdBytes = 1 << 20

    public init(path: String, schema: Schema, options: CSVWriteOptions = CSVWriteOptions()) throws(SluiceError) {
        guard options.delimiter < 0x80, options.quote < 0x80, options.delimiter != options.quote,
            ![0x0A, 0x0D].contains(options.delimiter), ![0x0A, 0x0D].contains(options.quote)
        else {
            throw SluiceError(
                domain: .usage, code: "csv.options",
                message: "The CSV delimiter and quote must be two different ASCII characters other than line breaks.",
                location: ErrorLocation(file: path), hint: "Use ',' and '\"'.")
        }
        self.path = path
        self.schema = schema
        self.options = options
        self.sink = try ByteSink(path: path)
        buffer.reserveCapacity(CSVWriter.flushThresholdBytes + 64 * 1024)
        if options.writeHeader {
            for (index, field) in schema.fields.enumerated() {
                if index > 0 { buffer.append(options.delimiter) }
                var name = field.name
                name.withUTF8 { appendText(UnsafeRawBufferPointer($0)) }
            }
            buffer.append(CSVTokenizer.lineFeed)
        }
    }

    public func write(_ batch: RecordBatch) throws(SluiceError) {
        guard batch.schema.fields.map(\.type) == schema.fields.map(\.type) else {
            throw SluiceError(
                domain: .usage, code: "csv.schemaMismatch",
                message: "A batch with columns (\(batch.schema)) does not match the schema of '\(path)' (\(schema)).",
                hint: "Write batches of one schema to a file, or cast the batch first.")
        }
        // Nested values are written as their JSON text, exactly as the JSON writer writes them.
        let nestedEncoders = batch.columns.map { $0.type.isNested ? JSONValueEncoder($0) : nil }
        for row in 0..<batch.count {
            for (index, column) in batch.columns.enumerated() {
                if index > 0 { buffer.append(options.delimiter) }
                if let encoder = nestedEncoders[index] {
                    appendNested(encoder, row)
                } else {
                    appendValue(column, row)
                }
            }
            buffer.append(CSVTokenizer.lineFeed)
            if buffer.count >= CSVWriter.flushThresholdBytes { try flush() }
        }
    }

    /// Drops everything written; the target file is left as it was.
    public func abort() { sink.abort() }

    public func finish() throws(SluiceError) {
        try flush()
        try sink.commit()
    }

    private func flush() throws(SluiceError) {
        try buffer.withBytes { (bytes) throws(SluiceError) in try sink.write(bytes) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func appendValue(_ column: Column, _ row: Int) {
        if column.isNull(row) { return }
        switch column.storage {
        case .boolean(let bits): appendASCII(bits[row] ? "true" : "false")
        case .int8(let values): Value.appendInteger(Int64(values[row]), into: &buffer)
        case .int16(let values): Value.appendInteger(Int64(values[row]), into: &buffer)
        case .int32(let values):
            if column.type == .date {
                CivilTime.appendDate(days: Int(values[row]), into: &buffer)
            } else {
                Value.appendInteger(Int64(values[row]), into: &buffer)
            }
        case .int64(let values):
            if column.type == .timestamp {
                CivilTime.appendISOTimestamp(microseconds: values[row], into: &buffer)
            } else {
                Value.appendInteger(values[row], into: &buffer)
            }
        case .float32(let values):
            let value = values[row]
            appendASCII(value.isFinite ? value.description : Value.format(double: Double(value)))
        case .float64(let values): appendASCII(Value.format(double: values[row]))
        case .decimal(let values):
            guard case .decimal(_, let scale) = column.type else { return appendASCII(String(values[row])) }
            Value.appendDecimal(values[row], scale: scale, into: &buffer)
        case .bytes(let offsets, let data):
            data.withUnsafeBytes { bytes in
                appendText(UnsafeRawBufferPointer(rebasing: bytes[Int(offsets[row])..<Int(offsets[row + 1])]))
            }
        case .structure, .list:
            appendNested(JSONValueEncoder(column), row)
        }
    }

    private func appendNested(_ encoder: JSONValueEncoder, _ row: Int) {
        guard !encoder.column.isNull(row) else { return }
        scratch.removeAll(keepingCapacity: true)
        encoder.encode(row, into: &scratch)
        scratch.withUnsafeBytes { appendText($0) }
    }

    /// Appends text known to need no quoting (numbers, dates, booleans).
    private func appendASCII(_ text: String) {
        buffer.append(contentsOf: text.utf8)
    }

    /// Appends a string or binary value, quoted when reading it back unquoted would change it.
    private func appendText(_ text: UnsafeRawBufferPointer) {
        let quote = options.quote
        var needsQuotes = text.isEmpty || CSVValueParsing.isSpace(text[0]) || CSVValueParsing.isSpace(text[text.count - 1])
            || nullMarkers.matches(text)
        if !needsQuotes {
            for byte in text where byte == options.delimiter || byte == quote || byte == 0x0A || byte == 0x0D {
                needsQuotes = true
                break
            }
        }
        guard needsQuotes else {
            buffer.append(contentsOf: text)
            return
        }
        buffer.append(quote)
        for byte in text {
            buffer.append(byte)
            if byte == quote {
                buffer.append(quote)
            }
        }
        buffer.append(quote)
    }
}
