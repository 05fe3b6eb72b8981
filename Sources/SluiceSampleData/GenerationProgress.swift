/// Where a generation run is, reported after each chunk of rows reaches its file.
public struct GenerationProgress: Sendable {
    /// The table being written, such as `orders`.
    public var table: String
    /// The file being written.
    public var path: String
    /// Rows of `table` written so far, in all its files.
    public var writtenRowCount: Int
    /// Rows `table` will have when done.
    public var totalRowCount: Int
    /// Uncompressed bytes of `table` written so far.
    public var writtenSizeBytes: Int

    public init(table: String, path: String, writtenRowCount: Int, totalRowCount: Int, writtenSizeBytes: Int) {
        self.table = table
        self.path = path
        self.writtenRowCount = writtenRowCount
        self.totalRowCount = totalRowCount
        self.writtenSizeBytes = writtenSizeBytes
    }

    /// Share of the table done, 0…1.
    public var fractionCompleted: Double {
        totalRowCount == 0 ? 1 : Double(writtenRowCount) / Double(totalRowCount)
    }
}
