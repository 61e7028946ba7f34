/// How long a failed job waits before its next attempt: about 15 s + attempt⁴, ±10 % jitter, so
/// jobs that failed together do not all come back together.
enum RetryPolicy {
    static func delay(afterAttempt attempt: Int) -> Double {
        let base = 15 + Double(attempt) * Double(attempt) * Double(attempt) * Double(attempt)
        return base * Double.random(in: 0.9...1.1)
    }
}
