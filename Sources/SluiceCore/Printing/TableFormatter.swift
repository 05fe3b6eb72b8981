/// Renders record batches as an aligned text table for terminals:
///
///     ┌──────────┬────────┬─────────────────────┐
///     │ order_id │ price  │ device              │
///     │ bigint   │ double │ struct<os:string>   │
///     ├──────────┼────────┼─────────────────────┤
///     │        1 │   9.99 │ {os: "ios"}         │
///     └──────────┴────────┴─────────────────────┘
///
/// Numbers align right, text left; cells wider than ``maximumCellWidth`` are cut with `…`;
/// East Asian wide characters count as two columns so Korean and Japanese text lines up.
public struct TableFormatter: Sendable {
    /// Widest a cell may be before it is cut (display columns); keeps wide values readable.
    public var maximumCellWidth = 40
    /// Whether to print each column's type under its name.
    public var showsTypes = true
    /// Plain ASCII borders (`+`, `-`, `|`) instead of box-drawing characters.
    public var asciiOnly = false

    public init(maximumCellWidth: Int = 40, showsTypes: Bool = true, asciiOnly: Bool = false) {
        self.maximumCellWidth = maximumCellWidth
        self.showsTypes = showsTypes
        self.asciiOnly = asciiOnly
    }

    /// The table for all rows of `batches` (which share `schema`), with a footer line
    /// such as `3 rows` when `footer` is true.
    public func render(schema: Schema, batches: [RecordBatch], footer: Bool = true) -> String {
        guard schema.count > 0 else {
            let rows = batches.reduce(0) { $0 + $1.count }
            return "(no columns)" + (footer ? "\n" + (rows == 1 ? "1 row" : "\(rows) rows") : "")
        }
        let header = schema.names.map { clip($0) }
        let types = schema.fields.map { clip($0.type.description) }
        var rows: [[String]] = []
        for batch in batches {
            for rowIndex in 0..<batch.count {
                rows.append(batch.columns.map { clip($0.value(at: rowIndex).displayText) })
            }
        }
        let rightAligned = schema.fields.map { $0.type.isNumeric }
        var widths = header.map(DisplayWidth.of)
        for column in 0..<schema.count {
            if showsTypes { widths[column] = max(widths[column], DisplayWidth.of(types[column])) }
            for row in rows { widths[column] = max(widths[column], DisplayWidth.of(row[column])) }
        }
        let box = asciiOnly
            ? Box(horizontal: "-", vertical: "|", top: ("+", "+", "+"), middle: ("+", "+", "+"), bottom: ("+", "+", "+"))
            : Box(horizontal: "─", vertical: "│", top: ("┌", "┬", "┐"), middle: ("├", "┼", "┤"), bottom: ("└", "┴", "┘"))
        var lines: [String] = []
        lines.append(box.rule(widths, box.top))
        lines.append(box.line(header, widths, rightAligned: nil))
        if showsTypes { lines.append(box.line(types, widths, rightAligned: nil)) }
        lines.append(box.rule(widths, box.middle))
        for row in rows { lines.append(box.line(row, widths, rightAligned: rightAligned)) }
        lines.append(box.rule(widths, box.bottom))
        if footer { lines.append(rows.count == 1 ? "1 row" : "\(rows.count) rows") }
        return lines.joined(separator: "\n")
    }

    public func render(_ batch: RecordBatch, footer: Bool = true) -> String {
        render(schema: batch.schema, batches: [batch], footer: footer)
    }

    private func clip(_ text: String) -> String {
        var cleaned = text
        if cleaned.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\t" }) {
            cleaned = cleaned.replacing("\r\n", with: "↵").replacing("\n", with: "↵")
                .replacing("\r", with: "↵").replacing("\t", with: " ")
        }
        guard DisplayWidth.of(cleaned) > maximumCellWidth else { return cleaned }
        var result = ""
        var width = 0
        for character in cleaned {
            let characterWidth = DisplayWidth.of(character)
            if width + characterWidth > maximumCellWidth - 1 { break }
            result.append(character)
            width += characterWidth
        }
        return result + "…"
    }
}

/// Border characters of a table style.
private struct Box {
    let horizontal: String
    let vertical: String
    let top: (String, String, String)
    let middle: (String, String, String)
    let bottom: (String, String, String)

    func rule(_ widths: [Int], _ corners: (String, String, String)) -> String {
        corners.0 + widths.map { String(repeating: horizontal, count: $0 + 2) }.joined(separator: corners.1) + corners.2
    }

    func line(_ cells: [String], _ widths: [Int], rightAligned: [Bool]?) -> String {
        var parts: [String] = []
        for (index, cell) in cells.enumerated() {
            let padding = String(repeating: " ", count: widths[index] - DisplayWidth.of(cell))
            let right = rightAligned?[index] ?? false
            parts.append(" " + (right ? padding + cell : cell + padding) + " ")
        }
        return vertical + parts.joined(separator: vertical) + vertical
    }
}

/// How many terminal columns text occupies: two for East Asian wide and full-width
/// characters, zero for combining marks, one otherwise.
public enum DisplayWidth {
    public static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    public static func of(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        let value = scalar.value
        if value < 0x300 { return 1 }
        if (0x300...0x36F).contains(value) || (0x200B...0x200F).contains(value) { return 0 }
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
        ]
        return wide.contains { $0.contains(value) } ? 2 : 1
    }
}
