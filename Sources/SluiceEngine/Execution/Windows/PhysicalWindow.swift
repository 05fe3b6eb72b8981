import Dispatch
public import SluiceCore
import Synchronization

/// Window functions (`… OVER (PARTITION BY … ORDER BY … frame)`): outputs every input row with
/// one more column per call, rows ordered by partition keys, then order keys.
///
/// The lanes' rows are gathered into one run and sorted by partition keys then order keys
/// (``RowSorter``, which also reports where partitions and peer groups begin). The sorted
/// positions are cut at partition starts into one chunk per thread, and each call is evaluated
/// on the chunks in parallel (``WindowEvaluator``): O(rows) per partition for every frame.
///
/// Memory: the whole input stays in memory (twice while it is put in order) and does not
/// spill; past the query's memory limit the window fails with an error naming the sizes.
public final class PhysicalWindow: PhysicalOperator {
    public let schema: Schema
    public let partitionKeys: [Int]
    public let orderKeys: [SortKey]
    public let calls: [WindowCall]
    private let inputs: [any PhysicalOperator]
    private let threads: Int
    private let reservation: MemoryReservation
    private var result: WindowOutput?
    private var done = false

    public init(inputs: [any PhysicalOperator], partitionKeys: [Int], orderKeys: [SortKey], calls: [WindowCall], threads: Int,
                context: ExecutionContext = ExecutionContext()) {
        self.inputs = inputs
        self.partitionKeys = partitionKeys
        self.orderKeys = orderKeys
        self.calls = calls
        self.threads = max(1, threads)
        reservation = MemoryReservation(context.memory)
        let inputSchema = inputs.first?.schema ?? Schema([])
        schema = Schema(inputSchema.fields + calls.map { Field($0.name, $0.resultType) })
    }

    public func next() throws(SluiceError) -> RecordBatch? {
        if done { return nil }
        if result == nil { result = try evaluate() }
        guard let result, let batch = try result.next(schema: schema) else {
            done = true
            self.result = nil
            reservation.release()
            return nil
        }
        return batch
    }

    public var explainLine: String {
        let partition = partitionKeys.map { "#\($0)" }.joined(separator: ", ")
        let order = orderKeys.map(\.explainText).joined(separator: ", ")
        return "Window partition=[\(partition)] order=[\(order)] calls=[\(calls.map(\.name).joined(separator: ", "))]"
    }

    public var children: [any PhysicalOperator] { inputs.isEmpty ? [] : [inputs[0]] }

    // MARK: Evaluation

    private func evaluate() throws(SluiceError) -> WindowOutput? {
        let inputSchema = inputs.first?.schema ?? Schema([])
        let plans = try calls.map { (call) throws(SluiceError) in try WindowCallPlan(call, schema: inputSchema) }
        let keys = partitionKeys.map { SortKey(column: $0) } + orderKeys
        for key in keys {
            guard key.column >= 0, key.column < inputSchema.count else {
                throw SluiceError.internal("Window key #\(key.column) is outside the input's \(inputSchema.count) columns.", domain: .query)
            }
            _ = try SortKeyKind.of(inputSchema.fields[key.column].type, column: key.column)
        }
        let batch = try gather(inputSchema)
        guard batch.count > 0 else { return nil }
        // The sorted copy, the sort's order and levels, and the calls' results.
        let working = batch.estimatedByteCount + batch.count * (Self.sortBytesPerRow + 8 * calls.count)
        guard reservation.tryGrow(by: working) else {
            throw Self.overLimit(calls.map(\.name), neededBytes: reservation.bytes + working, reservation: reservation)
        }
        let sorter = try RowSorter(batchColumns: batch.columns, keys: keys)
        let (permutation, levels) = sorter.sort(count: batch.count, threads: threads, levels: true)
        let layout = WindowLayout(levels: levels ?? [], partitionKeyCount: partitionKeys.count, keyCount: keys.count)

        // The rows in sorted order: the output, and the calls' arguments.
        let sorted = try ColumnGather.gatherInParallel(batch, rows: permutation, threads: threads)
        var sortedInputs: [Int: Column] = [:]
        for plan in plans {
            if let input = plan.input { sortedInputs[input] = sorted.columns[input] }
        }
        let peerArrays = plans.contains(where: \.usesPeers) ? layout.peerGroups() : ([], [])
        let buffers = plans.map { WindowResultBuffer(storage: $0.storage, count: batch.count) }
        var evaluators: [WindowEvaluator] = []
        for (plan, buffer) in zip(plans, buffers) {
            let input = plan.input.flatMap { sortedInputs[$0] }
            evaluators.append(WindowEvaluator(
                plan: plan, layout: layout, output: buffer, sortedInput: input,
                minMaxKeys: try Self.minMaxKeys(plan, input)))
        }
        let chunks = layout.chunks(threads)
        let errors = Mutex<[Int: SluiceError]>([:])
        let work = LaneSlots(evaluators)
        let peerStart = peerArrays.0
        let peerEnd = peerArrays.1
        let chunkList = chunks
        let run = { @Sendable (chunkIndex: Int) in
            peerStart.withUnsafeBufferPointer { start in
                peerEnd.withUnsafeBufferPointer { end in
                    let peers = PeerGroups(start: start, end: end)
                    for evaluator in work.items {
                        do throws(SluiceError) {
                            try evaluator.evaluate(chunkList[chunkIndex], peers: peers)
                        } catch {
                            errors.withLock { $0[chunkIndex] = $0[chunkIndex] ?? error }
                            return
                        }
                    }
                }
            }
        }
        if chunks.count == 1 {
            run(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: chunks.count, execute: run)
        }
        if let first = errors.withLock({ $0.min { $0.key < $1.key }?.value }) { throw first }
        return WindowOutput(
            sorted: sorted, plans: plans, buffers: buffers,
            sortedInputs: plans.map { $0.input.flatMap { sortedInputs[$0] } })
    }

