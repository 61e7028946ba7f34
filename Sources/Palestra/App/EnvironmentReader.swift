import Foundation

/// Reads typed values out of an environment dictionary, treating empty values as unset.
///
/// A variable that was renamed is still read under its old name (``AppConfiguration/renamedVariables``)
/// while the new one is unset; ``warnings`` then says so once, and an invalid value is reported under the
/// name that was actually set.
struct EnvironmentReader {
    let environment: [String: String]
    /// New name → old name.
    var formerNames: [String: String] = [:]

    /// The name a value is read from: `name`, or its former name when only that one is set.
    func sourceName(_ name: String) -> String {
        if present(name) { return name }
        if let old = formerNames[name], present(old) { return old }
        return name
    }

    /// One line for each renamed variable still set under its old name.
    var warnings: [String] {
        formerNames.sorted { $0.key < $1.key }.compactMap { new, old in
            guard present(old) else { return nil }
            return present(new)
                ? "\(old) is ignored: \(new) is set (\(old) is its former name)"
                : "\(old) is read as \(new), its new name; the old name will not be read after the next release"
        }
    }

    func string(_ name: String) -> String? {
        guard let value = environment[sourceName(name)]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw ConfigurationError(
                variable: sourceName(name), problem: "'\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound)"
            )
        }
        return value
    }

    func boolean(_ name: String) throws(ConfigurationError) -> Bool? {
        guard let text = string(name)?.lowercased() else { return nil }
        switch text {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ConfigurationError(variable: sourceName(name), problem: "'\(text)' is not true or false")
        }
    }

    private func present(_ name: String) -> Bool {
        !(environment[name]?.trimmingCharacters(in: .whitespaces).isEmpty ?? true)
    }
}
