public import SluiceCore
public import SluiceFormats

/// Writes the seed data sets — seed 002 (`users`, `orders`) and seed 003 (`titles`,
/// `events`) — as NDJSON or CSV files, the same bytes for the same seed on every machine.
///
/// Layout under the output folder, Hive-partitioned by day over the 30 days from 2026-11-01:
///
///     users/part-0.json
///     orders/dt=2026-11-01/part-0.json … orders/dt=2026-11-30/part-0.json
///     titles/part-0.json
///     events/dt=2026-11-01/part-0.json … events/dt=2026-11-30/part-0.json
///
/// CSV files end in `.csv` and start with a header row; `.gz` is added when compressing.
/// Columns, value shares and the optional fields are documented on each table
/// (`UsersTable`, `OrdersTable`, `TitlesTable`, `EventsTable` in this module).
///
/// How it is fast and deterministic: every file is cut into chunks of at most 50,000 rows;
/// each chunk draws from its own xoshiro256** stream seeded from (seed, table, file, chunk)
/// and is formatted by hand into a byte buffer on a worker thread; the calling thread writes
/// the buffers to their files in order. The output does not depend on the thread count.
///
///     let generator = SampleDataGenerator(scale: .small, format: .json)
///     let summary = try generator.generate(datasets: [.orders], into: "bench-data/json")
///     print(summary)
public struct SampleDataGenerator: Sendable {
    /// The seed when none is given.
    public static let defaultSeed: UInt64 = 2026
    /// The first day of the partitioned tables, `2026-11-01`.
    public static let firstDate = CivilTime.formatDate(days: SampleCalendar.firstDay)
    /// How many daily partitions `orders` and `events` have.
    public static let dayCount = SampleCalendar.dayCount

    /// The main seed; every chunk's random stream is derived from it.
    public var seed: UInt64
    /// How many rows each table gets.
    public var scale: SampleScale
    /// NDJSON (`.json`) or CSV with a header row (`.csv`).
    public var format: FileFormat
    /// Whether files are gzip-compressed (and named `….json.gz`, `….csv.gz`).
    public var compress: Bool
    /// Threads that format rows; defaults to the number of processors.
    public var workerCount: Int

    public init(
        seed: UInt64 = SampleDataGenerator.defaultSeed, scale: SampleScale, format: FileFormat,
        compress: Bool = false, workerCount: Int = ProcessorCount.active
    ) {
        self.seed = seed
        self.scale = scale
        self.format = format
        self.compress = compress
        self.workerCount = max(1, workerCount)
    }

