import ArgumentParser
import SluiceCore
#if canImport(Glibc)
import Glibc
#endif

/// Runs a command body and turns a ``SluiceError`` into `Error: …` / `Hint: …` on stderr and
/// an exit code that says what kind of failure it was (see `sluice --help`).
func reportingErrors(_ body: () throws(SluiceError) -> Void) throws {
    do {
        try body()
    } catch {
        throw reported(error)
    }
}

/// ``reportingErrors(_:)`` for commands that talk to a server.
func reportingErrors(_ body: () async throws(SluiceError) -> Void) async throws {
    do {
        try await body()
    } catch {
        throw reported(error)
    }
}

/// Writes `error` as `Error: …` / `Hint: …` to stderr; the exit code to end with.
private func reported(_ error: SluiceError) -> ExitCode {
    Terminal.clearProgressLine()
    var text = "Error: \(error.summary)\n"
    if let hint = error.hint { text += "Hint: \(hint)\n" }
    Terminal.writeError(text)
    return ExitCode(exitCode(for: error))
}

func exitCode(for error: SluiceError) -> Int32 {
    if error.isInternal { return 70 }
    switch error.code {
    case "file.notFound", "file.noMatch", "file.emptyFolder": return 66
    case "file.folderNotFound": return 73
    case "catalog.databaseNotFound", "catalog.tableNotFound", "catalog.connectionNotFound", "catalog.crawlerNotFound": return 66
    case "catalog.badName", "catalog.invalid": return 64
    case "stream.notFound": return 66
    case "stream.invalidArgument": return 64
    case "server.unreachable": return 69
    default: break
    }
    switch error.domain {
    case .usage: return 64
    case .format: return 65
    case .io: return 74
    default: return 1
    }
}
