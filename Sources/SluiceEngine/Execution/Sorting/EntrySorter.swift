/// One row to sort: its normalized key and its row number in the run.
struct SortEntry {
    var key: UInt64
    var row: Int32
}

/// Sorts ``SortEntry``s by key, then row: insertion sort for a few entries, an LSD radix sort
/// (8-bit digits) for more. The radix sort subtracts the smallest
/// key first and skips digits that are the same for every entry, so small ranges of values take
/// one or two passes whatever their type. Entries arrive in increasing row order (every caller
/// keeps that), which the stable radix passes preserve among equal keys.
enum EntrySorter {
    static func sort(_ entries: UnsafeMutableBufferPointer<SortEntry>, scratch: UnsafeMutableBufferPointer<SortEntry>) {
        let count = entries.count
        guard count > 1 else { return }
        if count <= 32 {
            insertionSort(entries)
            return
        }
        var smallest = entries[0].key
        var largest = smallest
        for index in 1..<count {
            let key = entries[index].key
            smallest = min(smallest, key)
            largest = max(largest, key)
        }
        if smallest == largest { return }
        radixSort(entries, scratch: scratch, smallest: smallest, largest: largest)
    }

    private static func insertionSort(_ entries: UnsafeMutableBufferPointer<SortEntry>) {
        for index in 1..<entries.count {
            let entry = entries[index]
            var position = index
            // Strictly greater keys move right: equal keys keep their (row) order.
            while position > 0, entries[position - 1].key > entry.key {
                entries[position] = entries[position - 1]
                position -= 1
            }
            entries[position] = entry
        }
    }

    private static func radixSort(
        _ entries: UnsafeMutableBufferPointer<SortEntry>, scratch: UnsafeMutableBufferPointer<SortEntry>,
        smallest: UInt64, largest: UInt64
    ) {
        let count = entries.count
        let range = largest &- smallest
        let digits = (64 - range.leadingZeroBitCount + 7) / 8
        var counts = [Int](repeating: 0, count: 256 * digits)
        counts.withUnsafeMutableBufferPointer { counts in
            for index in 0..<count {
                var value = entries[index].key &- smallest
                for digit in 0..<digits {
                    counts[digit &* 256 &+ Int(value & 0xFF)] &+= 1
                    value >>= 8
                }
            }
            var source = entries
            var target = scratch
            for digit in 0..<digits {
                let base = digit * 256
                // A digit shared by every entry changes nothing.
                if counts[base + Int(((source[0].key &- smallest) >> UInt64(8 * digit)) & 0xFF)] == count { continue }
                var total = 0
                for bucket in 0..<256 {
                    let bucketCount = counts[base + bucket]
                    counts[base + bucket] = total
                    total += bucketCount
                }
                let shift = UInt64(8 * digit)
                for index in 0..<count {
                    let entry = source[index]
                    let bucket = base &+ Int(((entry.key &- smallest) >> shift) & 0xFF)
                    target[counts[bucket]] = entry
                    counts[bucket] &+= 1
                }
                swap(&source, &target)
            }
            if source.baseAddress != entries.baseAddress, let from = source.baseAddress, let to = entries.baseAddress {
                to.update(from: from, count: count)
            }
        }
    }
}
