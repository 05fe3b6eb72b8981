import SluiceCore

/// The states of one aggregate for every group of a hash aggregation, in typed arrays indexed
/// by group id. Calls are per batch (the existential is dispatched once per batch, never per
/// row); the loops inside run over the input column's buffers.
protocol GroupAccumulator: AnyObject {
    /// Makes room for the states of groups `0..<groupCount` (new groups start empty).
    func reserveGroups(_ groupCount: Int)
    /// Folds the rows of `column` (nil for `count(*)`), `rowCount` long, into their `groups`.
    func update(groups: [Int32], column: Column?, rowCount: Int) throws(SluiceError)
    /// Called once before merges read this accumulator from several threads.
    func sealForMerge()
    /// Folds `other`'s states of groups `sources` into this accumulator's groups `targets`.
    /// `other` is an accumulator of the same aggregate (from ``emptyCopy()``).
    func merge(_ other: any GroupAccumulator, sources: [Int32], targets: [Int32]) throws(SluiceError)
    /// A new, empty accumulator of the same aggregate and type.
    func emptyCopy() -> any GroupAccumulator
    /// The results of groups `range`.
    func finish(_ range: Range<Int>) throws(SluiceError) -> Column
    /// Bytes held by the states.
    var memoryUsedBytes: Int { get }
}

extension GroupAccumulator {
    func sealForMerge() {}

    /// `other` as this accumulator's own class, or an internal error.
    func sameKind<Accumulator: GroupAccumulator>(_ other: any GroupAccumulator, as _: Accumulator.Type) throws(SluiceError) -> Accumulator {
        guard let same = other as? Accumulator else {
            throw SluiceError.internal("Cannot merge a \(type(of: other)) into a \(Accumulator.self).")
        }
        return same
    }
}

/// Grows a state array to `count` entries filled with `initial`.
@inline(__always)
func growStates<T>(_ states: inout [T], to count: Int, with initial: T) {
    if states.count < count { states.append(contentsOf: repeatElement(initial, count: count - states.count)) }
}

/// A validity bitmap from per-group "has a value" flags, nil when all are set.
func validity(from seen: [Bool], _ range: Range<Int>) -> Bitmap? {
    var allSeen = true
    for group in range where !seen[group] {
        allSeen = false
        break
    }
    if allSeen { return nil }
    var builder = BitmapBuilder(capacity: range.count)
    for group in range { builder.append(seen[group]) }
    return builder.finish()
}
