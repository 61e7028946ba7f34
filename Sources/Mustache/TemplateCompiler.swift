/// Compiles parsed templates into one ``MustacheProgram`` for one language: translations resolved,
/// names interned, partials and parents compiled once per way they are included (indentation and block
/// overrides are resolved here, at load, not while rendering).
///
/// Indentation follows the specification: a standalone partial's indentation is put before every line
/// of the partial; a block's override is re-indented from its own indentation to where the block stands.
struct TemplateCompiler {
    let templates: [String: [TemplateNode]]
    let translate: (String) -> String
    /// The specification's behaviour for a partial that does not exist (render nothing); Palestra refuses it.
    let missingPartialsRenderNothing: Bool
    private(set) var program = MustacheProgram()
    private var memo: [String: Int] = [:]
    private var dottedIndex: [[Int32]: Int32] = [:]
    private var templateIndex: [String: Int32] = [:]
    private var environments = 0

    init(templates: [String: [TemplateNode]], translate: @escaping (String) -> String, missingPartialsRenderNothing: Bool = false) {
        self.templates = templates
        self.translate = translate
        self.missingPartialsRenderNothing = missingPartialsRenderNothing
    }

    /// Compiles every template as an entry point.
    mutating func compileAll() throws -> MustacheProgram {
        let root = Context(template: "", strip: 0, add: "", environment: BlockEnvironment(id: 0, overrides: [:]))
        for name in templates.keys.sorted() {
            program.entries[name] = try compileProgram(name, context: root, start: .start)
        }
        return program
    }

    // MARK: State

    final class BlockEnvironment {
        let id: Int
        let overrides: [String: TemplateBlock]
        init(id: Int, overrides: [String: TemplateBlock]) {
            self.id = id
            self.overrides = overrides
        }
    }

    struct Context {
        var template: String
        /// Leading whitespace removed from each line of literal text.
        var strip: Int
        /// Put before each line.
        var add: String
        var environment: BlockEnvironment
    }

    enum LineState: Equatable {
        case middle
        /// At a line's start: strip, then indent before what follows.
        case start
        /// At a line's start whose indentation is already written: strip only.
        case startNoIndent
        /// Known only when rendering (after something that may or may not end a line): indentation is
        /// written if the output ends with a newline.
        case unknown
    }

    /// Local instructions with section ends relative to the local array, moved into the program at the end.
    private struct Builder {
        var code: [MustacheInstruction] = []
        var locations: [SourceLocation] = []
        /// Text may merge into the previous instruction only from here (not into a closed section's body).
        var mergeFrom = 0
    }

    // MARK: Programs

    private mutating func compileProgram(_ name: String, context: Context, start: LineState) throws -> Int {
        let key = "\(name)\u{0}\(context.strip)\u{0}\(context.add)\u{0}\(context.environment.id)\u{0}\(start)"
        if let index = memo[key] { return index }
        let index = program.programs.count
        program.programs.append(0..<0)
        memo[key] = index
        var builder = Builder()
        var state = start
        var inner = context
        inner.template = name
        try compile(templates[name] ?? [], context: inner, state: &state, into: &builder)
        let base = program.code.count
        for instruction in builder.code {
            switch instruction {
            case .section(let name, let rest, let end):
                program.code.append(.section(name: name, rest: rest, end: end + Int32(base)))
            case .inverted(let name, let rest, let end):
                program.code.append(.inverted(name: name, rest: rest, end: end + Int32(base)))
            default:
                program.code.append(instruction)
            }
        }
        program.locations += builder.locations
        program.programs[index] = base..<program.code.count
        return index
    }

    private mutating func compile(_ nodes: [TemplateNode], context: Context, state: inout LineState, into builder: inout Builder) throws {
        for node in nodes {
            switch node {
            case .text(let text):
                emitText(text, context: context, state: &state, into: &builder)
            case .translation(let key):
                emitText(translate(key), context: context, state: &state, into: &builder)
            case .variable(let path, let escaped, let line):
                startLine(context, &state, &builder)
                let (name, rest) = intern(path)
                append(.variable(name: name, rest: rest, escaped: escaped), context, line, &builder)
            case .section(let path, let body, let inverted, let opensLine, let line):
                if !opensLine { startLine(context, &state, &builder) }
                let before = state
                let (name, rest) = intern(path)
                let at = builder.code.count
                append(.call(program: -1), context, line, &builder)  // the section, once its end is known
                builder.mergeFrom = builder.code.count
                try compile(body, context: context, state: &state, into: &builder)
                let end = Int32(builder.code.count)
                builder.code[at] = inverted ? .inverted(name: name, rest: rest, end: end) : .section(name: name, rest: rest, end: end)
                builder.mergeFrom = builder.code.count
                // The body may render nothing (or many times): where the line stands after it is known
                // only if the body leaves it as it found it.
                if state != before { state = .unknown }
            case .partial(let name, let indentation, let line):
                try include(name, indentation: indentation, environment: context.environment, context: context, line: line, state: &state, into: &builder)
            case .parent(let name, let overrides, let indentation, let line):
                var merged = overrides
                for (block, content) in context.environment.overrides { merged[block] = content }
                environments += 1
                let environment = BlockEnvironment(id: environments, overrides: merged)
                try include(name, indentation: indentation, environment: environment, context: context, line: line, state: &state, into: &builder)
            case .block(let name, let defaultContent, let site):
                if let override = context.environment.overrides[name] {
                    let inner = Context(
                        template: override.template, strip: override.intrinsicIndentation.utf8.count,
                        add: context.add + site.indentation.droppingIndentation(context.strip), environment: context.environment)
                    var innerState: LineState = site.standalone ? .start : (state == .middle ? .middle : .startNoIndent)
                    try compile(override.nodes, context: inner, state: &innerState, into: &builder)
                    state = innerState == .startNoIndent ? .start : innerState
                } else {
                    try compile(defaultContent.nodes, context: context, state: &state, into: &builder)
                }
            }
        }
    }

