import Foundation
import SluiceCore
import SluiceFormats
import SluiceTestSupport
import Testing

/// Damaged and hostile Parquet files — truncated, wrong magic, corrupt footers and page
/// headers, random byte mutations, codecs Sluice does not read, absurd sizes and counts —
/// give an error naming the file (and, for a column chunk, the row group and column) and
/// never crash or allocate memory the file does not back. A crash kills the test process,
/// so every test here that completes also proves its inputs did not crash the reader.
@Suite("Parquet damaged files")
struct ParquetDamagedFileTests {
    typealias Lab = ParquetDamageLab
    let lab: ParquetDamageLab

    init() throws {
        lab = try ParquetDamageLab()
    }

    /// Leaf column paths of the sample schema, in footer order.
    static let leafPaths = [
        "id", "name", "price", "flag", "at", "items.list.element.sku", "items.list.element.qty",
        "tags.key_value.key", "tags.key_value.value",
    ]

    // MARK: Truncation

    @Test func theSampleFileReadsBack() throws {
        let bytes = try lab.write("sample.parquet")
        let reader = try ParquetReader(path: lab.folder.file("sample.parquet"))
        #expect(reader.metadata.rowGroups.count == 3)
        #expect(reader.fileSchema.leaves.map(\.dottedPath) == Self.leafPaths)
        let batches = try reader.readAll()
        #expect(batches.map(\.count) == [40, 40, 40])
        #expect(BatchComparison.firstDifference(expected: [try Lab.rows(0..<40)], actual: [batches[0]]) == nil)
        #expect(bytes.count < 20_000)
    }

    /// An empty row group whose chunks sit at offset 0 with no bytes, as pyarrow writes them,
    /// is not damaged.
    @Test func emptyRowGroupWithChunksAtOffsetZeroReads() throws {
        let bytes = try lab.write("sample.parquet")
        let withEmptyGroup = try Lab.changingFooter(bytes) { metadata in
            var empty = metadata.rowGroups[0]
            empty.numRows = 0
            for column in empty.columns.indices {
                empty.columns[column].fileOffset = 0
                empty.columns[column].metadata?.dataPageOffset = 0
                empty.columns[column].metadata?.dictionaryPageOffset = nil
                empty.columns[column].metadata?.totalCompressedSize = 0
                empty.columns[column].metadata?.numValues = 0
            }
            metadata.rowGroups.append(empty)
        }
        let path = try lab.folder.write(bytes: withEmptyGroup, to: "empty-group.parquet")
        #expect(try ParquetReader(path: path).readAll().map(\.count) == [40, 40, 40, 0])
    }

