#if canImport(Glibc)
    import Glibc
#endif

/// Gives the memory that the C allocator keeps after large frees back to the system.
///
/// glibc keeps freed memory for reuse: each thread that allocates gets an arena of its own, and once
/// a large block has been freed it raises its threshold for mapping blocks on their own, so later
/// large blocks come from an arena and stay there when freed. The key phrases' statistics free some
/// 60 MB on their own thread while the corpus scan goes on, and the scan's page cache grows after
/// them: without this, that memory stayed for the rest of the scan (600 MB corpus: about 255 MiB
/// resident during the scan instead of 210).
enum FreedMemory {
    /// `malloc_trim` of glibc, looked up at run time: Swift's Glibc module leaves out `malloc.h`.
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
            return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
            return nil
        #endif
    }()

    /// Returns the free memory of every arena to the system, where the allocator can.
    static func release() {
        _ = trim?(0)
    }
}
