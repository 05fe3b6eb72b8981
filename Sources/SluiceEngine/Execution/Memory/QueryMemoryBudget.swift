/// The bytes one query's operators may hold at once (``QueryOptions/memoryLimitBytes``),
/// shared by every operator and thread of the query.
///
/// Operators take memory through ``MemoryReservation``s before they grow: a hash aggregation or
/// a sort that is refused switches to spilling to disk; operators that cannot spill (window
/// functions, hash join build sides) fail with ``SluiceError/memoryLimitExceeded(_:neededBytes:reservation:remedy:)``.
/// Counts are estimates of the operators' buffers (rows, key tables, aggregate states), not of
/// every allocation, so a process can use somewhat more than the limit.
public final class QueryMemoryBudget: Sendable {
    public let limitBytes: Int
    private let counter = MemoryCounter()

    public init(limitBytes: Int) {
        self.limitBytes = max(0, limitBytes)
    }

    /// A budget that never refuses (operators built outside a query, tests).
    public static func unlimited() -> QueryMemoryBudget { QueryMemoryBudget(limitBytes: Int.max) }

    /// Bytes reserved now, by all operators of the query.
    public var reservedBytes: Int { counter.currentBytes }
    /// The most bytes reserved at once.
    public var peakReservedBytes: Int { counter.peakBytes }
    /// Bytes still free under the limit.
    public var availableBytes: Int { max(0, limitBytes - counter.currentBytes) }

    /// Reserves `bytes` when they fit under the limit; false (nothing reserved) otherwise.
    func tryReserve(_ bytes: Int) -> Bool {
        bytes <= 0 ? true : counter.tryAdd(bytes, limit: limitBytes)
    }

    /// Reserves `bytes` even past the limit (memory already taken, or needed to make progress).
    func reserve(_ bytes: Int) {
        if bytes > 0 { counter.add(bytes) }
    }

    func release(_ bytes: Int) {
        if bytes > 0 { counter.remove(bytes) }
    }
}
