import ArgumentParser
import Dispatch
import Foundation
import SluiceCatalog
import SluiceCore
import SluiceEngine
import SluiceFormats

/// `sluice query`: run SQL over lake files and print or write the result.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run a SQL query (Trino/Athena dialect) over catalog tables and lake files.",
        discussion: """
            Tables are catalog tables — database.table, or a bare name in the 'default' \
            database — whose partition keys are columns, so a filter on them reads only the \
            matching partitions; or lake paths read through table functions: a file, a folder \
            read recursively (key=value folders such as dt=2026-11-01 become columns, and a \
            filter on them skips other folders' files), or a quoted glob. s3://bucket/key paths \
            resolve into the lake folder (--lake-dir, else <data-dir>/lake).
              lake.orders
              read_parquet('lake/orders/')
              read_json('events/*.json')
              read_csv('users.csv')

            The result prints as an aligned table, or as CSV (with a header row), NDJSON or \
            Parquet with --format, to standard output or --output. Timing and the row count \
            go to standard error, never into the result.

            Memory: a query's operators hold at most --memory-limit (default 80% of the \
            machine's or container's memory). GROUP BY and ORDER BY go past it by spilling \
            to disk, in a folder of their own under --temp-dir that is removed when the query \
            ends; a join's smaller input and window functions must fit and stop with an error \
            that says how much they need. EXPLAIN ANALYZE shows what spilled.
              sluice query --memory-limit 2GB --temp-dir /mnt/scratch "SELECT ..."

            Examples:
              sluice query "SELECT dt, count(*) FROM lake.orders WHERE dt >= DATE '2026-11-01' GROUP BY 1"
              sluice query "SELECT category, sum(price) AS revenue
                            FROM read_parquet('lake/orders/')
                            GROUP BY 1 ORDER BY 2 DESC"
              sluice query -f report.sql --format csv --output report.csv
              sluice query "EXPLAIN SELECT count(*) FROM read_json('orders/')
                            WHERE dt = '2026-11-03'"
            """)

    @Argument(help: "The SQL statement (or use -f).")
    var sql: String?

    @Option(name: .customShort("f"), help: ArgumentHelp("Read the SQL from a file.", valueName: "file.sql"))
    var file: String?

    @Option(name: .long, help: ArgumentHelp("How to print the result.", valueName: "table|csv|json|parquet"))
    var format: ResultFormat = .table

    @Option(name: [.short, .long], help: ArgumentHelp("Write the result to a file instead of standard output.", valueName: "path"))
    var output: String?

    @OptionGroup var data: DataDirectoryOptions

    @Option(name: .long, help: "Worker threads (default: all processors).")
    var threads: Int?

    @Option(name: .long, help: ArgumentHelp(
        "Memory the query may hold before GROUP BY and ORDER BY spill to disk: 512MB, 2GB, 1.5GiB or bytes "
            + "(default: 80% of memory, or SLUICE_MEMORY_LIMIT).",
        valueName: "size"))
    var memoryLimit: String?

    @Option(name: .long, help: ArgumentHelp(
        "Folder for spill files (default: SLUICE_TEMP_DIR, TMPDIR or /tmp); each query's own subfolder is removed when it ends.",
        valueName: "path"))
    var tempDir: String?

    @Option(name: .long, help: "Rows to show in a table (the rest are counted, not printed).")
    var maxRows: Int = 1000

    @Option(name: .long, help: "Cut table cells wider than this many characters.")
    var maxWidth: Int = 40

    @Flag(name: .long, help: "Draw the table with plain ASCII (+, -, |).")
    var ascii = false

    enum ResultFormat: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json, parquet
    }

    func validate() throws {
        guard (sql == nil) != (file == nil) else {
            throw ValidationError("Give the SQL as an argument or with -f FILE (one of them).")
        }
        if format == .parquet && output == nil {
            throw ValidationError("--format parquet needs --output PATH: Parquet is a binary file format.")
        }
        if format == .table && output != nil {
            throw ValidationError("--output needs --format csv, json or parquet; tables are for the terminal.")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1.") }
        if let memoryLimit {
            do throws(SluiceError) {
                _ = try MemoryLimitSetting.bytes(memoryLimit, source: "--memory-limit")
            } catch {
                throw ValidationError(error.message + " " + (error.hint ?? ""))
            }
        }
        guard maxRows >= 0 else { throw ValidationError("--max-rows must be 0 or more.") }
    }

    func run() throws {
        try reportingErrors { () throws(SluiceError) in
            let text = try sqlText()
            var options = QueryOptions()
            if let threads { options.threads = threads }
            let directory = data.dataDirectory
            options.lakeRoot = directory.lakePath
            let environment = ProcessInfo.processInfo.environment
            if let memoryLimit {
                options.memoryLimitBytes = try MemoryLimitSetting.bytes(memoryLimit, source: "--memory-limit")
            } else if let setting = environment["SLUICE_MEMORY_LIMIT"], !setting.isEmpty {
                options.memoryLimitBytes = try MemoryLimitSetting.bytes(setting, source: "SLUICE_MEMORY_LIMIT")
            }
            options.spillParentPath = tempDir ?? environment["SLUICE_TEMP_DIR"].flatMap { $0.isEmpty ? nil : $0 }
            InterruptCleanup.install()
            let tables: any TableProvider = try data.existingCatalog().map {
                CatalogTableProvider(store: $0, lakeRoot: directory.lakePath, threads: options.threads)
            } ?? NoTables()
            let engine = QueryEngine(options: options, tables: tables)
            let started = MonotonicClock.seconds()
            let progress = QueryProgress(started: started)
            progress.start()
            defer { progress.stop() }
            let stream = try engine.start(text)
            var rows = 0
            switch format {
            case .table:
                var shown: [RecordBatch] = []
                var shownRows = 0
                while let batch = try stream.next() {
                    rows += batch.count
                    if shownRows < maxRows {
                        let kept = batch.prefix(maxRows - shownRows)
                        shown.append(kept)
                        shownRows += kept.count
                    }
                }
                progress.stop()
                if stream.isExplanation {
                    for batch in shown { for row in batch.rows { print(row.first?.displayText ?? "") } }
                    return
                }
                let formatter = TableFormatter(maximumCellWidth: maxWidth, asciiOnly: ascii)
                print(formatter.render(schema: stream.schema, batches: shown))
            case .csv, .json, .parquet:
                let writer = try makeWriter(schema: stream.schema)
                do throws(SluiceError) {
                    while let batch = try stream.next() {
                        rows += batch.count
                        try writer.write(batch)
                    }
                    try writer.finish()
                } catch {
                    writer.abort()
                    throw error
                }
            }
            progress.stop()
            let seconds = MonotonicClock.seconds() - started
            var summary = "\(Terminal.count(rows)) row\(rows == 1 ? "" : "s") in \(String(format2: seconds)) s"
            if format == .table && rows > maxRows { summary += " (showing the first \(Terminal.count(maxRows)); use --format csv for all)" }
            if stream.spilledBytes > 0 { summary += " · spilled \(Terminal.bytes(stream.spilledBytes)) to disk" }
            if let output { summary += " → \(output)" }
            Terminal.writeError(summary + "\n")
        }
    }

    private func sqlText() throws(SluiceError) -> String {
        if let sql { return sql }
        guard let file else { return "" }
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw SluiceError(domain: .io, code: "file.notFound", message: "Cannot read the SQL file '\(file)'.",
                              hint: "Check the path; -f takes a file of SQL text.")
        }
        return text
    }

    private func makeWriter(schema: Schema) throws(SluiceError) -> any BatchWriter {
        let path = output ?? "-"
        switch format {
        case .csv: return try CSVWriter(path: path, schema: schema)
        case .json: return try JSONWriter(path: path, schema: schema)
        case .parquet: return try ParquetWriter(path: path, schema: schema)
        case .table: throw SluiceError.internal("A table is not written to a file.")
        }
    }
}

/// "Running… 3.2 s" on a terminal's stderr while a query has not finished.
final class QueryProgress: @unchecked Sendable {
    // `@unchecked Sendable`: `timer` is only touched under `lock`.
    private let started: Double
    private var timer: (any DispatchSourceTimer)?
    private let lock = NSLock()

    init(started: Double) { self.started = started }

    func start() {
        guard Terminal.stderrIsTerminal else { return }
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + 0.5, repeating: 0.2)
        timer.setEventHandler { [started] in
            Terminal.showProgress("Running… \(String(format1: MonotonicClock.seconds() - started)) s")
        }
        lock.withLock { self.timer = timer }
        timer.resume()
    }

    func stop() {
        lock.withLock {
            timer?.cancel()
            timer = nil
        }
        Terminal.clearProgressLine()
    }
}

extension String {
    /// Two decimal places: `3.14`.
    init(format2 value: Double) {
        let hundredths = Int((value * 100).rounded())
        self = "\(hundredths / 100).\(abs(hundredths % 100) < 10 ? "0" : "")\(abs(hundredths % 100))"
    }
}
