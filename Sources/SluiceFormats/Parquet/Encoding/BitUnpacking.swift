/// Unpacks groups of eight values bit-packed least significant bit first (the order of the
/// RLE/bit-packing hybrid and of DELTA_BINARY_PACKED), eight at a time, with one copy of the
/// loop per bit width so shifts and masks are constants.
enum BitUnpacking {
    /// Unpacks `groups` groups of eight `width`-bit values (width 0…32) from `source`, of which
    /// `byteCount` bytes are readable; bits past `byteCount` read as zero.
    static func unpack(
        _ source: UnsafeRawPointer?, byteCount: Int, groups: Int, width: Int, into output: UnsafeMutablePointer<UInt32>
    ) {
        guard width > 0, let source else {
            output.update(repeating: 0, count: groups * 8)
            return
        }
        // Eight-byte loads run up to 8 bytes past a group's end: those groups read in place.
        let direct = directGroups(groups, width: width, byteCount: byteCount, slack: 8)
        if direct > 0 { unpackInPlace(source, groups: direct, width: width, into: output) }
        for group in direct..<groups {
            withPaddedGroup(source, byteCount: byteCount, group: group, width: width) { padded in
                unpackInPlace(padded, groups: 1, width: width, into: output + group * 8)
            }
        }
    }

    /// Unpacks `groups` groups of eight `width`-bit values (width 0…64), as above.
    static func unpack(
        _ source: UnsafeRawPointer?, byteCount: Int, groups: Int, width: Int, into output: UnsafeMutablePointer<UInt64>
    ) {
        guard width > 0, let source else {
            output.update(repeating: 0, count: groups * 8)
            return
        }
        // Widths over 56 also read the ninth byte: 9 bytes past the group's start, at most.
        let direct = directGroups(groups, width: width, byteCount: byteCount, slack: 9)
        if direct > 0 { unpackInPlace(source, groups: direct, width: width, into: output) }
        for group in direct..<groups {
            withPaddedGroup(source, byteCount: byteCount, group: group, width: width) { padded in
                unpackInPlace(padded, groups: 1, width: width, into: output + group * 8)
            }
        }
    }

    /// How many of `groups` can be read in place: those whose last load, `slack` bytes past the
    /// group's end at most, stays inside `byteCount`. Usually all, found without a division.
    @inline(__always)
    private static func directGroups(_ groups: Int, width: Int, byteCount: Int, slack: Int) -> Int {
        if groups &* width &+ slack <= byteCount { return groups }
        return byteCount >= slack ? min(groups, (byteCount - slack) / width) : 0
    }

