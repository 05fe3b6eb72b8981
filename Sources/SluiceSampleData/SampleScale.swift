import SluiceCore

/// How many rows the seed data sets get. `titles` always has ``titleCount`` rows: it is a
/// reference table, and its size does not grow with traffic.
public enum SampleScale: Sendable, Hashable, CustomStringConvertible {
    /// 100,000 users, 1,000,000 orders, 1,000,000 events: about 300 MB of NDJSON in all.
    case small
    /// 1,000,000 users, 10,000,000 orders, 10,000,000 events: about 3 GB of NDJSON in all.
    case large
    /// Any counts, for tests and the demo (for example 1,000 users and 10,000 orders).
    case custom(users: Int, orders: Int, events: Int)

    /// Most rows a table may have: 100 times LARGE, about 250 GB of text. Catches an extra
    /// zero before it fills the disk.
    public static let maximumRowCount = 1_000_000_000

    /// The scale a command line names: `small` or `large`; nil for anything else.
    public init?(name: String) {
        switch name.lowercased() {
        case "small": self = .small
        case "large": self = .large
        default: return nil
        }
    }

    /// Rows of `users`.
    public var userCount: Int {
        switch self {
        case .small: 100_000
        case .large: 1_000_000
        case .custom(let users, _, _): users
        }
    }

    /// Rows of `orders`, spread evenly over the 30 days.
    public var orderCount: Int {
        switch self {
        case .small: 1_000_000
        case .large: 10_000_000
        case .custom(_, let orders, _): orders
        }
    }

    /// Rows of `events`, spread evenly over the 30 days.
    public var eventCount: Int {
        switch self {
        case .small: 1_000_000
        case .large: 10_000_000
        case .custom(_, _, let events): events
        }
    }

    /// Rows of the `titles` reference table, at every scale.
    public var titleCount: Int { 1_000 }

    /// `small`, `large`, or `custom(users: 1000, orders: 10000, events: 10000)`.
    public var description: String {
        switch self {
        case .small: "small"
        case .large: "large"
        case .custom(let users, let orders, let events): "custom(users: \(users), orders: \(orders), events: \(events))"
        }
    }

    /// Throws when a count is negative or too large, or when orders or events would reference
    /// users that do not exist.
    func validate() throws(SluiceError) {
        for (table, count) in [("users", userCount), ("orders", orderCount), ("events", eventCount)] {
            guard (0...Self.maximumRowCount).contains(count) else {
                throw SluiceError(
                    domain: .usage, code: "sample.invalidScale",
                    message: "The sample scale asks for \(count) \(table); the count must be between 0 and \(Self.maximumRowCount).",
                    hint: "Use the small or large scale, or a custom count in that range.")
            }
        }
        if userCount == 0 && (orderCount > 0 || eventCount > 0) {
            throw SluiceError(
                domain: .usage, code: "sample.invalidScale",
                message: "The sample scale asks for orders or events but no users, and every order and event names a user.",
                hint: "Ask for at least one user.")
        }
    }
}