    /// Every prefix of a small file fails with an error that names the file.
    @Test func truncatedAtEveryLength() throws {
        let bytes = try lab.write("small.parquet", codec: .snappy, rows: 30, rowGroupRows: 15)
        let path = lab.folder.file("cut.parquet")
        var failures: [String] = []
        for length in 0..<bytes.count {
            try lab.folder.write(bytes: Array(bytes[0..<length]), to: "cut.parquet")
            guard let error = Lab.readError(path) else {
                failures.append("\(length) bytes read without an error")
                continue
            }
            if !error.description.contains(path) || error.isInternal { failures.append("\(length) bytes: \(error)") }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(bytes.count) lengths: \(failures.prefix(5))")
    }

    /// The data region cut short with the footer kept: the last column chunks reach into the
    /// footer, which is an error naming the file, the row group and the column.
    @Test(arguments: [ParquetCompressionCodec.uncompressed, .snappy])
    func dataCutShortBeforeAnIntactFooter(codec: ParquetCompressionCodec) throws {
        let bytes = try lab.write("whole.parquet", codec: codec, rows: 30, rowGroupRows: 15)
        let footerStart = Lab.footerStart(bytes)
        let path = lab.folder.file("cut.parquet")
        var failures: [String] = []
        for cut in 4..<footerStart {
            try lab.folder.write(bytes: Array(bytes[0..<cut]) + Array(bytes[footerStart...]), to: "cut.parquet")
            guard let error = Lab.readError(path) else {
                failures.append("cut at \(cut): read without an error")
                continue
            }
            guard error.location?.file == path, error.location?.rowGroup != nil, error.location?.field != nil,
                  !error.isInternal
            else {
                failures.append("cut at \(cut): \(error)")
                continue
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(footerStart - 4) cuts: \(failures.prefix(5))")
        // The exact text for the shortest cut: the first chunk that reaches the footer.
        try lab.folder.write(bytes: Array(bytes[0..<(footerStart - 1)]) + Array(bytes[footerStart...]), to: "cut.parquet")
        let error = try #require(Lab.readError(path))
        let metadata = try Lab.metadata(bytes)
        let last = try #require(metadata.rowGroups[1].columns.last?.metadata)
        let start = Lab.chunkStart(last)
        let end = start + Int(last.totalCompressedSize)
        #expect(error.description == "\(path), row group 1, field 'tags.key_value.value': The column chunk is damaged: "
            + "its metadata places it at bytes \(start)..<\(end) of the file, but the pages end at byte \(footerStart - 1), "
            + "where the footer starts.\n"
            + "Hint: The file is damaged or was cut short; copy it again or rewrite it from its source.")
    }

    // MARK: Magic numbers and footer length

    @Test func wrongMagicAtTheStart() throws {
        var bytes = try lab.write("sample.parquet")
        bytes[3] = UInt8(ascii: "0")
        let path = try lab.folder.write(bytes: bytes, to: "start.parquet")
        let error = try #require(Lab.readError(path))
        #expect(error.code == "parquet.notParquet")
        #expect(error.description == "\(path): not a Parquet file: starts with 'PAR0' instead of PAR1.\n"
            + "Hint: It ends like a Parquet file, so its first bytes are damaged; copy it again or rewrite it from its source.")
    }

    @Test func wrongMagicAtTheEnd() throws {
        var bytes = try lab.write("sample.parquet")
        bytes[bytes.count - 1] = 0
        let path = try lab.folder.write(bytes: bytes, to: "end.parquet")
        let error = try #require(Lab.readError(path))
        #expect(error.code == "parquet.notParquet")
        #expect(error.description == "\(path): not a Parquet file: ends with bytes 50 41 52 00 instead of PAR1.\n"
            + "Hint: It starts like a Parquet file, so it was probably not written completely (the footer is written "
            + "last); write it again, or copy it whole.")
    }

