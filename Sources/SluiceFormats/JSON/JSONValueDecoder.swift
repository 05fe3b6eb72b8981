import SluiceCore

/// Decodes JSON values of one field straight into that field's ``ColumnBuilder``; structs,
/// lists and maps hold decoders for their children. One tree per chunk, built from the schema.
final class JSONValueDecoder {
    let builder: ColumnBuilder
    /// Dotted path of the field, for messages (`device.os`).
    let path: String
    private let kind: Kind

    // Struct fields: their names, their decoders (owned by the array), and hot-path mirrors
    // in raw memory so the per-key loop does no reference counting or uniqueness checks —
    // decoders unretained, and which fields the current object had.
    private let keys = JSONKeyTable()
    private var fieldDecoders: [JSONValueDecoder] = []
    private var unownedDecoders = UnsafeMutablePointer<Unmanaged<JSONValueDecoder>>.allocate(capacity: 1)
    private var seen = UnsafeMutablePointer<Bool>.allocate(capacity: 1)
    private var fieldCount = 0
    // List element, or map key and value decoders.
    private var element: JSONValueDecoder?
    private var mapKey: JSONValueDecoder?
    private var mapValue: JSONValueDecoder?

    private enum Kind {
        case boolean, integer, float, decimal(precision: Int, scale: Int), string, binary, date, timestamp
        case structure, list, map
    }

    /// Whether a value of the wrong type becomes null (``BadRecordPolicy/setNull``) instead of an issue.
    let typeMismatchToNull: Bool

    init(type: DataType, builder: ColumnBuilder, path: String, typeMismatchToNull: Bool) {
        self.builder = builder
        self.path = path
        self.typeMismatchToNull = typeMismatchToNull
        switch type {
        case .boolean: kind = .boolean
        case .int8, .int16, .int32, .int64: kind = .integer
        case .float32, .float64: kind = .float
        case .decimal(let precision, let scale): kind = .decimal(precision: precision, scale: scale)
        case .string: kind = .string
        case .binary: kind = .binary
        case .date: kind = .date
        case .timestamp: kind = .timestamp
        case .struct(let fields):
            kind = .structure
            for (index, field) in fields.enumerated() {
                keys.append(field.name)
                fieldDecoders.append(JSONValueDecoder(
                    type: field.type, builder: builder.children[index],
                    path: path.isEmpty ? field.name : path + "." + field.name, typeMismatchToNull: typeMismatchToNull))
            }
            fieldCount = fields.count
            unownedDecoders.deallocate()
            seen.deallocate()
            unownedDecoders = .allocate(capacity: max(1, fields.count))
            seen = .allocate(capacity: max(1, fields.count))
            for index in fieldDecoders.indices { unownedDecoders[index] = Unmanaged.passUnretained(fieldDecoders[index]) }
        case .list(let elementType):
            kind = .list
            element = JSONValueDecoder(type: elementType, builder: builder.listValues!, path: path + "[]", typeMismatchToNull: typeMismatchToNull)
        case .map(let keyType, let valueType):
            kind = .map
            let entries = builder.listValues!
            mapKey = JSONValueDecoder(type: keyType, builder: entries.children[0], path: path + ".key", typeMismatchToNull: typeMismatchToNull)
            mapValue = JSONValueDecoder(type: valueType, builder: entries.children[1], path: path + ".value", typeMismatchToNull: typeMismatchToNull)
        }
        integerBounds = JSONValueDecoder.bounds(of: type)
    }

    private let integerBounds: ClosedRange<Int64>

    deinit {
        unownedDecoders.deallocate()
        seen.deallocate()
    }

    private static func bounds(of type: DataType) -> ClosedRange<Int64> {
        switch type {
        case .int8: Int64(Int8.min)...Int64(Int8.max)
        case .int16: Int64(Int16.min)...Int64(Int16.max)
        case .int32: Int64(Int32.min)...Int64(Int32.max)
        default: Int64.min...Int64.max
        }
    }

