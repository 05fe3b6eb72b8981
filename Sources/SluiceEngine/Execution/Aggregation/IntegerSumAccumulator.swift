import SluiceCore

/// `sum` of an integer column as bigint, null for a group without values; a total past
/// bigint's range is an error (as Trino's), never a wrapped number.
final class IntegerSumAccumulator<Element: ColumnElement & FixedWidthInteger>: GroupAccumulator {
    private let name: String
    private var sums: [Int64] = []
    private var seen: [Bool] = []

    /// `name` is the aggregate's output name, for the overflow error.
    init(name: String) { self.name = name }

    func reserveGroups(_ groupCount: Int) {
        growStates(&sums, to: groupCount, with: 0)
        growStates(&seen, to: groupCount, with: false)
    }

    @_specialize(where Element == Int8)
    @_specialize(where Element == Int16)
    @_specialize(where Element == Int32)
    @_specialize(where Element == Int64)
    func update(groups: [Int32], column: Column?, rowCount: Int) throws(SluiceError) {
        guard let column else { return }
        let values = try column.elements(Element.self)
        let validity = column.validity
        var overflowed = false
        sums.withUnsafeMutableBufferPointer { sums in
            seen.withUnsafeMutableBufferPointer { seen in
                groups.withUnsafeBufferPointer { groups in
                    values.withUnsafeBufferPointer { values in
                        for row in 0..<rowCount {
                            if let validity, !validity[row] { continue }
                            let group = Int(groups[row])
                            let (sum, overflow) = sums[group].addingReportingOverflow(Int64(values[row]))
                            overflowed = overflowed || overflow
                            sums[group] = sum
                            seen[group] = true
                        }
                    }
                }
            }
        }
        if overflowed { throw SumOverflow.bigint(name) }
    }

    @_specialize(where Element == Int8)
    @_specialize(where Element == Int16)
    @_specialize(where Element == Int32)
    @_specialize(where Element == Int64)
    func merge(_ other: any GroupAccumulator, sources: [Int32], targets: [Int32]) throws(SluiceError) {
        let other = try sameKind(other, as: IntegerSumAccumulator<Element>.self)
        for (source, target) in zip(sources, targets) where other.seen[Int(source)] {
            let (sum, overflow) = sums[Int(target)].addingReportingOverflow(other.sums[Int(source)])
            if overflow { throw SumOverflow.bigint(name) }
            sums[Int(target)] = sum
            seen[Int(target)] = true
        }
    }

    func emptyCopy() -> any GroupAccumulator { IntegerSumAccumulator<Element>(name: name) }

    func finish(_ range: Range<Int>) throws(SluiceError) -> Column {
        Column(type: .int64, count: range.count, validity: validity(from: seen, range), storage: .int64(Array(sums[range])))
    }

    var memoryUsedBytes: Int { sums.count * 9 }
}

/// The errors of sums past their type's range.
enum SumOverflow {
    /// `bigint overflow in sum(amount).`
    static func bigint(_ name: String) -> SluiceError {
        SluiceError(
            domain: .query, code: "query.numericOverflow",
            message: "bigint overflow in \(name).",
            hint: "The total does not fit in a 64-bit integer; sum a decimal instead, e.g. sum(CAST(x AS decimal(38,0))).")
    }

    /// `decimal overflow in sum(price).`
    static func decimal(_ name: String) -> SluiceError {
        SluiceError(
            domain: .query, code: "query.numericOverflow",
            message: "decimal overflow in \(name).",
            hint: "The total does not fit in 38 digits; sum a double instead, e.g. sum(CAST(x AS double)).")
    }
}
