#if canImport(Glibc)
/// glibc's `int mallopt(int param, int value)` from <malloc.h>, which the Glibc module does
/// not export.
@_silgen_name("mallopt")
private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif

/// Process-wide malloc settings for Sluice's large, short-lived column buffers. By default
/// glibc returns freed blocks of a few MB to the kernel at once and maps them again for the
/// next batch, so every batch pays page faults and zeroing (a third of a Parquet scan's
/// time, measured with perf). Keeping freed memory for reuse costs at most the size of a
/// few batches.
enum MemoryTuning {
    static func apply() {
        #if canImport(Glibc)
        // <malloc.h>: M_TRIM_THRESHOLD -1, M_TOP_PAD -2, M_MMAP_THRESHOLD -3 (macros Swift does
        // not import).
        let trimThreshold: Int32 = -1, topPad: Int32 = -2, mmapThreshold: Int32 = -3
        // Blocks below 256 MB come from the heap, not fresh mappings...
        _ = mallopt(mmapThreshold, 256 << 20)
        // ...and freed memory stays with the process for the next batch.
        _ = mallopt(trimThreshold, 1 << 30)
        _ = mallopt(topPad, 64 << 20)
        #endif
    }
}
