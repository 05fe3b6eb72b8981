/// One SQL statement as the parser read it.
public indirect enum Statement: Sendable {
    case query(Query)
    /// `EXPLAIN [ANALYZE] statement`.
    case explain(Statement, isAnalyze: Bool, span: SourceSpan)
}

/// A name as written: unquoted names compare case-insensitively, `"Quoted"` ones exactly.
public struct Identifier: Hashable, Sendable, CustomStringConvertible {
    /// The name without quotes, as written (not case-folded).
    public var value: String
    public var isQuoted: Bool
    public var span: SourceSpan

    public init(_ value: String, isQuoted: Bool = false, span: SourceSpan = .none) {
        self.value = value
        self.isQuoted = isQuoted
        self.span = span
    }

    public var description: String { isQuoted ? "\"\(value)\"" : value }
}

/// A dotted name: `orders`, `sales.orders`, `catalog.sales.orders`.
public struct QualifiedName: Hashable, Sendable, CustomStringConvertible {
    public var parts: [Identifier]
    public var span: SourceSpan

    public init(_ parts: [Identifier], span: SourceSpan) {
        self.parts = parts
        self.span = span
    }

    public var description: String { parts.map(\.description).joined(separator: ".") }
}
