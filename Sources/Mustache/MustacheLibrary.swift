import NIOCore
import Synchronization

/// Templates parsed once: the same parse serves every language's ``MustacheLibrary``.
public struct MustacheTemplates: Sendable {
    let parsed: [String: [TemplateNode]]

    /// Parses every template (name → text); the first error names its template and line.
    public init(_ sources: [String: String]) throws {
        var parsed: [String: [TemplateNode]] = [:]
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            parsed[name] = try TemplateParser(template: name).parse(text)
        }
        self.parsed = parsed
    }
}

/// Every template compiled for one language into one program: what pages render with.
///
/// `{{#t}}Text{{/t}}` blocks are replaced by `translate("Text")` here, at load; partials and parents are
/// compiled in, so rendering never looks a template up by name except the page's own.
public struct MustacheLibrary: Sendable {
    let program: MustacheProgram
    private let sizeHints = SizeHints()

    public init(_ templates: MustacheTemplates, translate: @escaping (String) -> String = { $0 }, missingPartialsRenderNothing: Bool = false) throws {
        var compiler = TemplateCompiler(templates: templates.parsed, translate: translate, missingPartialsRenderNothing: missingPartialsRenderNothing)
        program = try compiler.compileAll()
    }

    /// Convenience for one-off use: parses and compiles `sources`.
    public init(_ sources: [String: String], missingPartialsRenderNothing: Bool = false) throws {
        try self.init(MustacheTemplates(sources), missingPartialsRenderNothing: missingPartialsRenderNothing)
    }

    /// Renders `template` over `value` into a new buffer (sized from the template's previous render), or
    /// `nil` when there is no such template.
    public func render<Value: MustacheObject>(_ value: Value, template: String, allocator: ByteBufferAllocator = ByteBufferAllocator()) -> ByteBuffer? {
        guard let entry = program.entries[template] else { return nil }
        let table = Value.mustacheTable
        table.verifyOnce(value)
        let hint = sizeHints.hints.withLock { $0[entry] } ?? 4096
        let output = allocator.buffer(capacity: hint + hint / 8)
        let rendered = withUnsafePointer(to: value) { base in
            program.code.withUnsafeBufferPointer { code in
                program.text.withUnsafeBytes { text in
                    program.programs.withUnsafeBufferPointer { programs in
                        HTMLEscaping.table.withUnsafeBufferPointer { escapes in
                            let pointers = MustacheProgramPointers(code: code, text: text, programs: programs, dotted: program.dotted, escapes: escapes)
                            let frames = UnsafeMutablePointer<MustacheFrame>.allocate(capacity: MustacheRenderer.maximumDepth)
                            let staging = UnsafeMutableRawPointer.allocate(byteCount: MustacheRenderer.stagingCapacity, alignment: 16)
                            defer {
                                frames.deallocate()
                                staging.deallocate()
                            }
                            var renderer = MustacheRenderer(
                                program: pointers, output: output, frames: frames, staging: staging,
                                root: MustacheFrame(base: UnsafeRawPointer(base), table: table))
                            renderer.run(programs[entry])
                            return renderer.finish()
                        }
                    }
                }
            }
        }
        if rendered.readableBytes > hint { sizeHints.hints.withLock { $0[entry] = rendered.readableBytes } }
        return rendered
    }

    /// The rendered text (tests and command-line use).
    public func renderText<Value: MustacheObject>(_ value: Value, template: String) -> String? {
        render(value, template: template).map { String(buffer: $0) }
    }
}

/// The size of each template's largest render so far: the next render's buffer starts that big.
private final class SizeHints: Sendable {
    let hints = Mutex<[Int: Int]>([:])
}
