import SluiceCore

/// A compiled SQL `LIKE` pattern: `%` matches any run of characters, `_` exactly one character
/// (a whole UTF-8 sequence, not a byte), and the escape character makes the next `%`, `_` or
/// escape literal. Patterns that are a plain string, a prefix, a suffix or a substring get fast
/// byte-compare paths; the rest match segment by segment (each `%`-separated segment is found
/// leftmost, which is optimal for `%`), so matching never backtracks exponentially.
struct LikePattern {
    /// One element of a segment: literal bytes, or `_`.
    enum Element: Equatable {
        case bytes([UInt8])
        case anyCharacter
    }

    enum Shape {
        case exact([UInt8])
        case prefix([UInt8])
        case suffix([UInt8])
        case contains([UInt8])
        /// `first % middle1 % … % last`: `first` matches at the start, `last` at the end (nil
        /// when there is no `%`: then `first` must match the whole text).
        case general(first: [Element], middles: [[Element]], last: [Element]?)
        case matchAll
    }

    let shape: Shape

    /// Compiles `pattern`; `escape` is the escape character's UTF-8 bytes, if any.
    init(pattern: UnsafeBufferPointer<UInt8>, escape: [UInt8]?) throws(SluiceError) {
        // Split at unescaped `%` into segments of literal runs and `_`.
        var segments: [[Element]] = [[]]
        var literal: [UInt8] = []
        func flushLiteral() {
            if !literal.isEmpty {
                segments[segments.count - 1].append(.bytes(literal))
                literal.removeAll()
            }
        }
        var index = 0
        while index < pattern.count {
            let byte = pattern[index]
            if let escape, Self.matches(escape, pattern, at: index) {
                let next = index + escape.count
                guard next < pattern.count else { throw Self.escapeError(pattern) }
                let nextByte = pattern[next]
                if nextByte == UInt8(ascii: "%") || nextByte == UInt8(ascii: "_") {
                    literal.append(nextByte)
                    index = next + 1
                } else if Self.matches(escape, pattern, at: next) {
                    literal.append(contentsOf: escape)
                    index = next + escape.count
                } else {
                    throw Self.escapeError(pattern)
                }
            } else if byte == UInt8(ascii: "%") {
                flushLiteral()
                segments.append([])
                index += 1
            } else if byte == UInt8(ascii: "_") {
                flushLiteral()
                segments[segments.count - 1].append(.anyCharacter)
                index += 1
            } else {
                literal.append(byte)
                index += 1
            }
        }
        flushLiteral()
        guard segments.count > 1 else {
            if let bytes = Self.literalBytes(segments[0]) {
                shape = .exact(bytes)
            } else {
                shape = .general(first: segments[0], middles: [], last: nil)
            }
            return
        }
        let first = segments[0]
        let last = segments[segments.count - 1]
        let middles = segments[1..<(segments.count - 1)].filter { !$0.isEmpty }
        if first.isEmpty, last.isEmpty, middles.isEmpty {
            shape = .matchAll
        } else if middles.isEmpty, last.isEmpty, let bytes = Self.literalBytes(first) {
            shape = .prefix(bytes)
        } else if middles.isEmpty, first.isEmpty, let bytes = Self.literalBytes(last) {
            shape = .suffix(bytes)
        } else if middles.count == 1, first.isEmpty, last.isEmpty, let bytes = Self.literalBytes(middles[0]) {
            shape = .contains(bytes)
        } else {
            shape = .general(first: first, middles: middles, last: last)
        }
    }

    private static func matches(_ needle: [UInt8], _ pattern: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + needle.count <= pattern.count else { return false }
        for offset in 0..<needle.count where pattern[index + offset] != needle[offset] { return false }
        return true
    }

    private static func literalBytes(_ segment: [Element]) -> [UInt8]? {
        var bytes: [UInt8] = []
        for element in segment {
            guard case .bytes(let part) = element else { return nil }
            bytes.append(contentsOf: part)
        }
        return bytes
    }

    private static func escapeError(_ pattern: UnsafeBufferPointer<UInt8>) -> SluiceError {
        SluiceError(
            domain: .query, code: "like.escape",
            message: "LIKE pattern '\(String(decoding: pattern, as: UTF8.self))' has an escape character that is not followed by '%', '_' or the escape character.",
            hint: "Write the escape character before '%', '_' or itself only; double it to match it literally.")
    }

    /// Checks the ESCAPE operand: exactly one character.
    static func escapeBytes(_ escape: UnsafeBufferPointer<UInt8>) throws(SluiceError) -> [UInt8] {
        guard escape.count > 0, UTF8Bytes.characterCount(escape) == 1 else {
            throw SluiceError(
                domain: .query, code: "like.escape",
                message: "LIKE escape '\(String(decoding: escape, as: UTF8.self))' must be a single character.",
                hint: "Write one character after ESCAPE, e.g. ESCAPE '\\'.")
        }
        return Array(escape)
    }

