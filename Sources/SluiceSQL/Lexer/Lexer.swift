import SluiceCore

/// Splits SQL text into tokens, working on its UTF-8 bytes; spans are byte offsets.
struct Lexer {
    private let source: String
    private let bytes: [UInt8]
    private var position = 0
    private var tokens: [Token] = []

    private init(source: String) {
        self.source = source
        self.bytes = Array(source.utf8)
    }

    /// All tokens of `source`, ending with one `.end` token.
    static func tokenize(_ source: String) throws(SluiceError) -> [Token] {
        var lexer = Lexer(source: source)
        try lexer.run()
        return lexer.tokens
    }

    private mutating func run() throws(SluiceError) {
        tokens.reserveCapacity(bytes.count / 4 + 1)
        while true {
            try skipSpaceAndComments()
            guard position < bytes.count else { break }
            let byte = bytes[position]
            if byte == UInt8(ascii: "'") {
                try lexString()
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "`") {
                try lexQuotedIdentifier(quote: byte)
            } else if Lexer.isDigit(byte) || (byte == UInt8(ascii: ".") && Lexer.isDigit(self.byte(at: position + 1))) {
                try lexNumber()
            } else if (byte == UInt8(ascii: "X") || byte == UInt8(ascii: "x")) && self.byte(at: position + 1) == UInt8(ascii: "'") {
                try lexBinaryString()
            } else if Lexer.startsWord(byte) {
                lexWord()
            } else {
                try lexSymbol()
            }
        }
        tokens.append(Token(.end, span: SourceSpan(start: bytes.count, end: bytes.count)))
    }

    // MARK: - Characters

    private func byte(at offset: Int) -> UInt8 { offset < bytes.count ? bytes[offset] : 0 }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Letters, `_`, and any non-ASCII byte (names in Korean, Japanese … need no quotes).
    static func startsWord(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    static func continuesWord(_ byte: UInt8) -> Bool { startsWord(byte) || isDigit(byte) }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C || byte == 0x0B
    }

    private func error(_ message: String, at offset: Int, hint: String? = nil) -> SluiceError {
        SyntaxErrors.make(message, at: offset, in: source, hint: hint)
    }

    // MARK: - Tokens

    private mutating func skipSpaceAndComments() throws(SluiceError) {
        while position < bytes.count {
            let byte = bytes[position]
            if Lexer.isSpace(byte) {
                position += 1
            } else if byte == 0xC2 && self.byte(at: position + 1) == 0xA0 {
                position += 2  // a no-break space pasted from a web page
            } else if byte == UInt8(ascii: "-") && self.byte(at: position + 1) == UInt8(ascii: "-") {
                while position < bytes.count && bytes[position] != 0x0A { position += 1 }
            } else if byte == UInt8(ascii: "/") && self.byte(at: position + 1) == UInt8(ascii: "*") {
                let start = position
                position += 2
                while true {
                    guard position + 1 < bytes.count else {
                        throw error("Unterminated comment starting here.", at: start, hint: "End the comment with '*/'.")
                    }
                    if bytes[position] == UInt8(ascii: "*") && bytes[position + 1] == UInt8(ascii: "/") {
                        position += 2
                        break
                    }
                    position += 1
                }
            } else {
                return
            }
        }
    }

    private func text(_ start: Int, _ end: Int) -> String { String(decoding: bytes[start..<end], as: UTF8.self) }

    private mutating func lexWord() {
        let start = position
        var upperCase: [UInt8] = []
        var isShortASCII = true
        while position < bytes.count && Lexer.continuesWord(bytes[position]) {
            let byte = bytes[position]
            if byte == 0xC2 && self.byte(at: position + 1) == 0xA0 { break }  // a no-break space ends the word
            if byte >= 0x80 || position - start >= 24 { isShortASCII = false }
            if isShortASCII { upperCase.append(byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte) }
            position += 1
        }
        let keyword = isShortASCII ? Keyword.byUpperCaseText[String(decoding: upperCase, as: UTF8.self)] : nil
        tokens.append(Token(.word, span: SourceSpan(start: start, end: position), text: text(start, position), keyword: keyword))
    }

    /// Reads up to the closing `quote`, a doubled quote standing for one; returns the unescaped text.
    private mutating func quoted(_ quote: UInt8, start: Int, what: String) throws(SluiceError) -> String {
        var value: [UInt8] = []
        while true {
            guard position < bytes.count else {
                let mark = String(decoding: [quote], as: UTF8.self)
                throw error("Unterminated \(what) starting here.", at: start,
                            hint: "Close it with \(mark); write \(mark)\(mark) for a \(mark) inside it.")
            }
            let byte = bytes[position]
            position += 1
            if byte == quote {
                if position < bytes.count && bytes[position] == quote {
                    value.append(quote)
                    position += 1
                } else {
                    return String(decoding: value, as: UTF8.self)
                }
            } else {
                value.append(byte)
            }
        }
    }

