import Dispatch
import SluiceCore

/// Sorts the rows of one run (a set of columns) by sort keys, into a permutation of row numbers.
///
/// The sort goes key part by key part: it sorts a range of rows by one normalized 64-bit key part
/// (``KeyNormalizer``, ``EntrySorter``), then sorts each group of rows that tie on it by the next
/// part — the next decimal word or 7 text bytes, or the next key. Nulls of a key are set apart
/// (first or last) before its values are sorted. Equal rows keep their row order, so the sort is
/// stable. With several threads, a large run is split by the top digit of its first key into
/// buckets that the threads sort on their own.
///
/// On request the sorter also reports, for each position, how many leading keys the row there
/// shares with the row before (``sort(count:threads:levels:)``): windows read partitions and peer
/// groups from it.
struct RowSorter: Sendable {
    let columns: [Column]
    let keys: [SortKey]
    let kinds: [SortKeyKind]

    /// Rows below this many are sorted by one thread.
    static let parallelThreshold = 1 << 16
    /// Ranges of at least this many rows are split by their top key digit before the LSD radix
    /// sort, so that each piece (16 bytes an entry, twice) sorts within the L2 cache.
    static let splitThreshold = 1 << 16
    /// Rows from which packing several keys into one (``KeyPacking``) pays for its extra passes.
    static let packingThreshold = 1 << 12

    /// A sorter for `batchColumns` (all columns of the run); key columns that cannot be ordered
    /// or do not exist are errors.
    init(batchColumns: [Column], keys: [SortKey]) throws(SluiceError) {
        var columns: [Column] = []
        var kinds: [SortKeyKind] = []
        for key in keys {
            guard key.column >= 0, key.column < batchColumns.count else {
                throw SluiceError.internal(
                    "Sort key #\(key.column) is outside the input's \(batchColumns.count) columns.", domain: .query)
            }
            let column = batchColumns[key.column]
            kinds.append(try SortKeyKind.of(column.type, column: key.column))
            columns.append(column)
        }
        guard keys.count < Int(UInt16.max) else {
            throw SluiceError(
                domain: .query, code: "sort.tooManyKeys",
                message: "A sort has \(keys.count) keys; at most \(UInt16.max - 1) are supported.",
                hint: "Order by fewer expressions.")
        }
        self.columns = columns
        self.keys = keys
        self.kinds = kinds
    }

    /// The sorted order of `count` rows, and when `levels` is true, for each position the number
    /// of leading keys on which its row equals the previous position's row (0 at position 0).
    func sort(count: Int, threads: Int, levels wantLevels: Bool) -> (permutation: [Int32], levels: [UInt16]?) {
        var levels: [UInt16]? = wantLevels ? [UInt16](repeating: 0, count: count) : nil
        let permutation = [Int32](unsafeUninitializedCapacity: count) { permutation, initialized in
            if wantLevels, levels != nil {
                levels!.withUnsafeMutableBufferPointer { levelBuffer in
                    _ = sort(into: permutation, levels: levelBuffer, threads: threads)
                }
            } else {
                _ = sort(into: permutation, levels: nil, threads: threads)
            }
            initialized = count
        }
        return (permutation, levels)
    }

    /// Writes the sorted order of `permutation.count` rows into `permutation`, the levels
    /// (see ``sort(count:threads:levels:)``) into `levels` and each position's normalized first
    /// key into `firstKeys` when given (of the same count). Returns false when `firstKeys` was
    /// left alone (the keys were packed).
    func sort(
        into permutation: UnsafeMutableBufferPointer<Int32>, levels: UnsafeMutableBufferPointer<UInt16>?,
        firstKeys: UnsafeMutableBufferPointer<UInt64>? = nil, threads: Int
    ) -> Bool {
        let count = permutation.count
        for index in 0..<count { permutation[index] = Int32(truncatingIfNeeded: index) }
        if let levels {
            levels.initialize(repeating: UInt16(keys.count))
            if count > 0 { levels[0] = 0 }
        }
        guard !keys.isEmpty, count > 0 else { return true }
        let entries = UnsafeMutableBufferPointer<SortEntry>.allocate(capacity: count)
        let scratch = UnsafeMutableBufferPointer<SortEntry>.allocate(capacity: count)
        let rowScratch = UnsafeMutableBufferPointer<Int32>.allocate(capacity: count)
        defer {
            entries.deallocate()
            scratch.deallocate()
            rowScratch.deallocate()
        }
        let buffers = SortBuffers(
            permutation: permutation, entries: entries, scratch: scratch, rowScratch: rowScratch, levels: levels,
            firstKeys: firstKeys)
        return run(count: count, threads: threads, buffers: buffers)
    }

