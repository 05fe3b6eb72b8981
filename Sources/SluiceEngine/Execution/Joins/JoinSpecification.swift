import SluiceCore

/// What a join's probe lanes share: the join type and residual filter, the build side, the
/// probe key columns (none for a nested-loop join) and the schemas of candidate pairs and output.
struct JoinSpecification: Sendable {
    let type: JoinType
    let filter: JoinFilter?
    let build: JoinBuildSide
    let leftKeys: [Int]
    let usesKeys: Bool
    let outputSchema: Schema
    /// Left columns then right columns: the batches the filter sees.
    let pairSchema: Schema

    /// Candidate pairs per step at most: bounds the memory of one output batch, so a
    /// many-to-many join streams.
    static let maximumPairs = 65_536

    /// Rows per batch of unmatched build rows.
    static let maximumBatchRows = 65_536

    var outputsLeftOnly: Bool { type == .leftSemi || type == .leftAnti || type == .leftAntiNullAware }
    var emitsUnmatchedLeft: Bool { type == .left || type == .full }
    var tracksMatchedRight: Bool { type == .right || type == .full }

    /// The output schema: left's fields then right's, each made nullable when the other side
    /// can be missing; left's only for semi and anti joins.
    static func outputSchema(left: Schema, right: Schema, type: JoinType) -> Schema {
        switch type {
        case .leftSemi, .leftAnti, .leftAntiNullAware:
            return left
        case .inner, .left, .right, .full:
            func nullable(_ fields: [Field], _ isNullable: Bool) -> [Field] {
                fields.map { field in
                    var copy = field
                    copy.isNullable = copy.isNullable || isNullable
                    return copy
                }
            }
            return Schema(nullable(left.fields, type == .right || type == .full) + nullable(right.fields, type == .left || type == .full))
        }
    }
}
