import SluiceCore
import SluiceFormats

/// Moves filter conditions as close to the data as they can go: below projections (by
/// substitution), into the side of a join they concern (turning `WHERE` equalities over a
/// cross join into join conditions), below aggregations when they test group keys only,
/// into each input of a `UNION ALL`, and finally into scans, where conditions on partition
/// columns skip whole files and simple comparisons skip Parquet row groups.
enum PredicatePushdown {
    static func apply(_ plan: LogicalPlan) -> LogicalPlan {
        push(plan, [])
    }

    /// `plan` filtered by `predicates` (conditions over its output columns).
    private static func push(_ plan: LogicalPlan, _ predicates: [BoundExpression]) -> LogicalPlan {
        switch plan {
        case .filter(let input, let predicate):
            return push(input, predicates + predicate.conjuncts)

        case .project(let input, let expressions, let schema):
            var below: [BoundExpression] = []
            var above: [BoundExpression] = []
            for predicate in predicates {
                let used = predicate.columnsUsed
                if used.allSatisfy({ expressions[$0].isDeterministic }) {
                    below.append(predicate.rewritten { node in
                        if case .column(let index, _, _) = node { return expressions[index] }
                        return nil
                    })
                } else {
                    above.append(predicate)
                }
            }
            return filtered(.project(push(input, below), expressions: expressions, schema: schema), above)

        case .join(let left, let right, let type, let condition, let schema):
            return pushIntoJoin(left, right, type: type, condition: condition, schema: schema, predicates)

        case .aggregate(let input, let keys, let aggregates, let schema):
            var below: [BoundExpression] = []
            var above: [BoundExpression] = []
            for predicate in predicates {
                if predicate.columnsUsed.allSatisfy({ $0 < keys.count }) {
                    below.append(predicate.rewritten { node in
                        if case .column(let index, let type, let name) = node { return .column(index: keys[index], type: type, name: name) }
                        return nil
                    })
                } else {
                    above.append(predicate)
                }
            }
            return filtered(.aggregate(push(input, below), groupKeys: keys, aggregates: aggregates, schema: schema), above)

        case .unionAll(let inputs, let schema):
            return .unionAll(inputs.map { push($0, predicates) }, schema: schema)

        case .scan(var scan):
            let partitionColumns = Set(scan.table.partitionColumns)
            let names = scan.columns.map { scan.table.schema.fields[$0].name }
            for predicate in predicates where predicate.isDeterministic {
                let used = predicate.columnsUsed
                if !used.isEmpty, used.allSatisfy({ partitionColumns.contains(names[$0]) }) {
                    scan.partitionFilters.append(predicate)
                }
            }
            let statistics = predicates.compactMap { ScanPredicateConversion.convert($0, columnNames: names) }
            if !statistics.isEmpty {
                scan.statisticsFilter = statistics.count == 1 ? statistics[0] : .and(statistics)
            }
            return filtered(.scan(scan), predicates)

        default:
            return filtered(plan.withInputs(plan.inputs.map { push($0, []) }), predicates)
        }
    }

    private static func filtered(_ plan: LogicalPlan, _ predicates: [BoundExpression]) -> LogicalPlan {
        guard let predicate = BoundExpression.conjunction(predicates) else { return plan }
        return .filter(plan, predicate: predicate)
    }

    private static func pushIntoJoin(_ left: LogicalPlan, _ right: LogicalPlan, type: JoinType, condition: BoundExpression?,
                                     schema: Schema, _ predicates: [BoundExpression]) -> LogicalPlan {
        let leftCount = left.schema.count
        var toLeft: [BoundExpression] = []
        var toRight: [BoundExpression] = []
        var joinConditions: [BoundExpression] = []
        var above: [BoundExpression] = []
        let shiftLeft: (BoundExpression) -> BoundExpression = { $0.remappingColumns { $0 - leftCount } }

        func side(_ expression: BoundExpression) -> (left: Bool, right: Bool) {
            let used = expression.columnsUsed
            return (used.contains { $0 < leftCount }, used.contains { $0 >= leftCount })
        }
        // Conditions from above the join.
        for predicate in predicates {
            let (usesLeft, usesRight) = side(predicate)
            switch type {
            case .inner:
                if !usesRight && predicate.isDeterministic { toLeft.append(predicate) }
                else if !usesLeft && predicate.isDeterministic { toRight.append(shiftLeft(predicate)) }
                else { joinConditions.append(predicate) }
            case .left, .leftSemi, .leftAnti, .leftAntiNullAware:
                if !usesRight && predicate.isDeterministic { toLeft.append(predicate) } else { above.append(predicate) }
            case .right:
                if !usesLeft && predicate.isDeterministic { toRight.append(shiftLeft(predicate)) } else { above.append(predicate) }
            case .full:
                above.append(predicate)
            }
        }
        // The join's own condition: one-sided parts go into the side they filter when that keeps the result.
        for conjunct in condition?.conjuncts ?? [] {
            let (usesLeft, usesRight) = side(conjunct)
            switch type {
            case .inner where conjunct.isDeterministic && !usesRight:
                toLeft.append(conjunct)
            case .inner where conjunct.isDeterministic && !usesLeft, .left where conjunct.isDeterministic && !usesLeft,
                 .leftSemi where conjunct.isDeterministic && !usesLeft, .leftAnti where conjunct.isDeterministic && !usesLeft:
                toRight.append(shiftLeft(conjunct))
            case .right where conjunct.isDeterministic && !usesRight:
                toLeft.append(conjunct)
            default:
                joinConditions.append(conjunct)
            }
        }
        let joined = LogicalPlan.join(push(left, toLeft), push(right, toRight), type: type,
                                      condition: BoundExpression.conjunction(joinConditions), schema: schema)
        return filtered(joined, above)
    }
}

extension BoundExpression {
    /// True when no non-deterministic function (`random()`) is inside.
    var isDeterministic: Bool {
        var deterministic = true
        visit { node in
            if case .call(let function, _) = node, !function.isDeterministic { deterministic = false }
        }
        return deterministic
    }
}
