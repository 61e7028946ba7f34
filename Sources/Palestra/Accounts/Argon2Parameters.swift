/// The cost of an argon2id hash: memory in KiB, passes over that memory, and lanes.
///
/// The public initialiser is failable: it returns `nil` for anything below ``minimum`` (the OWASP
/// floor, m=19456 KiB, t=2, p=1) or that argon2 itself refuses (fewer than 8 KiB per lane, more lanes
/// than argon2 allows), so a hasher can only ever be configured at a safe cost. The caller that reads
/// the configuration turns `nil` into an error naming its variable.
///
/// Values parsed back from stored hashes (``PasswordHasher/parameters(of:)``) describe what is
/// stored and may be below the minimum; that is what ``isWeaker(than:)`` is for.
public struct Argon2Parameters: Sendable, Equatable, CustomStringConvertible {
    /// Memory per hash, in KiB (argon2's `m`).
    public let memoryKiB: UInt32
    /// Passes over the memory (argon2's `t`).
    public let iterations: UInt32
    /// Lanes (argon2's `p`); libargon2 runs one thread per lane.
    public let parallelism: UInt32

    /// OWASP's minimum for argon2id: 19 MiB, two passes, one lane.
    public static let minimum = Argon2Parameters(unchecked: 19456, 2, 1)

    /// The most lanes argon2 accepts (`ARGON2_MAX_LANES`).
    static let maximumLanes: UInt32 = 0xFF_FFFF

    /// `nil` when any value is below ``minimum`` or the combination is one argon2 refuses.
    public init?(memoryKiB: UInt32, iterations: UInt32, parallelism: UInt32) {
        let parameters = Argon2Parameters(unchecked: memoryKiB, iterations, parallelism)
        guard !parameters.isWeaker(than: .minimum), parameters.isAcceptedByArgon2 else {
            return nil
        }
        self = parameters
    }

    /// Any values at all, for parameters read from a stored hash and for tests that need a weak hash.
    init(unchecked memoryKiB: UInt32, _ iterations: UInt32, _ parallelism: UInt32) {
        self.memoryKiB = memoryKiB
        self.iterations = iterations
        self.parallelism = parallelism
    }

    /// True when any of memory, iterations or parallelism is lower than in `other`: a hash made
    /// with these parameters should be replaced by one made with `other`.
    public func isWeaker(than other: Argon2Parameters) -> Bool {
        memoryKiB < other.memoryKiB || iterations < other.iterations || parallelism < other.parallelism
    }

    /// Whether libargon2 can hash with these values at all (at least one pass and one lane,
    /// 8 KiB of memory per lane).
    var isAcceptedByArgon2: Bool {
        iterations >= 1 && parallelism >= 1 && parallelism <= Self.maximumLanes
            && UInt64(memoryKiB) >= 8 * UInt64(parallelism)
    }

    /// The PHC form, `m=19456,t=2,p=1`, as it appears in an encoded hash.
    public var description: String {
        "m=\(memoryKiB),t=\(iterations),p=\(parallelism)"
    }
}
