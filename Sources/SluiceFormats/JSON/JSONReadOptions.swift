public import SluiceCore

/// How ``JSONReader`` reads newline-delimited JSON.
public struct JSONReadOptions: Sendable {
    /// The schema to read into; `nil` infers one from a sample first (see ``inference``).
    /// Fields missing from a record are null; fields not in the schema are ignored.
    public var schema: Schema?
    /// Sampling for inference mode.
    public var inference: InferenceOptions
    /// What to do with a record that is malformed or has a value of the wrong type.
    public var badRecords: BadRecordPolicy
    /// Most rows per batch. 16,384 keeps a batch of typical events within a few MiB.
    public var batchRows: Int
    /// Threads decoding chunks; defaults to all active processors.
    public var threads: Int
    /// The file name used in error messages (defaults to the path read).
    public var displayName: String?

    public init(
        schema: Schema? = nil,
        inference: InferenceOptions = InferenceOptions(),
        badRecords: BadRecordPolicy = .fail,
        batchRows: Int = 16_384,
        threads: Int = ProcessorCount.active,
        displayName: String? = nil
    ) {
        self.schema = schema
        self.inference = inference
        self.badRecords = badRecords
        self.batchRows = max(1, batchRows)
        self.threads = max(1, threads)
        self.displayName = displayName
    }
}
