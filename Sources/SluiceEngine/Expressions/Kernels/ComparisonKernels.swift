import SluiceCore

/// The six comparison operators as kernels see them.
enum ComparisonKind: String, Sendable, CaseIterable {
    case equal = "=", notEqual = "<>", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}

/// Comparisons of two columns of one type, to a boolean column (null where either side is).
/// Numbers compare by value (IEEE for floats: NaN compares false), strings and binaries by
/// unsigned bytes (UTF-8 order), booleans false < true, dates and timestamps in time; arrays,
/// maps and structs support `=` and `<>` only.
enum ComparisonKernels {
    static func compare(_ left: Column, _ right: Column, _ kind: ComparisonKind) throws(SluiceError) -> Column {
        let bits = try compareIgnoringNulls(left, right, kind)
        return Column(type: .boolean, count: left.count, validity: nil, storage: .boolean(bits))
            .replacingValidity(Validity.and(left.validity, right.validity))
    }

    /// `left IS DISTINCT FROM right`: never null; two nulls are not distinct.
    static func isDistinct(_ left: Column, _ right: Column) throws(SluiceError) -> Column {
        let equal = try compareIgnoringNulls(left, right, .equal)
        let leftValid = left.validity ?? Bitmap(repeating: true, count: left.count)
        let rightValid = right.validity ?? Bitmap(repeating: true, count: right.count)
        let bits = Bitmap.build(count: left.count) { word in
            let l = leftValid.words[word]
            let r = rightValid.words[word]
            return (l & r & ~equal.words[word]) | (l ^ r)
        }
        return Column(type: .boolean, count: left.count, validity: nil, storage: .boolean(bits))
    }

    /// The comparison on every row, whatever the validity (null rows hold some value).
    static func compareIgnoringNulls(_ left: Column, _ right: Column, _ kind: ComparisonKind) throws(SluiceError) -> Bitmap {
        let count = left.count
        switch left.storage {
        case .int8(let values): return compareValues(values, try right.elements(Int8.self), kind, count)
        case .int16(let values): return compareValues(values, try right.elements(Int16.self), kind, count)
        case .int32(let values): return compareValues(values, try right.elements(Int32.self), kind, count)
        case .int64(let values): return compareValues(values, try right.elements(Int64.self), kind, count)
        case .float32(let values): return compareValues(values, try right.elements(Float.self), kind, count)
        case .float64(let values): return compareValues(values, try right.elements(Double.self), kind, count)
        case .decimal(let values):
            guard case .decimal(_, let leftScale) = left.type, case .decimal(_, let rightScale) = right.type,
                leftScale == rightScale
            else {
                throw SluiceError.internal("Decimals of \(left.type) and \(right.type) compare only after a cast to one scale.", domain: .query)
            }
            return compareValues(values, try right.elements(Int128.self), kind, count)
        case .boolean(let leftBits):
            let rightBits = try right.booleanBits()
            return Bitmap.build(count: count) { word in
                let l = leftBits.words[word]
                let r = rightBits.words[word]
                switch kind {
                case .equal: return ~(l ^ r)
                case .notEqual: return l ^ r
                case .less: return ~l & r
                case .lessOrEqual: return ~l | r
                case .greater: return l & ~r
                case .greaterOrEqual: return l | ~r
                }
            }
        case .bytes:
            return try withBytesView(left) { (leftView) throws(SluiceError) -> Bitmap in
                try withBytesView(right) { (rightView) throws(SluiceError) -> Bitmap in
                    compareBytes(leftView, rightView, kind, count)
                }
            }
        case .structure, .list:
            guard kind == .equal || kind == .notEqual else {
                throw SluiceError(
                    domain: .query, code: "expression.notOrderable",
                    message: "Values of type \(left.type) cannot be ordered with '\(kind.rawValue)'.",
                    hint: "Compare fields or elements instead, or use = and <>.")
            }
            // Nested values are compared boxed: rare, and not on a hot path.
            return Bitmap.fromPredicate(count: count) { index in
                (left.value(at: index) == right.value(at: index)) == (kind == .equal)
            }
        }
    }

    @inline(__always)
    static func compareValues<T: Comparable>(_ left: [T], _ right: [T], _ kind: ComparisonKind, _ count: Int) -> Bitmap {
        left.withUnsafeBufferPointer { l in
            right.withUnsafeBufferPointer { r in
                switch kind {
                case .equal: Bitmap.fromPredicate(count: count) { l[$0] == r[$0] }
                case .notEqual: Bitmap.fromPredicate(count: count) { l[$0] != r[$0] }
                case .less: Bitmap.fromPredicate(count: count) { l[$0] < r[$0] }
                case .lessOrEqual: Bitmap.fromPredicate(count: count) { l[$0] <= r[$0] }
                case .greater: Bitmap.fromPredicate(count: count) { l[$0] > r[$0] }
                case .greaterOrEqual: Bitmap.fromPredicate(count: count) { l[$0] >= r[$0] }
                }
            }
        }
    }

    static func compareBytes(_ left: BytesView, _ right: BytesView, _ kind: ComparisonKind, _ count: Int) -> Bitmap {
        switch kind {
        case .equal: Bitmap.fromPredicate(count: count) { UTF8Bytes.equal(left[$0], right[$0]) }
        case .notEqual: Bitmap.fromPredicate(count: count) { !UTF8Bytes.equal(left[$0], right[$0]) }
        case .less: Bitmap.fromPredicate(count: count) { UTF8Bytes.compare(left[$0], right[$0]) < 0 }
        case .lessOrEqual: Bitmap.fromPredicate(count: count) { UTF8Bytes.compare(left[$0], right[$0]) <= 0 }
        case .greater: Bitmap.fromPredicate(count: count) { UTF8Bytes.compare(left[$0], right[$0]) > 0 }
        case .greaterOrEqual: Bitmap.fromPredicate(count: count) { UTF8Bytes.compare(left[$0], right[$0]) >= 0 }
        }
    }
}
