import ArgumentParser
import Foundation
import SluiceCore
import SluiceFormats

/// `sluice schema`: infer and print the schema of files, a folder or a glob.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Infer the schema of lake files and print it as a tree.",
        discussion: """
            Reads a sample of each JSON or CSV file (--sample-records) and infers each field's \
            type; Parquet files carry their schema in their footer. The files' schemas are merged \
            by Sluice's widening rules: int + double → double; integers beyond \
            64 bits → decimal(38,0); different scalar types → string; a field missing from some \
            records or files → nullable. Schema changes between files are listed on stderr.

            Examples:
              sluice schema orders/
              sluice schema 'orders/dt=2026-11-0*/*.json' --json
              sluice schema events.csv.gz --sample-records all
            """)

    @Argument(help: "A file, a folder, or a quoted glob.")
    var path: String

    @Flag(name: .long, help: "Print the schema as JSON for machines.")
    var json = false

    @OptionGroup var input: InputOptions

    func run() throws {
        try reportingErrors { () throws(SluiceError) in
            let dataset = try Dataset(path: path, options: input.datasetOptions)
            if json {
                print(SchemaJSON(dataset: dataset).text)
            } else if dataset.schema.count > 0 {
                print(dataset.schema.treeDescription())
            } else {
                Terminal.writeError("No columns: the input holds no records to infer a schema from.\n")
            }
            let partitions = dataset.partitionKeys.isEmpty ? "" : "; partition columns: " + dataset.partitionKeys.joined(separator: ", ")
            let files = "\(Terminal.count(dataset.files.count)) file\(dataset.files.count == 1 ? "" : "s")"
            let source = dataset.files.allSatisfy { $0.format == .parquet }
                ? "schema from the Parquet footers"
                : "\(Terminal.count(dataset.recordsSampled)) records sampled"
            Terminal.writeError("\(files), \(source)\(partitions)\n")
            if !dataset.changes.isEmpty {
                Terminal.writeError("Schema changes across files:\n")
                for change in dataset.changes.prefix(20) { Terminal.writeError("  - \(change)\n") }
                if dataset.changes.count > 20 { Terminal.writeError("  … and \(dataset.changes.count - 20) more\n") }
            }
        }
    }
}

/// The `--json` form of a schema: fields with Hive type text, nested fields spelled out.
struct SchemaJSON: Encodable {
    struct FieldEntry: Encodable {
        var name: String
        var type: String
        var nullable: Bool
        var fields: [FieldEntry]?
        var partition: Bool?
    }

    var fields: [FieldEntry]
    var partitionKeys: [String]
    var files: Int
    var recordsSampled: Int

    init(dataset: Dataset) {
        fields = dataset.schema.fields.map { field in
            SchemaJSON.entry(field, partition: dataset.partitionKeys.contains(field.name))
        }
        partitionKeys = dataset.partitionKeys
        files = dataset.files.count
        recordsSampled = dataset.recordsSampled
    }

    static func entry(_ field: Field, partition: Bool = false) -> FieldEntry {
        var children: [FieldEntry]?
        if case .struct(let nested) = field.type { children = nested.map { entry($0) } }
        return FieldEntry(name: field.name, type: field.type.description, nullable: field.isNullable,
                          fields: children, partition: partition ? true : nil)
    }

    var text: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
