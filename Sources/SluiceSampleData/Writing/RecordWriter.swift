import SluiceFormats
import SluiceCore

/// Formats rows of one table as NDJSON or CSV straight into a byte buffer: no `String`, no
/// encoder, one pass. A table writes a row as a sequence of ``field(_:)`` calls, each
/// followed by one value, and ends it with ``endRow()``.
///
/// Values come from the generators' own lists (checked by ``ByteStrings``) or are numbers
/// and timestamps, so nothing needs escaping: strings are quoted in NDJSON and written bare
/// in CSV. `null` is the literal in NDJSON and an empty cell in CSV.
struct RecordWriter {
    private(set) var bytes: [UInt8] = []
    private let prefixes: ByteStrings
    private let quotesStrings: Bool
    private let rowEnd: UInt8?

    init(layout: TableLayout, format: FileFormat, capacityBytes: Int) {
        prefixes = layout.prefixes(for: format)
        quotesStrings = format == .json
        rowEnd = format == .json ? UInt8(ascii: "}") : nil
        bytes.reserveCapacity(capacityBytes)
    }

    /// Starts the value of `slot` (the key in NDJSON, the separator in CSV).
    @inline(__always)
    mutating func field(_ slot: Int) {
        prefixes.append(slot, to: &bytes)
    }

    /// Marks an optional field as absent: NDJSON leaves the key out, CSV writes an empty cell.
    @inline(__always)
    mutating func absent(_ slot: Int) {
        if !quotesStrings { prefixes.append(slot, to: &bytes) }
    }

    /// Ends the row: `}` and a newline in NDJSON, a newline in CSV.
    @inline(__always)
    mutating func endRow() {
        if let rowEnd { bytes.append(rowEnd) }
        bytes.append(UInt8(ascii: "\n"))
    }

    @inline(__always)
    mutating func null() {
        if quotesStrings { bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }  // null
    }

    /// A non-negative integer in decimal.
    @inline(__always)
    mutating func integer(_ value: Int) {
        precondition(value >= 0, "Sample integers are never negative")
        appendDigits(value, minimumWidth: 1)
    }

    /// A price with exactly two decimals, from whole cents: `1999` → `19.99`.
    @inline(__always)
    mutating func price(cents: Int) {
        appendDigits(cents / 100, minimumWidth: 1)
        bytes.append(UInt8(ascii: "."))
        appendDigits(cents % 100, minimumWidth: 2)
    }

    /// String `index` of `strings`, quoted in NDJSON.
    @inline(__always)
    mutating func string(_ strings: ByteStrings, _ index: Int) {
        beginString()
        strings.append(index, to: &bytes)
        endString()
    }

    /// Opens a string built from parts with ``text(_:_:)`` and ``character(_:)``.
    @inline(__always)
    mutating func beginString() {
        if quotesStrings { bytes.append(UInt8(ascii: "\"")) }
    }

    @inline(__always)
    mutating func endString() {
        if quotesStrings { bytes.append(UInt8(ascii: "\"")) }
    }

    /// Part of a string opened with ``beginString()``.
    @inline(__always)
    mutating func text(_ strings: ByteStrings, _ index: Int) {
        strings.append(index, to: &bytes)
    }

    /// One ASCII character inside a string opened with ``beginString()``.
    @inline(__always)
    mutating func character(_ byte: UInt8) {
        bytes.append(byte)
    }

    /// An ISO-8601 UTC timestamp string with second precision: `2026-11-01T09:05:00Z`.
    @inline(__always)
    mutating func timestamp(epochSeconds: Int) {
        precondition(epochSeconds >= 0, "Sample timestamps are after 1970")
        let (year, month, day) = CivilTime.civil(fromDays: epochSeconds / 86_400)
        let secondOfDay = epochSeconds % 86_400
        beginString()
        appendDigits(year, minimumWidth: 4)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(month, minimumWidth: 2)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(day, minimumWidth: 2)
        bytes.append(UInt8(ascii: "T"))
        appendDigits(secondOfDay / 3600, minimumWidth: 2)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay / 60 % 60, minimumWidth: 2)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay % 60, minimumWidth: 2)
        bytes.append(UInt8(ascii: "Z"))
        endString()
    }

    /// `value` in decimal, left-padded with zeros to `minimumWidth` digits.
    @inline(__always)
    private mutating func appendDigits(_ value: Int, minimumWidth: Int) {
        var width = 1
        var limit = 10
        while value >= limit && width < 19 {
            width += 1
            limit &*= 10
        }
        width = max(width, minimumWidth)
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width))
        var rest = value
        var index = start + width - 1
        while rest > 0 {
            bytes[index] = UInt8(truncatingIfNeeded: rest % 10) &+ UInt8(ascii: "0")
            rest /= 10
            index -= 1
        }
    }
}
