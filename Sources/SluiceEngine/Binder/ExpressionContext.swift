import SluiceCore
import SluiceSQL

/// Where an expression is bound: the visible columns, the clause (for messages), and — after
/// aggregation or windows — how group keys, aggregates and window calls written over the
/// input map onto the columns that now hold them.
struct ExpressionContext {
    var scope: Scope
    /// `WHERE`, `SELECT`, `GROUP BY` … for messages such as "not allowed in WHERE".
    var clause: String
    /// Set once the query aggregates.
    var aggregation: AggregationMapping?
    /// Set once window functions are computed.
    var windows: [String: BoundExpression]?
    /// The enclosing query's columns, for correlated subqueries.
    var outer: Scope?

    init(scope: Scope, clause: String, outer: Scope? = nil) {
        self.scope = scope
        self.clause = clause
        self.outer = outer
    }

    /// The same columns for another clause.
    func clause(_ name: String) -> ExpressionContext {
        var copy = self
        copy.clause = name
        return copy
    }
}

/// After `GROUP BY`: expressions over the aggregation's input (`preScope`) that name group
/// keys or aggregates, by fingerprint, and the output columns that hold them.
struct AggregationMapping {
    var preScope: Scope
    var keys: [String: BoundExpression]
    var aggregates: [String: BoundExpression]
}

/// Thrown (and caught) while binding a subquery to tell a reference to the enclosing query
/// apart from a missing column.
let correlatedReferenceCode = "query.correlatedReference"