    private mutating func lexString() throws(SluiceError) {
        let start = position
        position += 1
        let value = try quoted(UInt8(ascii: "'"), start: start, what: "string literal")
        tokens.append(Token(.string, span: SourceSpan(start: start, end: position), text: value))
    }

    private mutating func lexQuotedIdentifier(quote: UInt8) throws(SluiceError) {
        let start = position
        position += 1
        let value = try quoted(quote, start: start, what: "quoted name")
        guard !value.isEmpty else {
            throw error("A quoted name cannot be empty.", at: start, hint: "Write a name between the quotes.")
        }
        tokens.append(Token(.quotedIdentifier, span: SourceSpan(start: start, end: position), text: value))
    }

    private mutating func lexBinaryString() throws(SluiceError) {
        let start = position
        position += 2
        let value = try quoted(UInt8(ascii: "'"), start: start, what: "binary literal")
        tokens.append(Token(.binaryString, span: SourceSpan(start: start, end: position), text: value))
    }

    private mutating func lexNumber() throws(SluiceError) {
        let start = position
        var kind = Token.Kind.integer
        while Lexer.isDigit(byte(at: position)) { position += 1 }
        if byte(at: position) == UInt8(ascii: ".") {
            kind = .decimal
            position += 1
            while Lexer.isDigit(byte(at: position)) { position += 1 }
        }
        if byte(at: position) == UInt8(ascii: "e") || byte(at: position) == UInt8(ascii: "E") {
            var exponentEnd = position + 1
            if byte(at: exponentEnd) == UInt8(ascii: "+") || byte(at: exponentEnd) == UInt8(ascii: "-") { exponentEnd += 1 }
            guard Lexer.isDigit(byte(at: exponentEnd)) else {
                throw error("The number '\(text(start, exponentEnd))' has no digits after its exponent.", at: start,
                            hint: "Write the exponent's digits, as in 1e3 or 2.5E-2.")
            }
            kind = .double
            position = exponentEnd
            while Lexer.isDigit(byte(at: position)) { position += 1 }
        }
        tokens.append(Token(kind, span: SourceSpan(start: start, end: position), text: text(start, position)))
    }

    private mutating func lexSymbol() throws(SluiceError) {
        let start = position
        let first = bytes[position]
        let second = byte(at: position + 1)
        let symbol: Symbol
        var width = 1
        switch first {
        case UInt8(ascii: "+"): symbol = .plus
        case UInt8(ascii: "-"):
            if second == UInt8(ascii: ">") { symbol = .arrow; width = 2 } else { symbol = .minus }
        case UInt8(ascii: "*"): symbol = .star
        case UInt8(ascii: "/"): symbol = .slash
        case UInt8(ascii: "%"): symbol = .percent
        case UInt8(ascii: "|"):
            guard second == UInt8(ascii: "|") else {
                throw error("Unexpected character '|'.", at: start, hint: "Concatenate strings with '||'.")
            }
            symbol = .concatenate
            width = 2
        case UInt8(ascii: "="): symbol = .equal
        case UInt8(ascii: "<"):
            if second == UInt8(ascii: ">") { symbol = .notEqual; width = 2 }
            else if second == UInt8(ascii: "=") { symbol = .lessOrEqual; width = 2 }
            else { symbol = .less }
        case UInt8(ascii: ">"):
            if second == UInt8(ascii: "=") { symbol = .greaterOrEqual; width = 2 } else { symbol = .greater }
        case UInt8(ascii: "!"):
            guard second == UInt8(ascii: "=") else {
                throw error("Unexpected character '!'.", at: start, hint: "Write NOT for negation and '<>' or '!=' for 'not equal'.")
            }
            symbol = .bangEqual
            width = 2
        case UInt8(ascii: ":"):
            if second == UInt8(ascii: ":") { symbol = .doubleColon; width = 2 } else { symbol = .colon }
        case UInt8(ascii: "("): symbol = .leftParenthesis
        case UInt8(ascii: ")"): symbol = .rightParenthesis
        case UInt8(ascii: "["): symbol = .leftBracket
        case UInt8(ascii: "]"): symbol = .rightBracket
        case UInt8(ascii: ","): symbol = .comma
        case UInt8(ascii: "."): symbol = .dot
        case UInt8(ascii: ";"): symbol = .semicolon
        case UInt8(ascii: "?"): symbol = .questionMark
        default:
            let character = first < 0x20 || first == 0x7F ? "\\u{\(String(first, radix: 16))}" : text(start, start + 1)
            throw error("Unexpected character '\(character)'.", at: start,
                        hint: "Names with characters other than letters, digits and '_' go in double quotes: \"my-column\".")
        }
        position += width
        tokens.append(Token(.symbol(symbol), span: SourceSpan(start: start, end: position)))
    }
}
