/// A range of UTF-8 bytes in the SQL text, so errors can point at what they are about.
public struct SourceSpan: Hashable, Sendable {
    /// Offset of the first byte.
    public var start: Int
    /// Offset one past the last byte.
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// The smallest span covering both.
    public func union(_ other: SourceSpan) -> SourceSpan {
        SourceSpan(start: min(start, other.start), end: max(end, other.end))
    }

    /// A span covering nothing, for nodes the parser synthesises.
    public static let none = SourceSpan(start: 0, end: 0)
}

/// A 1-based line and column (in characters) of a position in the SQL text.
public struct SourcePosition: Hashable, Sendable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// Where byte `offset` of `text` is.
    public init(offset: Int, in text: String) {
        var line = 1
        var column = 1
        var consumed = 0
        for character in text {
            let width = character.utf8.count
            if consumed + width > offset { break }
            consumed += width
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        self.init(line: line, column: column)
    }
}
