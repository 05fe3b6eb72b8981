import Foundation
import SluiceCore
import SluiceFormats
import SluiceTestSupport

/// Small Parquet files written by Sluice for ``ParquetDamagedFileTests``, and the surgery that
/// damages them: rewriting the footer, replacing a page header (shifting every offset after
/// it), and reading a file back to its first error.
struct ParquetDamageLab {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder(prefix: "sluice-damage")
    }

    /// Flat and nested columns of every shape the reader assembles: required and optional
    /// scalars, a boolean, a decimal, a timestamp, a list of structs and a map.
    static let schema = Schema([
        Field("id", .int64, isNullable: false),
        Field("name", .string),
        Field("price", .decimal(precision: 10, scale: 2)),
        Field("flag", .boolean),
        Field("at", .timestamp),
        Field("items", .list(.struct([Field("sku", .string), Field("qty", .int32)]))),
        Field("tags", .map(key: .string, value: .float64)),
    ])

    /// Rows `range` of the sample data: repetitive enough for dictionaries, with nulls, empty
    /// lists and maps in every column that allows them.
    static func rows(_ range: Range<Int>) throws -> RecordBatch {
        let builder = RecordBatchBuilder(schema: schema)
        for row in range {
            let items: Value = row % 13 == 0
                ? .null
                : .list((0..<(row % 4)).map { item in
                    .structure([NamedValue("sku", .string("sku-\((row + item) % 9)")), NamedValue("qty", .int(Int64(row * 3 + item)))])
                })
            let tags: Value = .map((0..<(row % 3)).map { key in MapEntry(.string("k\(key)"), .double(Double(row) / 4)) })
            try builder.append(row: [
                .int(Int64(row)),
                row % 5 == 0 ? .null : .string("name \(row % 7)"),
                row % 6 == 0 ? .null : .decimal(Int128(row * 125), scale: 2),
                row % 11 == 0 ? .null : .boolean(row % 3 == 0),
                .timestamp(1_700_000_000_000_000 + Int64(row) * 1_000_001),
                items,
                tags,
            ])
        }
        return builder.finish()
    }

    /// Writes `rows` sample rows in row groups of `rowGroupRows` to `name` and returns the bytes.
    @discardableResult
    func write(
        _ name: String, codec: ParquetCompressionCodec = .snappy, dictionary: Bool = true, rows: Int = 120,
        rowGroupRows: Int = 40, pageSizeBytes: Int = 256
    ) throws -> [UInt8] {
        var options = ParquetWriteOptions()
        options.compression = codec
        options.useDictionary = dictionary
        options.rowGroupRows = rowGroupRows
        options.pageSizeBytes = pageSizeBytes
        let writer = try ParquetWriter(path: folder.file(name), schema: Self.schema, options: options)
        for start in stride(from: 0, to: rows, by: rowGroupRows) {
            try writer.write(Self.rows(start..<min(rows, start + rowGroupRows)))
        }
        try writer.finish()
        return try folder.readBytes(name)
    }

    /// Writes random data of a random (nested) schema: more types and encodings than the sample.
    @discardableResult
    func writeRandom(_ name: String, seed: UInt64, codec: ParquetCompressionCodec, dictionary: Bool) throws -> [UInt8] {
        var random = SeededRandom(seed: seed)
        let schema = RandomData.schema(using: &random, fieldCount: 6)
        var options = ParquetWriteOptions()
        options.compression = codec
        options.useDictionary = dictionary
        options.rowGroupRows = 30
        options.pageSizeBytes = 512
        let writer = try ParquetWriter(path: folder.file(name), schema: schema, options: options)
        for _ in 0..<2 { try writer.write(RandomData.batch(schema: schema, rows: 30, nullRate: 0.2, using: &random)) }
        try writer.finish()
        return try folder.readBytes(name)
    }

    /// The path of a fixture written by pyarrow (see Fixtures/README.md).
    static func fixture(_ name: String) throws -> String {
        guard let folder = Bundle.module.path(forResource: "Fixtures", ofType: nil) else {
            throw SluiceError.internal("The Parquet fixtures are missing from the test bundle.")
        }
        return "\(folder)/\(name)"
    }

    /// Reads every row group of the file at `path`: the first error, or nil when it reads. Every
    /// value read is boxed, so a column that does not hold together would crash here.
    static func readError(_ path: String, threads: Int = 0, columns: [String]? = nil) -> SluiceError? {
        do throws(SluiceError) {
            let reader = try ParquetReader(path: path, options: ParquetReadOptions(columns: columns, threads: threads))
            for batch in try reader.readAll() {
                for column in batch.columns { _ = column.values }
            }
            return nil
        } catch {
            return error
        }
    }

    // MARK: Surgery

    /// Where the footer's thrift bytes start.
    static func footerStart(_ bytes: [UInt8]) -> Int {
        let end = bytes.count - 8
        let length = Int(bytes[end]) | Int(bytes[end + 1]) << 8 | Int(bytes[end + 2]) << 16 | Int(bytes[end + 3]) << 24
        return end - length
    }

    static func metadata(_ bytes: [UInt8]) throws -> ParquetFileMetadata {
        try Array(bytes[footerStart(bytes)..<(bytes.count - 8)]).withBytes { (raw) throws(SluiceError) in
            try ParquetFileMetadata.decode(raw)
        }
    }

    /// The file with its footer replaced by `metadata` (the footer length follows).
    static func replacingFooter(_ bytes: [UInt8], with metadata: ParquetFileMetadata) -> [UInt8] {
        assemble(data: Array(bytes[0..<footerStart(bytes)]), metadata: metadata)
    }

    /// A file of `data` (magic number and pages) followed by `metadata`'s footer.
    static func assemble(data: [UInt8], metadata: ParquetFileMetadata) -> [UInt8] {
        var result = data
        let footer = metadata.encoded()
        result += footer
        let length = UInt32(footer.count)
        result += [UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 24)]
        result += ParquetFooter.magic
        return result
    }

    /// The file with its footer changed by `change`.
    static func changingFooter(_ bytes: [UInt8], _ change: (inout ParquetFileMetadata) -> Void) throws -> [UInt8] {
        var metadata = try metadata(bytes)
        change(&metadata)
        return replacingFooter(bytes, with: metadata)
    }

    /// Where a column chunk's first page (its dictionary page, if any) starts.
    static func chunkStart(_ metadata: ParquetColumnMetadata) -> Int {
        if let dictionary = metadata.dictionaryPageOffset, dictionary > 0, dictionary < metadata.dataPageOffset {
            return Int(dictionary)
        }
        return Int(metadata.dataPageOffset)
    }

    /// The page header at `offset`.
    static func pageHeader(_ bytes: [UInt8], at offset: Int) throws -> (header: ParquetPageHeader, length: Int) {
        try Array(bytes[offset...]).withBytes { (raw) throws(SluiceError) in try ParquetPageHeader.decode(raw) }
    }

    /// The file with the page header at `offset` changed by `change` and written back (its
    /// length may change), and the footer's offsets and chunk sizes shifted to match.
    static func changingPageHeader(
        _ bytes: [UInt8], at offset: Int, _ change: (inout ParquetPageHeader) -> Void
    ) throws -> [UInt8] {
        var (header, length) = try pageHeader(bytes, at: offset)
        change(&header)
        return try replacing(bytes, range: offset..<(offset + length), with: header.encoded())
    }

    /// The file with the whole page at `offset` (header and body) replaced by `header` and `body`.
    static func replacingPage(_ bytes: [UInt8], at offset: Int, header: ParquetPageHeader, body: [UInt8]) throws -> [UInt8] {
        let (old, length) = try pageHeader(bytes, at: offset)
        let end = offset + length + Int(old.compressedPageSize)
        return try replacing(bytes, range: offset..<end, with: header.encoded() + body)
    }

    /// The file with the data bytes in `range` (inside one column chunk) replaced by
    /// `replacement`, and the footer's offsets and chunk sizes shifted to match.
    static func replacing(_ bytes: [UInt8], range: Range<Int>, with replacement: [UInt8]) throws -> [UInt8] {
        let offset = range.lowerBound
        let delta = Int64(replacement.count - range.count)
        var metadata = try metadata(bytes)
        let shift = { (value: Int64) -> Int64 in value > Int64(offset) ? value + delta : value }
        for group in metadata.rowGroups.indices {
            metadata.rowGroups[group].fileOffset = metadata.rowGroups[group].fileOffset.map(shift)
            for column in metadata.rowGroups[group].columns.indices {
                var chunk = metadata.rowGroups[group].columns[column]
                chunk.fileOffset = shift(chunk.fileOffset)
                if var columnMetadata = chunk.metadata {
                    let start = Int64(chunkStart(columnMetadata))
                    if (start..<(start + columnMetadata.totalCompressedSize)).contains(Int64(offset)) {
                        columnMetadata.totalCompressedSize += delta
                        columnMetadata.totalUncompressedSize += delta
                    }
                    columnMetadata.dataPageOffset = shift(columnMetadata.dataPageOffset)
                    columnMetadata.dictionaryPageOffset = columnMetadata.dictionaryPageOffset.map(shift)
                    columnMetadata.indexPageOffset = columnMetadata.indexPageOffset.map(shift)
                    chunk.metadata = columnMetadata
                }
                chunk.offsetIndexOffset = chunk.offsetIndexOffset.map(shift)
                chunk.columnIndexOffset = chunk.columnIndexOffset.map(shift)
                metadata.rowGroups[group].columns[column] = chunk
            }
        }
        let data = Array(bytes[0..<offset]) + replacement + Array(bytes[range.upperBound..<footerStart(bytes)])
        return assemble(data: data, metadata: metadata)
    }

    /// Offsets of the pages of a column chunk, first to last, with their headers.
    static func pages(_ bytes: [UInt8], chunk: ParquetColumnMetadata) throws -> [(offset: Int, header: ParquetPageHeader)] {
        var pages: [(Int, ParquetPageHeader)] = []
        var offset = chunkStart(chunk)
        let end = offset + Int(chunk.totalCompressedSize)
        while offset < end {
            let (header, length) = try pageHeader(bytes, at: offset)
            pages.append((offset, header))
            offset += length + Int(header.compressedPageSize)
        }
        return pages
    }

    /// The process's peak virtual memory so far (`VmPeak`), in bytes: it also counts memory
    /// allocated and never touched, which resident sizes miss.
    static func peakVirtualMemory() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmPeak:") {
            let digits = line.filter(\.isNumber)
            return (Int(digits) ?? 0) * 1024
        }
        return 0
    }

    /// The process's virtual memory now (`VmSize`), in bytes.
    static func virtualMemory() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmSize:") {
            return (Int(line.filter(\.isNumber)) ?? 0) * 1024
        }
        return 0
    }
}
