/// What the operators of one query share: its memory budget, the folder it spills into, and
/// how much it spilled. ``QueryEngine`` makes one per statement and closes it when the
/// statement's rows are read (or it fails, or its reader is dropped).
public final class ExecutionContext: Sendable {
    public let memory: QueryMemoryBudget
    let spillDirectory: SpillDirectory
    let spillStatistics = SpillStatistics()

    /// `memoryLimitBytes` for the whole query; spill files go into a folder of their own under
    /// `spillParentPath` (`$TMPDIR` or `/tmp` when nil).
    public init(memoryLimitBytes: Int = Int.max, spillParentPath: String? = nil) {
        memory = QueryMemoryBudget(limitBytes: memoryLimitBytes)
        spillDirectory = SpillDirectory(parentPath: spillParentPath)
    }

    /// A context with the limit and spill folder of `options`.
    public convenience init(options: QueryOptions) {
        self.init(memoryLimitBytes: options.memoryLimitBytes, spillParentPath: options.spillParentPath)
    }

    /// Bytes of spill files written so far.
    public var spilledBytes: Int { spillStatistics.bytesWritten }
    /// Spill files written so far.
    public var spillFileCount: Int { spillStatistics.filesWritten }

    /// Removes the spill folder and everything in it; operators still running can no longer spill.
    public func close() { spillDirectory.remove() }

    deinit { close() }
}
