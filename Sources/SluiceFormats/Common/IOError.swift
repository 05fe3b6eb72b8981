#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import SluiceCore

extension SluiceError {
    /// An error for a failed system call on `path`, with the cause in words and a hint.
    public static func io(_ operation: String, path: String, errno code: Int32) -> SluiceError {
        let reason = String(cString: strerror(code))
        switch code {
        case ENOENT:
            return SluiceError(
                domain: .io, code: "file.notFound", message: "File '\(path)' does not exist.",
                hint: "Check the path; relative paths start from the current directory.")
        case EACCES, EPERM:
            return SluiceError(
                domain: .io, code: "file.permissionDenied",
                message: "Permission denied to \(operation) '\(path)'.",
                hint: "Check the file's owner and mode, or run as a user who may \(operation) it.")
        case EISDIR:
            return SluiceError(
                domain: .io, code: "file.isDirectory", message: "'\(path)' is a folder, not a file.",
                hint: operation == "write"
                    ? "Name the file to write, for example '\(path)/out.json'."
                    : "Name a file inside it, or a command that reads whole folders.")
        case ENOSPC:
            return SluiceError(
                domain: .io, code: "file.diskFull", message: "No space left on the device to \(operation) '\(path)'.",
                hint: "Free some disk space and run the command again.")
        default:
            return SluiceError(
                domain: .io, code: "file.io", message: "Cannot \(operation) '\(path)': \(reason).",
                hint: "The system refused; check the disk and the file system that holds '\(path)', then run the command again.")
        }
    }
}