    // MARK: Driving the work

    private func run(count: Int, threads: Int, buffers: SortBuffers) -> Bool {
        var packing: KeyPacking?
        if count >= Self.packingThreshold {
            packing = KeyPacking.pack(columns: columns, keys: keys, kinds: kinds, entries: buffers.entries)
        }
        var buffers = buffers
        buffers.packing = packing
        let first = packing == nil
            ? SortWork(start: 0, end: count, key: 0, part: kinds[0].firstPart)
            : SortWork(start: 0, end: count, key: 0, part: .packed, isPrepared: true)
        guard threads > 1, count >= Self.parallelThreshold else {
            process([first], buffers: buffers)
            return packing == nil
        }
        var items: [SortWork] = []
        var valueRange = first
        if !first.isPrepared {
            guard let values = separateNulls(first, buffers: buffers, pending: &items) else { return true }
            fillEntries(values, buffers: buffers)
            valueRange = SortWork(start: values.start, end: values.end, key: 0, part: values.part, isPrepared: true)
        }
        if let buckets = splitByTopDigit(valueRange, buffers: buffers) {
            items.append(contentsOf: buckets)
        } else {
            items.append(valueRange)
        }
        // Largest first, each to the least loaded thread.
        items.sort { $0.end - $0.start > $1.end - $1.start }
        let threadCount = min(threads, max(1, items.count))
        var assigned = [[SortWork]](repeating: [], count: threadCount)
        var loads = [Int](repeating: 0, count: threadCount)
        for item in items {
            let target = loads.indices.min { loads[$0] < loads[$1] } ?? 0
            assigned[target].append(item)
            loads[target] += item.end - item.start
        }
        let assignedWork = assigned
        let sharedBuffers = buffers
        DispatchQueue.concurrentPerform(iterations: threadCount) { thread in
            self.process(assignedWork[thread], buffers: sharedBuffers)
        }
        return packing == nil
    }

    private func process(_ initial: [SortWork], buffers: SortBuffers) {
        var stack = initial
        while let work = stack.popLast() {
            if work.isPrepared {
                sortValues(work, buffers: buffers, pending: &stack)
            } else if let valueRange = separateNulls(work, buffers: buffers, pending: &stack) {
                sortValues(valueRange, buffers: buffers, pending: &stack)
            }
        }
    }

