/// One lexical token of SQL text: what kind it is, where it is, and its text.
struct Token: Sendable {
    /// The lexical classes of SQL tokens.
    enum Kind: Equatable, Sendable {
        /// An unquoted identifier or keyword.
        case word
        /// `"name"` or `` `name` ``; ``Token/text`` holds the name without quotes.
        case quotedIdentifier
        /// `'text'`; ``Token/text`` holds the value with `''` unescaped.
        case string
        /// `X'0aff'`; ``Token/text`` holds the hex digits.
        case binaryString
        case integer
        case decimal
        case double
        case symbol(Symbol)
        /// After the last token.
        case end
    }

    var kind: Kind
    var span: SourceSpan
    /// Words as written, identifier and string values unescaped, numbers as written.
    var text: String
    /// For unquoted words: the keyword the word spells, if any.
    var keyword: Keyword?

    init(_ kind: Kind, span: SourceSpan, text: String = "", keyword: Keyword? = nil) {
        self.kind = kind
        self.span = span
        self.text = text
        self.keyword = keyword
    }

    /// True when this is the unquoted keyword `keyword`.
    func `is`(_ keyword: Keyword) -> Bool { kind == .word && self.keyword == keyword }

    func `is`(_ symbol: Symbol) -> Bool { kind == .symbol(symbol) }

    /// A word or quoted identifier that can serve as a name (reserved words cannot).
    var isName: Bool {
        switch kind {
        case .quotedIdentifier: true
        case .word: !(keyword?.isReserved ?? false)
        default: false
        }
    }

    /// The reserved keyword this unquoted word spells, if any.
    var reservedKeyword: Keyword? {
        guard kind == .word, let keyword, keyword.isReserved else { return nil }
        return keyword
    }
}

/// Punctuation and operators; the raw value is how they are written.
enum Symbol: String, Sendable {
    case plus = "+", minus = "-", star = "*", slash = "/", percent = "%", concatenate = "||"
    case equal = "=", notEqual = "<>", bangEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">"
    case greaterOrEqual = ">=", doubleColon = "::", colon = ":", leftParenthesis = "(", rightParenthesis = ")"
    case leftBracket = "[", rightBracket = "]", comma = ",", dot = ".", semicolon = ";", arrow = "->"
    case questionMark = "?"
}
