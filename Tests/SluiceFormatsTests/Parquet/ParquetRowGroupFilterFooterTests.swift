import SluiceCore
import SluiceFormats
import SluiceTestSupport
import Testing

/// Footers other writers produce, made by editing the statistics of a Sluice file: truncated
/// and damaged bounds, missing column orders, unsigned integers, NaN, missing statistics.
/// The filter must keep every row group it cannot rule out.
@Suite("Parquet row-group filter on unusual footers")
struct ParquetRowGroupFilterFooterTests {
    typealias Support = RowGroupFilterTestSupport

    /// Leaves: 0 is `s`, 1 is `x`, 2 is `d`.
    struct Footer {
        var metadata: ParquetFileMetadata
        var fileSchema: ParquetFileSchema

        func kept(_ predicate: ScanPredicate) -> [Int] {
            ParquetRowGroupFilter(metadata: metadata, fileSchema: fileSchema).keptRowGroups(predicate)
        }

        func statistics(group: Int, leaf: Int) -> ParquetStatistics {
            metadata.rowGroups[group].columns[leaf].metadata?.statistics ?? ParquetStatistics()
        }

        mutating func edit(group: Int, leaf: Int, _ change: (inout ParquetStatistics) -> Void) {
            var statistics = statistics(group: group, leaf: leaf)
            change(&statistics)
            metadata.rowGroups[group].columns[leaf].metadata?.statistics = statistics
        }
    }

    /// Row group 0: `apple` three times, x 1...3, d 1...3; row group 1: `pear` and `plum`,
    /// x 10 and 11, d 10 and 11.
    private func footer() throws -> Footer {
        let folder = try TemporaryFolder()
        let path = folder.file("small.parquet")
        let schema = Schema([Field("s", .string), Field("x", .int32), Field("d", .float64)])
        try Support.write([
            [[.string("apple"), .int(1), .double(1)], [.string("apple"), .int(2), .double(2)], [.string("apple"), .int(3), .double(3)]],
            [[.string("pear"), .int(10), .double(10)], [.string("plum"), .int(11), .double(11)]],
        ], schema: schema, to: path)
        let reader = try ParquetReader(path: path)
        return Footer(metadata: reader.metadata, fileSchema: reader.fileSchema)
    }

    private static func compare(_ path: String, _ op: ComparisonOperator, _ value: Value) -> ScanPredicate {
        Support.compare(path, op, value)
    }