    /// Splits prepared entries into buckets by the top 8 bits of their key range (MSD radix), so
    /// each bucket sorts within the caches; nil when every key is equal. The buckets come back
    /// prepared, in order, with their entries in place.
    private func splitByTopDigit(_ work: SortWork, buffers: SortBuffers) -> [SortWork]? {
        let count = work.end - work.start
        let entries = buffers.entries.slice(work.start, work.end)
        var smallest = UInt64.max
        var largest = UInt64.min
        for index in 0..<count {
            smallest = min(smallest, entries[index].key)
            largest = max(largest, entries[index].key)
        }
        guard smallest != largest else { return nil }
        let bits = 64 - (largest &- smallest).leadingZeroBitCount
        let shift = UInt64(max(0, bits - 8))
        var counts = [Int](repeating: 0, count: 257)
        // With packed keys, where a bucket starts the rows first differ at the key on which the
        // previous bucket's largest and this bucket's smallest key differ (not any two of their rows).
        var bucketSmallest = [UInt64](repeating: .max, count: buffers.packing == nil ? 0 : 256)
        var bucketLargest = [UInt64](repeating: 0, count: buffers.packing == nil ? 0 : 256)
        counts.withUnsafeMutableBufferPointer { counts in
            for index in 0..<count { counts[Int((entries[index].key &- smallest) >> shift) &+ 1] &+= 1 }
        }
        if buffers.packing != nil {
            for index in 0..<count {
                let key = entries[index].key
                let bucket = Int((key &- smallest) >> shift)
                bucketSmallest[bucket] = min(bucketSmallest[bucket], key)
                bucketLargest[bucket] = max(bucketLargest[bucket], key)
            }
        }
        for bucket in 1...256 { counts[bucket] += counts[bucket - 1] }
        let bounds = counts
        let scratch = buffers.scratch.slice(work.start, work.end)
        counts.withUnsafeMutableBufferPointer { counts in
            for index in 0..<count {
                let entry = entries[index]
                let bucket = Int((entry.key &- smallest) >> shift)
                scratch[counts[bucket]] = entry
                counts[bucket] &+= 1
            }
        }
        let permutation = buffers.permutation.slice(work.start, work.end)
        for index in 0..<count {
            entries[index] = scratch[index]
            permutation[index] = scratch[index].row
        }
        var items: [SortWork] = []
        var previousBucket: Int?
        for bucket in 0..<256 where bounds[bucket + 1] > bounds[bucket] {
            let start = work.start + bounds[bucket]
            if let previous = previousBucket {
                let level = buffers.packing.map { $0.firstDifferingKey(bucketSmallest[bucket], bucketLargest[previous]) } ?? work.key
                buffers.setLevel(start, key: level)
            }
            previousBucket = bucket
            items.append(SortWork(start: start, end: work.start + bounds[bucket + 1], key: work.key, part: work.part, isPrepared: true))
        }
        return items
    }

    // MARK: One step

    /// At a key's first part, moves its null rows first or last (keeping row order) and queues
    /// them for the next key; returns the rows with values, or nil when none remain.
    private func separateNulls(_ work: SortWork, buffers: SortBuffers, pending: inout [SortWork]) -> SortWork? {
        let column = columns[work.key]
        guard work.part == kinds[work.key].firstPart, column.nullCount > 0, let validity = column.validity else {
            return work.end > work.start ? work : nil
        }
        let permutation = buffers.permutation.slice(work.start, work.end)
        let count = permutation.count
        // Stable partition through the scratch space: values to the front, nulls to the back.
        let scratch = buffers.rowScratch.slice(work.start, work.end)
        var valueCount = 0
        var nullCount = 0
        validity.words.withUnsafeBufferPointer { words in
            for index in 0..<count {
                let row = Int(permutation[index])
                if (words[row >> 6] >> UInt64(row & 63)) & 1 == 1 {
                    permutation[valueCount] = Int32(row)
                    valueCount += 1
                } else {
                    scratch[nullCount] = Int32(row)
                    nullCount += 1
                }
            }
        }
        if nullCount == 0 { return work }
        let nullsFirst = keys[work.key].nullsFirst
        if nullsFirst {
            // Values move back behind the nulls (from the end, as the ranges may overlap).
            var index = valueCount - 1
            while index >= 0 {
                permutation[nullCount + index] = permutation[index]
                index -= 1
            }
            for index in 0..<nullCount { permutation[index] = scratch[index] }
        } else {
            for index in 0..<nullCount { permutation[valueCount + index] = scratch[index] }
        }
        let nullStart = nullsFirst ? work.start : work.start + valueCount
        let valueStart = nullsFirst ? work.start + nullCount : work.start
        if valueCount > 0 { buffers.setLevel(nullsFirst ? valueStart : nullStart, key: work.key) }
        if nullCount > 1, work.key + 1 < keys.count {
            pending.append(SortWork(start: nullStart, end: nullStart + nullCount, key: work.key + 1, part: kinds[work.key + 1].firstPart))
        }
        guard valueCount > 0 else { return nil }
        return SortWork(start: valueStart, end: valueStart + valueCount, key: work.key, part: work.part)
    }

