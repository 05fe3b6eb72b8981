/// One field of a record: the byte range of its content in the buffer being tokenized
/// (inside the quotes when it was quoted, doubled quotes still doubled).
struct CSVFieldSpan: Sendable {
    var start: Int
    var end: Int
    var isQuoted: Bool
    /// True when the quoted content holds `""` pairs that stand for one quote each.
    var hasDoubledQuotes: Bool

    var count: Int { end - start }
}

/// A record the tokenizer cannot split into fields, and where.
struct CSVSyntaxError: Sendable, Equatable {
    enum Problem: Sendable, Equatable {
        /// A quoted field runs to the end of the input.
        case unclosedQuote
        /// A quote appears inside an unquoted field.
        case strayQuote
        /// Something other than a delimiter or line break follows a closing quote.
        case textAfterQuote(UInt8)
    }

    var problem: Problem
    /// Byte offset of the offending byte (the opening quote for ``Problem/unclosedQuote``).
    var offset: Int
    /// 0-based index of the field the problem is in.
    var fieldIndex: Int
}

/// What ``CSVTokenizer/nextRecord(in:fields:isFinal:)`` found.
enum CSVTokenResult: Sendable, Equatable {
    /// A record; its fields are in the `fields` array.
    case record
    /// No more records in the input.
    case end
    /// The buffer ends inside a record and more input may follow: read more and call again
    /// (the tokenizer has rewound to the record's start).
    case incomplete
    /// A record that breaks the syntax; the tokenizer has moved past it (to the next line
    /// break, or to the end for an unclosed quote).
    case malformed(CSVSyntaxError)
}

/// Splits RFC 4180 text into records and fields without copying: each field is a
/// ``CSVFieldSpan`` into the caller's buffer.
///
/// Grammar: records end at LF or CRLF; fields are separated by the delimiter; a field that
/// starts with the quote runs to the matching closing quote, may hold delimiters, line
/// breaks and doubled quotes, and must be followed by a delimiter or a line break. A quote
/// anywhere else is an error (so the quote-parity scan in ``CSVChunker`` always agrees with
/// this tokenizer on well-formed input). Blank lines are skipped. The last record may lack
/// its line break.
///
/// The tokenizer counts line feeds, so ``recordLine`` is the 1-based physical line where the
/// current record starts, relative to the buffer's first byte.
struct CSVTokenizer {
    let delimiter: UInt8
    /// The quote byte; when quoting is off it is set to LF, which the unquoted scan already
    /// stops at, so the hot loop needs no extra test.
    let quote: UInt8
    let quotingEnabled: Bool
    /// The delimiter and the quote repeated in every byte, for eight-byte scans.
    private let delimiterPattern: UInt64
    private let quotePattern: UInt64

    /// Offset of the next byte to read.
    var position = 0
    /// 1-based line number at ``position``.
    var line = 1
    /// Offset and line of the record most recently returned.
    private(set) var recordStart = 0
    private(set) var recordLine = 1

    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D

    init(delimiter: UInt8, quote: UInt8?) {
        self.delimiter = delimiter
        self.quote = quote ?? CSVTokenizer.lineFeed
        self.quotingEnabled = quote != nil
        delimiterPattern = UInt64(delimiter) &* 0x0101_0101_0101_0101
        quotePattern = UInt64(self.quote) &* 0x0101_0101_0101_0101
    }

