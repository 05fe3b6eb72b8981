#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import SluiceEngine

/// Ctrl-C (SIGINT) and SIGTERM during a query: remove the query's spill folders, then exit
/// with the usual 128 + signal status. Without it, an interrupted query would leave its spill
/// files behind until a later query in the same temporary folder cleans them up.
enum InterruptCleanup {
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    /// Installs the handlers (once per process).
    static func install() {
        guard sources.isEmpty else { return }
        for signalNumber in [SIGINT, SIGTERM] {
            // The signal is ignored by default handling and delivered to the dispatch source instead.
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                QueryEngine.removeActiveSpillFolders()
                Terminal.clearProgressLine()
                exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }
}