    /// Copies group `group` (as much of it as `byteCount` allows) into a zeroed buffer with room
    /// for the loads that run past its end.
    @inline(__always)
    private static func withPaddedGroup(
        _ source: UnsafeRawPointer, byteCount: Int, group: Int, width: Int, _ body: (UnsafeRawPointer) -> Void
    ) {
        var padded: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &padded) { bytes in
            let start = group * width
            let available = max(0, min(width, byteCount - start))
            if available > 0 { bytes.baseAddress!.copyMemory(from: source + start, byteCount: available) }
            body(UnsafeRawPointer(bytes.baseAddress!))
        }
    }

    @inline(__always)
    private static func unpackGroups(
        _ source: UnsafeRawPointer, groups: Int, width: Int, into output: UnsafeMutablePointer<UInt32>
    ) {
        let mask: UInt64 = (1 << UInt64(width)) &- 1
        var input = source
        var target = output
        for _ in 0..<groups {
            for index in 0..<8 {
                let bit = index * width
                let word = UInt64(littleEndian: input.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
                target[index] = UInt32(truncatingIfNeeded: (word &>> UInt64(bit & 7)) & mask)
            }
            input += width
            target += 8
        }
    }

    @inline(__always)
    private static func unpackGroups(
        _ source: UnsafeRawPointer, groups: Int, width: Int, into output: UnsafeMutablePointer<UInt64>
    ) {
        let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) &- 1
        var input = source
        var target = output
        for _ in 0..<groups {
            for index in 0..<8 {
                let bit = index * width
                let shift = UInt64(bit & 7)
                var value = UInt64(littleEndian: input.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self)) &>> shift
                if width > 56 && shift > 0 {
                    let high = UInt64(input.load(fromByteOffset: (bit >> 3) + 8, as: UInt8.self))
                    value |= high &<< (64 &- shift)
                }
                target[index] = value & mask
            }
            input += width
            target += 8
        }
    }

    // One call per width, so each inlined copy of the loop above sees a constant width.

    private static func unpackInPlace(_ source: UnsafeRawPointer, groups: Int, width: Int, into output: UnsafeMutablePointer<UInt32>) {
        switch width {
        case 1: unpackGroups(source, groups: groups, width: 1, into: output)
        case 2: unpackGroups(source, groups: groups, width: 2, into: output)
        case 3: unpackGroups(source, groups: groups, width: 3, into: output)
        case 4: unpackGroups(source, groups: groups, width: 4, into: output)
        case 5: unpackGroups(source, groups: groups, width: 5, into: output)
        case 6: unpackGroups(source, groups: groups, width: 6, into: output)
        case 7: unpackGroups(source, groups: groups, width: 7, into: output)
        case 8: unpackGroups(source, groups: groups, width: 8, into: output)
        case 9: unpackGroups(source, groups: groups, width: 9, into: output)
        case 10: unpackGroups(source, groups: groups, width: 10, into: output)
        case 11: unpackGroups(source, groups: groups, width: 11, into: output)
        case 12: unpackGroups(source, groups: groups, width: 12, into: output)
        case 13: unpackGroups(source, groups: groups, width: 13, into: output)
        case 14: unpackGroups(source, groups: groups, width: 14, into: output)
        case 15: unpackGroups(source, groups: groups, width: 15, into: output)
        case 16: unpackGroups(source, groups: groups, width: 16, into: output)
        case 17: unpackGroups(source, groups: groups, width: 17, into: output)
        case 18: unpackGroups(source, groups: groups, width: 18, into: output)
        case 19: unpackGroups(source, groups: groups, width: 19, into: output)
        case 20: unpackGroups(source, groups: groups, width: 20, into: output)
        case 21: unpackGroups(source, groups: groups, width: 21, into: output)
        case 22: unpackGroups(source, groups: groups, width: 22, into: output)
        case 23: unpackGroups(source, groups: groups, width: 23, into: output)
        case 24: unpackGroups(source, groups: groups, width: 24, into: output)
        case 25: unpackGroups(source, groups: groups, width: 25, into: output)
        case 26: unpackGroups(source, groups: groups, width: 26, into: output)
        case 27: unpackGroups(source, groups: groups, width: 27, into: output)
        case 28: unpackGroups(source, groups: groups, width: 28, into: output)
        case 29: unpackGroups(source, groups: groups, width: 29, into: output)
        case 30: unpackGroups(source, groups: groups, width: 30, into: output)
        case 31: unpackGroups(source, groups: groups, width: 31, into: output)
        default: unpackGroups(source, groups: groups, width: 32, into: output)
        }
    }

    private static func unpackInPlace(_ source: UnsafeRawPointer, groups: Int, width: Int, into output: UnsafeMutablePointer<UInt64>) {
        switch width {
        case 1: unpackGroups(source, groups: groups, width: 1, into: output)
        case 2: unpackGroups(source, groups: groups, width: 2, into: output)
        case 3: unpackGroups(source, groups: groups, width: 3, into: output)
        case 4: unpackGroups(source, groups: groups, width: 4, into: output)
        case 5: unpackGroups(source, groups: groups, width: 5, into: output)
        case 6: unpackGroups(source, groups: groups, width: 6, into: output)
        case 7: unpackGroups(source, groups: groups, width: 7, into: output)
        case 8: unpackGroups(source, groups: groups, width: 8, into: output)
        case 9: unpackGroups(source, groups: groups, width: 9, into: output)
        case 10: unpackGroups(source, groups: groups, width: 10, into: output)
        case 11: unpackGroups(source, groups: groups, width: 11, into: output)
        case 12: unpackGroups(source, groups: groups, width: 12, into: output)
        case 13: unpackGroups(source, groups: groups, width: 13, into: output)
        case 14: unpackGroups(source, groups: groups, width: 14, into: output)
        case 15: unpackGroups(source, groups: groups, width: 15, into: output)
        case 16: unpackGroups(source, groups: groups, width: 16, into: output)
        case 17: unpackGroups(source, groups: groups, width: 17, into: output)
        case 18: unpackGroups(source, groups: groups, width: 18, into: output)
        case 19: unpackGroups(source, groups: groups, width: 19, into: output)
        case 20: unpackGroups(source, groups: groups, width: 20, into: output)
        case 21: unpackGroups(source, groups: groups, width: 21, into: output)
        case 22: unpackGroups(source, groups: groups, width: 22, into: output)
        case 23: unpackGroups(source, groups: groups, width: 23, into: output)
        case 24: unpackGroups(source, groups: groups, width: 24, into: output)
        case 25: unpackGroups(source, groups: groups, width: 25, into: output)
        case 26: unpackGroups(source, groups: groups, width: 26, into: output)
        case 27: unpackGroups(source, groups: groups, width: 27, into: output)
        case 28: unpackGroups(source, groups: groups, width: 28, into: output)
        case 29: unpackGroups(source, groups: groups, width: 29, into: output)
        case 30: unpackGroups(source, groups: groups, width: 30, into: output)
        case 31: unpackGroups(source, groups: groups, width: 31, into: output)
        case 32: unpackGroups(source, groups: groups, width: 32, into: output)
        case 33: unpackGroups(source, groups: groups, width: 33, into: output)
        case 34: unpackGroups(source, groups: groups, width: 34, into: output)
        case 35: unpackGroups(source, groups: groups, width: 35, into: output)
        case 36: unpackGroups(source, groups: groups, width: 36, into: output)
        case 37: unpackGroups(source, groups: groups, width: 37, into: output)
        case 38: unpackGroups(source, groups: groups, width: 38, into: output)
        case 39: unpackGroups(source, groups: groups, width: 39, into: output)
        case 40: unpackGroups(source, groups: groups, width: 40, into: output)
        case 41: unpackGroups(source, groups: groups, width: 41, into: output)
        case 42: unpackGroups(source, groups: groups, width: 42, into: output)
        case 43: unpackGroups(source, groups: groups, width: 43, into: output)
        case 44: unpackGroups(source, groups: groups, width: 44, into: output)
        case 45: unpackGroups(source, groups: groups, width: 45, into: output)
        case 46: unpackGroups(source, groups: groups, width: 46, into: output)
        case 47: unpackGroups(source, groups: groups, width: 47, into: output)
        case 48: unpackGroups(source, groups: groups, width: 48, into: output)
        case 49: unpackGroups(source, groups: groups, width: 49, into: output)
        case 50: unpackGroups(source, groups: groups, width: 50, into: output)
        case 51: unpackGroups(source, groups: groups, width: 51, into: output)
        case 52: unpackGroups(source, groups: groups, width: 52, into: output)
        case 53: unpackGroups(source, groups: groups, width: 53, into: output)
        case 54: unpackGroups(source, groups: groups, width: 54, into: output)
        case 55: unpackGroups(source, groups: groups, width: 55, into: output)
        case 56: unpackGroups(source, groups: groups, width: 56, into: output)
        case 57: unpackGroups(source, groups: groups, width: 57, into: output)
        case 58: unpackGroups(source, groups: groups, width: 58, into: output)
        case 59: unpackGroups(source, groups: groups, width: 59, into: output)
        case 60: unpackGroups(source, groups: groups, width: 60, into: output)
        case 61: unpackGroups(source, groups: groups, width: 61, into: output)
        case 62: unpackGroups(source, groups: groups, width: 62, into: output)
        case 63: unpackGroups(source, groups: groups, width: 63, into: output)
        default: unpackGroups(source, groups: groups, width: 64, into: output)
        }
    }
}
