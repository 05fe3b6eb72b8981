import Foundation
import SluiceCore
import SluiceTestSupport
import Testing
@testable import SluiceFormats

/// Footers of real files written by pyarrow (see Fixtures/README.md), and the exact errors
/// for files that are not readable Parquet.
@Suite("Parquet footer")
struct ParquetFooterTests {
    let fixture: TemporaryFolder

    init() throws {
        fixture = try TemporaryFolder()
    }

    static func fixturePath(_ name: String) throws -> String {
        let folder = try #require(Bundle.module.path(forResource: "Fixtures", ofType: nil))
        return "\(folder)/\(name)"
    }

    private func footerError(_ path: String) -> SluiceError? {
        do throws(SluiceError) {
            _ = try ParquetFooter.read(path: path)
            return nil
        } catch {
            return error
        }
    }

    /// The page header at `offset` in the file at `path`.
    private func pageHeader(_ path: String, at offset: Int64) throws -> (header: ParquetPageHeader, length: Int) {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        return try Array(bytes[Int(offset)...]).withBytes { (raw) throws(SluiceError) in
            try ParquetPageHeader.decode(raw, fileOffset: Int(offset))
        }
    }

    // MARK: Real files

    @Test func flatSnappyFile() throws {
        let path = try Self.fixturePath("orders.parquet")
        let (metadata, fileSize) = try ParquetFooter.read(path: path)
        #expect(fileSize == FileSystem.sizeBytes(of: path))
        #expect(metadata.numRows == 5)
        #expect(metadata.version == 2)
        #expect(metadata.createdBy?.hasPrefix("parquet-cpp-arrow") == true)
        #expect(metadata.keyValueMetadata.map(\.key) == ["ARROW:schema"])
        #expect(metadata.schema.map(\.name) == ["schema", "id", "name", "price", "ordered_at"])
        #expect(metadata.schema.map(\.type) == [nil, .int64, .byteArray, .fixedLenByteArray, .int64])
        #expect(metadata.schema.map(\.repetition) == [.required, .optional, .optional, .optional, .optional])
        #expect(metadata.schema[0].numChildren == 4)
        #expect(metadata.schema[3].typeLength == 4)
        #expect(metadata.schema[3].convertedType == .decimal)
        #expect(metadata.schema[3].scale == 2 && metadata.schema[3].precision == 9)
        #expect(metadata.schema.map(\.logicalType) == [
            nil, nil, .string, .decimal(scale: 2, precision: 9), .timestamp(isAdjustedToUTC: true, unit: .micros),
        ])
        #expect(metadata.columnOrders == [.typeDefined, .typeDefined, .typeDefined, .typeDefined])

        #expect(metadata.rowGroups.count == 1)
        let chunks = metadata.rowGroups[0].columns.compactMap(\.metadata)
        #expect(chunks.map(\.pathInSchema) == [["id"], ["name"], ["price"], ["ordered_at"]])
        #expect(chunks.allSatisfy { $0.codec == .snappy && $0.numValues == 5 })
        #expect(chunks.allSatisfy { $0.encodings.contains(.rleDictionary) })
        #expect(chunks.map { $0.statistics?.nullCount } == [0, 1, 1, 0])
        #expect(chunks[0].statistics?.minValue == [1, 0, 0, 0, 0, 0, 0, 0])
        #expect(chunks[0].statistics?.maxValue == [5, 0, 0, 0, 0, 0, 0, 0])
        #expect(chunks[1].statistics?.minValue == Array("apple".utf8))
        #expect(chunks[0].encodingStats?.isEmpty == false)
        #expect(chunks[1].sizeStatistics?.unencodedByteArrayDataBytes == 21)
        #expect(chunks[1].sizeStatistics?.definitionLevelHistogram == [1, 4])

        // The first column's dictionary page, then its data page right after it.
        let id = chunks[0]
        let dictionaryOffset = try #require(id.dictionaryPageOffset)
        let dictionary = try pageHeader(path, at: dictionaryOffset)
        #expect(dictionary.header.type == .dictionaryPage)
        #expect(dictionary.header.dictionaryPageHeader?.numValues == 5)
        #expect(dictionaryOffset + Int64(dictionary.length) + Int64(dictionary.header.compressedPageSize) == id.dataPageOffset)
        let data = try pageHeader(path, at: id.dataPageOffset)
        #expect(data.header.type == .dataPage)
        #expect(data.header.dataPageHeader?.numValues == 5)
        #expect(data.header.dataPageHeader?.encoding == .rleDictionary)
    }

    @Test func nestedZstdFileWithTwoRowGroups() throws {
        let path = try Self.fixturePath("nested.parquet")
        let metadata = try ParquetFooter.read(path: path).metadata
        #expect(metadata.numRows == 4)
        #expect(metadata.createdBy?.hasPrefix("parquet-cpp-arrow") == true)
        #expect(metadata.schema.map(\.name) == ["schema", "id", "items", "list", "element", "sku", "qty", "day", "small"])
        #expect(metadata.schema.map(\.numChildren) == [4, nil, 1, 1, 2, nil, nil, nil, nil])
        #expect(metadata.schema.map(\.repetition) == [
            .required, .optional, .optional, .repeated, .optional, .optional, .optional, .optional, .optional,
        ])
        #expect(metadata.schema.map(\.type) == [nil, .int32, nil, nil, nil, .byteArray, .int32, .int32, .int32])
        #expect(metadata.schema.map(\.logicalType) == [
            nil, nil, .list, nil, nil, .string, .integer(bitWidth: 16, isSigned: true), .date,
            .integer(bitWidth: 8, isSigned: false),
        ])
        #expect(metadata.schema[2].convertedType == .list)

        #expect(metadata.rowGroups.map(\.numRows) == [2, 2])
        for group in metadata.rowGroups {
            let chunks = group.columns.compactMap(\.metadata)
            #expect(chunks.map(\.pathInSchema) == [
                ["id"], ["items", "list", "element", "sku"], ["items", "list", "element", "qty"], ["day"], ["small"],
            ])
            #expect(chunks.allSatisfy { $0.codec == .zstd && $0.statistics != nil })
        }
        let first = try #require(metadata.rowGroups[0].columns[0].metadata)
        let page = try pageHeader(path, at: first.dataPageOffset)
        #expect(page.header.type == .dataPageV2)
        #expect(page.header.dataPageHeaderV2?.numRows == 2)
        #expect(page.header.dataPageHeaderV2?.encoding == .rleDictionary)
    }

    @Test func uncompressedFileWithoutStatistics() throws {
        let path = try Self.fixturePath("plain.parquet")
        let metadata = try ParquetFooter.read(path: path).metadata
        #expect(metadata.numRows == 3)
        #expect(metadata.version == 1)
        #expect(metadata.schema.map(\.name) == ["schema", "flag", "ratio", "at", "code"])
        #expect(metadata.schema.map(\.type) == [nil, .boolean, .float, .int32, .fixedLenByteArray])
        #expect(metadata.schema[3].logicalType == .time(isAdjustedToUTC: false, unit: .millis))
        #expect(metadata.schema[3].convertedType == nil)  // TIME_MILLIS would mean adjusted to UTC
        #expect(metadata.schema[4].typeLength == 2 && metadata.schema[4].logicalType == nil)
        let chunks = metadata.rowGroups[0].columns.compactMap(\.metadata)
        #expect(chunks.map(\.pathInSchema) == [["flag"], ["ratio"], ["at"], ["code"]])
        #expect(chunks.allSatisfy { $0.codec == .uncompressed && $0.statistics == nil })
        #expect(chunks[1].encodings.contains(.plainDictionary))
    }

    /// Our encoder writes the same metadata pyarrow wrote, and it reads back equal.
    @Test(arguments: ["orders.parquet", "nested.parquet", "plain.parquet"])
    func realFootersRoundTrip(name: String) throws {
        let path = try Self.fixturePath(name)
        let metadata = try ParquetFooter.read(path: path).metadata
        let decoded = try metadata.encoded().withBytes { (raw) throws(SluiceError) in try ParquetFileMetadata.decode(raw) }
        #expect(decoded == metadata)
        // Byte for byte what pyarrow wrote: same fields, same order, same encoding.
        let file = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let length = Int(file[file.count - 8]) | Int(file[file.count - 7]) << 8 | Int(file[file.count - 6]) << 16
        #expect(metadata.encoded() == Array(file[(file.count - 8 - length)..<(file.count - 8)]))
    }

    // MARK: Errors

    @Test func fileTooShort() throws {
        let path = try fixture.write(bytes: Array("PAR1x".utf8), to: "short.parquet")
        let error = footerError(path)
        #expect(error?.code == "parquet.truncated")
        #expect(error?.description == "\(path): truncated: 5 bytes, a Parquet file has at least 12.\n"
            + "Hint: The file is empty or was cut off while being written or copied; write or copy it again.")
    }

    @Test func notParquetAtTheStart() throws {
        let path = try fixture.write("id,name\n1,apple\n2,banana\n", to: "data.parquet")
        let error = footerError(path)
        #expect(error?.code == "parquet.notParquet")
        #expect(error?.description == "\(path): not a Parquet file: starts with 'id,n' instead of PAR1.\n"
            + "Hint: Check the path, or read the file with its own format (for example --format json or csv).")
    }

    @Test func notParquetAtTheEnd() throws {
        // A Parquet file cut off before its footer was written.
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: try Self.fixturePath("orders.parquet"))))
        let path = try fixture.write(bytes: Array(bytes[0..<200]), to: "cut.parquet")
        let error = footerError(path)
        let tail = Array(bytes[196..<200]).map { String(format: "%02x", $0) }.joined(separator: " ")
        #expect(error?.code == "parquet.notParquet")
        #expect(error?.description == "\(path): not a Parquet file: ends with bytes \(tail) instead of PAR1.\n"
            + "Hint: It starts like a Parquet file, so it was probably not written completely (the footer is written "
            + "last); write it again, or copy it whole.")
    }

    @Test func footerLengthLargerThanTheFile() throws {
        let bytes = Array("PAR1".utf8) + [1, 2, 3, 4, 5, 6, 7, 8] + [0x88, 0x13, 0, 0] + Array("PAR1".utf8)
        let path = try fixture.write(bytes: bytes, to: "long.parquet")
        let error = footerError(path)
        #expect(error?.code == "parquet.footerLength")
        #expect(error?.description == "\(path): corrupt footer: its length field says 5000 bytes, but the file has "
            + "only 8 bytes between its magic numbers.\n"
            + "Hint: The end of the file is damaged; write it again, or copy it again if it was cut off in transfer.")
    }

    @Test func encryptedFooter() throws {
        let bytes = Array("PARE".utf8) + [UInt8](repeating: 7, count: 20) + [20, 0, 0, 0] + Array("PARE".utf8)
        let path = try fixture.write(bytes: bytes, to: "secret.parquet")
        let error = footerError(path)
        #expect(error?.code == "parquet.encrypted")
        #expect(error?.description == "\(path): encrypted Parquet files are not supported: the file ends with PARE "
            + "(an encrypted footer).\n"
            + "Hint: Decrypt the file with the tool that wrote it (for example pyarrow with its keys) and read the plain copy.")
    }

    @Test func corruptFooterNamesTheFileOffset() throws {
        // An i32 field whose varint runs into the length field.
        let bytes = Array("PAR1".utf8) + [0x15, 0xFF, 0xFF] + [3, 0, 0, 0] + Array("PAR1".utf8)
        let path = try fixture.write(bytes: bytes, to: "corrupt.parquet")
        let error = footerError(path)
        #expect(error?.code == "parquet.corruptMetadata")
        #expect(error?.summary == "\(path): corrupt Parquet metadata at byte 5: the data ends inside a varint.")
    }

    @Test func everyTruncationOfARealFileFails() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: try Self.fixturePath("nested.parquet"))))
        for length in stride(from: 0, to: bytes.count, by: 7) {
            let path = try fixture.write(bytes: Array(bytes[0..<length]), to: "cut-\(length).parquet")
            #expect(footerError(path) != nil, "\(length) bytes")
        }
    }

    @Test func missingFileAndFolder() throws {
        #expect(footerError(fixture.file("nope.parquet"))?.code == "file.notFound")
        #expect(footerError(fixture.path)?.code == "file.isDirectory")
    }
}
