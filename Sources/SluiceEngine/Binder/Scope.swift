import SluiceCore
import SluiceSQL

/// The names visible while binding an expression: the columns of the plan being built,
/// each with the relation names that qualify it (`o` in `o.amount`), and the enclosing
/// query's scope for correlated subqueries.
struct Scope {
    struct Column {
        /// Relation names that qualify this column, lower-cased.
        var qualifiers: [String]
        var name: String
        var type: DataType
        /// Index in the plan's output.
        var index: Int
        /// Left out of `*` (columns kept only for `ORDER BY`).
        var isHiddenFromStar = false
    }

    var columns: [Column]

    init(columns: [Column]) {
        self.columns = columns
    }

    /// Every column of `schema`, qualified by `qualifier`.
    init(schema: Schema, qualifier: String?) {
        columns = schema.fields.enumerated().map { index, field in
            Column(qualifiers: qualifier.map { [$0.lowercased()] } ?? [], name: field.name, type: field.type, index: index)
        }
    }

    /// The columns of `self` followed by `other`'s, whose indices move past ours.
    func appending(_ other: Scope, offset: Int) -> Scope {
        Scope(columns: columns + other.columns.map { column in
            var moved = column
            moved.index += offset
            return moved
        })
    }

    /// Columns named `name` (case-insensitively; an exact-case match wins a tie), optionally
    /// only those qualified by `qualifier`.
    func matches(name: String, qualifier: String?) -> [Column] {
        let lowered = name.lowercased()
        var found = columns.filter { column in
            column.name.lowercased() == lowered && (qualifier.map { column.qualifiers.contains($0.lowercased()) } ?? true)
        }
        if found.count > 1 {
            let exact = found.filter { $0.name == name }
            if exact.count == 1 { found = exact }
        }
        // One column reachable through two paths (USING) counts once.
        var seen = Set<Int>()
        return found.filter { seen.insert($0.index).inserted }
    }

    /// Whether `qualifier` names a relation of this scope.
    func hasQualifier(_ qualifier: String) -> Bool {
        columns.contains { $0.qualifiers.contains(qualifier.lowercased()) }
    }

    /// Column names for messages, qualified where two relations share a name.
    var displayNames: [String] {
        var counts: [String: Int] = [:]
        for column in columns { counts[column.name.lowercased(), default: 0] += 1 }
        return columns.map { column in
            if counts[column.name.lowercased(), default: 0] > 1, let qualifier = column.qualifiers.first {
                return "\(qualifier).\(column.name)"
            }
            return column.name
        }
    }
}
