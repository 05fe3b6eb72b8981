import ArgumentParser
import Foundation
import SluiceCore
import SluiceFormats

/// `sluice parquet-meta`: what a Parquet file holds, from its footer alone.
struct ParquetMetaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parquet-meta",
        abstract: "Show a Parquet file's footer: schema, row groups, column chunks and statistics.",
        discussion: """
            Reads only the footer, so it is instant on files of any size. For each row group it \
            lists every column chunk: physical type, codec, encodings, value and null counts, \
            compressed and uncompressed sizes, and the minimum and maximum the writer recorded \
            (what engines use to skip row groups). Row groups are numbered from 0, as pyarrow \
            and error messages number them.

            Examples:
              sluice parquet-meta orders/dt=2026-11-03/part-0.parquet
              sluice parquet-meta events.parquet --row-groups 0-2
            """)

    @Argument(help: "A Parquet file.")
    var path: String

    @Option(name: .long, help: ArgumentHelp("Only these row groups (e.g. 0, 3-5).", valueName: "range"))
    var rowGroups: String?

    @Option(name: .long, help: "Widest a statistics value may print before it is cut.")
    var maxWidth = 24

    func run() throws {
        try reportingErrors { () throws(SluiceError) in
            let file = try RandomAccessFile(path: path)
            let metadata = try ParquetFooter.read(file)
            let schema: ParquetFileSchema
            do throws(SluiceError) {
                schema = try ParquetFileSchema(elements: metadata.schema)
            } catch {
                throw error.locatedIn(file: path)
            }
            print(summary(metadata, fileSize: file.sizeBytes))
            print("")
            print("Schema:")
            print(schema.schema.treeDescription())
            for index in try selectedRowGroups(metadata.rowGroups.count) {
                print("")
                print(rowGroupTable(metadata.rowGroups[index], index: index, schema: schema))
            }
        }
    }

    private func summary(_ metadata: ParquetFileMetadata, fileSize: Int) -> String {
        let groups = metadata.rowGroups.count
        var lines = [
            "File:        \(path) (\(Terminal.bytes(fileSize)))",
            "Created by:  \(metadata.createdBy ?? "(not recorded)")",
            "Rows:        \(Terminal.count(Int(metadata.numRows))) in \(Terminal.count(groups)) row group\(groups == 1 ? "" : "s")",
            "Version:     \(metadata.version)",
        ]
        if !metadata.keyValueMetadata.isEmpty {
            let entries = metadata.keyValueMetadata.map { entry in
                let size = entry.value?.utf8.count ?? 0
                return size > 40 ? "\(entry.key) (\(Terminal.bytes(size)))" : "\(entry.key)=\(entry.value ?? "")"
            }
            lines.append("Metadata:    " + entries.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    private func rowGroupTable(_ rowGroup: ParquetRowGroup, index: Int, schema: ParquetFileSchema) -> String {
        let compressed = rowGroup.columns.reduce(0) { $0 + Int($1.metadata?.totalCompressedSize ?? 0) }
        let uncompressed = rowGroup.columns.reduce(0) { $0 + Int($1.metadata?.totalUncompressedSize ?? 0) }
        let title = "Row group \(index): \(Terminal.count(Int(rowGroup.numRows))) rows, "
            + "\(Terminal.bytes(compressed)) compressed, \(Terminal.bytes(uncompressed)) uncompressed"
        let names = ["column", "type", "codec", "encodings", "values", "nulls", "compressed", "uncompressed", "min", "max"]
        let tableSchema = Schema(names.map { Field($0, .string) })
        let builder = RecordBatchBuilder(schema: tableSchema)
        for (leafIndex, chunk) in rowGroup.columns.enumerated() {
            guard let column = chunk.metadata else { continue }
            let leaf = leafIndex < schema.leaves.count ? schema.leaves[leafIndex] : nil
            var bounds: (min: Value?, max: Value?) = (nil, nil)
            if let statistics = column.statistics, let leaf { bounds = ParquetStatisticsValues.bounds(statistics, leaf: leaf) }
            let cells: [String] = [
                column.pathInSchema.joined(separator: "."),
                column.type.description,
                column.codec.description,
                column.encodings.map(\.description).joined(separator: ","),
                Terminal.count(Int(column.numValues)),
                column.statistics?.nullCount.map { Terminal.count(Int($0)) } ?? "",
                Terminal.bytes(Int(column.totalCompressedSize)),
                Terminal.bytes(Int(column.totalUncompressedSize)),
                clip(bounds.min?.displayText ?? ""),
                clip(bounds.max?.displayText ?? ""),
            ]
            try? builder.append(row: cells.map { .string($0) })
        }
        let table = TableFormatter(maximumCellWidth: 60, showsTypes: false)
            .render(schema: tableSchema, batches: [builder.finish()], footer: false)
        return title + "\n" + table
    }

    private func clip(_ text: String) -> String {
        text.count > maxWidth ? String(text.prefix(maxWidth - 1)) + "…" : text
    }

    /// The row groups `--row-groups` names (all by default).
    private func selectedRowGroups(_ count: Int) throws(SluiceError) -> [Int] {
        guard let rowGroups else { return Array(0..<count) }
        var selected: [Int] = []
        for part in rowGroups.split(separator: ",") {
            let bounds = part.split(separator: "-", maxSplits: 1).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard let first = bounds.first ?? nil, bounds.allSatisfy({ $0 != nil }) else {
                throw SluiceError(
                    domain: .usage, code: "usage.rowGroups", message: "'\(part)' is not a row group or a range.",
                    hint: "Write row groups like 0, 3-5.")
            }
            let last = bounds.count == 2 ? bounds[1]! : first
            guard first >= 0, last >= first, last < count else {
                throw SluiceError(
                    domain: .usage, code: "usage.rowGroups",
                    message: "row groups \(part) are out of range: the file has \(count) (0-\(count - 1)).",
                    hint: "Pick row groups between 0 and \(count - 1).")
            }
            selected += Array(first...last)
        }
        return selected
    }
}