    private static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }

    @Test func truncatedTextBoundsStillBoundButAreNotValues() throws {
        var footer = try footer()
        #expect(footer.kept(Self.compare("s", .notEqual, .string("apple"))) == [1])
        footer.edit(group: 0, leaf: 0) {
            $0.minValue = Array("app".utf8)
            $0.maxValue = Array("apq".utf8)
            $0.isMinValueExact = false
            $0.isMaxValueExact = false
        }
        #expect(footer.kept(Self.compare("s", .notEqual, .string("apple"))) == [0, 1])
        #expect(footer.kept(Self.compare("s", .notEqual, .string("app"))) == [0, 1])
        #expect(footer.kept(Self.compare("s", .equal, .string("apple"))) == [0])
        #expect(footer.kept(Self.compare("s", .equal, .string("zebra"))) == [])
        #expect(footer.kept(Self.compare("s", .less, .string("ap"))) == [])
        #expect(footer.kept(Self.compare("s", .greaterOrEqual, .string("apq"))) == [0, 1])

        footer.edit(group: 0, leaf: 0) {
            $0.minValue = Array("apple".utf8)
            $0.maxValue = Array("apple".utf8)
            $0.isMinValueExact = true
        }
        #expect(footer.kept(Self.compare("s", .notEqual, .string("apple"))) == [0, 1], "the maximum is not exact")
    }

    @Test func textBoundCutInsideACharacterIsIgnored() throws {
        var footer = try footer()
        footer.edit(group: 0, leaf: 0) {
            $0.minValue = Array("ab".utf8)
            $0.maxValue = Array("ab".utf8) + [0xF0]
        }
        // Read leniently, the maximum would be "ab\u{FFFD}", below a real "ab😀".
        #expect(footer.kept(Self.compare("s", .greater, .string("ab\u{FFFD}"))) == [0, 1])
        #expect(footer.kept(Self.compare("s", .greaterOrEqual, .string("ab😀"))) == [0, 1])
        #expect(footer.kept(Self.compare("s", .less, .string("aa"))) == [])
    }

    @Test func withoutColumnOrdersOnlySignedDeprecatedStatisticsCount() throws {
        var footer = try footer()
        footer.metadata.columnOrders = nil
        #expect(footer.kept(Self.compare("x", .equal, .int(100))) == [])
        #expect(footer.kept(Self.compare("d", .greater, .double(100))) == [])
        #expect(footer.kept(Self.compare("s", .equal, .string("zebra"))) == [0, 1])
        #expect(footer.kept(.isNull(column: ["s"])) == [], "null counts do not depend on the order")
        footer.edit(group: 1, leaf: 1) {
            $0.min = nil
            $0.max = nil
        }
        #expect(footer.kept(Self.compare("x", .equal, .int(100))) == [1])
    }

    @Test func totalOrderCountsForFloatsOnly() throws {
        var footer = try footer()
        footer.metadata.columnOrders = Array(repeating: .ieee754TotalOrder, count: 3)
        #expect(footer.kept(Self.compare("d", .greater, .double(100))) == [])
        #expect(footer.kept(Self.compare("s", .equal, .string("zebra"))) == [0, 1])
        #expect(footer.kept(Self.compare("x", .equal, .int(100))) == [], "from the deprecated signed statistics")
        footer.metadata.columnOrders = Array(repeating: .other(fieldID: 9), count: 3)
        #expect(footer.kept(Self.compare("s", .equal, .string("zebra"))) == [0, 1])
    }

    @Test func unsignedIntegersIgnoreSignedStatistics() throws {
        var footer = try footer()
        let index = try #require(footer.metadata.schema.firstIndex { $0.name == "x" })
        footer.metadata.schema[index].logicalType = .integer(bitWidth: 32, isSigned: false)
        footer.metadata.schema[index].convertedType = .uint32
        footer.fileSchema = try ParquetFileSchema(elements: footer.metadata.schema)
        #expect(footer.fileSchema.leaves[1].conversion == .int32(signed: false))
        // In unsigned order: 3 ... 4294967291 (the bit pattern of -5).
        footer.edit(group: 0, leaf: 1) {
            $0.minValue = Self.littleEndian(Int32(3))
            $0.maxValue = Self.littleEndian(Int32(-5))
            $0.min = nil
            $0.max = nil
        }
        #expect(footer.kept(Self.compare("x", .equal, .int(100))) == [0])
        #expect(footer.kept(Self.compare("x", .equal, .int(2))) == [])
        #expect(footer.kept(Self.compare("x", .equal, .int(4_294_967_295))) == [])
        #expect(footer.kept(Self.compare("x", .greater, .int(4_294_967_290))) == [0])
        // The deprecated fields hold the same values in signed order: -5 ... 3, not trusted.
        footer.edit(group: 0, leaf: 1) {
            $0.minValue = nil
            $0.maxValue = nil
            $0.min = Self.littleEndian(Int32(-5))
            $0.max = Self.littleEndian(Int32(3))
        }
        #expect(footer.kept(Self.compare("x", .equal, .int(100))) == [0])
        #expect(footer.kept(Self.compare("x", .equal, .int(4_294_967_295))) == [0])
    }

    @Test func nanBoundsAndUncountedNaNKeep() throws {
        var footer = try footer()
        #expect(footer.statistics(group: 0, leaf: 2).nanCount == 0, "Sluice counts NaN")
        #expect(footer.kept(Self.compare("d", .greater, .double(100))) == [])
        #expect(footer.kept(Self.compare("d", .equal, .double(.nan))) == [])
        #expect(footer.kept(Self.compare("d", .notEqual, .double(2))) == [0, 1])

        // Without a NaN count any float chunk may hold NaN, which sorts above every number.
        footer.edit(group: 0, leaf: 2) { $0.nanCount = nil }
        #expect(footer.kept(Self.compare("d", .greater, .double(100))) == [0])
        #expect(footer.kept(Self.compare("d", .greaterOrEqual, .int(100))) == [0])
        #expect(footer.kept(Self.compare("d", .equal, .double(.nan))) == [0])
        #expect(footer.kept(Self.compare("d", .less, .double(0))) == [], "NaN is never below a number")
        #expect(footer.kept(Self.compare("d", .equal, .double(100))) == [], "nor equal to one")
        #expect(footer.kept(.in(column: ["d"], values: [.double(100), .double(.nan)])) == [0])

        footer.edit(group: 0, leaf: 2) {
            $0.nanCount = 0
            $0.minValue = Self.littleEndian(Double.nan.bitPattern)
        }
        #expect(footer.kept(Self.compare("d", .less, .double(0))) == [0], "a NaN bound is not trusted")
        #expect(footer.kept(Self.compare("d", .greater, .double(100))) == [0])
    }

    @Test func invertedBoundsAreNotTrusted() throws {
        var footer = try footer()
        footer.edit(group: 1, leaf: 1) {
            $0.minValue = Self.littleEndian(Int32(20))
            $0.maxValue = Self.littleEndian(Int32(10))
        }
        #expect(footer.kept(Self.compare("x", .equal, .int(15))) == [1])
    }

    @Test func missingStatisticsAndCountsKeep() throws {
        var footer = try footer()
        footer.metadata.rowGroups[1].columns[1].metadata?.statistics = nil
        #expect(footer.kept(Self.compare("x", .equal, .int(100))) == [1])
        #expect(footer.kept(.isNull(column: ["x"])) == [1])
        #expect(footer.kept(.isNotNull(column: ["x"])) == [0, 1])
        footer.edit(group: 0, leaf: 0) { $0.nullCount = nil }
        #expect(footer.kept(.isNull(column: ["s"])) == [0])
        footer.edit(group: 0, leaf: 0) { $0.nullCount = 3 }
        #expect(footer.kept(.isNotNull(column: ["s"])) == [1], "all three rows null")
        #expect(footer.kept(Self.compare("s", .equal, .string("apple"))) == [], "no value to match")
    }

    @Test func inconsistentChunksKeepAndEmptyRowGroupsSkip() throws {
        var footer = try footer()
        footer.metadata.rowGroups[1].columns[1].metadata?.type = .int64
        #expect(footer.kept(Self.compare("x", .equal, .int(100))) == [1])
        footer.metadata.rowGroups[1].columns.removeLast()
        #expect(footer.kept(Self.compare("d", .equal, .double(100))) == [1])
        footer.metadata.rowGroups[0].numRows = 0
        #expect(footer.kept(.and([])) == [1])
        let filter = ParquetRowGroupFilter(metadata: footer.metadata, fileSchema: footer.fileSchema)
        #expect(filter.mightMatch(.or([]), rowGroup: 7), "an unknown row group is kept")
    }
}
