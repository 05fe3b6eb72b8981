import Testing
import SluiceCore
@testable import SluiceEngine

@Suite struct LikeTests {
    typealias T = ExpressionTesting

    func matches(_ texts: [String?], _ pattern: String, escape: String? = nil, isNegated: Bool = false) throws -> [Value] {
        let batch = try T.batch([("s", .string, texts.map { $0.map(Value.string) ?? .null })])
        let expression = BoundExpression.like(
            T.column(batch, "s"), pattern: T.literal(.string(pattern), .string),
            escape: escape.map { T.literal(.string($0), .string) }, isNegated: isNegated)
        return try T.evaluate(expression, batch)
    }

    @Test func fastPaths() throws {
        let texts: [String?] = ["apple", "pineapple", "apricot", "", nil]
        #expect(try matches(texts, "apple") == [.boolean(true), .boolean(false), .boolean(false), .boolean(false), .null])
        #expect(try matches(texts, "ap%") == [.boolean(true), .boolean(false), .boolean(true), .boolean(false), .null])
        #expect(try matches(texts, "%apple") == [.boolean(true), .boolean(true), .boolean(false), .boolean(false), .null])
        #expect(try matches(texts, "%pp%") == [.boolean(true), .boolean(true), .boolean(false), .boolean(false), .null])
        #expect(try matches(texts, "%") == [.boolean(true), .boolean(true), .boolean(true), .boolean(true), .null])
        #expect(try matches(texts, "") == [.boolean(false), .boolean(false), .boolean(false), .boolean(true), .null])
        #expect(try matches(texts, "%pp%", isNegated: true) == [.boolean(false), .boolean(false), .boolean(true), .boolean(true), .null])
    }

    @Test func generalPatterns() throws {
        let texts: [String?] = ["abc", "abbc", "ac", "aXbYc", "abcabc"]
        #expect(try matches(texts, "a_c") == [.boolean(true), .boolean(false), .boolean(false), .boolean(false), .boolean(false)])
        #expect(try matches(texts, "a__c") == [.boolean(false), .boolean(true), .boolean(false), .boolean(false), .boolean(false)])
        #expect(try matches(texts, "a%b%c") == [.boolean(true), .boolean(true), .boolean(false), .boolean(true), .boolean(true)])
        #expect(try matches(texts, "%b_") == [.boolean(true), .boolean(true), .boolean(false), .boolean(false), .boolean(true)])
        #expect(try matches(texts, "abc%abc") == [.boolean(false), .boolean(false), .boolean(false), .boolean(false), .boolean(true)])
        #expect(try matches(["a"], "a%a") == [.boolean(false)])
        #expect(try matches(["aa"], "a%a") == [.boolean(true)])
        #expect(try matches(["x"], "_%") == [.boolean(true)])
        #expect(try matches([""], "_%") == [.boolean(false)])
    }

    @Test func underscoreMatchesOneCharacterNotOneByte() throws {
        #expect(try matches(["é", "日本", "e"], "_") == [.boolean(true), .boolean(false), .boolean(true)])
        #expect(try matches(["日本語"], "日_語") == [.boolean(true)])
        #expect(try matches(["日本語"], "__") == [.boolean(false)])
        #expect(try matches(["🙂x"], "_x") == [.boolean(true)])
        #expect(try matches(["ab🙂"], "%_") == [.boolean(true)])
    }

    @Test func escapeMakesWildcardsLiteral() throws {
        #expect(try matches(["100%", "100x", "a_b", "axb", "a\\b"], "100\\%", escape: "\\")
            == [.boolean(true), .boolean(false), .boolean(false), .boolean(false), .boolean(false)])
        #expect(try matches(["a_b", "axb"], "a#_b", escape: "#") == [.boolean(true), .boolean(false)])
        #expect(try matches(["a#b"], "a##b", escape: "#") == [.boolean(true)])
        #expect(try matches(["50% off"], "%#%%", escape: "#") == [.boolean(true)])
    }

    @Test func containsNeverMatchesAcrossRows() throws {
        #expect(try matches(["ab", "cx", "", "abc", "bc"], "%bc%") == [.boolean(false), .boolean(false), .boolean(false), .boolean(true), .boolean(true)])
        #expect(try matches(["x", "", "xx", "yxy", "y"], "%x%") == [.boolean(true), .boolean(false), .boolean(true), .boolean(true), .boolean(false)])
        // A column whose offsets do not start at 0, with bytes before its first value.
        let column = Column(type: .string, count: 3, validity: nil,
                            storage: .bytes(offsets: [2, 4, 5, 8], data: Array("xxabxyxy".utf8)))
        let batch = try RecordBatch(schema: Schema([Field("s", .string)]), columns: [column])
        let like = BoundExpression.like(T.column(batch, "s"), pattern: T.literal(.string("%xy%"), .string), escape: nil, isNegated: false)
        #expect(try T.evaluate(like, batch) == [.boolean(false), .boolean(false), .boolean(true)])
    }

    @Test func badEscapesAreErrors() {
        #expect(T.errorMessage { _ = try matches(["x"], "a#b", escape: "#") }
            == "LIKE pattern 'a#b' has an escape character that is not followed by '%', '_' or the escape character.")
        #expect(T.errorMessage { _ = try matches(["x"], "a#", escape: "#") }
            == "LIKE pattern 'a#' has an escape character that is not followed by '%', '_' or the escape character.")
        #expect(T.errorMessage { _ = try matches(["x"], "a", escape: "##") } == "LIKE escape '##' must be a single character.")
    }

    @Test func patternFromAColumn() throws {
        let batch = try T.batch([
            ("s", .string, [.string("abc"), .string("abc"), .string("abc"), .string("abc")]),
            ("p", .string, [.string("a%"), .string("a%"), .string("%z"), .null]),
        ])
        let expression = BoundExpression.like(T.column(batch, "s"), pattern: T.column(batch, "p"), escape: nil, isNegated: false)
        #expect(try T.evaluate(expression, batch) == [.boolean(true), .boolean(true), .boolean(false), .null])
    }
}
