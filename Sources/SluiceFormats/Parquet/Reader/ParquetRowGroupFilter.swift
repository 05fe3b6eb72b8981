import SluiceCore

/// Decides from a Parquet file's footer statistics which row groups might hold rows matching
/// a ``ScanPredicate``, so a reader can skip the rest unread. When in doubt it keeps: unknown
/// columns, columns inside lists or maps, missing statistics and incomparable values all keep.
public struct ParquetRowGroupFilter: Sendable {
    private let metadata: ParquetFileMetadata
    private let fileSchema: ParquetFileSchema
    /// Leaf index by path, for leaves outside any list or map (one value per row).
    private let leafIndices: [[String]: Int]

    public init(metadata: ParquetFileMetadata, fileSchema: ParquetFileSchema) {
        self.metadata = metadata
        self.fileSchema = fileSchema
        var leafIndices: [[String]: Int] = [:]
        var ambiguous: Set<[String]> = []
        for (index, leaf) in fileSchema.leaves.enumerated() where leaf.maxRepetitionLevel == 0 {
            if leafIndices.updateValue(index, forKey: leaf.path) != nil { ambiguous.insert(leaf.path) }
        }
        for path in ambiguous { leafIndices[path] = nil }
        self.leafIndices = leafIndices
    }

    /// The row groups among `candidates` (every row group when nil) that might hold a row
    /// matching `predicate`, in the order given.
    public func keptRowGroups(_ predicate: ScanPredicate, among candidates: [Int]? = nil) -> [Int] {
        (candidates ?? Array(metadata.rowGroups.indices)).filter { mightMatch(predicate, rowGroup: $0) }
    }

    /// False only when the footer proves that no row of row group `index` matches `predicate`.
    public func mightMatch(_ predicate: ScanPredicate, rowGroup index: Int) -> Bool {
        guard metadata.rowGroups.indices.contains(index) else { return true }
        let rowGroup = metadata.rowGroups[index]
        guard rowGroup.numRows > 0 else { return false }
        return mightMatch(predicate, in: rowGroup)
    }

    private func mightMatch(_ predicate: ScanPredicate, in rowGroup: ParquetRowGroup) -> Bool {
        switch predicate {
        case .compare(let column, let op, let value):
            return summary(of: column, in: rowGroup)?.mightSatisfy(op, value) ?? true
        case .in(let column, let values):
            guard let summary = summary(of: column, in: rowGroup) else { return true }
            return values.contains { summary.mightSatisfy(.equal, $0) }
        case .isNull(let column):
            return summary(of: column, in: rowGroup)?.mayHoldNull ?? true
        case .isNotNull(let column):
            return summary(of: column, in: rowGroup)?.mayHoldNonNull ?? true
        case .and(let predicates):
            return predicates.allSatisfy { mightMatch($0, in: rowGroup) }
        case .or(let predicates):
            return predicates.contains { mightMatch($0, in: rowGroup) }
        }
    }

    /// What the footer says about `column` in `rowGroup`; nil when the column is unknown, not
    /// a leaf, under a repeated field, or its chunk's metadata is missing or inconsistent.
    private func summary(of column: [String], in rowGroup: ParquetRowGroup) -> ParquetChunkSummary? {
        guard let leafIndex = leafIndices[column], rowGroup.columns.indices.contains(leafIndex),
              let chunk = rowGroup.columns[leafIndex].metadata else { return nil }
        let leaf = fileSchema.leaves[leafIndex]
        guard chunk.type == leaf.physicalType else { return nil }
        let orders = metadata.columnOrders ?? []
        let order = orders.indices.contains(leafIndex) ? orders[leafIndex] : nil
        return ParquetChunkSummary(statistics: chunk.statistics, rowCount: rowGroup.numRows, leaf: leaf, order: order)
    }
}