    private mutating func include(
        _ name: String, indentation: String?, environment: BlockEnvironment, context: Context, line: Int,
        state: inout LineState, into builder: inout Builder
    ) throws {
        guard templates[name] != nil else {
            if missingPartialsRenderNothing { return }
            throw MustacheLoadError(template: context.template, line: line, message: "{{> \(name)}}: no template \(name).mustache")
        }
        let inner: Context
        let start: LineState
        if let indentation {
            inner = Context(template: name, strip: 0, add: context.add + indentation.droppingIndentation(context.strip), environment: environment)
            start = .start
        } else {
            startLine(context, &state, &builder)
            inner = Context(template: name, strip: 0, add: context.add, environment: environment)
            start = .middle
        }
        let index = try compileProgram(name, context: inner, start: start)
        append(.call(program: Int32(index)), context, line, &builder)
        builder.mergeFrom = builder.code.count
        state = .unknown
    }

    // MARK: Emitting

    private mutating func append(_ instruction: MustacheInstruction, _ context: Context, _ line: Int, _ builder: inout Builder) {
        builder.code.append(instruction)
        builder.locations.append(SourceLocation(template: templateID(context.template), line: Int32(line)))
    }

    private mutating func templateID(_ name: String) -> Int32 {
        if let id = templateIndex[name] { return id }
        let id = Int32(program.templateNames.count)
        program.templateNames.append(name)
        templateIndex[name] = id
        return id
    }

    /// Before a tag at the start of a line: the line's indentation.
    private mutating func startLine(_ context: Context, _ state: inout LineState, _ builder: inout Builder) {
        if state == .start, !context.add.isEmpty { appendBytes(Array(context.add.utf8), context, &builder) }
        if state == .unknown, !context.add.isEmpty {
            let offset = Int32(program.text.count)
            program.text.append(contentsOf: context.add.utf8)
            append(.indent(offset: offset, count: Int32(context.add.utf8.count)), context, 0, &builder)
            builder.mergeFrom = builder.code.count
        }
        state = .middle
    }

    private mutating func emitText(_ text: String, context: Context, state: inout LineState, into builder: inout Builder) {
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            if end < bytes.count { end += 1 }
            var segment = start
            if state == .start || state == .startNoIndent {
                var stripped = 0
                while stripped < context.strip, segment < end, bytes[segment] == UInt8(ascii: " ") || bytes[segment] == UInt8(ascii: "\t") {
                    segment += 1
                    stripped += 1
                }
            }
            if segment < end {
                startLine(context, &state, &builder)
                appendBytes(bytes[segment..<end], context, &builder)
                if bytes[end - 1] == UInt8(ascii: "\n") { state = .start }
            }
            start = end
        }
    }

    /// Literal bytes, merged into the previous text instruction when it ends where these begin.
    private mutating func appendBytes(_ bytes: some Collection<UInt8>, _ context: Context, _ builder: inout Builder) {
        guard !bytes.isEmpty else { return }
        let offset = Int32(program.text.count)
        program.text.append(contentsOf: bytes)
        if builder.code.count > builder.mergeFrom, case .text(let previous, let count)? = builder.code.last, previous + count == offset {
            builder.code[builder.code.count - 1] = .text(offset: previous, count: count + Int32(bytes.count))
        } else {
            append(.text(offset: offset, count: Int32(bytes.count)), context, 0, &builder)
        }
    }

    private mutating func intern(_ path: TemplatePath) -> (Int32, Int32) {
        guard let first = path.components.first else { return (-1, -1) }
        let name = Int32(MustacheNames.id(first))
        guard path.components.count > 1 else { return (name, -1) }
        let rest = path.components.dropFirst().map { Int32(MustacheNames.id($0)) }
        if let index = dottedIndex[rest] { return (name, index) }
        let index = Int32(program.dotted.count)
        program.dotted.append(rest)
        dottedIndex[rest] = index
        return (name, index)
    }
}

extension String {
    /// Without up to `count` leading spaces or tabs.
    func droppingIndentation(_ count: Int) -> String {
        var dropped = 0
        var index = startIndex
        while dropped < count, index < endIndex, self[index] == " " || self[index] == "\t" {
            index = self.index(after: index)
            dropped += 1
        }
        return String(self[index...])
    }
}
