import SluiceCore

/// Step 3 of CSV detection (see ``CSVDialectSniffer``): is the first row a header?
///
/// The rule, after Glue's CSV classifier:
/// 1. Every first-row value must be present (not empty, not a null marker), must read as
///    text (not a boolean, number, date or timestamp), and the values must be distinct.
///    Otherwise there is no header.
/// 2. If some column's data rows (the sample after the first row) have a non-text type,
///    the first row is a header: its text sits above numbers, dates or booleans.
/// 3. If every column is text (or null) in the data rows, the first row is a header when
///    none of its values appears again in its column within the sample — names are not
///    repeated as data. A file of one row is a header only.
///
/// With an explicit schema, the first row is a header when its values equal the field
/// names (ignoring letter case), or when rule 1 holds and some field of the schema has a
/// type other than string or binary.
enum CSVHeaderDetection {
    static func isHeader(firstRow: [String?], dataTypes: [DataType?], valueRepeatsInData: [Bool]) -> Bool {
        guard readsAsNames(firstRow) else { return false }
        if dataTypes.contains(where: { $0 != nil && $0 != .string }) { return true }
        return !valueRepeatsInData.contains(true)
    }

    static func isHeader(firstRow: [String?], schema: Schema) -> Bool {
        let names = firstRow.map { $0?.lowercased() }
        if names == schema.names.map({ $0.lowercased() }) { return true }
        guard readsAsNames(firstRow) else { return false }
        return schema.fields.contains { $0.type != .string && $0.type != .binary }
    }

    /// Rule 1: all present, all text, all distinct.
    private static func readsAsNames(_ firstRow: [String?]) -> Bool {
        var seen = Set<String>()
        for value in firstRow {
            guard let value, !value.isEmpty, seen.insert(value).inserted else { return false }
            var text = value
            let type = text.withUTF8 { CSVValueParsing.classify(UnsafeRawBufferPointer($0)) }
            guard type == .string else { return false }
        }
        return true
    }
}
