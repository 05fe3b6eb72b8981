#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore
import SluiceFormats

/// A finished spill file: rows of ``schema`` in numbered chunks (Parquet row groups). The file
/// is deleted when the last reference to it goes, so a file lives exactly as long as some
/// pending work still needs to read it.
final class SpillFile: Sendable {
    let path: String
    let schema: Schema
    let chunkCount: Int
    let rowCount: Int
    let sizeBytes: Int

    init(path: String, schema: Schema, chunkCount: Int, rowCount: Int) {
        self.path = path
        self.schema = schema
        self.chunkCount = chunkCount
        self.rowCount = rowCount
        sizeBytes = FileSystem.sizeBytes(of: path)
    }

    deinit { unlink(path) }
}

/// Some chunks of a spill file: what one partition or run reads back.
struct SpillChunks: Sendable {
    let file: SpillFile
    let chunks: [Int]
}

/// How spilled rows are stored: Sluice's own Parquet writer and reader, one chunk per row group,
/// uncompressed (the disk is local and CPU is the scarce part) and without dictionaries. Every
/// type round-trips — nested structs, lists and maps, decimals, timestamps, NULLs — because
/// the file's schema makes every field nullable and names columns `c0`, `c1`, …, and
/// ``SpillFileReader`` gives the columns their original types back (``retyped(_:as:)``).
enum SpillFormat {
    static func writeOptions() -> ParquetWriteOptions {
        var options = ParquetWriteOptions()
        options.compression = .uncompressed
        options.useDictionary = false
        // One row group per write: a chunk is exactly what the operator wrote at once.
        options.rowGroupRows = 1
        options.threads = 1
        return options
    }

    /// The file schema for rows of `schema`.
    static func storageSchema(_ schema: Schema) -> Schema {
        Schema(schema.fields.enumerated().map { Field("c\($0.offset)", nullable($0.element.type)) })
    }

    private static func nullable(_ type: DataType) -> DataType {
        switch type {
        case .struct(let fields): .struct(fields.map { Field($0.name, nullable($0.type)) })
        case .list(let element): .list(nullable(element))
        case .map(let key, let value): .map(key: nullable(key), value: nullable(value))
        default: type
        }
    }

    /// `column` labelled with `type`, a type of the same shape that differs only in field
    /// names and nullability (the storage type on the way out, the original one on the way in).
    static func retyped(_ column: Column, as type: DataType) -> Column {
        guard column.type != type else { return column }
        var storage = column.storage
        switch (column.storage, type) {
        case (.structure(let children), .struct(let fields)) where children.count == fields.count:
            storage = .structure(zip(children, fields).map { retyped($0, as: $1.type) })
        case (.list(let offsets, let values), .list(let element)):
            storage = .list(offsets: offsets, values: retyped(values, as: element))
        case (.list(let offsets, let values), .map(let key, let value)):
            storage = .list(offsets: offsets, values: retyped(values, as: ColumnBuilder.mapEntryType(key: key, value: value)))
        default:
            break
        }
        return Column(type: type, count: column.count, validity: column.validity, storage: storage)
    }
}