    /// Decodes one value at the scanner's position and appends it (or a null) to the builder.
    func decode(_ scanner: inout JSONScanner, depth: Int) throws(JSONIssue) {
        guard let first = scanner.peek() else { throw scanner.issue(expected: "a value") }
        if first == UInt8(ascii: "n") {
            try scanner.literal("null")
            builder.appendNull()
            return
        }
        switch kind {
        case .integer:
            if first == UInt8(ascii: "-") || first &- 0x30 < 10 {
                let start = scanner.position
                let number = try scanner.scanNumber()
                if let integer = number.integer, integerBounds.contains(integer) {
                    builder.append(int: integer)
                    return
                }
                if number.isFloat {
                    let value = scanner.double(of: number)
                    if value.rounded() == value, let exact = Int64(exactly: value), integerBounds.contains(exact) {
                        builder.append(int: exact)
                        return
                    }
                }
                return try mismatch(&scanner, at: start, "an integer in \(describeBounds())", skipped: true)
            }
            return try mismatch(&scanner, at: scanner.position, "an integer", skipped: false)
        case .float:
            if first == UInt8(ascii: "-") || first &- 0x30 < 10 {
                let number = try scanner.scanNumber()
                builder.append(double: scanner.double(of: number))
                return
            }
            return try mismatch(&scanner, at: scanner.position, "a number", skipped: false)
        case .decimal(let precision, let scale):
            if first == UInt8(ascii: "-") || first &- 0x30 < 10 {
                let start = scanner.position
                let number = try scanner.scanNumber()
                if let value = scanner.decimal(of: number, precision: precision, scale: scale) {
                    builder.append(decimal: value)
                    return
                }
                return try mismatch(&scanner, at: start, "a number that fits decimal(\(precision),\(scale))", skipped: true)
            }
            return try mismatch(&scanner, at: scanner.position, "a number", skipped: false)
        case .string:
            if first == 0x22 {
                let range = try scanner.scanString()
                if range.hasEscapes {
                    let builder = self.builder
                    try scanner.unescape(start: range.start, end: range.end) { builder.appendStringPiece($0) }
                    builder.closeString()
                } else {
                    builder.append(bytes: UnsafeRawBufferPointer(start: scanner.bytes + range.start, count: range.end - range.start))
                }
                return
            }
            // Anything else is kept as its JSON text (TypeWidening rule 9).
            let start = scanner.position
            try scanner.skipValue(depth: depth)
            builder.append(bytes: UnsafeRawBufferPointer(start: scanner.bytes + start, count: scanner.position - start))
        case .boolean:
            if first == UInt8(ascii: "t") {
                try scanner.literal("true")
                builder.append(bool: true)
            } else if first == UInt8(ascii: "f") {
                try scanner.literal("false")
                builder.append(bool: false)
            } else {
                try mismatch(&scanner, at: scanner.position, "true or false", skipped: false)
            }
        case .date, .timestamp:
            guard first == 0x22 else {
                let what = if case .date = kind { "a date in quotes (\"2026-11-01\")" } else { "a timestamp in quotes (\"2026-11-01T10:00:00Z\")" }
                return try mismatch(&scanner, at: scanner.position, what, skipped: false)
            }
            let start = scanner.position
            let range = try scanner.scanString()
            let text = UnsafeRawBufferPointer(start: scanner.bytes + range.start, count: range.end - range.start)
            if case .date = kind {
                if let days = TemporalParsing.parseDate(text) {
                    builder.append(int: Int64(days))
                    return
                }
                return try mismatch(&scanner, at: start, "a date like \"2026-11-01\"", skipped: true)
            }
            if let micros = TemporalParsing.parseTimestamp(text) {
                builder.append(int: micros)
            } else if let days = TemporalParsing.parseDate(text) {
                builder.append(int: Int64(days) * CivilTime.microsecondsPerDay)
            } else {
                try mismatch(&scanner, at: start, "a timestamp like \"2026-11-01T10:00:00Z\"", skipped: true)
            }
        case .binary:
            guard first == 0x22 else { return try mismatch(&scanner, at: scanner.position, "base64 text in quotes", skipped: false) }
            let start = scanner.position
            let range = try scanner.scanString()
            guard let decoded = Base64.decode(UnsafeRawBufferPointer(start: scanner.bytes + range.start, count: range.end - range.start)) else {
                return try mismatch(&scanner, at: start, "base64 text", skipped: true)
            }
            decoded.withUnsafeBytes { builder.append(bytes: $0) }
        case .structure:
            guard first == UInt8(ascii: "{") else { return try mismatch(&scanner, at: scanner.position, "an object", skipped: false) }
            try decodeObject(&scanner, depth: depth)
        case .list:
            guard first == UInt8(ascii: "[") else { return try mismatch(&scanner, at: scanner.position, "an array", skipped: false) }
            try decodeArray(&scanner, depth: depth)
        case .map:
            guard first == UInt8(ascii: "{") else { return try mismatch(&scanner, at: scanner.position, "an object", skipped: false) }
            try decodeMap(&scanner, depth: depth)
        }
    }

    private func describeBounds() -> String {
        integerBounds == Int64.min...Int64.max ? "the bigint range" : "\(integerBounds.lowerBound)...\(integerBounds.upperBound)"
    }

    /// A value of the wrong type: null under the null policy, else an issue naming the field.
    private func mismatch(_ scanner: inout JSONScanner, at start: Int, _ expected: String, skipped: Bool) throws(JSONIssue) {
        if !skipped { try scanner.skipValue() }
        let text = String(decoding: UnsafeBufferPointer(start: scanner.bytes + start, count: min(scanner.position - start, 40)), as: UTF8.self)
        if typeMismatchToNull {
            builder.appendNull()
            return
        }

        throw JSONIssue(
            message: "expected \(expected) for field '\(path)' but found \(text)", position: start,
            field: path, isTypeMismatch: true)
    }

