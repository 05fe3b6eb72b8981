#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import SluiceCore

/// Writes batches into Hive-style partition folders (`out/dt=2026-11-03/part-0.parquet`), one
/// file per partition, the partition columns taken out of the files (their values live in
/// the folder names, which is how Spark, Athena, Glue and Sluice read them back).
///
/// The output appears whole or not at all: files are written in a hidden staging folder next
/// to the target, which is renamed into place by ``finish()``. Null partition values go to
/// `__HIVE_DEFAULT_PARTITION__`, as Hive and Spark write them.
public final class PartitionedWriter: BatchWriter {
    public let folder: String
    public let schema: Schema
    public let partitionColumns: [String]
    /// Files written, once ``finish()`` returned.
    public private(set) var filesWritten = 0
    private let fileName: String
    private let makeWriter: (String, Schema) throws(SluiceError) -> any BatchWriter
    private let stagingFolder: String
    private let partitionIndices: [Int]
    private let dataIndices: [Int]
    private let dataSchema: Schema
    private var writers: [String: any BatchWriter] = [:]
    private var finished = false

    /// `makeWriter` opens one file of the data columns (the schema without the partition
    /// columns) at a path; `fileName` names each file inside its partition folder.
    public init(
        folder: String, schema: Schema, partitionColumns: [String], fileName: String,
        makeWriter: @escaping (String, Schema) throws(SluiceError) -> any BatchWriter
    ) throws(SluiceError) {
        var target = folder
        while target.count > 1 && target.hasSuffix("/") { target.removeLast() }
        self.folder = target
        self.schema = schema
        self.partitionColumns = partitionColumns
        self.fileName = fileName
        self.makeWriter = makeWriter
        var partitionIndices: [Int] = []
        for name in partitionColumns {
            guard let index = schema.index(of: name) else {
                throw SluiceError(
                    domain: .usage, code: "usage.partitionColumn",
                    message: "Cannot partition by '\(name)': there is no such column; the columns are \(schema.names.joined(separator: ", ")).",
                    hint: "Name one of the input's columns (`sluice schema` lists them).")
            }
            guard !schema.fields[index].type.isNested else {
                throw SluiceError(
                    domain: .usage, code: "usage.partitionColumn",
                    message: "Cannot partition by '\(name)': it is a \(schema.fields[index].type), not a plain value.",
                    hint: "Partition by a column of text, numbers or dates.")
            }
            partitionIndices.append(index)
        }
        guard partitionIndices.count < schema.count else {
            throw SluiceError(
                domain: .usage, code: "usage.partitionColumn",
                message: "Partitioning by every column leaves no data to write in the files.",
                hint: "Partition by fewer columns.")
        }
        self.partitionIndices = partitionIndices
        dataIndices = schema.fields.indices.filter { !partitionIndices.contains($0) }
        dataSchema = Schema(dataIndices.map { schema.fields[$0] })
        if FileSystem.isDirectory(target) && !FileSystem.isEmptyDirectory(target) {
            throw SluiceError(
                domain: .io, code: "file.exists",
                message: "The output folder '\(target)' already holds files.",
                hint: "Remove it or name a new folder: a partitioned output replaces the whole folder.")
        }
        let slash = target.lastIndex(of: "/")
        let parent = slash.map { String(target[..<$0]) } ?? "."
        let base = slash.map { String(target[target.index(after: $0)...]) } ?? target
        stagingFolder = (parent.isEmpty ? "" : parent + "/") + ".\(base).partial-\(getpid())"
        FileSystem.removeTree(stagingFolder)
        try FileSystem.createFolders(stagingFolder)
    }

    public func write(_ batch: RecordBatch) throws(SluiceError) {
        guard batch.count > 0 else { return }
        var groups: [String: [Int32]] = [:]
        var order: [String] = []
        var key = ""
        for row in 0..<batch.count {
            // The folder name is built only where the partition values change (input is
            // usually clustered by them: one run per batch).
            if row == 0 || !partitionIndices.allSatisfy({ batch.columns[$0].sameValue(at: row, as: row - 1) }) {
                key = partitionPath(batch, row: row)
                if groups[key] == nil {
                    order.append(key)
                    groups[key] = []
                }
            }
            groups[key]!.append(Int32(row))
        }
        let data = try RecordBatch(schema: dataSchema, columns: dataIndices.map { batch.columns[$0] })
        for key in order {
            let rows = groups[key]!
            let part = rows.count == batch.count ? data : data.take(rows)
            try writer(for: key).write(part)
        }
    }

    private func writer(for key: String) throws(SluiceError) -> any BatchWriter {
        if let writer = writers[key] { return writer }
        let partitionFolder = stagingFolder + "/" + key
        try FileSystem.createFolders(partitionFolder)
        let writer = try makeWriter(partitionFolder + "/" + fileName, dataSchema)
        writers[key] = writer
        return writer
    }

    /// `key=value/key=value` for one row, values escaped as Hive escapes them.
    private func partitionPath(_ batch: RecordBatch, row: Int) -> String {
        var path = ""
        for (position, index) in partitionIndices.enumerated() {
            if position > 0 { path += "/" }
            let value = batch.columns[index].value(at: row)
            let text = value.isNull ? "__HIVE_DEFAULT_PARTITION__" : Self.escape(value.displayText)
            path += Self.escape(partitionColumns[position]) + "=" + text
        }
        return path
    }

    /// Percent-escapes the characters Hive escapes in partition folder names (control
    /// characters, `/`, `=`, `%`, quotes and a few more), so any value makes one folder level.
    static func escape(_ text: String) -> String {
        let special = Set("\"#%'*/:=?\\\u{7F}{[]^".utf8)
        guard text.utf8.contains(where: { $0 < 0x20 || special.contains($0) }) else { return text }
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            guard byte < 0x20 || special.contains(byte) else {
                bytes.append(byte)
                continue
            }
            let hex = Array(String(byte, radix: 16, uppercase: true).utf8)
            bytes.append(UInt8(ascii: "%"))
            if hex.count == 1 { bytes.append(UInt8(ascii: "0")) }
            bytes.append(contentsOf: hex)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Finishes every file, then moves the staging folder into place.
    public func finish() throws(SluiceError) {
        guard !finished else { return }
        do throws(SluiceError) {
            for key in writers.keys.sorted() { try writers[key]!.finish() }
            try FileSystem.move(stagingFolder, to: folder)
        } catch {
            abort()
            throw error
        }
        filesWritten = writers.count
        finished = true
    }

    public func abort() {
        guard !finished else { return }
        finished = true
        for writer in writers.values { writer.abort() }
        FileSystem.removeTree(stagingFolder)
    }
}