    /// Reads the next record's fields into `fields`. `isFinal` says that `bytes` ends where
    /// the input ends; otherwise a record running into the end of `bytes` is ``CSVTokenResult/incomplete``.
    mutating func nextRecord(
        in bytes: UnsafeRawBufferPointer, fields: inout [CSVFieldSpan], isFinal: Bool
    ) -> CSVTokenResult {
        let lineFeed = CSVTokenizer.lineFeed
        let carriageReturn = CSVTokenizer.carriageReturn
        fields.removeAll(keepingCapacity: true)
        let count = bytes.count
        // Skip blank lines.
        while true {
            guard position < count else { return isFinal ? .end : .incomplete }
            let byte = bytes[position]
            if byte == lineFeed {
                position += 1
                line += 1
                continue
            }
            if byte == carriageReturn {
                if position + 1 < count {
                    if bytes[position + 1] == lineFeed {
                        position += 2
                        line += 1
                        continue
                    }
                } else if !isFinal {
                    return .incomplete
                } else {
                    position += 1
                    return .end
                }
            }
            break
        }
        recordStart = position
        recordLine = line
        var cursor = position
        while true {
            let fieldStart = cursor
            if quotingEnabled, cursor < count, bytes[cursor] == quote {
                // A quoted field: run to the closing quote, hopping over doubled quotes.
                cursor += 1
                var doubled = false
                while true {
                    while cursor < count, bytes[cursor] != quote {
                        if bytes[cursor] == lineFeed { line += 1 }
                        cursor += 1
                    }
                    if cursor >= count {
                        if !isFinal { return rewind() }
                        position = count
                        return .malformed(CSVSyntaxError(problem: .unclosedQuote, offset: fieldStart, fieldIndex: fields.count))
                    }
                    if cursor + 1 < count {
                        if bytes[cursor + 1] == quote {
                            doubled = true
                            cursor += 2
                            continue
                        }
                    } else if !isFinal {
                        return rewind()
                    }
                    break
                }
                fields.append(CSVFieldSpan(start: fieldStart + 1, end: cursor, isQuoted: true, hasDoubledQuotes: doubled))
                cursor += 1
                guard cursor < count else {
                    if !isFinal { return rewind() }
                    position = cursor
                    return .record
                }
                let next = bytes[cursor]
                if next == delimiter {
                    cursor += 1
                    continue
                }
                if next == lineFeed {
                    position = cursor + 1
                    line += 1
                    return .record
                }
                if next == carriageReturn {
                    if cursor + 1 < count {
                        if bytes[cursor + 1] == lineFeed {
                            position = cursor + 2
                            line += 1
                            return .record
                        }
                    } else {
                        if !isFinal { return rewind() }
                        position = count
                        return .record
                    }
                }
                let error = CSVSyntaxError(problem: .textAfterQuote(next), offset: cursor, fieldIndex: fields.count - 1)
                return skipLine(from: cursor, in: bytes, isFinal: isFinal, error: error)
            }
            // An unquoted field: run to a delimiter, a line feed or a (stray) quote — eight
            // bytes at a time, then byte by byte near the end of the buffer.
            while cursor &+ 8 <= count {
                let word = bytes.loadUnaligned(fromByteOffset: cursor, as: UInt64.self)
                let stops = CSVTokenizer.zeroBytes(word ^ delimiterPattern)
                    | CSVTokenizer.zeroBytes(word ^ CSVTokenizer.lineFeedPattern) | CSVTokenizer.zeroBytes(word ^ quotePattern)
                if stops != 0 {
                    cursor &+= stops.trailingZeroBitCount >> 3
                    break
                }
                cursor &+= 8
            }
            while cursor < count {
                let byte = bytes[cursor]
                if byte == delimiter || byte == lineFeed || byte == quote { break }
                cursor += 1
            }
            guard cursor < count else {
                if !isFinal { return rewind() }
                var end = count
                if end > fieldStart, bytes[end - 1] == carriageReturn { end -= 1 }
                fields.append(CSVFieldSpan(start: fieldStart, end: end, isQuoted: false, hasDoubledQuotes: false))
                position = count
                return .record
            }
            let byte = bytes[cursor]
            if byte == delimiter {
                fields.append(CSVFieldSpan(start: fieldStart, end: cursor, isQuoted: false, hasDoubledQuotes: false))
                cursor += 1
                continue
            }
            if byte == lineFeed {
                var end = cursor
                if end > fieldStart, bytes[end - 1] == carriageReturn { end -= 1 }
                fields.append(CSVFieldSpan(start: fieldStart, end: end, isQuoted: false, hasDoubledQuotes: false))
                position = cursor + 1
                line += 1
                return .record
            }
            let error = CSVSyntaxError(problem: .strayQuote, offset: cursor, fieldIndex: fields.count)
            return skipLine(from: cursor, in: bytes, isFinal: isFinal, error: error)
        }
    }

    /// The high bit set in each byte of `word` that is zero (an exact test, no false hits).
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((word & low7) &+ low7) | word | low7)
    }

    static let lineFeedPattern = UInt64(lineFeed) &* 0x0101_0101_0101_0101

    /// The record so far cannot be finished with these bytes: start it again next time.
    private mutating func rewind() -> CSVTokenResult {
        position = recordStart
        line = recordLine
        return .incomplete
    }

    /// Recovers from a malformed record by moving past the next line feed.
    private mutating func skipLine(
        from start: Int, in bytes: UnsafeRawBufferPointer, isFinal: Bool, error: CSVSyntaxError
    ) -> CSVTokenResult {
        var cursor = start
        while cursor < bytes.count, bytes[cursor] != CSVTokenizer.lineFeed { cursor += 1 }
        if cursor >= bytes.count {
            if !isFinal { return rewind() }
            position = bytes.count
        } else {
            position = cursor + 1
            line += 1
        }
        return .malformed(error)
    }

    /// The bytes of the record most recently returned, without its line break.
    func recordBytes(in bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var end = min(position, bytes.count)
        while end > recordStart, bytes[end - 1] == CSVTokenizer.lineFeed || bytes[end - 1] == CSVTokenizer.carriageReturn {
            end -= 1
        }
        return UnsafeRawBufferPointer(rebasing: bytes[recordStart..<end])
    }

    /// 1-based byte column of `offset` on its physical line.
    static func byteColumn(of offset: Int, in bytes: UnsafeRawBufferPointer) -> Int {
        var lineStart = offset
        while lineStart > 0, bytes[lineStart - 1] != lineFeed { lineStart -= 1 }
        return offset - lineStart + 1
    }
}
