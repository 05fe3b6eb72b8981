import Testing
@testable import SluiceSQL

@Test func spanUnion() {
    #expect(SourceSpan(start: 3, end: 5).union(SourceSpan(start: 1, end: 4)) == SourceSpan(start: 1, end: 5))
}
