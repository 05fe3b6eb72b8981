public import SluiceCore
public import Testing

/// Records a test issue naming the first difference when `actual` and `expected` do not hold
/// the same rows (see ``BatchComparison``); `context` (such as the seed) starts the message.
public func expectBatchesEqual(
    _ actual: [RecordBatch],
    _ expected: [RecordBatch],
    _ context: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    if let difference = BatchComparison.firstDifference(expected: expected, actual: actual) {
        Issue.record(Comment(rawValue: context.isEmpty ? difference : "\(context): \(difference)"), sourceLocation: sourceLocation)
    }
}

/// ``expectBatchesEqual(_:_:_:sourceLocation:)`` for rows of boxed values.
public func expectRowsEqual(
    _ actual: [[Value]],
    _ expected: [[Value]],
    columnNames: [String] = [],
    _ context: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    if let difference = BatchComparison.firstDifference(expected: expected, actual: actual, columnNames: columnNames) {
        Issue.record(Comment(rawValue: context.isEmpty ? difference : "\(context): \(difference)"), sourceLocation: sourceLocation)
    }
}
