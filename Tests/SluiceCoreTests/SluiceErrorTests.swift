import SluiceCore
import Testing

@Suite struct SluiceErrorTests {
    let bare = SluiceError(domain: .format, code: "json.syntax", message: "expected ',' or '}' but found '\"'.")

    @Test func summaryAndDescriptionWithoutLocationOrHint() {
        #expect(bare.summary == "expected ',' or '}' but found '\"'.")
        #expect(bare.description == bare.summary)
        #expect(!bare.isInternal)
    }

    @Test func summaryStartsWithTheLocation() {
        var error = bare
        error.location = ErrorLocation(file: "orders/dt=2026-11-01/part-7.json", line: 1204, column: 18)
        #expect(error.summary == "orders/dt=2026-11-01/part-7.json, line 1204, column 18: expected ',' or '}' but found '\"'.")
        error.hint = "Check the file is JSON Lines."
        #expect(error.description == """
            orders/dt=2026-11-01/part-7.json, line 1204, column 18: expected ',' or '}' but found '"'.
            Hint: Check the file is JSON Lines.
            """)
        error.location = ErrorLocation()
        #expect(error.summary == "expected ',' or '}' but found '\"'.")
    }

    @Test func locationNamesEveryPartInOrder() {
        let location = ErrorLocation(file: "a.csv", line: 3, column: 7, record: 2, field: "device.os")
        #expect(location.description == "a.csv, line 3, column 7, record 2, field 'device.os'")
        #expect(ErrorLocation(record: 9).description == "record 9")
        #expect(ErrorLocation().isEmpty && ErrorLocation().description == "")
        #expect(!ErrorLocation(field: "x").isEmpty)
    }

    @Test func locatedInFillsOnlyMissingParts() {
        let located = bare.locatedIn(file: "a.json", line: 2)
        #expect(located.location == ErrorLocation(file: "a.json", line: 2))
        let relocated = located.locatedIn(file: "b.json", line: 9, column: 4, record: 1, field: "price")
        #expect(relocated.location == ErrorLocation(file: "a.json", line: 2, column: 4, record: 1, field: "price"))
        #expect(relocated.message == bare.message && relocated.code == bare.code && relocated.domain == bare.domain)
        #expect(relocated.summary == "a.json, line 2, column 4, record 1, field 'price': " + bare.message)
    }

    @Test func locatedInWithNothingKeepsTheErrorUnchanged() {
        #expect(bare.locatedIn() == bare)
        #expect(bare.locatedIn(file: nil, line: nil) == bare)
    }

    @Test func internalErrorsSayTheyAreBugs() {
        let error = SluiceError.internal("Offsets out of order.", domain: .format)
        #expect(error.isInternal)
        #expect(error.domain == .format)
        #expect(error.code == "internal")
        #expect(error.description
            == "Offsets out of order.\nHint: This is a bug in Sluice; please report it with the command that triggered it.")
    }

    @Test func domainsHaveStableNames() {
        #expect(ErrorDomain.allCases.map(\.rawValue)
            == ["core", "io", "format", "query", "catalog", "stream", "job", "connector", "usage"])
    }
}
