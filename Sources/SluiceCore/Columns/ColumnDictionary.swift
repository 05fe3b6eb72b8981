/// A column's values as codes into a small set of distinct values, kept beside the values
/// themselves when a reader has it for free (a Parquet dictionary page, a partition value), so
/// that operators such as grouping work once per distinct value instead of once per row.
/// Row `i` holds `values[indices[i]]` (any index on a null row); nil `indices`: every row holds
/// `values[0]`. A hint only: the column's own storage always holds every value too.
public final class ColumnDictionary: Sendable {
    public let values: Column
    public let indices: [UInt32]?

    public init(values: Column, indices: [UInt32]?) {
        self.values = values
        self.indices = indices
    }
}
