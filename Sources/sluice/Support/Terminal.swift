#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore

/// Writing to stderr, and a one-line progress display shown only when stderr is a terminal.
enum Terminal {
    static let stderrIsTerminal = isatty(STDERR_FILENO) == 1
    nonisolated(unsafe) private static var progressShown = false

    static func writeError(_ text: String) {
        var text = text
        text.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// Replaces the progress line (terminals only).
    static func showProgress(_ text: String) {
        guard stderrIsTerminal else { return }
        writeError("\r\u{1B}[2K" + text)
        progressShown = true
    }

    static func clearProgressLine() {
        guard progressShown else { return }
        writeError("\r\u{1B}[2K")
        progressShown = false
    }

    /// `1.5 GB`, `312 MB`, `4.0 KB`.
    static func bytes(_ count: Int) -> String { ByteSize.text(count) }

    /// `412 MB / 2.4 GB (17%) · 1,204,112 rows · 310 MB/s`.
    static func progressLine(bytes: Int, total: Int, rows: Int, started: Double) -> String {
        let elapsed = max(MonotonicClock.seconds() - started, 0.001)
        let percent = total > 0 ? " (\(min(100, bytes * 100 / total))%)" : ""
        return "\(Terminal.bytes(bytes)) / \(Terminal.bytes(total))\(percent) · \(Terminal.count(rows)) rows · "
            + "\(Terminal.bytes(Int(Double(bytes) / elapsed)))/s"
    }

    /// `1,234,567`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return value < 0 ? "-" + result : result
    }
}

/// Throttles progress updates to a few per second.
struct ProgressTicker {
    private var last = MonotonicClock.seconds()
    let intervalSeconds = 0.2

    mutating func shouldUpdate() -> Bool {
        let now = MonotonicClock.seconds()
        guard now - last >= intervalSeconds else { return false }
        last = now
        return true
    }
}

/// Seconds from a monotonic clock.
enum MonotonicClock {
    static func seconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

extension String {
    /// One decimal place: `3.1`.
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(abs(tenths % 10))"
    }
}
