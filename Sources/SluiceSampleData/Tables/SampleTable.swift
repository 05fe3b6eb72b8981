/// One file of a sample table: where it goes and which rows it holds.
struct TableFile: Sendable {
    /// The folder under the output folder: `users`, `orders/dt=2026-11-01`.
    let relativeFolder: String
    let rowCount: Int
    /// The id of the file's first row; ids count from 1 across the whole table.
    let firstRowID: Int
    /// Which day of ``SampleCalendar`` the file holds; nil for unpartitioned tables.
    let dayIndex: Int?
}

/// A run of consecutive rows of one file, generated on a worker thread with its own random
/// stream, so the bytes do not depend on how many threads run or in which order they finish.
struct RowChunk: Sendable {
    let file: TableFile
    let fileIndex: Int
    let chunkIndex: Int
    /// The chunk's first row as an index into the file's rows (0-based).
    let firstRowInFile: Int
    let rowCount: Int

    /// The chunk's rows as indexes into the file's rows.
    var rows: Range<Int> { firstRowInFile..<(firstRowInFile + rowCount) }

    /// Most rows in one chunk: a few MB of text, large enough to amortise the hand-off to a
    /// worker, small enough that the chunks in flight stay well under 100 MB.
    static let maximumRowCount = 50_000
}

/// A table of a seed data set: its columns, its files, and how to write a chunk of its rows.
protocol SampleTable: Sendable {
    /// The table's folder name under the output folder, such as `orders`.
    var name: String { get }
    /// Distinguishes this table's random streams from the other tables'.
    var streamTag: UInt64 { get }
    var layout: TableLayout { get }
    var files: [TableFile] { get }
    /// A generous estimate of one row's NDJSON size, to size buffers up front.
    var estimatedRowBytes: Int { get }

    /// Writes the rows of `chunk`, drawing only from `random`.
    func writeRows(_ chunk: RowChunk, random: inout SeededRandom, into writer: inout RecordWriter)
}

extension SampleTable {
    /// The files of a table partitioned by day: `rowCount` rows split evenly over the days
    /// of ``SampleCalendar``, one `dt=…` folder each, ids running on from day to day.
    static func dailyFiles(table: String, rowCount: Int) -> [TableFile] {
        var firstRowID = 1
        return SampleCalendar.split(rowCount, into: SampleCalendar.dayCount).enumerated().map { dayIndex, count in
            defer { firstRowID += count }
            return TableFile(
                relativeFolder: table + "/" + SampleCalendar.partitionFolder(dayIndex: dayIndex),
                rowCount: count, firstRowID: firstRowID, dayIndex: dayIndex)
        }
    }

    /// The single file of an unpartitioned table.
    static func singleFile(table: String, rowCount: Int) -> [TableFile] {
        [TableFile(relativeFolder: table, rowCount: rowCount, firstRowID: 1, dayIndex: nil)]
    }
}
