import SluiceCore

/// Step 1 of reading a CSV file without being told its shape: find the delimiter.
///
/// Overview of the detection steps (one file each):
/// 1. ``CSVDialectSniffer`` picks the delimiter from the first ``prefixBytes`` of the file.
/// 2. ``CSVSchemaInference`` classifies every field of a sample of records into a type and
///    widens per column with ``TypeWidening``.
/// 3. ``CSVHeaderDetection`` decides from the first row and the column types whether the
///    first row is a header.
enum CSVDialectSniffer {
    /// Bytes read from the start of the file to detect the delimiter: enough for about a
    /// hundred typical records, small enough to cost nothing.
    static let prefixBytes = 64 * 1024
    /// Records examined per candidate delimiter.
    static let sampleRecords = 100
    /// The candidates, in the order that breaks ties.
    static let candidates: [UInt8] = [UInt8(ascii: ","), 0x09, UInt8(ascii: "|"), UInt8(ascii: ";")]

    /// The first ``prefixBytes`` of the (decompressed) file without a UTF-8 byte order mark,
    /// and whether that is the whole file.
    static func readPrefix(path: String) throws(SluiceError) -> (bytes: [UInt8], isWholeFile: Bool) {
        let source = try ByteSource(path: path)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(prefixBytes)
        var isWholeFile = false
        while bytes.count < prefixBytes {
            if try source.read(into: &bytes, maximumBytes: prefixBytes - bytes.count) == 0 {
                isWholeFile = true
                break
            }
        }
        stripByteOrderMark(&bytes)
        return (bytes, isWholeFile)
    }

    /// Removes a leading UTF-8 byte order mark.
    static func stripByteOrderMark(_ bytes: inout [UInt8]) {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { bytes.removeFirst(3) }
    }

    /// The delimiter to read `path` with: the one given, tab for `.tsv` files, or the
    /// candidate that splits the first records into the most consistent number of fields.
    static func delimiter(for path: String, options: CSVReadOptions, prefix: [UInt8], isWholeFile: Bool) -> UInt8 {
        if let delimiter = options.delimiter { return delimiter }
        var name = path.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        if name.hasSuffix(".tsv") { return 0x09 }
        return detectDelimiter(in: prefix, isWholeFile: isWholeFile, quote: options.quote)
    }

    /// For each candidate, tokenizes up to ``sampleRecords`` records (quote-aware) and counts
    /// fields per record. The winner has the largest share of records with its most common
    /// field count, which must be at least 2; ties go to more fields, then to candidate order.
    /// A malformed record counts against its candidate. `,` when no candidate splits anything.
    static func detectDelimiter(in prefix: [UInt8], isWholeFile: Bool, quote: UInt8?) -> UInt8 {
        var best: (delimiter: UInt8, share: Double, fieldCount: Int)?
        prefix.withUnsafeBytes { bytes in
            for candidate in candidates where candidate != quote {
                var tokenizer = CSVTokenizer(delimiter: candidate, quote: quote)
                var fields: [CSVFieldSpan] = []
                var counts: [Int] = []
                scan: while counts.count < sampleRecords {
                    switch tokenizer.nextRecord(in: bytes, fields: &fields, isFinal: isWholeFile) {
                    case .record: counts.append(fields.count)
                    case .malformed: counts.append(-1)
                    case .end, .incomplete: break scan
                    }
                }
                var frequency: [Int: Int] = [:]
                for count in counts where count > 0 { frequency[count, default: 0] += 1 }
                guard let (mode, agreeing) = frequency.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }), mode >= 2
                else { continue }
                let share = Double(agreeing) / Double(counts.count)
                if best == nil || share > best!.share || (share == best!.share && mode > best!.fieldCount) {
                    best = (candidate, share, mode)
                }
            }
        }
        return best?.delimiter ?? UInt8(ascii: ",")
    }
}