    private func fillEntries(_ work: SortWork, buffers: SortBuffers) {
        let permutation = UnsafeBufferPointer(buffers.permutation.slice(work.start, work.end))
        let entries = buffers.entries.slice(work.start, work.end)
        guard let base = entries.baseAddress else { return }
        KeyNormalizer.fill(
            columns[work.key], part: work.part, descending: !keys[work.key].isAscending,
            rows: permutation, keys: UnsafeMutableRawPointer(base), stride: MemoryLayout<SortEntry>.stride)
        for index in 0..<permutation.count { entries[index].row = permutation[index] }
    }

    /// Sorts rows by the part's normalized key and queues each group of ties for the next part;
    /// a large range is split by its top digit first.
    private func sortValues(_ work: SortWork, buffers: SortBuffers, pending: inout [SortWork]) {
        let count = work.end - work.start
        let recordsFirstKeys = buffers.firstKeys != nil && work.key == 0 && work.part == kinds[0].firstPart
        guard count > 1 || recordsFirstKeys else { return }
        if !work.isPrepared { fillEntries(work, buffers: buffers) }
        let entries = buffers.entries.slice(work.start, work.end)
        if count >= Self.splitThreshold, let buckets = splitByTopDigit(work, buffers: buffers) {
            pending.append(contentsOf: buckets)
            return
        }
        EntrySorter.sort(entries, scratch: buffers.scratch.slice(work.start, work.end))
        let permutation = buffers.permutation.slice(work.start, work.end)
        for index in 0..<count { permutation[index] = entries[index].row }
        if recordsFirstKeys, let firstKeys = buffers.firstKeys {
            for index in 0..<count { firstKeys[work.start + index] = entries[index].key }
        }
        var groupStart = 0
        for index in 1...count where index == count || entries[index].key != entries[index - 1].key {
            if index < count {
                let level = buffers.packing.map { $0.firstDifferingKey(entries[index].key, entries[index - 1].key) } ?? work.key
                buffers.setLevel(work.start + index, key: level)
            }
            if index - groupStart > 1, let next = nextPart(after: work, key: entries[groupStart].key) {
                pending.append(SortWork(start: work.start + groupStart, end: work.start + index, key: next.key, part: next.part))
            }
            groupStart = index
        }
    }

    /// What to compare rows by once they tie on `work`'s part with normalized key `key`.
    private func nextPart(after work: SortWork, key: UInt64) -> (key: Int, part: KeyPart)? {
        switch work.part {
        case .packed:
            return nil
        case .decimalHigh:
            return (work.key, .decimalLow)
        case .bytes(let offset) where KeyNormalizer.bytesContinue(key, descending: !keys[work.key].isAscending):
            return (work.key, .bytes(offset: offset + 7))
        default:
            return work.key + 1 < keys.count ? (work.key + 1, kinds[work.key + 1].firstPart) : nil
        }
    }
}

/// A range of positions still to sort by one key part.
struct SortWork: Sendable {
    var start: Int
    var end: Int
    var key: Int
    var part: KeyPart
    /// True when nulls are set apart and the entries already hold this part's keys.
    var isPrepared = false
}

/// The buffers of one sort, shared by its threads.
/// `@unchecked Sendable`: the threads work on disjoint position ranges of every buffer.
struct SortBuffers: @unchecked Sendable {
    let permutation: UnsafeMutableBufferPointer<Int32>
    let entries: UnsafeMutableBufferPointer<SortEntry>
    let scratch: UnsafeMutableBufferPointer<SortEntry>
    let rowScratch: UnsafeMutableBufferPointer<Int32>
    let levels: UnsafeMutableBufferPointer<UInt16>?
    /// When given, receives the normalized first key part of each position (nulls: untouched).
    let firstKeys: UnsafeMutableBufferPointer<UInt64>?
    /// Set when the keys were packed into one.
    var packing: KeyPacking?

    /// Records that the row at `position` first differs from the one before at key `key`.
    @inline(__always)
    func setLevel(_ position: Int, key: Int) {
        if let levels { levels[position] = UInt16(truncatingIfNeeded: key) }
    }
}

extension UnsafeMutableBufferPointer {
    /// Elements `start..<end` as a buffer of their own.
    @inline(__always)
    func slice(_ start: Int, _ end: Int) -> UnsafeMutableBufferPointer<Element> {
        UnsafeMutableBufferPointer(rebasing: self[start..<end])
    }
}