    /// Whether each of the first `count` values of `view` matches: the shape is decided once,
    /// then each fast path runs its own loop.
    func matchAll(_ view: BytesView, count: Int) -> Bitmap {
        switch shape {
        case .matchAll:
            return Bitmap(repeating: true, count: count)
        case .exact(let bytes):
            return bytes.withUnsafeBufferPointer { needle in
                Bitmap.fromPredicate(count: count) { UTF8Bytes.equal(needle, view[$0]) }
            }
        case .prefix(let bytes):
            return bytes.withUnsafeBufferPointer { needle in
                Bitmap.fromPredicate(count: count) { row in
                    let text = view[row]
                    return text.count >= needle.count && Self.equalAt(needle, text, 0)
                }
            }
        case .suffix(let bytes):
            return bytes.withUnsafeBufferPointer { needle in
                Bitmap.fromPredicate(count: count) { row in
                    let text = view[row]
                    return text.count >= needle.count && Self.equalAt(needle, text, text.count - needle.count)
                }
            }
        case .contains(let bytes):
            return bytes.withUnsafeBufferPointer { Self.containsAll(view, $0, count: count) }
        case .general(let first, let middles, let last):
            return Bitmap.fromPredicate(count: count) { Self.matchGeneral(first: first, middles: middles, last: last, view[$0]) }
        }
    }

    /// `%needle%` over a whole column: one search through the byte buffer instead of one per
    /// row; a hit counts for the row it starts in when it also ends there, and the search then
    /// skips to the next row.
    static func containsAll(_ view: BytesView, _ needle: UnsafeBufferPointer<UInt8>, count: Int) -> Bitmap {
        guard count > 0 else { return Bitmap(repeating: false, count: 0) }
        var words = [UInt64](repeating: 0, count: (count + 63) >> 6)
        let start = Int(view.offsets[0])
        let end = Int(view.offsets[count])
        let data = UnsafeBufferPointer(rebasing: view.data[start..<end])
        var row = 0
        var position = 0
        while row < count, let found = UTF8Bytes.find(needle, in: data, from: position) {
            while Int(view.offsets[row + 1]) - start <= found, row < count - 1 { row += 1 }
            let rowEnd = Int(view.offsets[row + 1]) - start
            if found + needle.count <= rowEnd {
                words[row >> 6] |= 1 << UInt64(row & 63)
                position = rowEnd
                row += 1
            } else {
                position = found + 1
            }
        }
        return Bitmap(words: words, count: count)
    }

    /// Whether `text` matches.
    @inline(__always)
    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        switch shape {
        case .matchAll: return true
        case .exact(let bytes): return bytes.withUnsafeBufferPointer { UTF8Bytes.equal($0, text) }
        case .prefix(let bytes):
            guard text.count >= bytes.count else { return false }
            return bytes.withUnsafeBufferPointer { Self.equalAt($0, text, 0) }
        case .suffix(let bytes):
            guard text.count >= bytes.count else { return false }
            return bytes.withUnsafeBufferPointer { Self.equalAt($0, text, text.count - $0.count) }
        case .contains(let bytes):
            return bytes.withUnsafeBufferPointer { UTF8Bytes.find($0, in: text) != nil }
        case .general(let first, let middles, let last):
            return Self.matchGeneral(first: first, middles: middles, last: last, text)
        }
    }

    @inline(__always)
    private static func equalAt(_ needle: UnsafeBufferPointer<UInt8>, _ text: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool {
        var index = 0
        while index < needle.count {
            if text[at + index] != needle[index] { return false }
            index += 1
        }
        return true
    }

    /// The end offset when `segment` matches `text` starting at byte `start`.
    private static func matchSegment(_ segment: [Element], _ text: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        var position = start
        for element in segment {
            switch element {
            case .anyCharacter:
                guard position < text.count else { return nil }
                position += UTF8Bytes.sequenceLength(text[position])
                if position > text.count { return nil }
            case .bytes(let bytes):
                guard position + bytes.count <= text.count else { return nil }
                let matched = bytes.withUnsafeBufferPointer { equalAt($0, text, position) }
                guard matched else { return nil }
                position += bytes.count
            }
        }
        return position
    }

    private static func matchGeneral(
        first: [Element], middles: [[Element]], last: [Element]?, _ text: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        guard let position0 = matchSegment(first, text, at: 0) else { return false }
        guard let last else { return position0 == text.count }
        var position = position0
        for segment in middles {
            var start = position
            var found: Int?
            while start <= text.count {
                if let end = matchSegment(segment, text, at: start) {
                    found = end
                    break
                }
                guard start < text.count else { break }
                start += UTF8Bytes.sequenceLength(text[start])
            }
            guard let end = found else { return false }
            position = end
        }
        // The last segment must end exactly at the end: try each character boundary from `position`.
        var start = position
        while start <= text.count {
            if let end = matchSegment(last, text, at: start), end == text.count { return true }
            guard start < text.count else { break }
            start += UTF8Bytes.sequenceLength(text[start])
        }
        return false
    }
}
