import SluiceFormats

/// How much of each file a crawler reads, after Glue's documented limits, so schemas match
/// what Glue users expect and a crawl costs about one megabyte per file at most.
enum CrawlSampling {
    /// JSON: the first megabyte of the (decompressed) file…
    static let jsonSampleBytes = 1 << 20
    /// …read on in one-megabyte steps up to ten while no valid record was found.
    static let jsonSampleBytesWithoutRecord = 10 << 20
    /// CSV: the first 1,000 records or the first megabyte, whichever ends first.
    static let csvSampleRecords = 1_000
    static let csvSampleBytes = 1 << 20
    /// Bytes looked at to recognise compression and content before choosing a classifier.
    static let prefixBytes = 4 << 10

    static var jsonInference: InferenceOptions {
        InferenceOptions(sampleRecords: nil, sampleBytes: jsonSampleBytes, sampleBytesWithoutRecord: jsonSampleBytesWithoutRecord)
    }

    static var csvInference: InferenceOptions {
        InferenceOptions(sampleRecords: csvSampleRecords, sampleBytes: csvSampleBytes)
    }
}
