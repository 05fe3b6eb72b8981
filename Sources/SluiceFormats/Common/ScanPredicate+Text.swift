import SluiceCore

extension ScanPredicate: CustomStringConvertible {
    /// SQL-like text for plans: `price > 1.0 AND dt = '2026-11-02'`.
    public var description: String {
        func quoted(_ value: Value) -> String {
            if case .string(let text) = value { return "'\(text)'" }
            return value.displayText
        }
        switch self {
        case .compare(let column, let op, let value): return "\(column.joined(separator: ".")) \(op.rawValue) \(quoted(value))"
        case .in(let column, let values): return "\(column.joined(separator: ".")) IN (\(values.map(quoted).joined(separator: ", ")))"
        case .isNull(let column): return "\(column.joined(separator: ".")) IS NULL"
        case .isNotNull(let column): return "\(column.joined(separator: ".")) IS NOT NULL"
        case .and(let parts): return parts.map { parts.count > 1 && $0.isOr ? "(\($0))" : $0.description }.joined(separator: " AND ")
        case .or(let parts): return parts.map(\.description).joined(separator: " OR ")
        }
    }

    private var isOr: Bool {
        if case .or = self { return true }
        return false
    }
}
