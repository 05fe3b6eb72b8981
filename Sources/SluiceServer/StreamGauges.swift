import Metrics
import SluiceStreams

/// Per-stream gauges for `/metrics`, refreshed from the registry at each scrape: records and
/// bytes written and records read since the server started, open shards, bytes on disk.
enum StreamGauges {
    static func update(from statistics: [StreamStatistics]) {
        for stream in statistics {
            let dimensions = [("stream", stream.name)]
            Gauge(label: "sluice_stream_records_written", dimensions: dimensions).record(Double(stream.recordsWritten))
            Gauge(label: "sluice_stream_bytes_written", dimensions: dimensions).record(Double(stream.bytesWritten))
            Gauge(label: "sluice_stream_records_read", dimensions: dimensions).record(Double(stream.recordsRead))
            Gauge(label: "sluice_stream_open_shards", dimensions: dimensions).record(Double(stream.openShardCount))
            Gauge(label: "sluice_stream_stored_bytes", dimensions: dimensions).record(Double(stream.storedBytes))
        }
    }
}
