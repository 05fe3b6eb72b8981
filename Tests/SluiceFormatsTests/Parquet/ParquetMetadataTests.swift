import SluiceCore
import SluiceTestSupport
import Testing
@testable import SluiceFormats

/// Footer and page-header structs: encode → decode round trips with every optional field set
/// and unset, required fields, and damaged bytes that must throw, never crash.
@Suite("Parquet metadata structs")
struct ParquetMetadataTests {
    static let fullStatistics = ParquetStatistics(
        max: [9], min: [1], nullCount: 2, distinctCount: 7, maxValue: [0xFF, 0x00], minValue: [],
        isMaxValueExact: false, isMinValueExact: true, nanCount: 0)

    /// Every logical type, so each union member is written and read back.
    static let logicalTypes: [ParquetLogicalType] = [
        .string, .map, .list, .enumeration, .decimal(scale: 2, precision: 38), .date,
        .time(isAdjustedToUTC: false, unit: .millis), .time(isAdjustedToUTC: true, unit: .nanos),
        .timestamp(isAdjustedToUTC: true, unit: .micros), .timestamp(isAdjustedToUTC: false, unit: .nanos),
        .integer(bitWidth: 8, isSigned: false), .integer(bitWidth: 64, isSigned: true), .unknown, .json, .bson, .uuid,
        .float16, .other(fieldID: 16),
    ]

