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
                + "\(Self.suggestedLimit(neededBytes + others)); \(remedy)")
    }

    /// A round limit, as `--memory-limit` takes it, of at least twice `bytes`: 1, 2 or 5 times a
    /// power of ten megabytes (`20MB`, `500MB`, `5GB`).
    static func suggestedLimit(_ bytes: Int) -> String {
        var scale = 1
        while true {
            for step in [1, 2, 5] where step * scale * 1_000_000 >= bytes * 2 {
                let megabytes = step * scale
                return megabytes >= 1000 ? "\(megabytes / 1000)GB" : "\(megabytes)MB"
            }
            scale *= 10
        }
    }
}
