import SluiceCore

extension Column {
    /// Rows `range` of this column.
    func slice(_ range: Range<Int>) -> Column {
        if range.lowerBound == 0 && range.upperBound == count { return self }
        return take((Int32(range.lowerBound)..<Int32(range.upperBound)).map { $0 })
    }
}
