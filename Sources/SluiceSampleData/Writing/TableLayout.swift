import SluiceFormats

/// The columns of a sample table and the bytes that go before each value in NDJSON and CSV.
///
/// A table writes its values through numbered *slots*, one per column plus one that closes
/// each nested object. In NDJSON a slot's prefix is the key (`{"order_id":`, `,"device":{"os":`,
/// `}` for the close); in CSV it is the separator, and a nested object's children become
/// columns named `parent_child` (`device_os`). Precomputing the prefixes keeps the row loop to
/// plain byte copies.
struct TableLayout: Sendable {
    /// A column of a sample table.
    enum Column: Sendable {
        /// A value present in every row (it may be `null`).
        case required(String)
        /// A field that most rows leave out: NDJSON omits the key, CSV leaves the cell empty.
        case optional(String)
        /// A nested object whose keys are the given required columns.
        case object(String, [String])
    }

    /// The CSV column names in order, nested children flattened with `_`.
    let csvColumnNames: [String]
    private let jsonPrefixes: ByteStrings
    private let csvPrefixes: ByteStrings
    /// How many slots a row has: one per column plus one per nested object.
    let slotCount: Int

    init(_ columns: [Column]) {
        var json: [String] = []
        var csv: [String] = []
        var names: [String] = []
        var first = true
        func add(jsonKey: String, csvName: String) {
            json.append((first ? "{" : ",") + "\"\(jsonKey)\":")
            csv.append(first ? "" : ",")
            names.append(csvName)
            first = false
        }
        for column in columns {
            switch column {
            case .required(let name):
                add(jsonKey: name, csvName: name)
            case .optional(let name):
                precondition(!first, "An optional column cannot come first")
                add(jsonKey: name, csvName: name)
            case .object(let name, let children):
                precondition(!first && !children.isEmpty, "A nested object needs a column before it and children")
                for (index, child) in children.enumerated() {
                    add(jsonKey: child, csvName: "\(name)_\(child)")
                    if index == 0 { json[json.count - 1] = ",\"\(name)\":{\"\(child)\":" }
                }
                // The slot that closes the object: `}` in JSON, nothing in CSV.
                json.append("}")
                csv.append("")
            }
        }
        csvColumnNames = names
        slotCount = json.count
        jsonPrefixes = ByteStrings(json, checked: false)
        csvPrefixes = ByteStrings(csv, checked: false)
    }

    /// The slot prefixes for `format`.
    func prefixes(for format: FileFormat) -> ByteStrings {
        format == .json ? jsonPrefixes : csvPrefixes
    }

    /// The bytes a file of this table starts with: the header line for CSV, nothing for NDJSON.
    func fileHeader(for format: FileFormat) -> [UInt8] {
        format == .csv ? Array((csvColumnNames.joined(separator: ",") + "\n").utf8) : []
    }
}
