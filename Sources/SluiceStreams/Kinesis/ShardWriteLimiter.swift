/// Counts a shard's writes per wall-clock second against ``ShardWriteLimits``.
struct ShardWriteLimiter {
    private var second: Int64 = .min
    private var records = 0
    private var bytes = 0

    /// Takes one record of `size` bytes from this second's allowance, or says it is spent.
    mutating func admit(sizeBytes: Int, nowMilliseconds: Int64, limits: ShardWriteLimits) -> Bool {
        let now = nowMilliseconds / 1000
        if now != second {
            second = now
            records = 0
            bytes = 0
        }
        guard records + 1 <= limits.recordsPerSecond, bytes + sizeBytes <= limits.bytesPerSecond else { return false }
        records += 1
        bytes += sizeBytes
        return true
    }
}