    /// Decodes an object into the struct's fields; absent fields become null, unknown ones are skipped.
    func decodeObject(_ scanner: inout JSONScanner, depth: Int) throws(JSONIssue) {
        guard depth < JSONScanner.maximumDepth else {
            throw JSONIssue(message: "values are nested more than \(JSONScanner.maximumDepth) levels deep", position: scanner.position)
        }
        scanner.position += 1  // {
        seen.update(repeating: false, count: fieldCount)
        var expectedIndex = 0
        if scanner.peek() == UInt8(ascii: "}") {
            scanner.position += 1
        } else {
            while true {
                guard scanner.peek() == 0x22 else { throw scanner.issue(expected: "a field name in quotes") }
                let index: Int?
                if let matched = keys.matchInPlace(&scanner, expected: expectedIndex) {
                    index = matched
                } else {
                    index = try keys.index(of: try scanner.scanString(), in: scanner)
                }
                try scanner.expect(UInt8(ascii: ":"), "':' after the field name")
                if let index {
                    let decoder = unownedDecoders[index]
                    if seen[index] {
                        // Duplicate key: the last value wins, as in most JSON readers. The first
                        // occurrence appended exactly one value to the field's builder; drop it.
                        decoder._withUnsafeGuaranteedRef { $0.builder.truncate(to: $0.builder.count - 1) }
                    }
                    seen[index] = true
                    var failure: JSONIssue?
                    decoder._withUnsafeGuaranteedRef { field in
                        do throws(JSONIssue) { try field.decode(&scanner, depth: depth + 1) } catch { failure = error }
                    }
                    if let failure { throw failure }
                    expectedIndex = index + 1
                } else {
                    try scanner.skipValue(depth: depth + 1)
                }
                if try scanner.closes(UInt8(ascii: "}")) { break }
            }
        }
        for index in 0..<fieldCount where !seen[index] {
            unownedDecoders[index]._withUnsafeGuaranteedRef { $0.builder.appendNull() }
        }
        builder.appendStructSlot()
    }

    private func decodeArray(_ scanner: inout JSONScanner, depth: Int) throws(JSONIssue) {
        guard depth < JSONScanner.maximumDepth else {
            throw JSONIssue(message: "values are nested more than \(JSONScanner.maximumDepth) levels deep", position: scanner.position)
        }
        scanner.position += 1  // [
        let element = self.element!
        if scanner.peek() == UInt8(ascii: "]") {
            scanner.position += 1
        } else {
            while true {
                try element.decode(&scanner, depth: depth + 1)
                if try scanner.closes(UInt8(ascii: "]")) { break }
            }
        }
        builder.closeList()
    }

    private func decodeMap(_ scanner: inout JSONScanner, depth: Int) throws(JSONIssue) {
        guard depth < JSONScanner.maximumDepth else {
            throw JSONIssue(message: "values are nested more than \(JSONScanner.maximumDepth) levels deep", position: scanner.position)
        }
        scanner.position += 1  // {
        let entries = builder.listValues!
        let mapKey = self.mapKey!
        let mapValue = self.mapValue!
        if scanner.peek() == UInt8(ascii: "}") {
            scanner.position += 1
        } else {
            while true {
                guard scanner.peek() == 0x22 else { throw scanner.issue(expected: "a key in quotes") }
                // Keys are JSON strings; a non-string key type reads the key's text as that type.
                try mapKey.decodeKey(&scanner)
                try scanner.expect(UInt8(ascii: ":"), "':' after the key")
                try mapValue.decode(&scanner, depth: depth + 1)
                entries.appendStructSlot()
                if try scanner.closes(UInt8(ascii: "}")) { break }
            }
        }
        builder.closeList()
    }

    /// Decodes a map key (always a JSON string) into this decoder's type.
    private func decodeKey(_ scanner: inout JSONScanner) throws(JSONIssue) {
        if case .string = kind { return try decode(&scanner, depth: 0) }
        let start = scanner.position
        let range = try scanner.scanString()
        // Re-scan the key's contents as if it were a bare JSON value (e.g. "42" for an int key).
        var inner = JSONScanner(bytes: scanner.bytes, start: range.start, end: range.end)
        do {
            try decode(&inner, depth: 0)
            guard inner.position == range.end else { throw inner.issue(expected: "the end of the key") }
        } catch {
            throw JSONIssue(message: "the map key at '\(path)' is not a valid value of its type", position: start, field: path, isTypeMismatch: true)
        }
    }
}
