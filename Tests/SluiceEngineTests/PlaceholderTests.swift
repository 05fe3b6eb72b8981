import Testing
import SluiceCore
@testable import SluiceEngine

@Test func sortKeyDefaultsToNullsLast() {
    #expect(SortKey(column: 0).nullsFirst == false)
}