    @Test func footerLengthBeyondTheFile() throws {
        var bytes = try lab.write("sample.parquet")
        for index in (bytes.count - 8)..<(bytes.count - 4) { bytes[index] = 0xFF }
        let path = try lab.folder.write(bytes: bytes, to: "length.parquet")
        let error = try #require(Lab.readError(path))
        #expect(error.code == "parquet.footerLength")
        #expect(error.description == "\(path): corrupt footer: its length field says 4294967295 bytes, but the file has "
            + "only \(bytes.count - 12) bytes between its magic numbers.\n"
            + "Hint: The end of the file is damaged; write it again, or copy it again if it was cut off in transfer.")
    }

    /// A footer length that points inside the file, but not at the footer's start.
    @Test func footerLengthOffByAFew() throws {
        let bytes = try lab.write("sample.parquet")
        let length = bytes.count - 8 - Lab.footerStart(bytes)
        for wrong in [0, 1, 2, 3, length - 3, length - 1, length + 1, length + 5, bytes.count - 12] {
            var damaged = bytes
            for index in 0..<4 { damaged[bytes.count - 8 + index] = UInt8(truncatingIfNeeded: wrong >> (8 * index)) }
            let path = try lab.folder.write(bytes: damaged, to: "length-\(wrong).parquet")
            let error = Lab.readError(path)
            #expect(error != nil, "a footer length of \(wrong) instead of \(length)")
            #expect(error.map { $0.description.contains(path) && !$0.isInternal } ?? true, "\(String(describing: error))")
        }
    }

    // MARK: Page headers

    /// Damaging the first page header of any column chunk gives an error located at that
    /// file, row group and column.
    @Test(arguments: [(ParquetCompressionCodec.snappy, true), (.zstd, false)])
    func corruptPageHeaderNamesFileRowGroupAndColumn(codec: ParquetCompressionCodec, dictionary: Bool) throws {
        let bytes = try lab.write("sample.parquet", codec: codec, dictionary: dictionary)
        let metadata = try Lab.metadata(bytes)
        for (group, rowGroup) in metadata.rowGroups.enumerated() {
            for (column, chunk) in rowGroup.columns.enumerated() {
                let start = Lab.chunkStart(try #require(chunk.metadata))
                var damaged = bytes
                for index in start..<(start + 4) { damaged[index] = 0xFF }
                let path = try lab.folder.write(bytes: damaged, to: "header-\(group)-\(column).parquet")
                let error = try #require(Lab.readError(path, threads: 2), "row group \(group), column \(column)")
                #expect(error.location == ErrorLocation(file: path, field: Self.leafPaths[column], rowGroup: group))
                #expect(error.code == "parquet.corruptPage")
                #expect(error.description == "\(path), row group \(group), field '\(Self.leafPaths[column])': The page is "
                    + "damaged: its header at byte \(start) cannot be read: a field header has the unknown type 15.\n"
                    + "Hint: The file is damaged or was cut short; copy it again or rewrite it from its source.")
            }
        }
    }

    /// A header that reads but whose page runs past its column chunk.
    @Test func pageLongerThanItsChunk() throws {
        let bytes = try lab.write("sample.parquet")
        let chunk = try #require(try Lab.metadata(bytes).rowGroups[2].columns[1].metadata)
        let (offset, _) = try #require(try Lab.pages(bytes, chunk: chunk).last)
        let damaged = try Lab.changingPageHeader(bytes, at: offset) { $0.compressedPageSize += 1000 }
        let path = try lab.folder.write(bytes: damaged, to: "long-page.parquet")
        let error = try #require(Lab.readError(path))
        #expect(error.location == ErrorLocation(file: path, field: "name", rowGroup: 2))
        #expect(error.code == "parquet.corruptPage")
        #expect(error.message.hasPrefix("The page is damaged: the page at byte \(offset) claims "))
    }

    // MARK: Random mutations

    /// Files to mutate: Sluice's, in every codec, with and without dictionaries, and pyarrow's
    /// fixtures (data page v2, INT32 dates, unsigned and fixed-width columns).
    static let mutationFiles = [
        "snappy-dictionary", "zstd-plain", "gzip-dictionary", "lz4raw-plain", "uncompressed-dictionary",
        "random-snappy", "random-plain", "fixture:nested.parquet", "fixture:orders.parquet", "fixture:plain.parquet",
    ]

    private func mutationSource(_ name: String) throws -> [UInt8] {
        switch name {
        case "snappy-dictionary": return try lab.write(name, codec: .snappy, dictionary: true)
        case "zstd-plain": return try lab.write(name, codec: .zstd, dictionary: false)
        case "gzip-dictionary": return try lab.write(name, codec: .gzip, dictionary: true)
        case "lz4raw-plain": return try lab.write(name, codec: .lz4Raw, dictionary: false)
        case "uncompressed-dictionary": return try lab.write(name, codec: .uncompressed, dictionary: true)
        case "random-snappy": return try lab.writeRandom(name, seed: 11, codec: .snappy, dictionary: true)
        case "random-plain": return try lab.writeRandom(name, seed: 12, codec: .uncompressed, dictionary: false)
        default: return [UInt8](try Data(contentsOf: URL(fileURLWithPath: try Lab.fixture(String(name.dropFirst(8))))))
        }
    }

    /// One random damage to `bytes` within `region`: a few bytes replaced, bits flipped, or a
    /// short run overwritten with 0x00, 0xFF or random bytes.
    private static func mutate(_ bytes: inout [UInt8], in region: Range<Int>, using random: inout SeededRandom) {
        switch Int.random(in: 0..<4, using: &random) {
        case 0:
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                bytes[Int.random(in: region, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
        case 1:
            for _ in 0..<Int.random(in: 1...2, using: &random) {
                bytes[Int.random(in: region, using: &random)] ^= 1 << UInt8.random(in: 0...7, using: &random)
            }
        default:
            let start = Int.random(in: region, using: &random)
            let end = min(region.upperBound, start + Int.random(in: 1...8, using: &random))
            let fill = [0x00, 0xFF, -1].randomElement(using: &random)!
            for index in start..<end {
                bytes[index] = fill < 0 ? UInt8.random(in: 0...255, using: &random) : UInt8(fill)
            }
        }
    }

    /// Mutations per file; set `SLUICE_PARQUET_MUTATIONS` for a longer hunt (say 20000), and
    /// `SLUICE_PARQUET_MUTATION_SEED` for other mutations than the default ones.
    static let mutationRounds = ProcessInfo.processInfo.environment["SLUICE_PARQUET_MUTATIONS"].flatMap { Int($0) } ?? 400
    static let mutationSeed = ProcessInfo.processInfo.environment["SLUICE_PARQUET_MUTATION_SEED"].flatMap { UInt64($0) } ?? 0

    /// The seed of the mutations of `file`.
    private static func seed(_ file: String, _ salt: UInt64) -> UInt64 {
        file.utf8.reduce(salt &+ mutationSeed &* 0x9E37_79B9) { $0 &* 31 &+ UInt64($1) }
    }

    /// The byte ranges of every page header in the file.
    private static func pageHeaders(_ bytes: [UInt8]) throws -> [Range<Int>] {
        var headers: [Range<Int>] = []
        for rowGroup in try Lab.metadata(bytes).rowGroups {
            for chunk in rowGroup.columns.compactMap(\.metadata) {
                for (offset, _) in try Lab.pages(bytes, chunk: chunk) {
                    headers.append(offset..<(offset + (try Lab.pageHeader(bytes, at: offset)).length))
                }
            }
        }
        return headers
    }

    /// Seeded random damage across the pages of a file, a third of it to the page headers:
    /// every read either succeeds or throws an error located at the file, a row group and a column.
    @Test(arguments: mutationFiles)
    func randomDataMutationsNeverCrash(file: String) throws {
        let bytes = try mutationSource(file)
        let region = 4..<Lab.footerStart(bytes)
        let headers = try Self.pageHeaders(bytes)
        let path = lab.folder.file("mutated.parquet")
        var random = SeededRandom(seed: Self.seed(file, 7))
        var failures: [String] = []
        var errors = 0
        for round in 0..<Self.mutationRounds {
            var damaged = bytes
            let target = round % 3 == 0 ? headers.randomElement(using: &random)! : region
            Self.mutate(&damaged, in: target, using: &random)
            try lab.folder.write(bytes: damaged, to: "mutated.parquet")
            guard let error = Lab.readError(path, threads: round % 8 == 0 ? 2 : 0) else { continue }
            errors += 1
            if error.location?.file != path || error.location?.rowGroup == nil || error.location?.field == nil
                || error.isInternal || error.hint == nil
            {
                failures.append("round \(round): \(error)")
            }
        }
        #expect(failures.isEmpty, "\(file): \(failures.count) badly located errors: \(failures.prefix(5))")
        #expect(errors > Self.mutationRounds / 20, "\(file): only \(errors) of \(Self.mutationRounds) mutations were noticed")
    }

    /// Seeded random damage to the footer: every read either succeeds or throws an error that
    /// names the file.
    @Test(arguments: ["snappy-dictionary", "random-plain", "fixture:nested.parquet"])
    func randomFooterMutationsNeverCrash(file: String) throws {
        let bytes = try mutationSource(file)
        let region = Lab.footerStart(bytes)..<(bytes.count - 8)
        let path = lab.folder.file("mutated.parquet")
        var random = SeededRandom(seed: Self.seed(file, 977))
        var failures: [String] = []
        for round in 0..<Self.mutationRounds {
            var damaged = bytes
            Self.mutate(&damaged, in: region, using: &random)
            try lab.folder.write(bytes: damaged, to: "mutated.parquet")
            guard let error = Lab.readError(path) else { continue }
            if !error.description.contains(path) || error.isInternal || error.hint == nil {
                failures.append("round \(round): \(error)")
            }
        }
        #expect(failures.isEmpty, "\(file): \(failures.count) bad errors: \(failures.prefix(5))")
    }

    // MARK: Codecs

    @Test(arguments: [
        (ParquetCompressionCodec.brotli, "BROTLI"), (.lzo, "LZO"), (ParquetCompressionCodec(rawValue: 42), "compression codec number 42"),
    ])
    func unsupportedCodecNamesTheCodecFileRowGroupAndColumn(codec: ParquetCompressionCodec, name: String) throws {
        let bytes = try lab.write("sample.parquet")
        let damaged = try Lab.changingFooter(bytes) { metadata in
            for group in metadata.rowGroups.indices {
                for column in metadata.rowGroups[group].columns.indices {
                    metadata.rowGroups[group].columns[column].metadata?.codec = codec
                }
            }
        }
        let path = try lab.folder.write(bytes: damaged, to: "codec.parquet")
        let error = try #require(Lab.readError(path, threads: 2))
        #expect(error.code == "parquet.codec.unsupported")
        #expect(error.description == "\(path), row group 0, field 'id': Sluice cannot read Parquet pages compressed with "
            + "\(name).\nHint: Rewrite the file with SNAPPY or ZSTD compression (for example with pyarrow or DuckDB), "
            + "then read it again.")
    }

    @Test func unsupportedCodecInOneColumnChunk() throws {
        let bytes = try lab.write("sample.parquet")
        let damaged = try Lab.changingFooter(bytes) { $0.rowGroups[2].columns[5].metadata?.codec = .brotli }
        let path = try lab.folder.write(bytes: damaged, to: "codec.parquet")
        let error = try #require(Lab.readError(path))
        #expect(error.code == "parquet.codec.unsupported")
        #expect(error.location == ErrorLocation(file: path, field: "items.list.element.sku", rowGroup: 2))
    }

    // MARK: Absurd sizes and counts

    /// Runs `body` and returns how far the process's virtual memory peaked above where it was.
    private static func virtualMemoryGrowth(_ body: () throws -> Void) rethrows -> Int {
        let before = max(Lab.virtualMemory(), Lab.peakVirtualMemory())
        try body()
        return max(0, Lab.peakVirtualMemory() - before)
    }

    private static let gigabyte = 1 << 30

    /// A page header claiming 2^31-1 bytes uncompressed, in every codec: an error before any
    /// buffer of that size exists.
    @Test(arguments: [ParquetCompressionCodec.uncompressed, .snappy, .gzip, .zstd, .lz4Raw])
    func absurdUncompressedPageSize(codec: ParquetCompressionCodec) throws {
        let bytes = try lab.write("sample.parquet", codec: codec)
        let chunk = try #require(try Lab.metadata(bytes).rowGroups[1].columns[2].metadata)
        let offset = Int(chunk.dataPageOffset)
        let damaged = try Lab.changingPageHeader(bytes, at: offset) { $0.uncompressedPageSize = .max }
        let path = try lab.folder.write(bytes: damaged, to: "huge-page.parquet")
        var error: SluiceError?
        let growth = Self.virtualMemoryGrowth { error = Lab.readError(path) }
        let found = try #require(error)
        #expect(found.location == ErrorLocation(file: path, field: "price", rowGroup: 1))
        #expect(found.code.hasPrefix("parquet.codec."), "\(found)")
        #expect(found.message.contains("2,147,483,647 bytes"), "\(found)")
        #expect(growth < Self.gigabyte, "\(growth) bytes allocated")
    }

    @Test func absurdUncompressedPageSizeHasAClearMessage() throws {
        let bytes = try lab.write("sample.parquet", codec: .snappy)
        let chunk = try #require(try Lab.metadata(bytes).rowGroups[0].columns[0].metadata)
        let damaged = try Lab.changingPageHeader(bytes, at: Int(chunk.dataPageOffset)) { $0.uncompressedPageSize = .max }
        let path = try lab.folder.write(bytes: damaged, to: "huge-page.parquet")
        let error = try #require(Lab.readError(path))
        #expect(error.description == "\(path), row group 0, field 'id': A SNAPPY page of 2,147,483,647 bytes is larger "
            + "than the 1 GiB Sluice reads in one page (writers keep pages near 1 MiB).\n"
            + "Hint: The file is damaged or was not written completely; copy it again or rewrite it from its source.")
    }

    /// A page of a few hundred bytes claiming a plausible size its codec cannot expand to.
    @Test(arguments: [ParquetCompressionCodec.snappy, .gzip, .zstd, .lz4Raw])
    func uncompressedSizeBeyondTheCodecsRatio(codec: ParquetCompressionCodec) throws {
        let bytes = try lab.write("sample.parquet", codec: codec)
        let chunk = try #require(try Lab.metadata(bytes).rowGroups[0].columns[1].metadata)
        let damaged = try Lab.changingPageHeader(bytes, at: Int(chunk.dataPageOffset)) { $0.uncompressedPageSize = 900 << 20 }
        let path = try lab.folder.write(bytes: damaged, to: "ratio.parquet")
        var error: SluiceError?
        let growth = Self.virtualMemoryGrowth { error = Lab.readError(path) }
        let found = try #require(error)
        #expect(found.location == ErrorLocation(file: path, field: "name", rowGroup: 0))
        #expect(found.code.hasPrefix("parquet.codec."), "\(found)")
        #expect(growth < 512 << 20, "\(growth) bytes allocated")
    }

    /// A data page announcing 2^31-1 values in a chunk of 40.
    @Test func absurdValueCountInAPage() throws {
        let bytes = try lab.write("sample.parquet")
        let chunk = try #require(try Lab.metadata(bytes).rowGroups[0].columns[1].metadata)
        let (offset, _) = try #require(try Lab.pages(bytes, chunk: chunk).first { $0.header.type == .dataPage })
        let damaged = try Lab.changingPageHeader(bytes, at: offset) { $0.dataPageHeader?.numValues = .max }
        let path = try lab.folder.write(bytes: damaged, to: "count.parquet")
        let error = try #require(Lab.readError(path))
        #expect(error.description == "\(path), row group 0, field 'name': The page is damaged: a data page announces "
            + "2147483647 values but the column chunk has 40 left.\n"
            + "Hint: The file is damaged or was cut short; copy it again or rewrite it from its source.")
    }

    /// A hostile file whose page, chunk, row group and file all agree on 2^31-1 values: the
    /// page's levels and values end long before, and nothing of that size is allocated.
    @Test(arguments: [(1, true), (1, false), (5, true), (6, false), (0, false), (3, false)])
    func absurdValueCountsThatAgree(column: Int, dictionary: Bool) throws {
        let bytes = try lab.write("sample.parquet", dictionary: dictionary)
        let chunk = try #require(try Lab.metadata(bytes).rowGroups[0].columns[column].metadata)
        let (offset, _) = try #require(try Lab.pages(bytes, chunk: chunk).first { $0.header.type == .dataPage })
        var damaged = try Lab.changingPageHeader(bytes, at: offset) { $0.dataPageHeader?.numValues = .max }
        damaged = try Lab.changingFooter(damaged) { metadata in
            metadata.numRows = Int64(Int32.max)
            metadata.rowGroups[0].numRows = Int64(Int32.max)
            metadata.rowGroups[0].columns[column].metadata?.numValues = Int64(Int32.max)
        }
        let path = try lab.folder.write(bytes: damaged, to: "counts.parquet")
        var error: SluiceError?
        let topLevel = String(Self.leafPaths[column].prefix { $0 != "." })
        let growth = Self.virtualMemoryGrowth { error = Lab.readError(path, columns: [topLevel]) }
        let found = try #require(error)
        #expect(found.location == ErrorLocation(file: path, field: Self.leafPaths[column], rowGroup: 0), "\(found)")
        #expect(!found.isInternal && found.hint != nil)
        #expect(growth < Self.gigabyte, "\(growth) bytes allocated")
    }

    /// A dictionary page announcing 2^31-1 values.
    @Test(arguments: [0, 1, 2, 5])
    func absurdDictionarySize(column: Int) throws {
        let bytes = try lab.write("sample.parquet", dictionary: true)
        let chunk = try #require(try Lab.metadata(bytes).rowGroups[1].columns[column].metadata)
        let (offset, _) = try #require(try Lab.pages(bytes, chunk: chunk).first { $0.header.type == .dictionaryPage })
        let damaged = try Lab.changingPageHeader(bytes, at: offset) { $0.dictionaryPageHeader?.numValues = .max }
        let path = try lab.folder.write(bytes: damaged, to: "dictionary.parquet")
        var error: SluiceError?
        let growth = Self.virtualMemoryGrowth { error = Lab.readError(path) }
        let found = try #require(error)
        #expect(found.location == ErrorLocation(file: path, field: Self.leafPaths[column], rowGroup: 1), "\(found)")
        #expect(growth < Self.gigabyte, "\(growth) bytes allocated")
    }

    /// A dictionary of one 1 MiB string and a data page of a few bytes repeating it 2,200 times:
    /// 2.3 GB of text, more than a column's 32-bit offsets reach. An error before any of it
    /// is allocated (the offsets wrapped, and reading the values crashed).
    @Test func dictionaryBombBeyondTwoGigabytes() throws {
        let schema = Schema([Field("s", .string, isNullable: false)])
        let builder = RecordBatchBuilder(schema: schema)
        let long = String(repeating: "x", count: 1 << 20)
        for _ in 0..<3 { try builder.append(row: [.string(long)]) }
        var options = ParquetWriteOptions()
        options.compression = .uncompressed
        options.dictionaryPageSizeBytes = 4 << 20
        let writer = try ParquetWriter(path: lab.folder.file("long.parquet"), schema: schema, options: options)
        try writer.write(builder.finish())
        try writer.finish()
        let bytes = try lab.folder.readBytes("long.parquet")
        let chunk = try #require(try Lab.metadata(bytes).rowGroups[0].columns[0].metadata)
        let (offset, header) = try #require(try Lab.pages(bytes, chunk: chunk).first { $0.header.type == .dataPage })
        #expect(header.dataPageHeader?.encoding == .rleDictionary)
        let repeats = 2_200
        // Index bit width 0, then one RLE run of `repeats` zeros (no value bytes at width 0).
        var body: [UInt8] = [0]
        var run = UInt64(repeats) << 1
        while run >= 0x80 {
            body.append(UInt8(truncatingIfNeeded: run) | 0x80)
            run >>= 7
        }
        body.append(UInt8(run))
        var bomb = header
        bomb.uncompressedPageSize = Int32(body.count)
        bomb.compressedPageSize = Int32(body.count)
        bomb.dataPageHeader?.numValues = Int32(repeats)
        bomb.dataPageHeader?.statistics = nil
        var damaged = try Lab.replacingPage(bytes, at: offset, header: bomb, body: body)
        damaged = try Lab.changingFooter(damaged) { metadata in
            metadata.numRows = Int64(repeats)
            metadata.rowGroups[0].numRows = Int64(repeats)
            metadata.rowGroups[0].columns[0].metadata?.numValues = Int64(repeats)
        }
        let path = try lab.folder.write(bytes: damaged, to: "bomb.parquet")
        var error: SluiceError?
        let growth = Self.virtualMemoryGrowth { error = Lab.readError(path) }
        let found = try #require(error)
        #expect(found.location == ErrorLocation(file: path, field: "s", rowGroup: 0))
        #expect(found.code == "parquet.columnTooLarge", "\(found)")
        #expect(growth < Self.gigabyte, "\(growth) bytes allocated")
    }

    /// A flat column can hold no more values than its row group has rows.
    @Test func flatChunkWithMoreValuesThanRows() throws {
        let bytes = try lab.write("sample.parquet")
        let damaged = try Lab.changingFooter(bytes) { $0.rowGroups[1].columns[3].metadata?.numValues = Int64(Int32.max) }
        let path = try lab.folder.write(bytes: damaged, to: "values.parquet")
        let error = try #require(Lab.readError(path))
        #expect(error.description == "\(path), row group 1, field 'flag': The column chunk is damaged: it claims "
            + "2147483647 values, but a column that is not repeated has one per row and the row group has 40 rows.\n"
            + "Hint: The file is damaged or was cut short; copy it again or rewrite it from its source.")
    }

    /// Chunk offsets and sizes outside the file, or negative.
    @Test(arguments: [Int64(-5), 0, 2, Int64(Int32.max), Int64.max - 10, Int64.min])
    func chunkOffsetOutsideTheData(offset: Int64) throws {
        let bytes = try lab.write("sample.parquet")
        for size in [Int64(100), -1, Int64.max] {
            let damaged = try Lab.changingFooter(bytes) { metadata in
                metadata.rowGroups[0].columns[4].metadata?.dataPageOffset = offset
                metadata.rowGroups[0].columns[4].metadata?.dictionaryPageOffset = nil
                metadata.rowGroups[0].columns[4].metadata?.totalCompressedSize = size
            }
            let path = try lab.folder.write(bytes: damaged, to: "offset.parquet")
            let error = try #require(Lab.readError(path), "offset \(offset), size \(size)")
            #expect(error.location == ErrorLocation(file: path, field: "at", rowGroup: 0), "\(error)")
            #expect(error.code == "parquet.corruptChunk", "\(error)")
        }
    }
}
