import ArgumentParser
import Foundation

/// `--data-dir`: the folder that holds everything Sluice keeps (catalog, secrets, lake,
/// streams). `SLUICE_DATA_DIR` when the option is not given, else `.sluice` in the current
/// directory.
struct DataDirectoryOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Sluice's data directory (default: $SLUICE_DATA_DIR, else ./.sluice).", valueName: "path"))
    var dataDir: String?

    var path: String {
        if let dataDir { return dataDir }
        if let fromEnvironment = ProcessInfo.processInfo.environment["SLUICE_DATA_DIR"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return ".sluice"
    }
}
