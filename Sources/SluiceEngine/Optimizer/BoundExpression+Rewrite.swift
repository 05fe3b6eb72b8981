import SluiceCore

extension BoundExpression {
    /// The expression with every node replaced by `transform`'s result where it returns one
    /// (applied top-down; children of a replaced node are not visited).
    func rewritten(_ transform: (BoundExpression) -> BoundExpression?) -> BoundExpression {
        if let replaced = transform(self) { return replaced }
        func each(_ items: [BoundExpression]) -> [BoundExpression] { items.map { $0.rewritten(transform) } }
        switch self {
        case .column, .literal: return self
        case .call(let function, let arguments): return .call(function, each(arguments))
        case .cast(let input, let type, let isTry): return .cast(input.rewritten(transform), to: type, isTry: isTry)
        case .and(let parts): return .and(each(parts))
        case .or(let parts): return .or(each(parts))
        case .not(let input): return .not(input.rewritten(transform))
        case .isNull(let input, let isNegated): return .isNull(input.rewritten(transform), isNegated: isNegated)
        case .caseWhen(let whens, let elseResult, let type):
            return .caseWhen(
                whens.map { BoundWhen(condition: $0.condition.rewritten(transform), result: $0.result.rewritten(transform)) },
                elseResult: elseResult?.rewritten(transform), type: type)
        case .coalesce(let arguments, let type): return .coalesce(each(arguments), type: type)
        case .inList(let input, let values, let isNegated):
            return .inList(input.rewritten(transform), each(values), isNegated: isNegated)
        case .like(let input, let pattern, let escape, let isNegated):
            return .like(input.rewritten(transform), pattern: pattern.rewritten(transform),
                         escape: escape?.rewritten(transform), isNegated: isNegated)
        case .field(let input, let index, let type): return .field(input.rewritten(transform), fieldIndex: index, type: type)
        }
    }

    /// The same expression reading column `mapping(i)` wherever it read column `i`.
    func remappingColumns(_ mapping: (Int) -> Int) -> BoundExpression {
        rewritten { node in
            if case .column(let index, let type, let name) = node { return .column(index: mapping(index), type: type, name: name) }
            return nil
        }
    }

    /// Indices of the input columns the expression reads.
    var columnsUsed: Set<Int> {
        var used = Set<Int>()
        visit { node in
            if case .column(let index, _, _) = node { used.insert(index) }
        }
        return used
    }

    /// Calls `body` on every node, parents before children.
    func visit(_ body: (BoundExpression) -> Void) {
        body(self)
        switch self {
        case .column, .literal: break
        case .call(_, let arguments), .coalesce(let arguments, _): arguments.forEach { $0.visit(body) }
        case .and(let parts), .or(let parts): parts.forEach { $0.visit(body) }
        case .cast(let input, _, _), .not(let input), .isNull(let input, _), .field(let input, _, _): input.visit(body)
        case .caseWhen(let whens, let elseResult, _):
            for when in whens {
                when.condition.visit(body)
                when.result.visit(body)
            }
            elseResult?.visit(body)
        case .inList(let input, let values, _):
            input.visit(body)
            values.forEach { $0.visit(body) }
        case .like(let input, let pattern, let escape, _):
            input.visit(body)
            pattern.visit(body)
            escape?.visit(body)
        }
    }

    /// True when every function in it is deterministic and it reads no column.
    var isConstant: Bool {
        var constant = true
        visit { node in
            switch node {
            case .column: constant = false
            case .call(let function, _) where !function.isDeterministic: constant = false
            default: break
            }
        }
        return constant
    }

    /// The top-level `AND` parts (the expression itself when it is not an `AND`).
    var conjuncts: [BoundExpression] {
        if case .and(let parts) = self { return parts.flatMap(\.conjuncts) }
        return [self]
    }

    /// `AND` of the parts (nil for none, the part itself for one).
    static func conjunction(_ parts: [BoundExpression]) -> BoundExpression? {
        switch parts.count {
        case 0: nil
        case 1: parts[0]
        default: .and(parts)
        }
    }
}
