public import SluiceCore

/// A scalar expression as written, with where it is in the SQL text.
public struct Expression: Sendable {
    public var kind: ExpressionKind
    public var span: SourceSpan

    public init(_ kind: ExpressionKind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

/// The shapes an expression can take.
public indirect enum ExpressionKind: Sendable {
    /// A bare name: a column, or the first part of a dotted name.
    case identifier(Identifier)
    /// `base.field`: a qualified column (`o.amount`) or a struct field (`device.os`); the
    /// parser reads `a.b.c` as `dereference(dereference(identifier(a), b), c)` and the binder
    /// decides which parts are tables.
    case dereference(Expression, Identifier)
    case literal(Literal)
    case unary(UnaryOperator, Expression)
    case binary(BinaryOperator, Expression, Expression)
    case function(FunctionCall)
    /// `CAST(x AS type)`, `TRY_CAST(x AS type)`; also `x::type`.
    case cast(Expression, to: DataType, isTry: Bool)
    /// `CASE [operand] WHEN … THEN … [ELSE …] END`.
    case caseWhen(operand: Expression?, whens: [WhenClause], elseResult: Expression?)
    /// `x [NOT] BETWEEN low AND high`.
    case between(Expression, low: Expression, high: Expression, isNegated: Bool)
    /// `x [NOT] IN (a, b, c)`.
    case inList(Expression, [Expression], isNegated: Bool)
    /// `x [NOT] IN (SELECT …)`.
    case inSubquery(Expression, Query, isNegated: Bool)
    /// `EXISTS (SELECT …)`; `NOT EXISTS` is `unary(.not, exists)`.
    case exists(Query)
    /// `(SELECT …)` used as a value.
    case scalarSubquery(Query)
    /// `x [NOT] LIKE pattern [ESCAPE e]`.
    case like(Expression, pattern: Expression, escape: Expression?, isNegated: Bool)
    /// `x IS [NOT] NULL`.
    case isNull(Expression, isNegated: Bool)
    /// `x IS [NOT] DISTINCT FROM y`.
    case isDistinctFrom(Expression, Expression, isNegated: Bool)
    /// `base[index]`: 1-based array element or map lookup.
    case element(Expression, index: Expression)
    /// `ARRAY[a, b]`.
    case array([Expression])
    /// `ROW(a, b)` or a parenthesised list `(a, b)`.
    case row([Expression])
    /// `EXTRACT(field FROM x)`; field as written (`YEAR`, `month`, `dow` …).
    case extract(field: Identifier, from: Expression)
    /// `INTERVAL '3' DAY`, `INTERVAL '-2' MONTH`, `INTERVAL '1' YEAR TO MONTH` (value text as written).
    case interval(value: String, unit: IntervalUnit, toUnit: IntervalUnit?)
    /// `*`, only as the argument of `count(*)`.
    case star
}

/// Units of an interval literal or of `date_add`-style functions.
public enum IntervalUnit: String, Sendable, CaseIterable {
    case year = "YEAR", quarter = "QUARTER", month = "MONTH", week = "WEEK", day = "DAY"
    case hour = "HOUR", minute = "MINUTE", second = "SECOND", millisecond = "MILLISECOND"
}

/// A constant as written.
public enum Literal: Sendable, Equatable {
    case null
    case boolean(Bool)
    /// Digits only: `42` (the binder picks int or bigint, or decimal when too large).
    case integer(String)
    /// With a point and no exponent: `1.50` (a decimal in Trino).
    case decimal(String)
    /// With an exponent: `1e3`, `2.5E-1` (a double).
    case double(String)
    /// `'text'`, quotes removed and `''` unescaped.
    case string(String)
    /// `DATE '2026-11-03'`, `TIMESTAMP '2026-11-03 10:00:00'`, `DECIMAL '1.5'`, `X'0aff'`:
    /// the type keyword as written (upper-cased) and the text.
    case typed(type: String, value: String)
}

public enum UnaryOperator: String, Sendable {
    case not = "NOT", minus = "-", plus = "+"
}

/// Binary operators; the raw value is how they print in plans and errors.
public enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%"
    case concatenate = "||"
    case equal = "=", notEqual = "<>", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case and = "AND", or = "OR"
}

/// `WHEN condition THEN result`.
public struct WhenClause: Sendable {
    public var condition: Expression
    public var result: Expression

    public init(condition: Expression, result: Expression) {
        self.condition = condition
        self.result = result
    }
}

/// `name([DISTINCT] args) [FILTER (WHERE …)] [OVER (…)]`.
public struct FunctionCall: Sendable {
    public var name: QualifiedName
    /// `count(*)` has one argument of kind `.star`.
    public var arguments: [Expression]
    public var isDistinct: Bool
    /// `array_agg(x ORDER BY y)`: the order an aggregate sees its rows in; empty when not written.
    public var orderBy: [OrderByItem]
    public var filter: Expression?
    public var window: WindowSpecification?
    /// `IGNORE NULLS` after `lag`/`lead`/`first_value`….
    public var ignoresNulls: Bool
    public var span: SourceSpan

    public init(name: QualifiedName, arguments: [Expression], isDistinct: Bool = false, orderBy: [OrderByItem] = [],
                filter: Expression? = nil, window: WindowSpecification? = nil, ignoresNulls: Bool = false,
                span: SourceSpan) {
        self.name = name
        self.arguments = arguments
        self.isDistinct = isDistinct
        self.orderBy = orderBy
        self.filter = filter
        self.window = window
        self.ignoresNulls = ignoresNulls
        self.span = span
    }
}

/// `OVER ([PARTITION BY …] [ORDER BY …] [frame])`.
public struct WindowSpecification: Sendable {
    public var partitionBy: [Expression]
    public var orderBy: [OrderByItem]
    public var frame: WindowFrame?
    public var span: SourceSpan

    public init(partitionBy: [Expression] = [], orderBy: [OrderByItem] = [], frame: WindowFrame? = nil, span: SourceSpan) {
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.frame = frame
        self.span = span
    }
}

/// `ROWS|RANGE BETWEEN start AND end` (or `ROWS start`, meaning `BETWEEN start AND CURRENT ROW`).
public struct WindowFrame: Sendable {
    public enum Unit: String, Sendable { case rows = "ROWS", range = "RANGE" }
    public var unit: Unit
    public var start: FrameBound
    public var end: FrameBound
    public var span: SourceSpan

    public init(unit: Unit, start: FrameBound, end: FrameBound, span: SourceSpan) {
        self.unit = unit
        self.start = start
        self.end = end
        self.span = span
    }
}

/// One end of a window frame.
public enum FrameBound: Sendable {
    case unboundedPreceding
    case preceding(Expression)
    case currentRow
    case following(Expression)
    case unboundedFollowing
}
