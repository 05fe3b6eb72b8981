import Testing
import SluiceCore
@testable import SluiceEngine

@Suite struct StringFunctionTests {
    typealias T = ExpressionTesting

    func call(_ name: String, _ arguments: Value...) throws -> Value {
        try T.constant(try T.call(name, arguments.map { T.literal($0, Self.type(of: $0)) }))
    }

    static func type(of value: Value) -> DataType {
        switch value {
        case .int: .int64
        case .string, .null: .string
        case .double: .float64
        case .boolean: .boolean
        default: .string
        }
    }

    @Test func lengthCountsCharacters() throws {
        #expect(try call("length", .string("héllo")) == .int(5))
        #expect(try call("length", .string("")) == .int(0))
        #expect(try call("length", .null) == .null)
    }

    @Test func caseAndTrim() throws {
        #expect(try call("upper", .string("abc-é")) == .string("ABC-É"))
        #expect(try call("lower", .string("ABC")) == .string("abc"))
        #expect(try call("trim", .string("  a b  ")) == .string("a b"))
        #expect(try call("ltrim", .string("  a ")) == .string("a "))
        #expect(try call("rtrim", .string("  a ")) == .string("  a"))
        #expect(try call("reverse", .string("añb")) == .string("bña"))
    }

    @Test func substringIsOneBasedAndCountsFromTheEnd() throws {
        #expect(try call("substr", .string("hello"), .int(2)) == .string("ello"))
        #expect(try call("substr", .string("hello"), .int(2), .int(3)) == .string("ell"))
        #expect(try call("substr", .string("hello"), .int(-3)) == .string("llo"))
        #expect(try call("substr", .string("hello"), .int(-3), .int(2)) == .string("ll"))
        #expect(try call("substr", .string("hello"), .int(0)) == .string(""))
        #expect(try call("substr", .string("hello"), .int(9)) == .string(""))
        #expect(try call("substr", .string("hello"), .int(2), .int(100)) == .string("ello"))
        #expect(try call("substring", .string("日本語"), .int(2), .int(1)) == .string("本"))
        let nullStart = try T.call("substr", T.literal(.string("hello"), .string), T.literal(.null, .int64))
        #expect(try T.constant(nullStart) == .null)
    }

    @Test func searchingAndReplacing() throws {
        #expect(try call("strpos", .string("héllo"), .string("l")) == .int(3))
        #expect(try call("strpos", .string("hello"), .string("z")) == .int(0))
        #expect(try call("position", .string("lo"), .string("hello")) == .int(4))
        #expect(try call("replace", .string("a-b-c"), .string("-"), .string("+")) == .string("a+b+c"))
        #expect(try call("replace", .string("a-b-c"), .string("-")) == .string("abc"))
        #expect(try call("starts_with", .string("hello"), .string("he")) == .boolean(true))
        #expect(try call("starts_with", .string("h"), .string("he")) == .boolean(false))
    }

    @Test func concatenationIsNullWhenAnyArgumentIs() throws {
        #expect(try call("concat", .string("a"), .string("b"), .string("c")) == .string("abc"))
        #expect(try call("concat", .string("a"), .null) == .null)
        #expect(try call("||", .string("a"), .string("é")) == .string("aé"))
        let batch = try T.batch([("a", .string, [.string("x"), .null, .string("")]), ("b", .string, [.string("1"), .string("2"), .string("3")])])
        #expect(try T.evaluate(try T.call("||", T.column(batch, "a"), T.column(batch, "b")), batch) == [.string("x1"), .null, .string("3")])
    }

    @Test func padding() throws {
        #expect(try call("lpad", .string("7"), .int(3), .string("0")) == .string("007"))
        #expect(try call("rpad", .string("ab"), .int(5), .string("xy")) == .string("abxyx"))
        #expect(try call("lpad", .string("hello"), .int(2), .string("0")) == .string("he"))
        #expect(T.errorMessage { _ = try call("lpad", .string("a"), .int(3), .string("")) }
            == "lpad: the padding string must not be empty.")
        #expect(T.errorMessage { _ = try call("rpad", .string("a"), .int(-1), .string("x")) }
            == "rpad: target length -1 must be between 0 and 1000000.")
    }

    @Test func splitting() throws {
        #expect(try call("split", .string("a,b,,c"), .string(",")) == .list([.string("a"), .string("b"), .string(""), .string("c")]))
        #expect(try call("split_part", .string("a,b,c"), .string(","), .int(2)) == .string("b"))
        #expect(try call("split_part", .string("a,b,c"), .string(","), .int(4)) == .null)
        #expect(T.errorMessage { _ = try call("split_part", .string("a"), .string(","), .int(0)) }
            == "split_part: the field index must be greater than zero, not 0.")
    }

    @Test func codePoints() throws {
        #expect(try call("chr", .int(233)) == .string("é"))
        #expect(try call("codepoint", .string("é")) == .int(233))
        #expect(T.errorMessage { _ = try call("codepoint", .string("ab")) } == "codepoint: the argument must be a single character, not 'ab'.")
    }

    @Test func regularExpressions() throws {
        #expect(try call("regexp_like", .string("order-42"), .string("\\d+")) == .boolean(true))
        #expect(try call("regexp_like", .string("order"), .string("\\d+")) == .boolean(false))
        #expect(try call("regexp_extract", .string("order-42-x"), .string("(\\w+)-(\\d+)"), .int(2)) == .string("42"))
        #expect(try call("regexp_extract", .string("none"), .string("\\d+")) == .null)
        #expect(try call("regexp_replace", .string("a1b22"), .string("\\d+"), .string("#")) == .string("a#b#"))
        #expect(try call("regexp_replace", .string("john smith"), .string("(\\w+) (\\w+)"), .string("$2 $1")) == .string("smith john"))
        #expect(T.errorMessage { _ = try call("regexp_like", .string("x"), .string("(")) }
            == "regexp_like: '(' is not a valid regular expression.")
    }

    @Test func typeofNamesTheType() throws {
        #expect(try T.constant(try T.call("typeof", T.literal(.decimal(1, scale: 1), .decimal(precision: 3, scale: 1)))) == .string("decimal(3,1)"))
        #expect(try T.constant(try T.call("typeof", T.literal(.null, .int64))) == .string("bigint"))
    }
}
