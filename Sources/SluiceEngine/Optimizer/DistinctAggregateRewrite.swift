import SluiceCore

/// `count(DISTINCT x) … GROUP BY k` as two plain aggregations: first group by `(k, x)`, which
/// removes duplicate values on both cores with the ordinary hash table, then aggregate `x`
/// per `k`. Applies when every aggregate is DISTINCT over the same column and is one of
/// count, sum, avg, min, max (which all ignore the NULL group the first step keeps).
enum DistinctAggregateRewrite {
    static func apply(_ plan: LogicalPlan) -> LogicalPlan {
        let rewritten = plan.withInputs(plan.inputs.map(apply))
        guard case .aggregate(let input, let keys, let aggregates, let schema) = rewritten,
              let first = aggregates.first, let column = first.input,
              aggregates.allSatisfy({ $0.isDistinct && $0.input == column && supported.contains($0.kind) }) else {
            return rewritten
        }
        let inputSchema = input.schema
        let innerKeys = keys + [column]
        let innerSchema = Schema(innerKeys.map { inputSchema.fields[$0] })
        let inner = LogicalPlan.aggregate(input, groupKeys: innerKeys, aggregates: [], schema: innerSchema)
        let outerCalls = aggregates.map { call in
            AggregateCall(kind: call.kind, input: keys.count, isDistinct: false, resultType: call.resultType, name: call.name)
        }
        return .aggregate(inner, groupKeys: Array(keys.indices), aggregates: outerCalls, schema: schema)
    }

    private static let supported: Set<AggregateKind> = [.count, .sum, .avg, .min, .max]
}
