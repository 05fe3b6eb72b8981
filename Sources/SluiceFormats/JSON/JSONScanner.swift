import SluiceCore

/// A syntax or type problem found while scanning JSON: what was wrong and the byte offset in
/// the chunk where it was found. The chunk decoder turns it into a located ``SluiceError``.
struct JSONIssue: Error {
    var message: String
    var position: Int
    /// The dotted field path, when the problem is a value of the wrong type.
    var field: String?
    /// True for a value of the wrong type in otherwise valid JSON (the null policy can
    /// replace just that field); false for broken syntax.
    var isTypeMismatch = false
}

extension JSONIssue {
    /// The issue as the error users see: file, 1-based line and column, and a hint — about
    /// JSON arrays when the record starts with '[', else `typeHint` for a value of the wrong
    /// type, else how to mend or skip a broken line.
    func located(file: String, line: Int, column: Int, recordStartsWith firstByte: UInt8, typeHint: @autoclosure () -> String) -> SluiceError {
        let hint: String
        if firstByte == UInt8(ascii: "[") {
            hint = "Sluice reads newline-delimited JSON (one object per line); this looks like a JSON array. "
                + "Convert it with: jq -c '.[]' \(file) > records.json"
        } else if isTypeMismatch {
            hint = typeHint()
        } else {
            hint = "Each line must hold one complete JSON object (NDJSON). Fix the line, or use --bad-records skip "
                + "to set it aside in an error file."
        }
        return SluiceError(
            domain: .format, code: isTypeMismatch ? "json.type" : "json.syntax", message: message + ".",
            location: ErrorLocation(file: file, line: line, column: column), hint: hint)
    }
}

/// A cursor over JSON bytes in one chunk: skips whitespace, reads literals, strings and
/// numbers straight from the bytes. All positions are offsets into the chunk.
struct JSONScanner {
    let bytes: UnsafePointer<UInt8>
    let end: Int
    var position: Int

    init(bytes: UnsafePointer<UInt8>, start: Int, end: Int) {
        self.bytes = bytes
        self.position = start
        self.end = end
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < end {
            let byte = bytes[position]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            position += 1
        }
    }

