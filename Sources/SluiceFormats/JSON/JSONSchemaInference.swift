public import SluiceCore

/// Infers the schema of a newline-delimited JSON file from a sample of its records.
///
/// Each value gives a type — integers that fit 64 bits `bigint`, larger integers
/// `decimal(38,0)` (or `double` beyond 38 digits), other numbers `double`, `true`/`false`
/// `boolean`, strings `string` (or `date`/`timestamp` when they are ISO dates and
/// ``InferenceOptions/detectTemporalStrings`` is on), objects `struct`, arrays `array` —
/// and the types seen for one field are reconciled by ``TypeWidening``. Every field is
/// nullable (a record may leave it out). Fields only ever null are typed `string` and listed
/// in ``InferredSchema/nullOnlyFields``; objects that are always empty become `string` too.
public enum JSONSchemaInference {
    public static func infer(
        path: String, options: InferenceOptions = InferenceOptions(), badRecords: BadRecordPolicy = .fail,
        displayName: String? = nil
    ) throws(SluiceError) -> InferredSchema {
        let source = try ByteSource(path: path)
        let chunkBytes = min(1 << 20, options.sampleBytes ?? Int.max)
        let chunker = LineChunker(source: source, targetBytes: chunkBytes)
        let root = InferenceNode()
        var records = 0
        var skipped = 0
        var bytesSampled = 0
        var linesBefore = 0
        var complete = true
        let limit = options.sampleRecords ?? Int.max
        let fileName = displayName ?? path
        reading: while let chunk = try chunker.next() {
            var failure: SluiceError?
            var lineCount = 0
            var stopOffset: Int?
            chunk.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                var lines = NDJSONLines(base: base, count: buffer.count)
                defer { lineCount = lines.count }
                while let line = lines.next() {
                    var scanner = JSONScanner(bytes: base, start: line.start, end: line.end)
                    while true {
                        scanner.skipWhitespace()
                        guard scanner.position < line.end else { break }
                        if records >= limit {
                            stopOffset = scanner.position
                            return
                        }
                        let recordStart = scanner.position
                        do throws(JSONIssue) {
                            try scanner.expectRecordStart()
                            try root.observe(&scanner, options: options, depth: 0)
                            records += 1
                        } catch {
                            guard badRecords == .fail else {  // skip the rest of the line
                                skipped += 1
                                break
                            }
                            // Inference meets syntax only: every value has some type.
                            failure = error.located(
                                file: fileName, line: linesBefore + line.number + 1, column: error.position - line.start + 1,
                                recordStartsWith: base[recordStart], typeHint: "")
                            return
                        }
                    }
                }
            }
            if let failure { throw failure }
            linesBefore += lineCount
            if let stopOffset {
                // The record limit ended the sample inside this chunk: more records follow.
                bytesSampled += stopOffset
                complete = false
                break reading
            }
            bytesSampled += chunk.count
            // Chunks end at a line, a little short of their target: the sample is full when
            // another chunk would pass the limit.
            if let limit = options.sampleBytes, bytesSampled + chunkBytes > limit,
                records > 0 || bytesSampled + chunkBytes > max(limit, options.sampleBytesWithoutRecord ?? limit) {
                complete = try chunker.next() == nil
                break reading
            }
        }
        var nullOnly = Set<String>()
        var fields: [Field] = []
        for (index, node) in root.fields.enumerated() {
            if node.kind == .unseen { nullOnly.insert(root.names[index]) }
            fields.append(Field(root.names[index], node.finalType()))
        }
        return InferredSchema(
            schema: Schema(fields), nullOnlyFields: nullOnly, recordsSampled: records, isComplete: complete,
            bytesSampled: bytesSampled, recordsSkipped: skipped)
    }
}

/// What inference has learned about one field (or the record itself): its kind so far, and
/// for objects and arrays the nodes below it.
final class InferenceNode {
    enum Kind: Equatable {
        case unseen, scalar, object, array, text
    }

    var kind = Kind.unseen
    var scalar = DataType.string
    var names: [String] = []
    private let keys = JSONKeyTable()
    var fields: [InferenceNode] = []
    var element: InferenceNode?

