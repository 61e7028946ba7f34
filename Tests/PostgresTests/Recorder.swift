import Synchronization

/// Collects what an async sequence produces so tests can poll for it.
final class Recorder<Element: Sendable>: Sendable {
    private let storage = Mutex<(elements: [Element], finished: Bool)>(([], false))

    var elements: [Element] { storage.withLock { $0.elements } }
    var isFinished: Bool { storage.withLock { $0.finished } }

    func append(_ element: Element) {
        storage.withLock { $0.elements.append(element) }
    }

    func finish() {
        storage.withLock { $0.finished = true }
    }
}
