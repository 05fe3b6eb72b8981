/// The set operations ``PhysicalSetOperation`` computes (`UNION ALL` is a concatenation, and
/// `UNION` a concatenation followed by a hash aggregation without aggregates).
public enum SetOperationKind: String, Sendable {
    case intersect, except
}
