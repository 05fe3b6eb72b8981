import SluiceCore

/// A window frame turned into positions: for the row at a position, the half-open range of
/// positions its frame covers, from its partition's bounds, row offsets or its peer group.
/// Both ends only move forward from one row to the next, which the sliding evaluation relies on.
struct ResolvedFrame: Sendable {
    enum Start: Sendable {
        case partitionStart
        /// The row `offset` rows away (negative: preceding).
        case rowOffset(Int)
        case peerGroupStart
    }

    enum End: Sendable {
        case partitionEnd
        /// Up to and including the row `offset` rows away (negative: preceding).
        case rowOffset(Int)
        case peerGroupEnd
    }

    let start: Start
    let end: End

    /// True when the frame needs the peer groups (RANGE … CURRENT ROW).
    var usesPeers: Bool {
        if case .peerGroupStart = start { return true }
        if case .peerGroupEnd = end { return true }
        return false
    }

    /// The frame of `bounds` for the call named `callName`, or an error naming the call when the
    /// frame is invalid (as Trino rejects it) or not supported.
    init(_ bounds: WindowFrameBounds, callName: String) throws(SluiceError) {
        func invalid(_ message: String, hint: String? = nil) -> SluiceError {
            SluiceError(domain: .query, code: "window.invalidFrame", message: "Window function \(callName): \(message)", hint: hint)
        }
        switch (bounds.start, bounds.end) {
        case (.unboundedFollowing, _):
            throw invalid("a window frame cannot start at UNBOUNDED FOLLOWING.")
        case (_, .unboundedPreceding):
            throw invalid("a window frame cannot end at UNBOUNDED PRECEDING.")
        case (.currentRow, .preceding):
            throw invalid("a window frame starting at CURRENT ROW cannot end with PRECEDING.")
        case (.following, .preceding), (.following, .currentRow):
            throw invalid("a window frame starting with FOLLOWING cannot end with PRECEDING or CURRENT ROW.")
        default: break
        }
        for bound in [bounds.start, bounds.end] {
            switch bound {
            case .preceding(let offset), .following(let offset):
                if offset < 0 { throw invalid("a window frame offset must be zero or more, not \(offset).") }
                if bounds.unit == .range {
                    throw SluiceError(
                        domain: .query, code: "window.unsupportedFrame",
                        message: "Window function \(callName): RANGE frames with PRECEDING or FOLLOWING offsets are not supported yet.",
                        hint: "Use a ROWS frame (ROWS BETWEEN 3 PRECEDING AND CURRENT ROW), or RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW.")
                }
            default: break
            }
        }
        switch bounds.start {
        case .unboundedPreceding: start = .partitionStart
        case .preceding(let offset): start = .rowOffset(-offset)
        case .currentRow: start = bounds.unit == .rows ? .rowOffset(0) : .peerGroupStart
        case .following(let offset): start = .rowOffset(offset)
        case .unboundedFollowing: start = .partitionStart
        }
        switch bounds.end {
        case .unboundedFollowing: end = .partitionEnd
        case .preceding(let offset): end = .rowOffset(-offset)
        case .currentRow: end = bounds.unit == .rows ? .rowOffset(0) : .peerGroupEnd
        case .following(let offset): end = .rowOffset(offset)
        case .unboundedPreceding: end = .partitionEnd
        }
    }

    /// The frame's positions for the row at `position` of `partition`; empty frames come back
    /// with `end <= start`. `peers` holds each position's peer group bounds when ``usesPeers``.
    @inline(__always)
    func bounds(at position: Int, partition: Range<Int>, peers: PeerGroups) -> (start: Int, end: Int) {
        let reach = partition.count + 1
        let lower: Int
        switch start {
        case .partitionStart: lower = partition.lowerBound
        case .rowOffset(let offset):
            lower = min(max(position + max(-reach, min(reach, offset)), partition.lowerBound), partition.upperBound)
        case .peerGroupStart: lower = Int(peers.start[position])
        }
        let upper: Int
        switch end {
        case .partitionEnd: upper = partition.upperBound
        case .rowOffset(let offset):
            upper = min(max(position + max(-reach, min(reach, offset)) + 1, partition.lowerBound), partition.upperBound)
        case .peerGroupEnd: upper = Int(peers.end[position])
        }
        return (lower, upper)
    }
}

/// For each position, the first position of its peer group and the position after its last.
struct PeerGroups {
    let start: UnsafeBufferPointer<Int32>
    let end: UnsafeBufferPointer<Int32>
}
