import Testing
import SluiceCore

@Test func suggestsCloseNamesOnly() {
    #expect(NameSuggestion.closest(to: "regoin", among: ["id", "region", "amount"]) == "region")
    #expect(NameSuggestion.closest(to: "AMOUNT", among: ["id", "region", "amount"]) == "amount")
    #expect(NameSuggestion.closest(to: "lenght", among: ["length", "lower"]) == "length")
    #expect(NameSuggestion.closest(to: "xyz", among: ["id", "region", "amount"]) == nil)
    #expect(NameSuggestion.closest(to: "a", among: []) == nil)
}

@Test func editDistanceCountsTranspositionsAsOne() {
    #expect(NameSuggestion.editDistance(Array("ab".unicodeScalars), Array("ba".unicodeScalars)) == 1)
    #expect(NameSuggestion.editDistance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
    #expect(NameSuggestion.editDistance([], Array("abc".unicodeScalars)) == 3)
}
