import SluiceCore

/// Evaluates the parts of expressions that read no column (`1 + 2`, `DATE '2026-11-01' +
/// INTERVAL '1' DAY`, `lower('X')`) once at plan time. A part that fails (`1 / 0`) stays
/// as written, so it raises its error only if a row ever evaluates it.
enum ConstantFolding {
    static func apply(_ plan: LogicalPlan) -> LogicalPlan {
        let inputs = plan.inputs.map(apply)
        switch plan.withInputs(inputs) {
        case .filter(let input, let predicate):
            let folded = fold(predicate)
            if case .literal(.boolean(true), _) = folded { return input }
            return .filter(input, predicate: folded)
        case .project(let input, let expressions, let schema):
            return .project(input, expressions: expressions.map(fold), schema: schema)
        case .join(let left, let right, let type, let condition, let schema):
            return .join(left, right, type: type, condition: condition.map(fold), schema: schema)
        case .unnest(let input, let arrays, let withOrdinality, let schema):
            return .unnest(input, arrays: arrays.map(fold), withOrdinality: withOrdinality, schema: schema)
        case let other:
            return other
        }
    }

    static func fold(_ expression: BoundExpression) -> BoundExpression {
        expression.rewritten { node in
            if case .literal = node { return node }
            guard node.isConstant else { return nil }
            guard let value = try? ExpressionEvaluator.evaluateConstant(node) else {
                return nil
            }
            return .literal(value, node.type)
        }
    }
}
