import Synchronization
public import SluiceCore
import SluiceFormats

/// The scan units of one table scan, handed out one at a time to the lanes that read them
/// (morsel-driven: a lane that finishes early takes the next unit).
public final class ScanUnitQueue: Sendable {
    public let units: [ScanUnit]
    /// Units the planner ruled out before any was opened (partition pruning, statistics).
    public let skippedUnitCount: Int
    /// Decoding threads each reader gets.
    let readerThreads: Int
    private let next = Atomic<Int>(0)

    public init(units: [ScanUnit], skippedUnitCount: Int, readerThreads: Int) {
        self.units = units
        self.skippedUnitCount = skippedUnitCount
        self.readerThreads = readerThreads
    }

    func take() -> ScanUnit? {
        let index = next.add(1, ordering: .relaxed).oldValue
        return index < units.count ? units[index] : nil
    }
}

/// One lane of a table scan: reads units from the shared queue until none is left.
public final class ScanOperator: PhysicalOperator {
    public let schema: Schema
    let queue: ScanUnitQueue
    let tableName: String
    let detail: String
    private var reader: (any BatchReader)?

    init(schema: Schema, queue: ScanUnitQueue, tableName: String, detail: String) {
        self.schema = schema
        self.queue = queue
        self.tableName = tableName
        self.detail = detail
    }

    public func next() throws(SluiceError) -> RecordBatch? {
        while true {
            if reader == nil {
                guard let unit = queue.take() else { return nil }
                reader = try unit.open(queue.readerThreads)
            }
            guard let current = reader else { return nil }
            if let batch = try current.next() {
                if batch.count == 0 { continue }
                // Readers name columns as the table does; the plan's names may differ in case only.
                return batch.schema == schema ? batch : try RecordBatch(schema: schema, columns: batch.columns)
            }
            reader = nil
        }
    }

    public var explainLine: String {
        let total = queue.units.count + queue.skippedUnitCount
        return "Scan \(tableName) columns=[\(schema.names.joined(separator: ", "))] units=\(queue.units.count)/\(total)\(detail)"
    }

    public var children: [any PhysicalOperator] { [] }
}
