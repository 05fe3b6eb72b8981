public import SluiceCore

/// Writes record batches as newline-delimited JSON: one object per row, keys in schema
/// order, through a ``ByteSink`` (atomic; gzip when the path ends in `.gz`).
///
/// Dates are written as `"2026-11-01"`, timestamps as ISO 8601 UTC (`"2026-11-01T10:00:00Z"`,
/// with a fraction when there is one), decimals as exact numbers, binary as base64 text, maps
/// as objects, NaN and infinities as null (JSON has no words for them). Null fields are
/// written as `null` unless ``omitsNulls`` is set.
public final class JSONWriter: BatchWriter {
    public let schema: Schema
    private let sink: ByteSink
    private let omitsNulls: Bool
    private var buffer: [UInt8] = []
    private let keys: [[UInt8]]

    public init(path: String, schema: Schema, omitsNulls: Bool = false) throws(SluiceError) {
        self.schema = schema
        self.omitsNulls = omitsNulls
        sink = try ByteSink(path: path)
        keys = schema.names.map { JSONWriter.quotedKey($0) }
        buffer.reserveCapacity(1 << 20)
    }

    /// Rows written so far.
    public private(set) var rowCount = 0

    public func write(_ batch: RecordBatch) throws(SluiceError) {
        let encoders = batch.columns.map { JSONValueEncoder($0) }
        for row in 0..<batch.count {
            buffer.append(UInt8(ascii: "{"))
            var first = true
            for (index, encoder) in encoders.enumerated() {
                if omitsNulls && encoder.column.isNull(row) { continue }
                if !first { buffer.append(UInt8(ascii: ",")) }
                first = false
                buffer.append(contentsOf: keys[index])
                encoder.encode(row, into: &buffer)
            }
            buffer.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
            if buffer.count >= 1 << 20 { try flush() }
        }
        rowCount += batch.count
    }

    private func flush() throws(SluiceError) {
        try sink.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    public func finish() throws(SluiceError) {
        try flush()
        try sink.commit()
    }

    /// Aborts: the target file is left as it was.
    public func abort() { sink.abort() }

    static func quotedKey(_ name: String) -> [UInt8] {
        var bytes: [UInt8] = []
        JSONValueEncoder.appendQuoted(Array(name.utf8)[...], into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        return bytes
    }
}

/// Encodes the values of one column as JSON text; nested columns hold encoders for children.
final class JSONValueEncoder {
    let column: Column
    private let children: [JSONValueEncoder]
    private let childKeys: [[UInt8]]
    private let isMap: Bool

    init(_ column: Column) {
        self.column = column
        switch column.storage {
        case .structure(let columns):
            children = columns.map { JSONValueEncoder($0) }
            if case .struct(let fields) = column.type {
                childKeys = fields.map { JSONWriter.quotedKey($0.name) }
            } else {
                childKeys = []
            }
        case .list(_, let values):
            children = [JSONValueEncoder(values)]
            childKeys = []
        default:
            children = []
            childKeys = []
        }
        if case .map = column.type { isMap = true } else { isMap = false }
    }

    func encode(_ row: Int, into out: inout [UInt8]) {
        if column.isNull(row) {
            out.append(contentsOf: JSONValueEncoder.null)
            return
        }
        switch column.storage {
        case .boolean(let bits):
            out.append(contentsOf: bits[row] ? JSONValueEncoder.trueText : JSONValueEncoder.falseText)
        case .int8(let values): Value.appendInteger(Int64(values[row]), into: &out)
        case .int16(let values): Value.appendInteger(Int64(values[row]), into: &out)
        case .int32(let values):
            if column.type == .date {
                out.append(0x22)
                CivilTime.appendDate(days: Int(values[row]), into: &out)
                out.append(0x22)
            } else {
                Value.appendInteger(Int64(values[row]), into: &out)
            }
        case .int64(let values):
            if column.type == .timestamp {
                out.append(0x22)
                CivilTime.appendISOTimestamp(microseconds: values[row], into: &out)
                out.append(0x22)
            } else {
                Value.appendInteger(values[row], into: &out)
            }
        case .float32(let values): JSONValueEncoder.appendDouble(Double(values[row]), into: &out)
        case .float64(let values): JSONValueEncoder.appendDouble(values[row], into: &out)
        case .decimal(let values):
            guard case .decimal(_, let scale) = column.type else { return }
            Value.appendDecimal(values[row], scale: scale, into: &out)
        case .bytes(let offsets, let data):
            let range = Int(offsets[row])..<Int(offsets[row + 1])
            if column.type == .binary {
                out.append(0x22)
                data.withUnsafeBytes { Base64.encode(UnsafeRawBufferPointer(rebasing: $0[range]), into: &out) }
                out.append(0x22)
            } else {
                JSONValueEncoder.appendQuoted(data[range], into: &out)
            }
        case .structure:
            out.append(UInt8(ascii: "{"))
            for (index, child) in children.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: childKeys[index])
                child.encode(row, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .list(let offsets, _):
            let range = Int(offsets[row])..<Int(offsets[row + 1])
            if isMap {
                encodeMapEntries(range, into: &out)
                return
            }
            out.append(UInt8(ascii: "["))
            for element in range {
                if element > range.lowerBound { out.append(UInt8(ascii: ",")) }
                children[0].encode(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
    }

    /// A map as an object. JSON keys are strings: keys that encode as JSON strings (text,
    /// binary, dates, timestamps) are written as they are, other keys in quotes.
    private func encodeMapEntries(_ range: Range<Int>, into out: inout [UInt8]) {
        let entries = children[0]
        let keyEncoder = entries.children[0]
        let valueEncoder = entries.children[1]
        let keyIsText: Bool
        switch keyEncoder.column.type {
        case .string, .binary, .date, .timestamp: keyIsText = true
        default: keyIsText = false
        }
        out.append(UInt8(ascii: "{"))
        for entry in range {
            if entry > range.lowerBound { out.append(UInt8(ascii: ",")) }
            if !keyIsText { out.append(0x22) }
            keyEncoder.encode(entry, into: &out)
            if !keyIsText { out.append(0x22) }
            out.append(UInt8(ascii: ":"))
            valueEncoder.encode(entry, into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    static let null: [UInt8] = Array("null".utf8)
    static let trueText: [UInt8] = Array("true".utf8)
    static let falseText: [UInt8] = Array("false".utf8)

    static func appendDouble(_ value: Double, into out: inout [UInt8]) {
        guard value.isFinite else {
            out.append(contentsOf: null)
            return
        }
        out.append(contentsOf: value.description.utf8)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// Appends text as a JSON string, escaping quotes, backslashes and control characters.
    static func appendQuoted(_ text: ArraySlice<UInt8>, into out: inout [UInt8]) {
        out.append(0x22)
        var runStart = text.startIndex
        for index in text.indices {
            let byte = text[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            out.append(contentsOf: text[runStart..<index])
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            default:
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            }
            runStart = index + 1
        }
        out.append(contentsOf: text[runStart..<text.endIndex])
        out.append(0x22)
    }
}
