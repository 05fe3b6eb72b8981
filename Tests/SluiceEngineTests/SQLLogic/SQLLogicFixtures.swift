import Foundation
import SluiceCore
import SluiceFormats
import SluiceTestSupport

/// Where the `.slt` files and their data live, and the placeholders their SQL uses:
/// `__DATA__` is the absolute path of `sql/data`, `__PARQUET__` a temporary folder holding
/// Parquet copies of the JSON fixtures (same relative paths, `.parquet` instead of `.json`),
/// written once per process with ``ParquetWriter`` so no binary file is committed.
enum SQLLogicFixtures {
    /// `Tests/SluiceEngineTests/sql`, found from this source file's path.
    static let sqlFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("sql").path

    static let dataFolder = sqlFolder + "/data"

    /// Every `.slt` file under ``sqlFolder``, as paths relative to it, sorted.
    static let files: [String] = {
        guard let walker = FileManager.default.enumerator(atPath: sqlFolder) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            if relative.hasSuffix(".slt") { found.append(relative) }
        }
        return found.sorted()
    }()

    static func text(of file: String) throws -> String {
        try String(contentsOfFile: sqlFolder + "/" + file, encoding: .utf8)
    }

    /// The Parquet copies, made on first use; a failure is kept and reported by every user.
    static let parquetCopies: Result<String, SluiceError> = {
        do throws(SluiceError) {
            return .success(try writeParquetCopies())
        } catch {
            return .failure(error)
        }
    }()

    /// The SQL with its placeholders replaced.
    static func resolve(_ sql: String) throws(SluiceError) -> String {
        var resolved = sql.replacingOccurrences(of: "__DATA__", with: dataFolder)
        if resolved.contains("__PARQUET__") {
            resolved = resolved.replacingOccurrences(of: "__PARQUET__", with: try parquetCopies.get())
        }
        return resolved
    }

    /// Reads every non-empty `.json` fixture with Sluice's JSON reader (inferring its schema)
    /// and writes it as Parquet under a fresh temporary folder, keeping the folder layout so
    /// Hive partitions (`events/dt=…/part-0.parquet`) stay partitions.
    private static func writeParquetCopies() throws(SluiceError) -> String {
        let folder = FileManager.default.temporaryDirectory.path + "/sluice-slt-parquet-\(UUID().uuidString)"
        guard let walker = FileManager.default.enumerator(atPath: dataFolder) else {
            throw SluiceError(domain: .io, code: "file.notFound", message: "The fixture folder '\(dataFolder)' cannot be read.")
        }
        var sources: [String] = []
        while let relative = walker.nextObject() as? String {
            if relative.hasSuffix(".json"), FileSystem.sizeBytes(of: dataFolder + "/" + relative) > 0 { sources.append(relative) }
        }
        for relative in sources.sorted() {
            let reader = try JSONReader(path: dataFolder + "/" + relative)
            let batches = try reader.readAll()
            let target = folder + "/" + String(relative.dropLast(".json".count)) + ".parquet"
            try FileSystem.createFolders((target as NSString).deletingLastPathComponent)
            let writer = try ParquetWriter(path: target, schema: reader.schema)
            for batch in batches { try writer.write(batch) }
            try writer.finish()
        }
        return folder
    }
}
