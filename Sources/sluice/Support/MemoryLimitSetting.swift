import SluiceCore
import SluiceEngine

/// Reads a memory limit as people write it (`--memory-limit 2GB`, `SLUICE_MEMORY_LIMIT=512MB`),
/// with an error that shows the accepted forms.
enum MemoryLimitSetting {
    /// The bytes `text` names; `source` names where it came from in the error.
    static func bytes(_ text: String, source: String) throws(SluiceError) -> Int {
        guard let bytes = ByteSize.parse(text) else {
            throw SluiceError(
                domain: .usage, code: "usage.memoryLimit",
                message: "\(source) '\(text)' is not a memory size.",
                hint: "Give a number and a unit: 512MB, 2GB, 1.5GiB (KB, MB, GB, TB count in thousands; KiB, MiB, GiB, TiB "
                    + "in 1024s), or plain bytes.")
        }
        guard bytes >= QueryOptions.minimumMemoryLimitBytes else {
            throw SluiceError(
                domain: .usage, code: "usage.memoryLimit",
                message: "\(source) '\(text)' is \(ByteSize.text(bytes)), below the smallest limit, "
                    + "\(ByteSize.text(QueryOptions.minimumMemoryLimitBytes)).",
                hint: "Give at least 1MB; a few hundred MB or more lets queries spill in useful chunks.")
        }
        return bytes
    }
}
