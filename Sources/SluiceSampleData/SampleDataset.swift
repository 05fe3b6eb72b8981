/// A seed data set: a group of tables that reference each other.
public enum SampleDataset: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Seed 002: `users` and `orders` (each order names a user).
    case orders
    /// Seed 003: `titles` and `events` (each event names a title; 2% name missing titles).
    case events

    /// The tables of the data set, in the order they are written.
    public var tableNames: [String] {
        switch self {
        case .orders: ["users", "orders"]
        case .events: ["titles", "events"]
        }
    }

    /// The data sets a command line names: `orders`, `events` or `all`; nil for anything else.
    public static func named(_ name: String) -> Set<SampleDataset>? {
        if name.lowercased() == "all" { return Set(allCases) }
        return SampleDataset(rawValue: name.lowercased()).map { [$0] }
    }

    public static func < (lhs: SampleDataset, rhs: SampleDataset) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .orders: 0
        case .events: 1
        }
    }
}
