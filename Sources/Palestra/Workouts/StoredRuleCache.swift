import Synchronization

/// Rules as stored, parsed once: a calendar or list reads every workout's rule on each request, and a user's
/// workouts share a handful of rule texts. Bounded: emptied when it holds `capacity` texts.
enum StoredRuleCache {
    static let capacity = 4096
    private static let parsed = Mutex<[String: RecurrenceRule]>([:])

    static func rule(_ text: String) throws(RecurrenceRuleProblem) -> RecurrenceRule {
        if let rule = parsed.withLock({ $0[text] }) { return rule }
        let rule = try RecurrenceRule(rfc5545: text)
        parsed.withLock { cache in
            if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
            cache[text] = rule
        }
        return rule
    }
}
