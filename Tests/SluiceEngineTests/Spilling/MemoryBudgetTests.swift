import SluiceCore
@testable import SluiceEngine
import Testing

/// The query memory budget: reservations fit under the limit or are refused, give their bytes
/// back when released or dropped, and the error names the sizes.
@Suite struct MemoryBudgetTests {
    @Test func reservationsAreRefusedPastTheLimitAndGiveBytesBack() {
        let budget = QueryMemoryBudget(limitBytes: 1000)
        let first = MemoryReservation(budget)
        #expect(first.tryGrow(by: 600))
        #expect(!first.tryGrow(by: 500))
        #expect(first.bytes == 600)
        do {
            let second = MemoryReservation(budget)
            #expect(second.tryResize(to: 400))
            #expect(!second.tryResize(to: 401))
            #expect(budget.reservedBytes == 1000)
            second.grow(by: 100)
            #expect(budget.reservedBytes == 1100)
            #expect(budget.availableBytes == 0)
        }
        // The second reservation was dropped: its bytes are free again.
        #expect(budget.reservedBytes == 600)
        #expect(budget.peakReservedBytes == 1100)
        first.shrink(by: 1000)
        #expect(first.bytes == 0)
        #expect(budget.reservedBytes == 0)
    }

    @Test func theErrorNamesTheOperatorTheSizesAndOtherHolders() {
        let budget = QueryMemoryBudget(limitBytes: 4_000_000)
        let others = MemoryReservation(budget)
        others.grow(by: 1_500_000)
        let own = MemoryReservation(budget)
        own.grow(by: 2_000_000)
        let error = SluiceError.memoryLimitExceeded(
            "The test operator", neededBytes: 2_600_000, reservation: own, remedy: "or do less.")
        #expect(error.code == "query.memoryLimit")
        #expect(error.message == "The test operator needs at least 2.6 MB of memory, more than the query's memory limit of 4.0 MB "
            + "allows (other operators of the query hold 1.5 MB).")
        #expect(error.hint == "Raise the limit with --memory-limit (or SLUICE_MEMORY_LIMIT), e.g. --memory-limit 10MB; or do less.")
    }

    @Test func suggestedLimitsAreRoundAndAtLeastTwiceTheNeed() {
        #expect(SluiceError.suggestedLimit(400_000) == "1MB")
        #expect(SluiceError.suggestedLimit(2_600_000) == "10MB")
        #expect(SluiceError.suggestedLimit(90_000_000) == "200MB")
        #expect(SluiceError.suggestedLimit(2_300_000_000) == "5GB")
    }
}
