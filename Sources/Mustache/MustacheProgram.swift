/// One step of a compiled template. Names are interned ids; `rest` indexes the remaining components of
/// a dotted name (`-1` for a plain name); `name == -1` is the implicit iterator `{{.}}`. A section's body
/// is the instructions after it, up to `end`.
enum MustacheInstruction: Sendable {
    case text(offset: Int32, count: Int32)
    /// Indentation where the compiler cannot know whether a line starts (after a section, partial or
    /// block that may or may not have ended a line): written only when the output ends with a newline.
    case indent(offset: Int32, count: Int32)
    case variable(name: Int32, rest: Int32, escaped: Bool)
    case section(name: Int32, rest: Int32, end: Int32)
    case inverted(name: Int32, rest: Int32, end: Int32)
    /// A partial or parent, compiled once as its own program (recursion-safe).
    case call(program: Int32)
}

/// Where an instruction came from, for the start-up check's messages.
struct SourceLocation: Sendable {
    let template: Int32
    let line: Int32
}

/// Every template of a library compiled for one language: one array of instructions, one array of
/// literal bytes, and each program's range.
struct MustacheProgram: Sendable {
    var code: [MustacheInstruction] = []
    var locations: [SourceLocation] = []
    var text: [UInt8] = []
    var programs: [Range<Int>] = []
    /// Template name → its program.
    var entries: [String: Int] = [:]
    var dotted: [[Int32]] = []
    var templateNames: [String] = []

    func name(of id: Int32, rest: Int32) -> String {
        if id < 0 { return "." }
        var components = [MustacheNames.name(Int(id))]
        if rest >= 0 { components += dotted[Int(rest)].map { MustacheNames.name(Int($0)) } }
        return components.joined(separator: ".")
    }
}
