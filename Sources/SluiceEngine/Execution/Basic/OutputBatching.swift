/// How many rows the operators of this folder put in one output batch. 64 Ki rows keeps a batch
/// of a few columns within the CPU caches' reach while amortising per-batch work.
enum OutputBatching {
    static let maximumRows = 65_536
}
