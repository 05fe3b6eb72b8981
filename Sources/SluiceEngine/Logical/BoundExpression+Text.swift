import SluiceCore

extension BoundExpression {
    /// How plans show the expression: column names, SQL-like operators (`(amount * 2)`).
    public var displayText: String { text(names: true) }

    /// A canonical text by column index: two expressions with the same fingerprint compute
    /// the same values (GROUP BY matching, common subexpressions).
    var fingerprint: String { text(names: false) }

    private func text(names: Bool) -> String {
        func list(_ items: [BoundExpression]) -> String { items.map { $0.text(names: names) }.joined(separator: ", ") }
        switch self {
        case .column(let index, _, let name):
            return names ? name : "#\(index)"
        case .literal(let value, let type):
            let shown: String
            switch value {
            case .string(let text): shown = "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
            case .null: shown = "NULL"
            default: shown = value.displayText
            }
            return names ? shown : "\(shown):\(type)"
        case .call(let function, let arguments):
            let isOperator = function.name.allSatisfy { "+-*/%|=<>!".contains($0) }
            if isOperator, arguments.count == 2 {
                return "(\(arguments[0].text(names: names)) \(function.name) \(arguments[1].text(names: names)))"
            }
            return "\(function.name)(\(list(arguments)))"
        case .cast(let input, let type, let isTry):
            return "\(isTry ? "TRY_CAST" : "CAST")(\(input.text(names: names)) AS \(type))"
        case .and(let parts):
            return "(" + parts.map { $0.text(names: names) }.joined(separator: " AND ") + ")"
        case .or(let parts):
            return "(" + parts.map { $0.text(names: names) }.joined(separator: " OR ") + ")"
        case .not(let input):
            return "(NOT \(input.text(names: names)))"
        case .isNull(let input, let isNegated):
            return "(\(input.text(names: names)) IS \(isNegated ? "NOT " : "")NULL)"
        case .caseWhen(let whens, let elseResult, _):
            var text = "CASE"
            for when in whens {
                text += " WHEN \(when.condition.text(names: names)) THEN \(when.result.text(names: names))"
            }
            if let elseResult { text += " ELSE \(elseResult.text(names: names))" }
            return text + " END"
        case .coalesce(let arguments, _):
            return "coalesce(\(list(arguments)))"
        case .inList(let input, let values, let isNegated):
            return "(\(input.text(names: names)) \(isNegated ? "NOT " : "")IN (\(list(values))))"
        case .like(let input, let pattern, let escape, let isNegated):
            var text = "(\(input.text(names: names)) \(isNegated ? "NOT " : "")LIKE \(pattern.text(names: names))"
            if let escape { text += " ESCAPE \(escape.text(names: names))" }
            return text + ")"
        case .field(let input, let index, let type):
            if names, case .struct(let fields) = input.type, fields.indices.contains(index) {
                return "\(input.text(names: names)).\(fields[index].name)"
            }
            return "\(input.text(names: names)).$\(index):\(type)"
        }
    }
}
