import SluiceCore

/// Rewrites a bound plan into one that computes the same rows with less work: constants
/// folded, filters pushed towards the scans (and into them, as partition pruning and
/// statistics predicates), and only the columns needed read and carried.
enum Optimizer {
    static func optimize(_ plan: LogicalPlan) -> LogicalPlan {
        let folded = ConstantFolding.apply(plan)
        let pushed = PredicatePushdown.apply(folded)
        return ColumnPruning.apply(pushed)
    }
}
