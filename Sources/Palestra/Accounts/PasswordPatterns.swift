/// Shapes of password that guessing tools try before any word list: one character or a short pattern
/// repeated, and runs of neighbouring keys or letters in order. Both compare lowercased `Character`s,
/// so `AaAaAaAa` repeats and `ЙЦУКЕН` is a run.
enum PasswordPatterns {
    /// The longest pattern whose repetition is refused: `abcd` in `abcdabcdabcd`.
    static let longestRepeatedPattern = 4
    /// The fewest neighbours in order that make a run: `qwe`, `321`, `абв`.
    static let shortestRun = 3

    /// Rows and orders people type without thinking: the keyboard rows of a US QWERTY and a Russian
    /// ЙЦУКЕН layout (digits and shifted digits included), and the Latin and Russian alphabets (with
    /// and without `ё`). Each is also read backwards.
    static let sequences: [[Character]] = {
        let forwards: [[Character]] = [
            "01234567890", "!@#$%^&*()_+", "qwertyuiop[]", "asdfghjkl;'", "zxcvbnm,./",
            "йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю.",
            "abcdefghijklmnopqrstuvwxyz", "абвгдеёжзийклмнопрстуфхцчшщъыьэюя", "абвгдежзийклмнопрстуфхцчшщъыьэюя",
        ].map { Array($0) }
        return forwards + forwards.map { Array($0.reversed()) }
    }()

    /// Where each character stands in ``sequences``: (which sequence, which position).
    static let positions: [Character: [(sequence: Int, offset: Int)]] = {
        var positions: [Character: [(sequence: Int, offset: Int)]] = [:]
        for (sequence, characters) in sequences.enumerated() {
            for (offset, character) in characters.enumerated() {
                positions[character, default: []].append((sequence, offset))
            }
        }
        return positions
    }()

    /// True when the password is its first 1 to ``longestRepeatedPattern`` characters repeated to its
    /// end, the last repetition possibly cut short: `aaaaaaaa`, `121212121212`, `abcabcab`, `Zq7!Zq7!`.
    static func isRepeatedPattern(_ password: String) -> Bool {
        let characters = Array(password.lowercased())
        guard characters.count >= 2 else { return false }
        return (1...min(longestRepeatedPattern, characters.count / 2)).contains { period in
            characters.indices.allSatisfy { characters[$0] == characters[$0 % period] }
        }
    }

    /// True when at least three quarters of the password's characters — digits, punctuation and spaces
    /// counted like letters — lie in runs: stretches of ``shortestRun`` or more characters standing
    /// next to each other, in order, in one of the ``sequences``. `qwerty123456`, `ytrewq!!`,
    /// `asdfghjkl1`, `йцукен` and `xyz-abc-123` are; `qwerty!2024` (6 of 11) and `first-study-defend`
    /// (9 of 18) are not.
    static func isMostlyRuns(_ password: String) -> Bool {
        let characters = Array(password.lowercased())
        var inRun = [Bool](repeating: false, count: characters.count)
        for start in characters.indices {
            let length = longestRun(in: characters, from: start)
            if length >= shortestRun {
                inRun.replaceSubrange(start..<start + length, with: repeatElement(true, count: length))
            }
        }
        return inRun.count(where: \.self) * 4 >= characters.count * 3
    }

    /// How many characters from `start` on follow one of the ``sequences`` in order.
    static func longestRun(in characters: [Character], from start: Int) -> Int {
        var longest = 0
        for (sequence, offset) in positions[characters[start]] ?? [] {
            let row = sequences[sequence]
            var length = 1
            while start + length < characters.count, offset + length < row.count, row[offset + length] == characters[start + length] {
                length += 1
            }
            longest = max(longest, length)
        }
        return longest
    }
}
