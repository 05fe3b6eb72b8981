#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// HyperLogLog over 64-bit hashes with 2^11 registers: a standard error of 1.04 / √2048 ≈ 2.3%,
/// Trino's default for `approx_distinct`. A sketch starts sparse (the distinct hashes
/// themselves, exact) and turns dense once storing hashes would take more than the registers.
struct HyperLogLog: Sendable {
    static let indexBits = 11
    static let registerCount = 1 << indexBits
    /// Distinct hashes kept exactly before switching to registers (as many bytes as the registers).
    static let sparseLimit = registerCount / 8

    private(set) var sparse: [UInt64] = []
    private(set) var registers: [UInt8] = []

    var isDense: Bool { !registers.isEmpty }
    var memoryUsedBytes: Int { sparse.capacity * 8 + registers.count }

    mutating func add(_ hash: UInt64) {
        if isDense {
            setRegister(hash)
            return
        }
        if sparse.contains(hash) { return }
        sparse.append(hash)
        if sparse.count > Self.sparseLimit { densify() }
    }

    mutating func merge(_ other: HyperLogLog) {
        if other.isDense {
            if !isDense { densify() }
            for index in 0..<Self.registerCount where other.registers[index] > registers[index] {
                registers[index] = other.registers[index]
            }
        } else {
            for hash in other.sparse { add(hash) }
        }
    }

    private mutating func densify() {
        registers = [UInt8](repeating: 0, count: Self.registerCount)
        for hash in sparse { setRegister(hash) }
        sparse = []
    }

    @inline(__always)
    private mutating func setRegister(_ hash: UInt64) {
        let index = Int(hash >> UInt64(64 - Self.indexBits))
        // The rank: position of the first set bit after the index bits (a guard bit bounds it).
        let rest = (hash << UInt64(Self.indexBits)) | (1 << UInt64(Self.indexBits - 1))
        let rank = UInt8(rest.leadingZeroBitCount + 1)
        if rank > registers[index] { registers[index] = rank }
    }

    /// The estimated number of distinct hashes added (exact while sparse).
    var estimate: Int64 {
        guard isDense else { return Int64(sparse.count) }
        let m = Double(Self.registerCount)
        var harmonicSum = 0.0
        var zeros = 0
        for register in registers {
            harmonicSum += 1 / Double(UInt64(1) << UInt64(register))
            if register == 0 { zeros += 1 }
        }
        let alpha = 0.7213 / (1 + 1.079 / m)
        var estimate = alpha * m * m / harmonicSum
        if estimate <= 2.5 * m, zeros > 0 {
            // Small ranges: linear counting on the empty registers.
            estimate = m * log(m / Double(zeros))
        }
        return Int64(estimate.rounded())
    }
}
