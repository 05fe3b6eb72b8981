import SluiceCore

/// Rewrites a bound plan into one that computes the same rows with less work: constants
/// folded, filters pushed towards the scans (and into them, as partition pruning and
/// statistics predicates), DISTINCT aggregates turned into two groupings, and only the
/// columns needed read and carried.
enum Optimizer {
    static func optimize(_ plan: LogicalPlan) -> LogicalPlan {
        let folded = ConstantFolding.apply(plan)
        let pushed = PredicatePushdown.apply(folded)
        return ColumnPruning.apply(DistinctAggregateRewrite.apply(pushed))
    }
}
