/// Wakes a waiting loop early: a `NOTIFY`, a freed slot. A signal sent while nobody waits is kept for
/// the next wait, so none is lost.
actor WakeSignal {
    private var pending = false
    private var waiter: CheckedContinuation<Void, Never>?
    private var generation = 0

    func fire() {
        if let waiter {
            self.waiter = nil
            waiter.resume()
        } else {
            pending = true
        }
    }

    /// Returns at the next signal, or after `timeout`.
    func wait(upTo timeout: Duration) async {
        if pending {
            pending = false
            return
        }
        generation += 1
        let mine = generation
        await withCheckedContinuation { continuation in
            waiter = continuation
            Task {
                try? await Task.sleep(for: timeout)
                self.expire(mine)
            }
        }
    }

    private func expire(_ wanted: Int) {
        guard wanted == generation, let waiter else { return }
        self.waiter = nil
        waiter.resume()
    }
}