    /// Every lane's rows as one batch (lanes pulled in parallel).
    private func gather(_ inputSchema: Schema) throws(SluiceError) -> RecordBatch {
        let slots = LaneSlots(inputs.map { _ in BatchPile() })
        let reservation = self.reservation
        let callNames = calls.map(\.name)
        try LaneDriver.drain(inputs, threads: threads) { lane, batch throws(SluiceError) in
            // The rows and, once concatenated, their copy.
            let bytes = 2 * batch.estimatedByteCount
            guard reservation.tryGrow(by: bytes) else {
                throw Self.overLimit(callNames, neededBytes: reservation.bytes + bytes, reservation: reservation)
            }
            slots.items[lane].batches.append(batch)
        }
        let batches = slots.items.flatMap(\.batches).filter { $0.count > 0 }
        let batch = try ColumnConcatenation.concatenate(batches, schema: inputSchema)
        reservation.resize(to: batch.estimatedByteCount)
        return batch
    }

    /// Bytes per row a sort by the window's keys needs besides the rows: order, levels, entries.
    static let sortBytesPerRow = 48

    private static func overLimit(_ callNames: [String], neededBytes: Int, reservation: MemoryReservation) -> SluiceError {
        .memoryLimitExceeded(
            "The window operator computing \(callNames.joined(separator: ", "))", neededBytes: neededBytes, reservation: reservation,
            remedy: "window functions hold their whole input in memory and do not spill to disk, so filtering rows or "
                + "selecting fewer columns before the window also helps.")
    }

    /// Normalized keys of a `min`/`max` argument of fixed width, in sorted order.
    private static func minMaxKeys(_ plan: WindowCallPlan, _ input: Column?) throws(SluiceError) -> [UInt64]? {
        guard case .aggregate(let kind) = plan.function, kind == .min || kind == .max, let input else { return nil }
        switch input.storage {
        case .decimal, .bytes: return nil
        default: break
        }
        let keyKind = try SortKeyKind.of(input.type, column: plan.input ?? 0)
        var keys = [UInt64](repeating: 0, count: input.count)
        let rows = (0..<Int32(input.count)).map { $0 }
        rows.withUnsafeBufferPointer { rows in
            keys.withUnsafeMutableBufferPointer { keys in
                guard let base = keys.baseAddress else { return }
                KeyNormalizer.fill(input, part: keyKind.firstPart, descending: false, rows: rows, keys: UnsafeMutableRawPointer(base), stride: 8)
            }
        }
        return keys
    }
}

/// A lane's batches, appended by its thread only.
private final class BatchPile {
    var batches: [RecordBatch] = []
}

/// The evaluated window: sorted rows and call results, handed out in batches.
private final class WindowOutput {
    let sorted: RecordBatch
    let plans: [WindowCallPlan]
    let buffers: [WindowResultBuffer]
    let sortedInputs: [Column?]
    var position = 0

    init(sorted: RecordBatch, plans: [WindowCallPlan], buffers: [WindowResultBuffer], sortedInputs: [Column?]) {
        self.sorted = sorted
        self.plans = plans
        self.buffers = buffers
        self.sortedInputs = sortedInputs
    }

    func next(schema: Schema) throws(SluiceError) -> RecordBatch? {
        guard position < sorted.count else { return nil }
        let range = position..<min(sorted.count, position + OutputBatching.maximumRows)
        position = range.upperBound
        var columns: [Column] = []
        if range.count == sorted.count {
            columns = sorted.columns
        } else {
            let rows = range.map { Int32(truncatingIfNeeded: $0) }
            for column in sorted.columns {
                columns.append(try ColumnGather.gather([column], type: column.type, rows: rows))
            }
        }
        for (index, plan) in plans.enumerated() {
            columns.append(try buffers[index].column(
                range, type: plan.resultType, sortedInput: sortedInputs[index], defaultValue: plan.defaultValue))
        }
        return try RecordBatch(schema: schema, columns: columns)
    }
}
