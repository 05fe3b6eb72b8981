import ArgumentParser
import SluiceCore
import SluiceFormats

/// `sluice head`: print the first rows of lake files as a table.
struct HeadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "head",
        abstract: "Print the first rows of lake files as an aligned table.",
        discussion: """
            Examples:
              sluice head orders/dt=2026-11-01/part-0.json
              sluice head orders/ -n 5 --ascii
            """)

    @Argument(help: "A file, a folder, or a quoted glob.")
    var path: String

    @Option(name: .shortAndLong, help: "Rows to print.")
    var n: Int = 20

    @Flag(name: .long, help: "Draw the table with plain ASCII (+, -, |).")
    var ascii = false

    @Option(name: .long, help: "Cut cells wider than this many characters.")
    var maxWidth: Int = 40

    @OptionGroup var input: InputOptions

    func validate() throws {
        guard n >= 0 else { throw ValidationError("-n must be 0 or more, not \(n).") }
        guard maxWidth >= 4 else { throw ValidationError("--max-width must be at least 4.") }
    }

    func run() throws {
        try reportingErrors { () throws(SluiceError) in
            let dataset = try Dataset(path: path, options: input.datasetOptions)
            let reader = try dataset.makeReader()
            var batches: [RecordBatch] = []
            var remaining = n
            while remaining > 0, let batch = try reader.next() {
                let kept = batch.prefix(remaining)
                batches.append(kept)
                remaining -= kept.count
            }
            let formatter = TableFormatter(maximumCellWidth: maxWidth, asciiOnly: ascii)
            print(formatter.render(schema: dataset.schema, batches: batches))
        }
    }
}
