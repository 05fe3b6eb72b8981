public import SluiceCore

/// What ``CSVSchemaInference`` found: the schema with what every format's inference reports
/// (``InferredSchema``), and the file's dialect.
public struct CSVInferredSchema: Sendable, Equatable {
    public var inferred: InferredSchema
    /// The delimiter, quote and header decision the schema was read with.
    public var dialect: CSVDialect

    public var schema: Schema { inferred.schema }
    /// Columns whose every sampled value was null; they are typed `string`.
    public var nullOnlyFields: Set<String> { inferred.nullOnlyFields }
    /// Data records examined (the header row is not counted).
    public var recordsSampled: Int { inferred.recordsSampled }
}

/// Step 2 of CSV detection (see ``CSVDialectSniffer``): infers column names and types from
/// a sample of records.
///
/// Each non-null field is classified as `boolean` (`true`/`false`, any case), `bigint`, a
/// longer integer as `decimal(38,0)` (or `double` beyond 38 digits), `double`, `date`
/// (`YYYY-MM-DD`), `timestamp` (ISO 8601, see ``TemporalParsing``) or `string`, and the
/// types seen in a column are combined with ``TypeWidening/widen(_:_:)`` — so `bigint` and
/// `double` give `double`, `bigint` and text give `string`, `date` and `timestamp` give
/// `timestamp`. Null markers and empty quoted fields carry no type; a column with no value
/// in the sample is `string` and listed in ``CSVInferredSchema/nullOnlyFields``. Every
/// inferred field is nullable. The number of columns is the first record's; records with a
/// different count and malformed records are left for the reader to report.
public enum CSVSchemaInference {
    public static func infer(path: String, options: CSVReadOptions = CSVReadOptions()) throws(SluiceError) -> CSVInferredSchema {
        try options.validate(path: path)
        let prefix = try CSVDialectSniffer.readPrefix(path: path)
        let delimiter = CSVDialectSniffer.delimiter(for: path, options: options, prefix: prefix.bytes, isWholeFile: prefix.isWholeFile)
        let quote = options.quote
        let nullMarkers = CSVNullMarkers(options.nullMarkers)
        let stream = try CSVRecordStream(path: path, delimiter: delimiter, quote: quote)

        var firstRow: [String?]?
        var firstRowBytes: [[UInt8]] = []
        var firstRowTypes: [DataType?] = []
        var dataTypes: [DataType?] = []
        var valueRepeatsInData: [Bool] = []
        var dataRecords = 0
        let sampleLimit = options.inference.sampleRecords ?? Int.max
        let byteLimit = options.inference.sampleBytes ?? Int.max
        var stoppedAtSampleLimit = false
        var bytesSampled = 0

        try stream.forEachRecord { bytes, fields, _ in
            guard firstRow != nil else {
                bytesSampled = stream.bytesConsumed
                firstRow = fields.map { nullMarkers.isNull($0, in: bytes) ? nil : $0.text(in: bytes, quote: quote ?? 0) }
                firstRowBytes = fields.map { Array($0.rawBytes(in: bytes)) }
                firstRowTypes = fields.map { type(of: $0, in: bytes, nullMarkers: nullMarkers) }
                dataTypes = Array(repeating: nil, count: fields.count)
                valueRepeatsInData = Array(repeating: false, count: fields.count)
                return true
            }
            guard dataRecords < sampleLimit, bytesSampled < byteLimit else {
                stoppedAtSampleLimit = true
                return false
            }
            dataRecords += 1
            bytesSampled = stream.bytesConsumed
            guard fields.count == dataTypes.count else { return true }
            for (index, field) in fields.enumerated() {
                if !valueRepeatsInData[index], field.count == firstRowBytes[index].count,
                    firstRowBytes[index].withUnsafeBytes({ $0.elementsEqual(field.rawBytes(in: bytes)) }) {
                    valueRepeatsInData[index] = true
                }
                if dataTypes[index] == .string { continue }
                guard let fieldType = type(of: field, in: bytes, nullMarkers: nullMarkers) else { continue }
                dataTypes[index] = dataTypes[index].map { TypeWidening.widen($0, fieldType) } ?? fieldType
            }
            return true
        }

        guard let firstRow else {
            throw SluiceError(
                domain: .format, code: "csv.empty",
                message: "The file holds no records, so there is no schema to infer.",
                location: ErrorLocation(file: path),
                hint: "Give a schema to read it as an empty table, or check that the right file was named.")
        }
        let hasHeader: Bool
        switch options.header {
        case .present: hasHeader = true
        case .absent: hasHeader = false
        case .detect:
            hasHeader = CSVHeaderDetection.isHeader(firstRow: firstRow, dataTypes: dataTypes, valueRepeatsInData: valueRepeatsInData)
        }
        var recordsSampled = dataRecords
        if !hasHeader {
            recordsSampled += 1
            for (index, firstType) in firstRowTypes.enumerated() {
                guard let firstType else { continue }
                dataTypes[index] = dataTypes[index].map { TypeWidening.widen(firstType, $0) } ?? firstType
            }
        }
        let names = hasHeader ? columnNames(fromHeader: firstRow) : (0..<firstRow.count).map { "col\($0)" }
        var fields: [Field] = []
        var nullOnlyFields = Set<String>()
        for (name, type) in zip(names, dataTypes) {
            if type == nil { nullOnlyFields.insert(name) }
            fields.append(Field(name, type ?? .string, isNullable: true))
        }
        return CSVInferredSchema(
            inferred: InferredSchema(
                schema: Schema(fields), nullOnlyFields: nullOnlyFields, recordsSampled: recordsSampled,
                isComplete: !stoppedAtSampleLimit, bytesSampled: bytesSampled),
            dialect: CSVDialect(delimiter: delimiter, quote: quote, hasHeader: hasHeader))
    }

    /// A field's inferred type, or nil when it carries none (a null marker or `""`).
    private static func type(of field: CSVFieldSpan, in bytes: UnsafeRawBufferPointer, nullMarkers: CSVNullMarkers) -> DataType? {
        if nullMarkers.isNull(field, in: bytes) || (field.isQuoted && field.count == 0) { return nil }
        if field.hasDoubledQuotes { return .string }
        return CSVValueParsing.classify(field.rawBytes(in: bytes))
    }

    /// Header values as column names: an empty or null name becomes `col<i>`, and a repeated
    /// name gets `_2`, `_3`… so every name is unique.
    static func columnNames(fromHeader header: [String?]) -> [String] {
        var used = Set<String>()
        var names: [String] = []
        for (index, value) in header.enumerated() {
            let base = (value?.isEmpty ?? true) ? "col\(index)" : value ?? "col\(index)"
            var name = base
            var suffix = 2
            while used.contains(name) {
                name = "\(base)_\(suffix)"
                suffix += 1
            }
            used.insert(name)
            names.append(name)
        }
        return names
    }
}
