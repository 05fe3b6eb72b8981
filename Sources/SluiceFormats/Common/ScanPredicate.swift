public import SluiceCore

/// A filter a scan can check against a file's statistics to skip data with no matching rows:
/// comparisons of a column with literals, null tests, and AND/OR of them. The engine builds it
/// from its WHERE clause; a reader may keep any row, so the engine still filters the rows.
///
/// A column is a path of names: `["price"]` for a top-level column, `["device", "os"]` for a
/// field of a struct (null when the struct is null). Values compare by ``Value/compare(to:)``.
///
/// NULL follows SQL: a comparison or `IN` with a null value matches no row, and a null row
/// matches no comparison or `IN`, `!=` included (only ``isNull(column:)`` matches it). Hence
/// ``and(_:)`` of no predicates matches every row and ``or(_:)`` of none matches no row.
public indirect enum ScanPredicate: Sendable, Equatable {
    /// `column op value`, e.g. `price >= 10`.
    case compare(column: [String], op: ComparisonOperator, value: Value)
    /// `column IN (values…)`: equal to one of the values (nulls among them match nothing).
    case `in`(column: [String], values: [Value])
    /// `column IS NULL`.
    case isNull(column: [String])
    /// `column IS NOT NULL`.
    case isNotNull(column: [String])
    /// Every predicate holds.
    case and([ScanPredicate])
    /// At least one predicate holds.
    case or([ScanPredicate])
}