    func finalType() -> DataType {
        switch kind {
        case .unseen, .text: return .string
        case .scalar: return scalar
        case .object:
            guard !fields.isEmpty else { return .string }
            return .struct(zip(names, fields).map { Field($0, $1.finalType()) })
        case .array: return .list(element?.finalType() ?? .string)
        }
    }

    /// Records a value of kind `new`; conflicting kinds make the field text (rule 9).
    @inline(__always)
    private func become(_ new: Kind) -> Bool {
        if kind == new { return true }
        if kind == .unseen {
            kind = new
            return true
        }
        kind = .text
        return false
    }

    private func observe(scalar type: DataType) {
        if kind == .unseen {
            kind = .scalar
            scalar = type
        } else if kind == .scalar {
            if scalar != type { scalar = TypeWidening.widen(scalar, type) }
        } else {
            kind = .text
        }
    }

    func observe(_ scanner: inout JSONScanner, options: InferenceOptions, depth: Int) throws(JSONIssue) {
        guard depth < JSONScanner.maximumDepth else {
            throw JSONIssue(message: "values are nested more than \(JSONScanner.maximumDepth) levels deep", position: scanner.position)
        }
        guard let first = scanner.peek() else { throw scanner.issue(expected: "a value") }
        switch first {
        case UInt8(ascii: "n"):
            try scanner.literal("null")
        case UInt8(ascii: "t"):
            try scanner.literal("true")
            observe(scalar: .boolean)
        case UInt8(ascii: "f"):
            try scanner.literal("false")
            observe(scalar: .boolean)
        case 0x22:
            let range = try scanner.scanString()
            var type = DataType.string
            if options.detectTemporalStrings && !range.hasEscapes && range.end - range.start >= 10
                && (kind == .unseen || (kind == .scalar && (scalar == .date || scalar == .timestamp))) {
                let text = UnsafeRawBufferPointer(start: scanner.bytes + range.start, count: range.end - range.start)
                if TemporalParsing.parseDate(text) != nil {
                    type = .date
                } else if TemporalParsing.parseTimestamp(text) != nil {
                    type = .timestamp
                }
            }
            observe(scalar: type)
        case UInt8(ascii: "{"):
            guard become(.object) else { return try scanner.skipValue(depth: depth) }
            try observeObject(&scanner, options: options, depth: depth)
        case UInt8(ascii: "["):
            guard become(.array) else { return try scanner.skipValue(depth: depth) }
            scanner.position += 1
            let element = self.element ?? InferenceNode()
            self.element = element
            if scanner.peek() == UInt8(ascii: "]") {
                scanner.position += 1
                return
            }
            while true {
                try element.observe(&scanner, options: options, depth: depth + 1)
                if try scanner.closes(UInt8(ascii: "]")) { return }
            }
        default:
            let number = try scanner.scanNumber()
            if number.isFloat {
                observe(scalar: .float64)
            } else if number.integer != nil {
                observe(scalar: .int64)
            } else {
                observe(scalar: number.digitCount <= DataType.maximumDecimalPrecision ? .decimal(precision: 38, scale: 0) : .float64)
            }
        }
    }

    private func observeObject(_ scanner: inout JSONScanner, options: InferenceOptions, depth: Int) throws(JSONIssue) {
        scanner.position += 1  // {
        if scanner.peek() == UInt8(ascii: "}") {
            scanner.position += 1
            return
        }
        var expected = 0
        while true {
            guard scanner.peek() == 0x22 else { throw scanner.issue(expected: "a field name in quotes") }
            let index: Int
            if let matched = keys.matchInPlace(&scanner, expected: expected) {
                index = matched
            } else {
                index = try fieldIndex(for: try scanner.scanString(), in: scanner)
            }
            try scanner.expect(UInt8(ascii: ":"), "':' after the field name")
            try fields[index].observe(&scanner, options: options, depth: depth + 1)
            expected = index + 1
            if try scanner.closes(UInt8(ascii: "}")) { return }
        }
    }

    /// The child node for a key, created on first sight.
    private func fieldIndex(for key: (start: Int, end: Int, hasEscapes: Bool), in scanner: JSONScanner) throws(JSONIssue) -> Int {
        if let index = try keys.index(of: key, in: scanner) { return index }
        let name = try JSONKeyTable.name(of: key, in: scanner)
        names.append(name)
        fields.append(InferenceNode())
        return keys.append(name)
    }
}
