import SluiceCore
import SluiceFormats

/// Decides from a scan's predicate which partitions may hold matching rows, before their
/// folders are listed or any file opened. Only conditions on partition keys can rule a
/// partition out; anything else might match, so the partition stays.
enum PartitionPruning {
    /// False only when no row of a partition with these (typed) key values can satisfy `predicate`.
    static func mightMatch(_ predicate: ScanPredicate, values: [String: Value]) -> Bool {
        switch predicate {
        case .compare(let column, let op, let constant):
            guard column.count == 1, let value = values[column[0]] else { return true }
            guard let order = value.compare(to: constant) else { return value.isNull ? false : true }
            return op.holds(for: order)
        case .in(let column, let constants):
            guard column.count == 1, let value = values[column[0]] else { return true }
            if value.isNull { return false }
            return constants.contains { constant in value.compare(to: constant).map { $0 == .equal } ?? true }
        case .isNull(let column):
            guard column.count == 1, let value = values[column[0]] else { return true }
            return value.isNull
        case .isNotNull(let column):
            guard column.count == 1, let value = values[column[0]] else { return true }
            return !value.isNull
        case .and(let parts):
            return parts.allSatisfy { mightMatch($0, values: values) }
        case .or(let parts):
            return parts.contains { mightMatch($0, values: values) }
        }
    }
}
