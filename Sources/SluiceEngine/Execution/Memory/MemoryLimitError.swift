import SluiceCore

extension SluiceError {
    /// An operator that cannot spill to disk needs more memory than the query's limit leaves it.
    /// `operatorName` says what holds the memory ("The hash join's build side"), `neededBytes`
    /// what it needs at least, `remedy` what else helps besides a higher limit.
    static func memoryLimitExceeded(
        _ operatorName: String, neededBytes: Int, reservation: MemoryReservation, remedy: String
    ) -> SluiceError {
        let budget = reservation.budget
        let others = max(0, budget.reservedBytes - reservation.bytes)
        let held = others > 0 ? " (other operators of the query hold \(ByteSize.text(others)))" : ""
        return SluiceError(
            domain: .query, code: "query.memoryLimit",
            message: "\(operatorName) needs at least \(ByteSize.text(neededBytes)) of memory, "
                + "more than the query's memory limit of \(ByteSize.text(budget.limitBytes)) allows\(held).",
            hint: "Raise the limit with --memory-limit (or SLUICE_MEMORY_LIMIT), e.g. --memory-limit "
                + "\(String(ByteSize.text(Self.suggestedLimit(neededBytes + others)).filter { $0 != " " })); \(remedy)")
    }

    /// A round limit comfortably above `bytes`: the next power of two of megabytes, doubled.
    private static func suggestedLimit(_ bytes: Int) -> Int {
        var megabytes = 1
        while megabytes * 1_000_000 < bytes * 2 { megabytes *= 2 }
        return megabytes * 1_000_000
    }
}
