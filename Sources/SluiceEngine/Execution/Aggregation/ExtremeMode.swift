/// Which value of a group `min`, `max` and `arbitrary` keep: the smallest, the largest, or
/// the first non-null one seen (`arbitrary`, as Trino: any one value, here the first).
enum ExtremeMode: Sendable {
    case min, max, first

    /// True when `candidate` replaces `current` given their order (`candidate` against `current`).
    @inline(__always)
    func replaces(_ order: Int) -> Bool {
        switch self {
        case .min: order < 0
        case .max: order > 0
        case .first: false
        }
    }
}
