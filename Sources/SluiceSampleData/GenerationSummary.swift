/// What a generation run wrote: every file with its rows and sizes, grouped by table.
public struct GenerationSummary: Sendable, CustomStringConvertible {
    /// The output folder, as given.
    public var folder: String
    /// The tables in the order they were written.
    public var tables: [GeneratedTable]
    /// Wall-clock time of the whole run.
    public var elapsedSeconds: Double

    public init(folder: String, tables: [GeneratedTable], elapsedSeconds: Double) {
        self.folder = folder
        self.tables = tables
        self.elapsedSeconds = elapsedSeconds
    }

    /// Data rows of all tables.
    public var totalRowCount: Int { tables.reduce(0) { $0 + $1.rowCount } }
    /// Uncompressed text size of all files.
    public var totalSizeBytes: Int { tables.reduce(0) { $0 + $1.sizeBytes } }
    /// Size of all files on disk (smaller than ``totalSizeBytes`` when gzipped).
    public var totalStoredSizeBytes: Int { tables.reduce(0) { $0 + $1.storedSizeBytes } }

    /// One line per table and a total, for terminals:
    ///
    ///     table   files       rows    size MB  stored MB
    ///     users       1    100,000        8.9        8.9
    public var description: String {
        var lines = [Self.line("table", "files", "rows", "size MB", "stored MB")]
        for table in tables {
            lines.append(
                Self.line(
                    table.name, String(table.files.count), Self.grouped(table.rowCount),
                    Self.megabytes(table.sizeBytes), Self.megabytes(table.storedSizeBytes)))
        }
        lines.append(
            Self.line(
                "total", String(tables.reduce(0) { $0 + $1.files.count }), Self.grouped(totalRowCount),
                Self.megabytes(totalSizeBytes), Self.megabytes(totalStoredSizeBytes)))
        let rate = elapsedSeconds > 0 ? Double(totalSizeBytes) / 1_000_000 / elapsedSeconds : 0
        lines.append("Wrote \(folder) in \(Self.decimal(elapsedSeconds, digits: 2)) s (\(Self.decimal(rate, digits: 0)) MB/s).")
        return lines.joined(separator: "\n")
    }

    private static func line(_ name: String, _ files: String, _ rows: String, _ size: String, _ stored: String) -> String {
        padded(name, 8, left: true) + padded(files, 6) + padded(rows, 13) + padded(size, 11) + padded(stored, 11)
    }

    private static func padded(_ text: String, _ width: Int, left: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return left ? text + padding : padding + text
    }

    private static func grouped(_ value: Int) -> String {
        var digits = Array(String(value))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return String(digits)
    }

    private static func megabytes(_ bytes: Int) -> String {
        decimal(Double(bytes) / 1_000_000, digits: 1)
    }

    /// `value` with a fixed number of decimals, without Foundation's `String(format:)`.
    private static func decimal(_ value: Double, digits: Int) -> String {
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((value * Double(scale)).rounded())
        guard digits > 0 else { return String(scaled) }
        let fraction = String(scaled % scale)
        return "\(scaled / scale)." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
}

/// One table of a generation run.
public struct GeneratedTable: Sendable {
    /// The table's name, which is also its folder: `users`, `orders`, `titles`, `events`.
    public var name: String
    /// The table's files in path order (one per daily partition for `orders` and `events`).
    public var files: [GeneratedFile]

    public init(name: String, files: [GeneratedFile]) {
        self.name = name
        self.files = files
    }

    /// Data rows of all files.
    public var rowCount: Int { files.reduce(0) { $0 + $1.rowCount } }
    /// Uncompressed text size.
    public var sizeBytes: Int { files.reduce(0) { $0 + $1.sizeBytes } }
    /// Size on disk.
    public var storedSizeBytes: Int { files.reduce(0) { $0 + $1.storedSizeBytes } }
}

/// One file of a generation run.
public struct GeneratedFile: Sendable {
    /// The file's path: the output folder joined with `orders/dt=2026-11-01/part-0.json`.
    public var path: String
    /// Data rows (the CSV header is not counted).
    public var rowCount: Int
    /// Uncompressed text size, header included.
    public var sizeBytes: Int
    /// Size on disk.
    public var storedSizeBytes: Int

    public init(path: String, rowCount: Int, sizeBytes: Int, storedSizeBytes: Int) {
        self.path = path
        self.rowCount = rowCount
        self.sizeBytes = sizeBytes
        self.storedSizeBytes = storedSizeBytes
    }
}