    static let fullColumnMetadata = ParquetColumnMetadata(
        type: .byteArray, encodings: [.plain, .rle, .rleDictionary], pathInSchema: ["items", "list", "element", "sku"],
        codec: .zstd, numValues: 1_000_000_000_000, totalUncompressedSize: 1 << 40, totalCompressedSize: 12345,
        keyValueMetadata: [ParquetKeyValue(key: "k", value: "v"), ParquetKeyValue(key: "only key")],
        dataPageOffset: 4, indexPageOffset: 99, dictionaryPageOffset: 4, statistics: fullStatistics,
        encodingStats: [
            ParquetPageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1),
            ParquetPageEncodingStats(pageType: .dataPage, encoding: .rleDictionary, count: 3),
        ],
        bloomFilterOffset: 5000, bloomFilterLength: 128,
        sizeStatistics: ParquetSizeStatistics(
            unencodedByteArrayDataBytes: 77, repetitionLevelHistogram: [], definitionLevelHistogram: [1, 0, 4]))

    static let minimalColumnMetadata = ParquetColumnMetadata(
        type: .int32, encodings: [], pathInSchema: ["id"], codec: .uncompressed, numValues: 0,
        totalUncompressedSize: 0, totalCompressedSize: 0, dataPageOffset: 4)

    static var fullMetadata: ParquetFileMetadata {
        var schema = [ParquetSchemaElement(name: "schema", numChildren: Int32(logicalTypes.count + 2))]
        schema.append(ParquetSchemaElement(
            type: .fixedLenByteArray, typeLength: 16, repetition: .required, name: "price é", numChildren: nil,
            convertedType: .decimal, scale: 2, precision: 38, fieldID: -7, logicalType: .decimal(scale: 2, precision: 38)))
        schema.append(ParquetSchemaElement(
            type: ParquetPhysicalType(rawValue: 42), repetition: ParquetRepetition(rawValue: 9), name: "future",
            convertedType: ParquetConvertedType(rawValue: 99)))
        for (index, logicalType) in logicalTypes.enumerated() {
            schema.append(ParquetSchemaElement(type: .int64, repetition: .optional, name: "c\(index)", logicalType: logicalType))
        }
        let columns = [
            ParquetColumnChunk(
                filePath: "other.parquet", fileOffset: 4, metadata: fullColumnMetadata, offsetIndexOffset: 700,
                offsetIndexLength: 20, columnIndexOffset: 720, columnIndexLength: 30),
            ParquetColumnChunk(fileOffset: 0, metadata: minimalColumnMetadata),
            ParquetColumnChunk(fileOffset: 0),
        ]
        return ParquetFileMetadata(
            version: 2, schema: schema, numRows: 3_000_000_000,
            rowGroups: [
                ParquetRowGroup(
                    columns: columns, totalByteSize: 10, numRows: 3,
                    sortingColumns: [ParquetSortingColumn(columnIndex: 0, descending: true, nullsFirst: false)],
                    fileOffset: 4, totalCompressedSize: 9, ordinal: 0),
                ParquetRowGroup(columns: [], totalByteSize: 0, numRows: 0, ordinal: 300),
            ],
            keyValueMetadata: [ParquetKeyValue(key: "ARROW:schema", value: "/////w=="), ParquetKeyValue(key: "")],
            createdBy: "sluice version 0.1",
            columnOrders: [.typeDefined, .ieee754TotalOrder, .int96Timestamp, .other(fieldID: 9)])
    }

    static let minimalMetadata = ParquetFileMetadata(
        version: 1, schema: [ParquetSchemaElement(name: "schema", numChildren: 0)], numRows: 0, rowGroups: [])

    static let pageHeaders: [ParquetPageHeader] = [
        ParquetPageHeader(type: .dataPage, uncompressedPageSize: 100, compressedPageSize: 80),
        ParquetPageHeader(
            type: .dataPage, uncompressedPageSize: 100, compressedPageSize: 80, crc: -123_456_789,
            dataPageHeader: ParquetDataPageHeader(
                numValues: 10, encoding: .rleDictionary, definitionLevelEncoding: .rle,
                repetitionLevelEncoding: .bitPacked, statistics: fullStatistics)),
        ParquetPageHeader(
            type: .dataPage, uncompressedPageSize: 1, compressedPageSize: 1,
            dataPageHeader: ParquetDataPageHeader(numValues: 0, encoding: .plain)),
        ParquetPageHeader(
            type: .dictionaryPage, uncompressedPageSize: 40, compressedPageSize: 30,
            dictionaryPageHeader: ParquetDictionaryPageHeader(numValues: 5, encoding: .plain, isSorted: true)),
        ParquetPageHeader(
            type: .dictionaryPage, uncompressedPageSize: 40, compressedPageSize: 30,
            dictionaryPageHeader: ParquetDictionaryPageHeader(numValues: 5)),
        ParquetPageHeader(
            type: .dataPageV2, uncompressedPageSize: Int32.max, compressedPageSize: 0, crc: 0,
            dataPageHeaderV2: ParquetDataPageHeaderV2(
                numValues: 10, numNulls: 2, numRows: 8, encoding: .deltaBinaryPacked, definitionLevelsByteLength: 3,
                repetitionLevelsByteLength: 0, isCompressed: false, statistics: ParquetStatistics(nullCount: 2))),
        ParquetPageHeader(
            type: .dataPageV2, uncompressedPageSize: 5, compressedPageSize: 5,
            dataPageHeaderV2: ParquetDataPageHeaderV2(
                numValues: 1, numNulls: 0, numRows: 1, encoding: .plain, definitionLevelsByteLength: 0,
                repetitionLevelsByteLength: 0)),
    ]

    private func decodeMetadata(_ bytes: [UInt8]) throws(SluiceError) -> ParquetFileMetadata {
        try bytes.withBytes { (raw) throws(SluiceError) in try ParquetFileMetadata.decode(raw) }
    }

    // MARK: Round trips

    @Test(arguments: [fullMetadata, minimalMetadata])
    func fileMetadataRoundTrips(metadata: ParquetFileMetadata) throws {
        let bytes = metadata.encoded()
        let decoded = try decodeMetadata(bytes)
        #expect(decoded == metadata)
        #expect(decoded.encoded() == bytes)
    }

    @Test func everyLogicalTypeRoundTrips() throws {
        for logicalType in Self.logicalTypes {
            var encoder = ThriftCompactEncoder()
            logicalType.encode(to: &encoder)
            let decoded = try encoder.bytes.withBytes { (raw) throws(SluiceError) in
                var decoder = ThriftCompactDecoder(raw)
                return try ParquetLogicalType.decode(from: &decoder)
            }
            #expect(decoded == logicalType)
        }
    }

    @Test(arguments: pageHeaders)
    func pageHeadersRoundTripAndReportTheirLength(header: ParquetPageHeader) throws {
        let bytes = header.encoded()
        // The page's own bytes follow the header; the header's length excludes them.
        let decoded = try (bytes + [0xDE, 0xAD, 0xBE, 0xEF]).withBytes { (raw) throws(SluiceError) in
            try ParquetPageHeader.decode(raw)
        }
        #expect(decoded.header == header)
        #expect(decoded.length == bytes.count)
    }

    @Test func unknownTimeUnitKeepsTheLogicalTypeAsOther() throws {
        // TIMESTAMP {1: true, 2: TimeUnit {9: struct {}}}
        let bytes: [UInt8] = [0x8C, 0x11, 0x1C, 0x9C, 0x00, 0x00, 0x00, 0x00]
        let decoded = try bytes.withBytes { (raw) throws(SluiceError) in
            var decoder = ThriftCompactDecoder(raw)
            return try ParquetLogicalType.decode(from: &decoder)
        }
        #expect(decoded == .other(fieldID: 8))
    }

    // MARK: Damaged input

    @Test func everyTruncationOfAFooterThrows() {
        let bytes = Self.fullMetadata.encoded()
        for length in 0..<bytes.count {
            #expect(throws: SluiceError.self, "prefix of \(length) bytes") {
                try self.decodeMetadata(Array(bytes[0..<length]))
            }
        }
    }

    @Test func everyTruncationOfAPageHeaderThrows() {
        for header in Self.pageHeaders {
            let bytes = header.encoded()
            for length in 0..<bytes.count {
                #expect(throws: SluiceError.self, "prefix of \(length) bytes") {
                    _ = try Array(bytes[0..<length]).withBytes { (raw) throws(SluiceError) in try ParquetPageHeader.decode(raw) }
                }
            }
        }
    }

    /// Random byte changes end in a value or a corrupt-metadata error, never a crash.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func mutatedFootersNeverCrash(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let original = Self.fullMetadata.encoded()
        for _ in 0..<500 {
            var bytes = original
            for _ in 0..<(1 + Int(random.next() % 4)) {
                let position = Int(random.next() % UInt64(bytes.count))
                bytes[position] = UInt8(truncatingIfNeeded: random.next())
            }
            do {
                _ = try decodeMetadata(bytes)
            } catch {
                #expect(error.domain == .format, "seed \(seed): \(error)")
            }
        }
    }

    @Test func missingRequiredFieldsAreNamed() {
        var encoder = ThriftCompactEncoder()
        encoder.beginStruct()
        encoder.writeI32Field(1, ParquetPhysicalType.int32.rawValue)
        encoder.writeListField(2, of: .i32, [0]) { encoder, value in encoder.writeI32(value) }
        encoder.writeListField(3, of: .binary, ["id"]) { encoder, name in encoder.writeString(name) }
        encoder.writeI64Field(5, 1)  // no 4: codec
        encoder.endStruct()
        let bytes = encoder.bytes
        let error = bytes.withUnsafeBytes { raw -> SluiceError? in
            var decoder = ThriftCompactDecoder(raw)
            do throws(SluiceError) {
                _ = try ParquetColumnMetadata.decode(from: &decoder)
                return nil
            } catch {
                return error
            }
        }
        #expect(error?.code == "parquet.corruptMetadata")
        #expect(error?.message == "corrupt Parquet metadata at byte \(bytes.count): "
            + "ColumnMetaData has no value for its required field 'codec' (field 4).")

        let noName = decodeMetadataError([0x15, 0x02, 0x19, 0x1C, 0x00, 0x00])
        #expect(noName?.message == "corrupt Parquet metadata at byte 5: SchemaElement has no value for its required field 'name' (field 4).")
    }

    @Test func plaintextFooterWithEncryptedColumnsIsRefused() {
        var encoder = ThriftCompactEncoder()
        encoder.beginStruct()
        encoder.writeI32Field(1, 1)
        encoder.writeFieldHeader(8, .struct)
        encoder.beginStruct()
        encoder.endStruct()
        encoder.endStruct()
        let error = decodeMetadataError(encoder.bytes)
        #expect(error?.code == "parquet.encrypted")
        #expect(error?.message == "encrypted Parquet files are not supported: the footer says the columns are encrypted.")
    }

    private func decodeMetadataError(_ bytes: [UInt8]) -> SluiceError? {
        do throws(SluiceError) {
            _ = try decodeMetadata(bytes)
            return nil
        } catch {
            return error
        }
    }
}
