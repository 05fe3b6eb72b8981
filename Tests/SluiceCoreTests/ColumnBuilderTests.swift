import SluiceCore
import SluiceTestSupport
import Testing

@Suite struct ColumnBuilderTests {
    /// A column built from boxed values.
    private func column(_ type: DataType, _ values: [Value]) throws -> Column {
        let builder = ColumnBuilder(type: type)
        for value in values { try builder.append(value: value) }
        return builder.finish()
    }

    private func validityBits(_ column: Column) -> [Bool]? {
        column.validity.map { bitmap in (0..<bitmap.count).map { bitmap[$0] } }
    }

    static let samples: [(DataType, [Value])] = [
        (.boolean, [.boolean(true), .null, .boolean(false)]),
        (.int8, [.int(-128), .null, .int(127)]),
        (.int16, [.int(-32768), .null, .int(32767)]),
        (.int32, [.int(Int64(Int32.min)), .null, .int(Int64(Int32.max))]),
        (.int64, [.int(.min), .null, .int(.max)]),
        (.float32, [.double(1.5), .null, .double(-0.0)]),
        (.float64, [.double(.greatestFiniteMagnitude), .null, .double(-.leastNonzeroMagnitude)]),
        (.decimal(precision: 38, scale: 2), [.decimal(Value.powerOfTen(38) - 1, scale: 2), .null, .decimal(-5, scale: 2)]),
        (.string, [.string(""), .null, .string("日本語 🎉 \"q\"\n")]),
        (.binary, [.binary([]), .null, .binary([0, 255, 10])]),
        (.date, [.date(-719_162), .null, .date(2_932_896)]),
        (.timestamp, [.timestamp(-1), .null, .timestamp(1_793_526_245_123_456)]),
        (.list(.int32), [.list([.int(1), .null, .int(3)]), .null, .list([])]),
        (.map(key: .string, value: .float64), [.map([MapEntry(.string("a"), .double(1)), MapEntry(.string("b"), .null)]), .null, .map([])]),
        (
            .struct([Field("x", .int64), Field("y", .string)]),
            [.structure([NamedValue("x", .int(1)), NamedValue("y", .string("one"))]), .null,
             .structure([NamedValue("x", .null), NamedValue("y", .string("three"))])]
        ),
    ]

    @Test(arguments: samples)
    func buildsEveryTypeWithAndWithoutNulls(type: DataType, values: [Value]) throws {
        let withNull = try column(type, values)
        #expect(withNull.type == type)
        #expect(withNull.count == 3)
        #expect(withNull.nullCount == 1)
        expectRowsEqual(withNull.values.map { [$0] }, values.map { [$0] })
        #expect(validityBits(withNull) == [true, false, true])

        let present = values.filter { !$0.isNull }
        let withoutNull = try column(type, present)
        #expect(withoutNull.validity == nil)
        #expect(withoutNull.nullCount == 0)
        expectRowsEqual(withoutNull.values.map { [$0] }, present.map { [$0] })

        let nullsFirst = try column(type, [.null, .null] + present)
        #expect(validityBits(nullsFirst) == [false, false, true, true])
        expectRowsEqual(nullsFirst.values.map { [$0] }, ([.null, .null] + present).map { [$0] })
    }

    @Test func validityFillsInValuesBeforeTheFirstNull() throws {
        let values: [Value] = (0..<70).map { .int(Int64($0)) } + [.null, .int(70), .null]
        let built = try column(.int64, values)
        #expect(built.nullCount == 2)
        #expect(validityBits(built) == Array(repeating: true, count: 70) + [false, true, false])
        #expect(built.values == values)
    }

    @Test func storesDatesAndTimestampsAsIntegers() throws {
        guard case .int32(let days) = try column(.date, [.date(19_000), .null]).storage else {
            Issue.record("date is not stored as int32")
            return
        }
        #expect(days == [19_000, 0])
        guard case .int64(let micros) = try column(.timestamp, [.timestamp(-5)]).storage else {
            Issue.record("timestamp is not stored as int64")
            return
        }
        #expect(micros == [-5])
        guard case .bytes(let offsets, let data) = try column(.string, [.string("ab"), .null, .string("é")]).storage else {
            Issue.record("string is not stored as bytes")
            return
        }
        #expect(offsets == [0, 2, 2, 4])
        #expect(data == Array("abé".utf8))
    }

