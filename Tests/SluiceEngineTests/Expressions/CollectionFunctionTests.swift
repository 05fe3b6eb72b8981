import Testing
import SluiceCore
@testable import SluiceEngine

@Suite struct CollectionFunctionTests {
    typealias T = ExpressionTesting

    static let arrays: RecordBatch = try! T.batch([
        ("a", .list(.int64), [.list([.int(3), .int(1), .int(2)]), .list([]), .null, .list([.int(5), .null, .int(5)])]),
    ])

    static let maps: RecordBatch = try! T.batch([
        ("m", .map(key: .string, value: .int64), [
            .map([MapEntry(.string("a"), .int(1)), MapEntry(.string("b"), .int(2))]),
            .map([]),
        ]),
    ])

    var a: BoundExpression { T.column(Self.arrays, "a") }
    var m: BoundExpression { T.column(Self.maps, "m") }

    @Test func cardinalityOfArraysAndMaps() throws {
        #expect(try T.evaluate(try T.call("cardinality", a), Self.arrays) == [.int(3), .int(0), .null, .int(3)])
        #expect(try T.evaluate(try T.call("cardinality", m), Self.maps) == [.int(2), .int(0)])
    }

    @Test func elementAtIsNullOutOfRange() throws {
        #expect(try T.evaluate(try T.call("element_at", a, T.literal(.int(1), .int64)), Self.arrays) == [.int(3), .null, .null, .int(5)])
        #expect(try T.evaluate(try T.call("element_at", a, T.literal(.int(-1), .int64)), Self.arrays) == [.int(2), .null, .null, .int(5)])
        #expect(try T.evaluate(try T.call("element_at", a, T.literal(.int(9), .int64)), Self.arrays) == [.null, .null, .null, .null])
        #expect(try T.evaluate(try T.call("element_at", m, T.literal(.string("b"), .string)), Self.maps) == [.int(2), .null])
    }

    @Test func subscriptOutOfRangeIsAnError() throws {
        #expect(T.errorMessage { _ = try T.evaluate(try T.call("[]", a, T.literal(.int(5), .int64)), Self.arrays) }
            == "Array subscript 5 out of bounds for array of cardinality 3.")
        #expect(T.errorMessage { _ = try T.evaluate(try T.call("[]", a, T.literal(.int(0), .int64)), Self.arrays) }
            == "Array subscripts start at 1, not 0.")
        let first = try T.batch([("a", .list(.int64), [.list([.int(3)]), .null])])
        #expect(try T.evaluate(try T.call("[]", T.column(first, "a"), T.literal(.int(1), .int64)), first) == [.int(3), .null])
        #expect(T.errorMessage { _ = try T.evaluate(try T.call("[]", m, T.literal(.string("z"), .string)), Self.maps) }
            == "Key not present in map: z.")
    }

    @Test func containsAndPosition() throws {
        #expect(try T.evaluate(try T.call("contains", a, T.literal(.int(1), .int64)), Self.arrays) == [.boolean(true), .boolean(false), .null, .null])
        #expect(try T.evaluate(try T.call("contains", a, T.literal(.int(5), .int32)), Self.arrays) == [.boolean(false), .boolean(false), .null, .boolean(true)])
        #expect(try T.evaluate(try T.call("array_position", a, T.literal(.int(2), .int64)), Self.arrays) == [.int(3), .int(0), .null, .int(0)])
    }

    @Test func joinMinMaxDistinct() throws {
        #expect(try T.evaluate(try T.call("array_join", a, T.literal(.string("-"), .string)), Self.arrays)
            == [.string("3-1-2"), .string(""), .null, .string("5-5")])
        #expect(try T.evaluate(try T.call("array_join", a, T.literal(.string(","), .string), T.literal(.string("?"), .string)), Self.arrays)
            == [.string("3,1,2"), .string(""), .null, .string("5,?,5")])
        #expect(try T.evaluate(try T.call("array_min", a), Self.arrays) == [.int(1), .null, .null, .null])
        #expect(try T.evaluate(try T.call("array_max", a), Self.arrays) == [.int(3), .null, .null, .null])
        #expect(try T.evaluate(try T.call("array_distinct", a), Self.arrays)
            == [.list([.int(3), .int(1), .int(2)]), .list([]), .null, .list([.int(5), .null])])
    }

    @Test func constructorsAndSequences() throws {
        let batch = try T.batch([("x", .int32, [.int(1), .null]), ("y", .int64, [.int(10), .int(20)])])
        let array = try T.call("array_constructor", T.column(batch, "x"), T.column(batch, "y"))
        #expect(array.type == .list(.int64))
        #expect(try T.evaluate(array, batch) == [.list([.int(1), .int(10)]), .list([.null, .int(20)])])
        let row = try T.call("row_constructor", T.column(batch, "x"), T.literal(.string("s"), .string))
        #expect(row.type == .struct([Field("field0", .int32), Field("field1", .string)]))
        #expect(try T.evaluate(row, batch)[0] == .structure([NamedValue("field0", .int(1)), NamedValue("field1", .string("s"))]))
        #expect(try T.constant(try T.call("sequence", T.literal(.int(1), .int64), T.literal(.int(4), .int64)))
            == .list([.int(1), .int(2), .int(3), .int(4)]))
        #expect(try T.constant(try T.call("sequence", T.literal(.int(3), .int64), T.literal(.int(-3), .int64), T.literal(.int(-3), .int64)))
            == .list([.int(3), .int(0), .int(-3)]))
        #expect(T.errorMessage { _ = try T.constant(try T.call("sequence", T.literal(.int(1), .int64), T.literal(.int(1_000_000), .int64))) }
            == "sequence: the result would have more than 10000 elements.")
        let concatenated = try T.call("||", T.literal(.list([.int(1)]), .list(.int64)), T.literal(.list([.int(2), .int(3)]), .list(.int64)))
        #expect(try T.constant(concatenated) == .list([.int(1), .int(2), .int(3)]))
    }

    @Test func mapKeysAndValues() throws {
        #expect(try T.evaluate(try T.call("map_keys", m), Self.maps) == [.list([.string("a"), .string("b")]), .list([])])
        #expect(try T.evaluate(try T.call("map_values", m), Self.maps) == [.list([.int(1), .int(2)]), .list([])])
    }

    @Test func splitGivesAnArray() throws {
        let batch = try T.batch([("s", .string, [.string("a b"), .null])])
        let words = try T.call("split", T.column(batch, "s"), T.literal(.string(" "), .string))
        #expect(try T.evaluate(try T.call("cardinality", words), batch) == [.int(2), .null])
    }
}
