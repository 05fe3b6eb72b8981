import SluiceCore
import SluiceTestSupport
@testable import SluiceFormats

extension TemporaryFolder {
    /// Writes `text` gzip-compressed through ``ByteSink`` and returns the file's path.
    func writeGzip(_ text: String, name: String) throws -> String {
        let path = file(name)
        let sink = try ByteSink(path: path)
        try sink.write(Array(text.utf8))
        try sink.commit()
        return path
    }
}

/// Reads a whole file; returns the reader (for schema and rejected records) and all rows.
func readCSV(_ path: String, _ options: CSVReadOptions = CSVReadOptions()) throws(SluiceError) -> (reader: CSVReader, rows: [[Value]]) {
    let reader = try CSVReader(path: path, options: options)
    var rows: [[Value]] = []
    for batch in try reader.readAll() { rows.append(contentsOf: batch.rows) }
    return (reader, rows)
}

/// The error a throwing call raised, or nil.
func csvError(_ body: () throws(SluiceError) -> Void) -> SluiceError? {
    do {
        try body()
        return nil
    } catch {
        return error
    }
}
