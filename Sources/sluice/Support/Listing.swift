import ArgumentParser
import Foundation
import SluiceCore

/// Prints listings for people (an aligned table) or machines (JSON).
enum Listing {
    /// An aligned table of text cells, drawn like query results without the type row.
    static func table(_ header: [String], _ rows: [[String]], ascii: Bool = false, maximumCellWidth: Int = 60) -> String {
        let schema = Schema(header.map { Field($0, .string) })
        let builder = RecordBatchBuilder(schema: schema, capacity: rows.count)
        for row in rows { try? builder.append(row: row.map { Value.string($0) }) }
        let formatter = TableFormatter(maximumCellWidth: maximumCellWidth, showsTypes: false, asciiOnly: ascii)
        return formatter.render(schema: schema, batches: [builder.finish()], footer: false)
    }

    /// Pretty JSON with sorted keys.
    static func json<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// `2026-11-21 10:04:05` (UTC) for seconds since 1970.
    static func time(_ seconds: Double?) -> String {
        guard let seconds else { return "" }
        return CivilTime.formatTimestamp(microseconds: Int64(seconds.rounded()) * 1_000_000)
    }
}

/// `--format table|json` for listing commands.
enum ListingFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// `--format` and `--ascii`, shared by every command that prints a listing.
struct ListingOptions: ParsableArguments {
    @Option(name: .long, help: "table or json.") var format: ListingFormat = .table
    @Flag(name: .long, help: "Draw tables with plain ASCII.") var ascii = false
}
