import SluiceCore

/// Rows a cast could not convert: for `CAST` the first one (on a present row) is an error
/// naming the value and the type; for `TRY_CAST` they become nulls.
struct CastFailures {
    let source: Column
    let target: DataType
    let isTry: Bool
    private(set) var rows: [Int] = []

    init(source: Column, target: DataType, isTry: Bool) {
        self.source = source
        self.target = target
        self.isTry = isTry
    }

    /// Records that row `row` did not convert; `outOfRange` when it is a number too large
    /// for the target rather than text that is not a value of it.
    @inline(__always)
    mutating func fail(_ row: Int, outOfRange: Bool = false) throws(SluiceError) {
        guard source.isValid(row) else { return }
        guard isTry else { throw error(row: row, outOfRange: outOfRange) }
        rows.append(row)
    }

    func error(row: Int, outOfRange: Bool) -> SluiceError {
        let value = source.value(at: row)
        let text: String
        if case .string(let string) = value { text = "'\(string)'" } else { text = value.displayText }
        return SluiceError(
            domain: .query, code: outOfRange ? "cast.outOfRange" : "cast.invalidValue",
            message: outOfRange
                ? "Cannot cast \(text) to \(target): the value is out of range."
                : "Cannot cast \(text) to \(target).",
            hint: "Use TRY_CAST to get NULL for values that do not convert.")
    }

    /// `column` with the failed rows made null.
    func apply(to column: Column) -> Column {
        guard !rows.isEmpty else { return column }
        let failed = rows
        var present = [UInt64](repeating: ~0, count: (column.count + 63) >> 6)
        for row in failed { present[row >> 6] &= ~(1 << UInt64(row & 63)) }
        return column.addingNulls(Bitmap.build(count: column.count) { present[$0] })
    }
}
