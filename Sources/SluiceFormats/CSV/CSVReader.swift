public import SluiceCore

/// Reads a CSV or TSV file (plain or gzip) as record batches of one schema.
///
/// With ``CSVReadOptions/schema`` set it reads with that schema (explicit mode); otherwise it
/// first infers one with ``CSVSchemaInference`` from a sample. The file is read in blocks and
/// cut into chunks of whole records (see ``CSVChunker``), which both cores decode at once
/// through ``OrderedParallelMap``; batches come out in file order, at most
/// ``CSVReadOptions/batchRows`` rows each. Memory stays bounded whatever the file's size.
///
/// Records that cannot be read follow ``CSVReadOptions/badRecords``. Errors name the file, the
/// line where the record starts, the byte column, and the field.
public final class CSVReader: BatchReader {
    public let path: String
    public let schema: Schema
    /// The delimiter, quote and header decision the file is read with.
    public let dialect: CSVDialect
    /// What inference found (inference mode only).
    public let inferred: CSVInferredSchema?
    private let source: ByteSource

    /// Bytes read from disk so far, for progress reporting.
    public var progressBytes: Int { source.bytesReadFromDisk }

    private let chunks: OrderedParallelMap<CSVChunk, CSVDecodedChunk>
    private var pendingBatches: [RecordBatch] = []
    private var pendingIndex = 0
    private var pendingFailure: SluiceError?
    private var rejected: [RejectedRecord] = []
    /// Lines in the chunks already consumed, added to chunk-relative line numbers.
    private var linesBefore = 0

    public init(path: String, options: CSVReadOptions = CSVReadOptions()) throws(SluiceError) {
        try options.validate(path: path)
        self.path = path
        if let schema = options.schema {
            guard !schema.fields.isEmpty else {
                throw SluiceError(
                    domain: .usage, code: "csv.options", message: "The schema to read '\(path)' with has no fields.",
                    hint: "Give at least one field, or leave the schema out to infer it.")
            }
            // Read the file's start only for what the options leave to detection.
            let delimiter: UInt8
            let hasHeader: Bool
            if let known = options.delimiter, options.header != .detect {
                delimiter = known
                hasHeader = options.header == .present
            } else {
                let prefix = try CSVDialectSniffer.readPrefix(path: path)
                delimiter = CSVDialectSniffer.delimiter(for: path, options: options, prefix: prefix.bytes, isWholeFile: prefix.isWholeFile)
                switch options.header {
                case .present: hasHeader = true
                case .absent: hasHeader = false
                case .detect:
                    let firstRow = CSVReader.firstRow(of: prefix.bytes, isWholeFile: prefix.isWholeFile, delimiter: delimiter, options: options)
                    hasHeader = firstRow.map { CSVHeaderDetection.isHeader(firstRow: $0, schema: schema) } ?? false
                }
            }
            self.schema = schema
            self.dialect = CSVDialect(delimiter: delimiter, quote: options.quote, hasHeader: hasHeader)
            self.inferred = nil
        } else {
            let inferred = try CSVSchemaInference.infer(path: path, options: options)
            self.schema = inferred.schema
            self.dialect = inferred.dialect
            self.inferred = inferred
        }
        var kinds: [CSVColumnKind] = []
        for field in schema.fields {
            guard let kind = CSVColumnKind(field.type) else {
                throw SluiceError(
                    domain: .usage, code: "csv.nestedType",
                    message: "Column '\(field.name)' is \(field.type), but a CSV field holds only scalar values.",
                    location: ErrorLocation(file: path),
                    hint: "Read the column as string (it holds the JSON text), then parse it in a query.")
            }
            kinds.append(kind)
        }
        let decoder = CSVChunkDecoder(
            path: path, schema: schema, kinds: kinds, delimiter: dialect.delimiter, quote: dialect.quote,
            nullMarkers: CSVNullMarkers(options.nullMarkers), policy: options.badRecords, batchRows: options.batchRows,
            inferredFromRecords: inferred?.recordsSampled)
        let source = try ByteSource(path: path)
        self.source = source
        let chunker = CSVChunker(source: source, quote: dialect.quote, skipsHeader: dialect.hasHeader)
        chunks = OrderedParallelMap(
            produce: { () throws(SluiceError) in try chunker.next() },
            transform: { [pool = chunker.pool] chunk in
                let decoded = decoder.decode(chunk)
                pool.recycle(chunk.bytes)
                return .success(decoded)
            })
    }

    public func next() throws(SluiceError) -> RecordBatch? {
        while true {
            if pendingIndex < pendingBatches.count {
                pendingIndex += 1
                return pendingBatches[pendingIndex - 1]
            }
            if let failure = pendingFailure {
                pendingFailure = nil
                throw failure
            }
            guard var decoded = try chunks.next() else { return nil }
            for index in decoded.rejected.indices { decoded.rejected[index].line += linesBefore }
            rejected.append(contentsOf: decoded.rejected)
            if var failure = decoded.failure {
                if let line = failure.location?.line { failure.location?.line = line + linesBefore }
                pendingFailure = failure
            }
            linesBefore += decoded.lineCount
            pendingBatches = decoded.batches
            pendingIndex = 0
        }
    }

    public func takeRejected() -> [RejectedRecord] {
        defer { rejected.removeAll() }
        return rejected
    }

    /// The first record's values (nil for a null marker), for header detection.
    private static func firstRow(of prefix: [UInt8], isWholeFile: Bool, delimiter: UInt8, options: CSVReadOptions) -> [String?]? {
        let nullMarkers = CSVNullMarkers(options.nullMarkers)
        return prefix.withUnsafeBytes { bytes -> [String?]? in
            var tokenizer = CSVTokenizer(delimiter: delimiter, quote: options.quote)
            var fields: [CSVFieldSpan] = []
            guard tokenizer.nextRecord(in: bytes, fields: &fields, isFinal: isWholeFile) == .record else { return nil }
            return fields.map { nullMarkers.isNull($0, in: bytes) ? nil : $0.text(in: bytes, quote: options.quote ?? 0) }
        }
    }
}
