#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The memory this process may use: the machine's physical memory, or the container's limit
/// when a cgroup sets a lower one (Docker, Kubernetes), so the default query memory limit fits.
public enum PhysicalMemory {
    /// Bytes of memory available to the process; 4 GiB when the system does not say.
    public static var totalBytes: Int {
        let pages = Int(sysconf(Int32(_SC_PHYS_PAGES)))
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        var total = pages > 0 && pageSize > 0 ? pages.multipliedReportingOverflow(by: pageSize).partialValue : 4 << 30
        for path in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            if let limit = cgroupLimit(path), limit > 0 { total = min(total, limit) }
        }
        return total
    }

    /// The number in a cgroup limit file; nil for `max`, a missing file or anything else.
    private static func cgroupLimit(_ path: String) -> Int? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count], as: UTF8.self).filter { !$0.isWhitespace }
        return Int(text)
    }
}
