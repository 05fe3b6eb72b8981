#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ports on 127.0.0.1 for tests of servers and clients: one free right now, and a listener
/// that accepts connections at the TCP level but never answers (to test client timeouts).
public enum LoopbackPort {
    /// Why a socket could not be set up.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// A port on 127.0.0.1 that nothing listens on right now (the kernel picks it; it could
    /// be taken by the time it is used, which on a test machine is rare).
    public static func free() throws -> Int {
        let (descriptor, port) = try bound()
        close(descriptor)
        return port
    }

    /// A socket listening on 127.0.0.1 that never accepts: the kernel completes TCP
    /// handshakes (up to the backlog) but no byte is ever sent back. Close it with ``SilentListener/close()``.
    public static func silentListener() throws -> SilentListener {
        let (descriptor, port) = try bound()
        guard listen(descriptor, 16) == 0 else {
            let message = String(cString: strerror(errno))
            Glibc.close(descriptor)
            throw Failure(description: "listen() on 127.0.0.1:\(port) failed: \(message)")
        }
        return SilentListener(descriptor: descriptor, port: port)
    }

    private static func bound() throws -> (Int32, Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket() failed: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else {
            let message = String(cString: strerror(errno))
            close(descriptor)
            throw Failure(description: "Could not bind a port on 127.0.0.1: \(message)")
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }
}

/// A listening socket that never accepts or answers; see ``LoopbackPort/silentListener()``.
public final class SilentListener: Sendable {
    public let port: Int
    private let descriptor: Int32

    init(descriptor: Int32, port: Int) {
        self.descriptor = descriptor
        self.port = port
    }

    public func close() {
        _ = Glibc.close(descriptor)
    }
}