    /// The next non-whitespace byte, or nil at the end.
    @inline(__always)
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < end ? bytes[position] : nil
    }

    /// Describes the byte at `position` for messages: `'"'`, or `the end of the line`.
    func found(at offset: Int? = nil) -> String {
        let at = offset ?? position
        guard at < end else { return "the end of the line" }
        let byte = bytes[at]
        if byte == 0x0A || byte == 0x0D { return "the end of the line" }
        if byte < 0x20 { return "control character 0x\(String(byte, radix: 16))" }
        if byte < 0x80 { return "'\(Character(Unicode.Scalar(byte)))'" }
        // Show the whole UTF-8 character.
        var length = 1
        while at + length < end, length < 4, bytes[at + length] & 0xC0 == 0x80 { length += 1 }
        return "'" + String(decoding: UnsafeBufferPointer(start: bytes + at, count: length), as: UTF8.self) + "'"
    }

    func issue(expected: String) -> JSONIssue {
        JSONIssue(message: "expected \(expected) but found \(found())", position: position)
    }

    @inline(__always)
    mutating func expect(_ byte: UInt8, _ description: String) throws(JSONIssue) {
        skipWhitespace()
        guard position < end, bytes[position] == byte else { throw issue(expected: description) }
        position += 1
    }

    /// Consumes `true`, `false` or `null` whose first byte is at `position`.
    @inline(__always)
    mutating func literal(_ text: StaticString) throws(JSONIssue) {
        let count = text.utf8CodeUnitCount
        let start = text.utf8Start
        guard position + count <= end else { throw issue(expected: "'\(text)'") }
        for index in 0..<count where bytes[position + index] != start[index] {
            throw JSONIssue(message: "expected '\(text)' but found \(found(at: position))", position: position)
        }
        position += count
    }

    /// Scans a string whose opening quote is at `position`; returns the byte range of its raw
    /// contents (between the quotes) and whether it holds escapes.
    @inline(__always)
    mutating func scanString() throws(JSONIssue) -> (start: Int, end: Int, hasEscapes: Bool) {
        let open = position
        position += 1
        let start = position
        var hasEscapes = false
        // Skip eight plain bytes at a time: no quote, no backslash, no control character.
        while position + 8 <= end {
            let word = UnsafeRawPointer(bytes + position).loadUnaligned(as: UInt64.self)
            if JSONScanner.hasSpecialByte(word) { break }
            position += 8
        }
        while position < end {
            let byte = bytes[position]
            if byte == 0x22 { // "
                let range = (start, position, hasEscapes)
                position += 1
                return range
            }
            if byte == 0x5C { // backslash
                hasEscapes = true
                position += 2
                continue
            }
            if byte < 0x20 {
                if byte == 0x0A || byte == 0x0D {
                    throw JSONIssue(message: "a string starting at column \(open + 1) is not closed before the end of the line", position: position)
                }
                throw JSONIssue(
                    message: "control character 0x\(String(byte, radix: 16)) inside a string must be escaped (e.g. \\n, \\t, \\u0001)",
                    position: position)
            }
            position += 1
        }
        throw JSONIssue(message: "a string starting here is not closed before the end of the line", position: open)
    }

    /// Whether any byte of `word` is '"', '\\' or below 0x20 (exact zero-byte tests, SWAR).
    @inline(__always)
    static func hasSpecialByte(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        @inline(__always) func hasZeroByte(_ value: UInt64) -> Bool {
            (~(((value & low7) &+ low7) | value | low7)) != 0
        }
        // A byte below 0x20: (byte - 0x20) borrows into the high bit when the byte had it clear.
        let belowSpace = (word &- ones &* 0x20) & ~word & high
        return belowSpace != 0 || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
    }

    /// Decodes the escapes of a raw string range into UTF-8, calling `emit` for each run of bytes.
    func unescape(start: Int, end stringEnd: Int, emit: (UnsafeRawBufferPointer) -> Void) throws(JSONIssue) {
        var index = start
        var runStart = start
        var scratch: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        while index < stringEnd {
            guard bytes[index] == 0x5C else {
                index += 1
                continue
            }
            if index > runStart { emit(UnsafeRawBufferPointer(start: bytes + runStart, count: index - runStart)) }
            let escape = bytes[index + 1]
            var single: UInt8 = 0
            switch escape {
            case UInt8(ascii: "\""): single = 0x22
            case UInt8(ascii: "\\"): single = 0x5C
            case UInt8(ascii: "/"): single = 0x2F
            case UInt8(ascii: "b"): single = 0x08
            case UInt8(ascii: "f"): single = 0x0C
            case UInt8(ascii: "n"): single = 0x0A
            case UInt8(ascii: "r"): single = 0x0D
            case UInt8(ascii: "t"): single = 0x09
            case UInt8(ascii: "u"):
                var scalar = try hex4(at: index + 2, stringEnd: stringEnd)
                index += 6
                if (0xD800...0xDBFF).contains(scalar) {
                    // A high surrogate must be followed by \u and a low surrogate.
                    guard index + 1 < stringEnd, bytes[index] == 0x5C, bytes[index + 1] == UInt8(ascii: "u") else {
                        throw JSONIssue(message: "the \\u escape for a high surrogate is not followed by a low surrogate", position: index)
                    }
                    let low = try hex4(at: index + 2, stringEnd: stringEnd)
                    guard (0xDC00...0xDFFF).contains(low) else {
                        throw JSONIssue(message: "\\u\(String(low, radix: 16)) is not a low surrogate", position: index)
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw JSONIssue(message: "a lone low surrogate \\u\(String(scalar, radix: 16)) is not valid text", position: index - 6)
                }
                let count = JSONScanner.encodeUTF8(scalar, into: &scratch)
                withUnsafeBytes(of: &scratch) { emit(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                runStart = index
                continue
            default:
                throw JSONIssue(message: "'\\\(Character(Unicode.Scalar(escape)))' is not a JSON escape", position: index)
            }
            withUnsafeBytes(of: &single) { emit($0) }
            index += 2
            runStart = index
        }
        if stringEnd > runStart { emit(UnsafeRawBufferPointer(start: bytes + runStart, count: stringEnd - runStart)) }
    }

    private func hex4(at index: Int, stringEnd: Int) throws(JSONIssue) -> UInt32 {
        guard index + 4 <= stringEnd else {
            throw JSONIssue(message: "a \\u escape needs four hex digits", position: index - 2)
        }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[index + offset]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw JSONIssue(message: "a \\u escape needs four hex digits", position: index - 2)
            }
            value = value << 4 | digit
        }
        return value
    }

    static func encodeUTF8(_ scalar: UInt32, into out: inout (UInt8, UInt8, UInt8, UInt8)) -> Int {
        switch scalar {
        case 0..<0x80:
            out.0 = UInt8(scalar)
            return 1
        case 0x80..<0x800:
            out.0 = UInt8(0xC0 | (scalar >> 6))
            out.1 = UInt8(0x80 | (scalar & 0x3F))
            return 2
        case 0x800..<0x10000:
            out.0 = UInt8(0xE0 | (scalar >> 12))
            out.1 = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            out.2 = UInt8(0x80 | (scalar & 0x3F))
            return 3
        default:
            out.0 = UInt8(0xF0 | (scalar >> 18))
            out.1 = UInt8(0x80 | ((scalar >> 12) & 0x3F))
            out.2 = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            out.3 = UInt8(0x80 | (scalar & 0x3F))
            return 4
        }
    }

    /// Checks that a record starts here with '{' (each NDJSON record is an object).
    @inline(__always)
    func expectRecordStart() throws(JSONIssue) {
        guard position < end, bytes[position] == UInt8(ascii: "{") else {
            throw JSONIssue(
                message: "expected a JSON object ('{') at the start of the record but found \(found())", position: position)
        }
    }

    /// After a member of an array or object: consumes ',' and returns false (another member
    /// follows), or consumes `closing` and returns true; anything else is an issue.
    @inline(__always)
    mutating func closes(_ closing: UInt8) throws(JSONIssue) -> Bool {
        let expected = closing == UInt8(ascii: "]") ? "',' or ']'" : "',' or '}'"
        guard let next = peek() else { throw issue(expected: expected) }
        if next == closing {
            position += 1
            return true
        }
        guard next == UInt8(ascii: ",") else { throw issue(expected: expected) }
        position += 1
        return false
    }

    /// Skips one JSON value of any kind (validating its syntax).
    mutating func skipValue(depth: Int = 0) throws(JSONIssue) {
        guard depth < JSONScanner.maximumDepth else {
            throw JSONIssue(message: "values are nested more than \(JSONScanner.maximumDepth) levels deep", position: position)
        }
        guard let byte = peek() else { throw issue(expected: "a value") }
        switch byte {
        case 0x22: _ = try scanString()
        case UInt8(ascii: "{"):
            position += 1
            if peek() == UInt8(ascii: "}") {
                position += 1
                return
            }
            while true {
                guard peek() == 0x22 else { throw issue(expected: "a field name in quotes") }
                _ = try scanString()
                try expect(UInt8(ascii: ":"), "':'")
                try skipValue(depth: depth + 1)
                if try closes(UInt8(ascii: "}")) { return }
            }
        case UInt8(ascii: "["):
            position += 1
            if peek() == UInt8(ascii: "]") {
                position += 1
                return
            }
            while true {
                try skipValue(depth: depth + 1)
                if try closes(UInt8(ascii: "]")) { return }
            }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default:
            _ = try scanNumber()
        }
    }

    /// Deepest nesting accepted: guards the recursive decoders against stack exhaustion.
    static let maximumDepth = 512
}