    @Test func structWithANullParentHasNullChildren() throws {
        let type = DataType.struct([Field("a", .int32), Field("b", .list(.string))])
        let built = try column(type, [
            .structure([NamedValue("a", .int(1)), NamedValue("b", .list([.string("x")]))]),
            .null,
            .structure([NamedValue("b", .list([]))]),  // a missing field is null
        ])
        #expect(built.values == [
            .structure([NamedValue("a", .int(1)), NamedValue("b", .list([.string("x")]))]),
            .null,
            .structure([NamedValue("a", .null), NamedValue("b", .list([]))]),
        ])
        guard case .structure(let children) = built.storage else {
            Issue.record("struct storage expected")
            return
        }
        #expect(children.map(\.count) == [3, 3])
        #expect(children[0].values == [.int(1), .null, .null])
        #expect(children[1].values == [.list([.string("x")]), .null, .list([])])
    }

    @Test func listsOfStructsAndEmptyLists() throws {
        let type = DataType.list(.struct([Field("sku", .string), Field("qty", .int32)]))
        let item = { (sku: String, qty: Int64) in Value.structure([NamedValue("sku", .string(sku)), NamedValue("qty", .int(qty))]) }
        let values: [Value] = [.list([item("a", 1), item("b", 2)]), .list([]), .null, .list([.null, item("c", 3)])]
        let built = try column(type, values)
        #expect(built.values == values)
        guard case .list(let offsets, let elements) = built.storage else {
            Issue.record("list storage expected")
            return
        }
        #expect(offsets == [0, 2, 2, 2, 4])
        #expect(elements.count == 4)
        #expect(elements.nullCount == 1)
    }

    @Test func mapsStoreEntriesAsKeyValueStructs() throws {
        let type = DataType.map(key: .string, value: .list(.int64))
        let values: [Value] = [
            .map([MapEntry(.string("k1"), .list([.int(1)])), MapEntry(.string("k2"), .null)]),
            .map([]),
            .null,
        ]
        let built = try column(type, values)
        #expect(built.values == values)
        guard case .list(let offsets, let entries) = built.storage else {
            Issue.record("map storage expected")
            return
        }
        #expect(offsets == [0, 2, 2, 2])
        #expect(entries.type == ColumnBuilder.mapEntryType(key: .string, value: .list(.int64)))
        #expect(entries.type == .struct([Field("key", .string, isNullable: false), Field("value", .list(.int64))]))
    }

    @Test func finishStartsOverWithTheSameType() throws {
        let type = DataType.struct([
            Field("name", .string), Field("tags", .list(.string)), Field("scores", .map(key: .string, value: .int32)),
        ])
        let first: [Value] = [
            .structure([NamedValue("name", .string("a")), NamedValue("tags", .list([.string("t")])),
                        NamedValue("scores", .map([MapEntry(.string("s"), .int(1))]))]),
            .null,
        ]
        let second: [Value] = [
            .structure([NamedValue("name", .string("b")), NamedValue("tags", .list([.string("u"), .string("v")])),
                        NamedValue("scores", .map([]))]),
        ]
        let builder = ColumnBuilder(type: type)
        for value in first { try builder.append(value: value) }
        let firstColumn = builder.finish()
        #expect(builder.count == 0)
        for value in second { try builder.append(value: value) }
        let secondColumn = builder.finish()
        #expect(firstColumn.values == first)
        #expect(firstColumn.nullCount == 1)
        #expect(secondColumn.values == second)
        #expect(secondColumn.validity == nil)
        #expect(secondColumn.type == type)
        let empty = builder.finish()
        #expect(empty.count == 0 && empty.values.isEmpty)
    }

    @Test func finishTwiceOnScalarBuilders() throws {
        for (type, values) in Self.samples {
            let builder = ColumnBuilder(type: type, capacity: 4)
            for value in values { try builder.append(value: value) }
            _ = builder.finish()
            let present = values.filter { !$0.isNull }
            for value in present { try builder.append(value: value) }
            let again = builder.finish()
            #expect(again.validity == nil, "\(type)")
            expectRowsEqual(again.values.map { [$0] }, present.map { [$0] }, "\(type)")
        }
    }

    @Test func convertsCompatibleValues() throws {
        #expect(try column(.decimal(precision: 10, scale: 2), [.int(-3)]).values == [.decimal(-300, scale: 2)])
        #expect(try column(.decimal(precision: 10, scale: 2), [.decimal(12345, scale: 3)]).values == [.decimal(1234, scale: 2)])
        #expect(try column(.decimal(precision: 10, scale: 4), [.decimal(15, scale: 1)]).values == [.decimal(15000, scale: 4)])
        #expect(try column(.float64, [.int(7)]).values == [.double(7)])
        #expect(try column(.float32, [.double(0.1)]).values == [.double(Double(Float(0.1)))])
        #expect(try column(.string, [.binary(Array("hi".utf8))]).values == [.string("hi")])
        #expect(try column(.binary, [.string("hi")]).values == [.binary(Array("hi".utf8))])
    }

    @Test func rejectsValuesOfAnotherType() {
        #expect(throws: SluiceError(
            domain: .core, code: "value.typeMismatch",
            message: "Cannot store the value \"abc\" in a column of type int.",
            hint: "Convert the value to int first.")
        ) {
            try column(.int32, [.string("abc")])
        }
        #expect(throws: SluiceError(
            domain: .core, code: "value.typeMismatch",
            message: "Cannot store the value [1, 2] in a column of type struct<a:int>.",
            hint: "Convert the value to struct<a:int> first.")
        ) {
            try column(.struct([Field("a", .int32)]), [.list([.int(1), .int(2)])])
        }
        #expect(throws: SluiceError.self) { try column(.date, [.timestamp(0)]) }
        #expect(throws: SluiceError.self) { try column(.decimal(precision: 5, scale: 0), [.double(1)]) }
    }

    @Test func nullColumnOfAnyType() {
        let nulls = Column.nulls(.list(.struct([Field("a", .int32)])), count: 3)
        #expect(nulls.count == 3)
        #expect(nulls.nullCount == 3)
        #expect(nulls.values == [.null, .null, .null])
    }

    @Test func randomColumnsReadBackTheirValues() throws {
        var random = SeededRandom(seed: 3)
        for _ in 0..<100 {
            let type = RandomData.dataType(using: &random, maximumDepth: 3)
            let values = (0..<Int.random(in: 0...20, using: &random)).map { _ in
                RandomData.value(of: type, nullRate: 0.2, allowNonFinite: true, using: &random)
            }
            let built = try column(type, values)
            expectRowsEqual(built.values.map { [$0] }, values.map { [$0] }, "seed 3, type \(type)")
        }
    }
}
