#if canImport(Glibc)
import Glibc
#endif

/// How glibc's malloc keeps memory in the long-running processes (`serve`, `worker`).
///
/// - **Two arenas.** glibc gives threads that allocate at once their own arenas (up to eight per core), each
///   keeping the memory freed into it. Two held about 2 MB less resident memory than the default under the list
///   benchmark (68.4 against 70.7 MB, the same requests per second): the event-loop and thread-pool threads share
///   them. `MALLOC_ARENA_MAX` (or `GLIBC_TUNABLES`), when set, still decides.
/// - **Blocks of 1 MiB or more are mapped, and unmapped when freed.** By default glibc raises that threshold to
///   the size of the last mapped block freed (up to 32 MiB), so after the first sign-in argon2id's 19 MiB block
///   came from an arena and stayed resident: each sign-in on another arena kept another 19 MiB (52 MB before the
///   first sign-in, 72 after it, 92 after the second). `MALLOC_MMAP_THRESHOLD_` (or `GLIBC_TUNABLES`), when set, still decides.
enum MallocSettings {
    static func apply(arenas: Int32 = 2, mapFrom bytes: Int32 = 1 << 20) {
        #if canImport(Glibc)
        // `mallopt`, `M_ARENA_MAX` (-8) and `M_MMAP_THRESHOLD` (-3) are in <malloc.h>, which the Glibc module does not bring.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let tunables = getenv("GLIBC_TUNABLES").map { String(cString: $0) } ?? ""
        if getenv("MALLOC_ARENA_MAX") == nil, !tunables.contains("glibc.malloc.arena_max") { _ = mallopt(-8, arenas) }
        if getenv("MALLOC_MMAP_THRESHOLD_") == nil, !tunables.contains("glibc.malloc.mmap_threshold") { _ = mallopt(-3, bytes) }
        #endif
    }
}
