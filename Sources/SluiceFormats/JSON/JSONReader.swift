public import SluiceCore

/// Reads a newline-delimited JSON file (optionally gzip-compressed) into record batches:
/// bytes go straight into columns, chunks of whole lines are decoded in parallel on all
/// cores, and memory stays bounded by a few chunks whatever the file size.
///
/// Nested objects become `struct` columns, arrays `array` columns (or `map` when the schema
/// says so). With no schema in the options, one is inferred first from a sample
/// (``JSONSchemaInference``). Records that do not fit follow ``JSONReadOptions/badRecords``.
public final class JSONReader: BatchReader {
    public let schema: Schema
    public let path: String
    private let source: ByteSource
    private let pipeline: OrderedParallelMap<[UInt8], JSONChunkResult>
    private var pending: [RecordBatch] = []
    private var rejected: [RejectedRecord] = []
    private var linesBefore = 0

    public init(path: String, options: JSONReadOptions = JSONReadOptions()) throws(SluiceError) {
        self.path = path
        let fileName = options.displayName ?? path
        if let schema = options.schema {
            self.schema = schema
        } else {
            self.schema = try JSONSchemaInference.infer(path: path, options: options.inference, displayName: fileName).schema
        }
        source = try ByteSource(path: path)
        let chunker = LineChunker(source: source)
        let decoder = JSONChunkDecoder(schema: schema, options: options, fileName: fileName)
        let pool = chunker.pool
        pipeline = OrderedParallelMap(
            workerCount: options.threads,
            produce: { () throws(SluiceError) in try chunker.next() },
            transform: { chunk in
                let result = decoder.decode(chunk)
                pool.recycle(chunk)
                return .success(result)
            })
    }

    /// Bytes read from disk so far and the file's size, for progress reporting.
    public var progress: (bytesRead: Int, totalBytes: Int) { (source.bytesReadFromDisk, source.fileSizeBytes) }

    public func next() throws(SluiceError) -> RecordBatch? {
        while pending.isEmpty {
            guard let result = try pipeline.next() else { return nil }
            let base = linesBefore
            linesBefore += result.lineCount
            for var record in result.rejected {
                record.line += base
                rejected.append(record)
            }
            if var error = result.error {
                let relativeLine = error.location?.line ?? 0
                error.location?.line = relativeLine + base
                throw error
            }
            pending = result.batches.reversed()
        }
        return pending.popLast()
    }

    public func takeRejected() -> [RejectedRecord] {
        defer { rejected = [] }
        return rejected
    }
}