    /// Writes the tables of `datasets` under `folder`, creating folders as needed and
    /// replacing files of the same names. Each file appears whole or not at all (written to
    /// a temporary file, then renamed). `progress` is called on the calling thread after each
    /// chunk of rows.
    ///
    /// Throws a ``SluiceError`` for an invalid scale or an empty `datasets` (`usage`), and for
    /// folders or files that cannot be created or written (`io`).
    public func generate(
        datasets: Set<SampleDataset>, into folder: String,
        progress: (@Sendable (GenerationProgress) -> Void)? = nil
    ) throws(SluiceError) -> GenerationSummary {
        try scale.validate()
        guard !datasets.isEmpty else {
            throw SluiceError(
                domain: .usage, code: "sample.noDataset", message: "No sample data set was chosen.",
                hint: "Choose one or more of: \(SampleDataset.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let clock = ContinuousClock()
        let start = clock.now
        let root = folder.count > 1 && folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        try FileSystem.createFolders(root)
        var written: [GeneratedTable] = []
        for table in tables(for: datasets) {
            written.append(try write(table, under: root, progress: progress))
        }
        let elapsed = start.duration(to: clock.now).components
        return GenerationSummary(
            folder: folder, tables: written,
            elapsedSeconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
    }

    private func tables(for datasets: Set<SampleDataset>) -> [any SampleTable] {
        datasets.sorted().flatMap { dataset -> [any SampleTable] in
            switch dataset {
            case .orders:
                [UsersTable(userCount: scale.userCount),
                 OrdersTable(userCount: scale.userCount, orderCount: scale.orderCount)]
            case .events:
                [TitlesTable(titleCount: scale.titleCount),
                 EventsTable(userCount: scale.userCount, titleCount: scale.titleCount, eventCount: scale.eventCount)]
            }
        }
    }

    /// Generates the chunks of `table` on worker threads and writes them, in order, to the
    /// table's files.
    private func write(
        _ table: any SampleTable, under root: String, progress: (@Sendable (GenerationProgress) -> Void)?
    ) throws(SluiceError) -> GeneratedTable {
        let files = table.files
        var pending = Self.chunks(of: files).makeIterator()
        let seed = seed
        let format = format
        let chunks = OrderedParallelMap<RowChunk, (RowChunk, [UInt8])>(
            workerCount: workerCount,
            produce: { pending.next() },
            transform: { chunk in
                var random = SeededRandom(
                    seed: seed, stream: [table.streamTag, UInt64(chunk.fileIndex), UInt64(chunk.chunkIndex)])
                var writer = RecordWriter(
                    layout: table.layout, format: format, capacityBytes: chunk.rowCount * table.estimatedRowBytes)
                table.writeRows(chunk, random: &random, into: &writer)
                return .success((chunk, writer.bytes))
            })
        let totalRowCount = files.reduce(0) { $0 + $1.rowCount }
        let header = table.layout.fileHeader(for: format)
        var written: [GeneratedFile] = []
        var sink: ByteSink?
        var current = written.count
        var tableRowCount = 0
        var tableSizeBytes = 0
        do throws(SluiceError) {
            while let (chunk, bytes) = try chunks.next() {
                if sink == nil || chunk.fileIndex != current {
                    if let sink { written.append(try Self.finish(sink, rowCount: files[current].rowCount)) }
                    current = chunk.fileIndex
                    try FileSystem.createFolders(root + "/" + chunk.file.relativeFolder)
                    let opened = try ByteSink(path: path(of: chunk.file, under: root), compress: compress)
                    sink = opened
                    try opened.write(header)
                    tableSizeBytes += header.count
                }
                guard let sink else { throw SluiceError.internal("No open file for a chunk of \(table.name).") }
                try sink.write(bytes)
                tableRowCount += chunk.rowCount
                tableSizeBytes += bytes.count
                progress?(
                    GenerationProgress(
                        table: table.name, path: sink.path, writtenRowCount: tableRowCount,
                        totalRowCount: totalRowCount, writtenSizeBytes: tableSizeBytes))
            }
            if let sink { written.append(try Self.finish(sink, rowCount: files[current].rowCount)) }
        } catch {
            sink?.abort()
            throw error
        }
        return GeneratedTable(name: table.name, files: written)
    }

    /// `root/orders/dt=2026-11-01/part-0.json[.gz]`.
    private func path(of file: TableFile, under root: String) -> String {
        root + "/" + file.relativeFolder + "/part-0." + format.rawValue + (compress ? ".gz" : "")
    }

    /// Commits `sink` and measures the file.
    private static func finish(_ sink: ByteSink, rowCount: Int) throws(SluiceError) -> GeneratedFile {
        try sink.commit()
        return GeneratedFile(
            path: sink.path, rowCount: rowCount, sizeBytes: sink.bytesWritten,
            storedSizeBytes: FileSystem.sizeBytes(of: sink.path))
    }

    /// Every file cut into chunks of at most ``RowChunk/maximumRowCount`` rows; an empty file
    /// still gets one empty chunk, so it is created (with its CSV header).
    private static func chunks(of files: [TableFile]) -> [RowChunk] {
        var chunks: [RowChunk] = []
        for (fileIndex, file) in files.enumerated() {
            var first = 0
            var chunkIndex = 0
            repeat {
                let count = min(RowChunk.maximumRowCount, file.rowCount - first)
                chunks.append(
                    RowChunk(
                        file: file, fileIndex: fileIndex, chunkIndex: chunkIndex, firstRowInFile: first,
                        rowCount: count))
                first += count
                chunkIndex += 1
            } while first < file.rowCount
        }
        return chunks
    }
}
