/// How one value orders against another: the result of ``Value/compare(to:)``.
public enum ValueOrder: Sendable, Equatable {
    case less
    case equal
    case greater

    /// The order seen from the other side: `a < b` is `b > a`.
    public var reversed: ValueOrder {
        switch self {
        case .less: .greater
        case .equal: .equal
        case .greater: .less
        }
    }

    /// The order of two comparable values of one type.
    public init<T: Comparable>(_ left: T, _ right: T) {
        self = left < right ? .less : (left == right ? .equal : .greater)
    }
}
