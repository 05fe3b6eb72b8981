import SluiceCore

/// How a key table stores its keys, chosen from the key columns' types: no keys (one group),
/// one integer-like column as `Int64`, one string or binary column as its bytes, grouping
/// columns each coded on its own (several columns, or one string column, whose dictionary the
/// coding can use; see ``CodedKeyTable``), or any other combination as a compact row encoding
/// (see ``RowEncoding``).
enum KeyLayout: Sendable, Equatable {
    case none
    case integer
    case bytes
    case encoded
    case coded

    /// The layout for keys of `types`; nested types cannot be keys yet. `grouping` (null keys
    /// are a group) allows the coded layout. `operatorName` names the operator in the error
    /// (`GROUP BY`, `JOIN`, `INTERSECT`).
    static func choose(for types: [DataType], grouping: Bool = false, operatorName: String) throws(SluiceError) -> KeyLayout {
        for (position, type) in types.enumerated() where type.isNested {
            throw SluiceError(
                domain: .query, code: "query.unsupportedKeyType",
                message: "\(operatorName) cannot use key \(position + 1) of type \(type): keys of nested types are not supported yet.",
                hint: "Use scalar columns as keys, for example a field of the struct or an element of the array.")
        }
        guard types.count == 1 else { return types.isEmpty ? .none : (grouping ? .coded : .encoded) }
        switch types[0] {
        case .boolean, .int8, .int16, .int32, .int64, .date, .timestamp: return .integer
        case .string, .binary: return grouping ? .coded : .bytes
        default: return .encoded
        }
    }
}
