import SluiceCore

extension ExpressionEvaluator {
    /// `x [NOT] IN (list)`: true when x equals an item; otherwise null when x or any item is
    /// null, else false. A list of literals of a number, date, timestamp or string type is
    /// sorted once and searched per row; other lists compare item by item.
    static func evaluateInList(
        _ value: BoundExpression, _ list: [BoundExpression], isNegated: Bool, in frame: EvaluationFrame
    ) throws(SluiceError) -> Column {
        let needle = try evaluate(value, in: frame)
        let count = needle.count
        var found: Bitmap
        var listHasNull = false
        let literals = list.compactMap(\.literalValue)
        if literals.count == list.count {
            listHasNull = literals.contains(.null)
            let present = literals.filter { $0 != .null }
            if let bits = try literalSearch(needle, present) {
                found = bits
            } else {
                (found, listHasNull) = try compareEach(needle, list, in: frame)
            }
        } else {
            (found, listHasNull) = try compareEach(needle, list, in: frame)
        }
        // Null where nothing matched and (x is null or the list held a null).
        let needlePresent = needle.validity ?? Bitmap(repeating: true, count: count)
        let validity = Bitmap.build(count: count) { word in
            let matched = found.words[word] & needlePresent.words[word]
            return listHasNull ? matched : (matched | needlePresent.words[word])
        }
        let truth = Bitmap.combine(found, needlePresent) { $0 & $1 }
        return Column(type: .boolean, count: count, validity: nil, storage: .boolean(isNegated ? truth.inverted : truth))
            .replacingValidity(validity)
    }

    /// Item-by-item equality; also reports whether some item was null on some row.
    private static func compareEach(
        _ needle: Column, _ list: [BoundExpression], in frame: EvaluationFrame
    ) throws(SluiceError) -> (Bitmap, Bool) {
        var found = Bitmap(repeating: false, count: needle.count)
        var sawNull = false
        for item in list {
            var column = try evaluate(item, in: frame)
            if column.type != needle.type { column = try CastKernels.cast(column, to: needle.type, isTry: false) }
            if column.nullCount > 0 { sawNull = true }
            let equal = try trueBits(of: try ComparisonKernels.compare(needle, column, .equal))
            found = Bitmap.combine(found, equal) { $0 | $1 }
        }
        return (found, sawNull)
    }

    /// Sorted-literal search for the common types; nil when the needle's type has no fast path.
    private static func literalSearch(_ needle: Column, _ literals: [Value]) throws(SluiceError) -> Bitmap? {
        let count = needle.count
        let items = try ColumnConcatenation.concatenate(
            literals.map { (value) throws(SluiceError) -> Column in try Column.constant(value, needle.type, count: 1) },
            type: needle.type)
        switch needle.storage {
        case .int8(let values): return search(values, try items.elements(Int8.self), count)
        case .int16(let values): return search(values, try items.elements(Int16.self), count)
        case .int32(let values): return search(values, try items.elements(Int32.self), count)
        case .int64(let values): return search(values, try items.elements(Int64.self), count)
        case .decimal(let values): return search(values, try items.elements(Int128.self), count)
        case .bytes:
            let sorted = (0..<items.count).map { items.value(at: $0) }.compactMap { value -> [UInt8]? in
                switch value {
                case .string(let text): Array(text.utf8)
                case .binary(let bytes): bytes
                default: nil
                }
            }.sorted { $0.lexicographicallyPrecedes($1) }
            return try withBytesView(needle) { view in
                Bitmap.fromPredicate(count: count) { row in
                    let text = view[row]
                    var low = 0
                    var high = sorted.count
                    while low < high {
                        let middle = (low + high) / 2
                        let order = sorted[middle].withUnsafeBufferPointer { UTF8Bytes.compare($0, text) }
                        if order == 0 { return true }
                        if order < 0 { low = middle + 1 } else { high = middle }
                    }
                    return false
                }
            }
        default:
            return nil
        }
    }

    private static func search<T: Comparable>(_ values: [T], _ items: [T], _ count: Int) -> Bitmap {
        let sorted = items.sorted()
        return values.withUnsafeBufferPointer { values in
            sorted.withUnsafeBufferPointer { sorted in
                Bitmap.fromPredicate(count: count) { row in
                    let value = values[row]
                    var low = 0
                    var high = sorted.count
                    while low < high {
                        let middle = (low + high) / 2
                        if sorted[middle] < value { low = middle + 1 } else { high = middle }
                    }
                    return low < sorted.count && sorted[low] == value
                }
            }
        }
    }
}
