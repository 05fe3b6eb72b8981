/// Where an error happened: any of file, line, column (1-based, in bytes), record and field.
public struct ErrorLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var column: Int?
    /// 1-based record (row) number, for formats where lines and records differ.
    public var record: Int?
    /// A field or column name, dotted for nested fields (`device.os`).
    public var field: String?
    /// 0-based row group of a Parquet file, as `sluice parquet-meta` and pyarrow number them.
    public var rowGroup: Int?

    public init(
        file: String? = nil, line: Int? = nil, column: Int? = nil, record: Int? = nil, field: String? = nil,
        rowGroup: Int? = nil
    ) {
        self.rowGroup = rowGroup
        self.file = file
        self.line = line
        self.column = column
        self.record = record
        self.field = field
    }

    public var isEmpty: Bool { file == nil && line == nil && column == nil && record == nil && field == nil && rowGroup == nil }

    /// `orders/part-7.json, line 1204, column 18, field 'price'`; `part-0.parquet, row group 2, field 'price'`.
    public var description: String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let line { parts.append("line \(line)") }
        if let column { parts.append("column \(column)") }
        if let rowGroup { parts.append("row group \(rowGroup)") }
        if let record { parts.append("record \(record)") }
        if let field { parts.append("field '\(field)'") }
        return parts.joined(separator: ", ")
    }
}
