import Synchronization

/// Every name templates read and view models declare, interned to a small integer once: a compiled
/// template reads `rows` as id 17, and a view model's table finds id 17 by indexing an array.
enum MustacheNames {
    private struct State {
        var ids: [String: Int] = [:]
        var names: [String] = []
    }

    private static let state = Mutex(State())

    static func id(_ name: String) -> Int {
        state.withLock { state in
            if let id = state.ids[name] { return id }
            let id = state.names.count
            state.ids[name] = id
            state.names.append(name)
            return id
        }
    }

    static func name(_ id: Int) -> String {
        state.withLock { $0.names[id] }
    }
}
