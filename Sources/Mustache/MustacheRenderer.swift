import NIOCore

/// A context frame: a pointer to a value and the table that reads it. Frames point into values the
/// caller keeps alive for the whole render; nothing is copied or boxed.
struct MustacheFrame {
    let base: UnsafeRawPointer
    unowned(unsafe) let table: MustacheTable
}

/// Runs a compiled program over a stack of frames, writing bytes into the response's buffer through a small
/// staging area: a text piece or an escaped run costs a bounds check and a copy there, and the buffer takes them
/// in chunks of ``stagingCapacity`` (written one by one, `ByteBuffer`'s capacity, uniqueness and exclusivity
/// checks were 18 % of the attendance list's render).
struct MustacheRenderer {
    let code: UnsafeBufferPointer<MustacheInstruction>
    let text: UnsafeRawBufferPointer
    let programs: UnsafeBufferPointer<Range<Int>>
    let dotted: [[Int32]]
    var output: ByteBuffer
    /// The context stack: `frames[0..<depth]`.
    let frames: UnsafeMutablePointer<MustacheFrame>
    var depth = 0
    static let maximumDepth = 256
    private let escapes: UnsafeBufferPointer<UInt8>
    /// Bytes written but not yet in ``output``: `staging[0..<staged]` (``finish()`` moves them there).
    private let staging: UnsafeMutableRawPointer
    private var staged = 0
    static let stagingCapacity = 8192

    /// `staging` holds ``stagingCapacity`` bytes, for the whole render.
    init(
        program: borrowing MustacheProgramPointers, output: ByteBuffer, frames: UnsafeMutablePointer<MustacheFrame>,
        staging: UnsafeMutableRawPointer, root: MustacheFrame
    ) {
        self.code = program.code
        self.text = program.text
        self.programs = program.programs
        self.dotted = program.dotted
        self.escapes = program.escapes
        self.output = output
        self.frames = frames
        self.staging = staging
        frames[0] = root
        depth = 1
    }

    mutating func run(_ range: Range<Int>) {
        var pc = range.lowerBound
        while pc < range.upperBound {
            switch code[pc] {
            case .text(let offset, let count):
                write(UnsafeRawBufferPointer(rebasing: text[Int(offset)..<Int(offset + count)]))
                pc += 1
            case .indent(let offset, let count):
                if endsLine {
                    write(UnsafeRawBufferPointer(rebasing: text[Int(offset)..<Int(offset + count)]))
                }
                pc += 1
            case .variable(let name, let rest, let escaped):
                if let (frame, reader) = resolve(name, rest) {
                    reader._withUnsafeGuaranteedRef { $0.write(frame.base, &self, escaped: escaped) }
                }
                pc += 1
            case .section(let name, let rest, let end):
                if let (frame, reader) = resolve(name, rest) {
                    reader._withUnsafeGuaranteedRef { $0.section(frame.base, &self, body: pc + 1..<Int(end)) }
                }
                pc = Int(end)
            case .inverted(let name, let rest, let end):
                let falsy = resolve(name, rest).map { frame, reader in reader._withUnsafeGuaranteedRef { $0.isFalsy(frame.base) } } ?? true
                if falsy { run(pc + 1..<Int(end)) }
                pc = Int(end)
            case .call(let program):
                run(programs[Int(program)])
                pc += 1
            }
        }
    }

    /// Renders `body` with `frame` on top of the stack.
    @inline(__always)
    mutating func run(_ body: Range<Int>, with frame: MustacheFrame) {
        precondition(depth < Self.maximumDepth, "templates nested deeper than \(Self.maximumDepth) sections")
        frames[depth] = frame
        depth += 1
        run(body)
        depth -= 1
    }

    /// The frame and reader a name resolves to: the first component up the stack (a `nil` value goes on
    /// climbing), the rest within what the first found (no climbing: a broken chain resolves to nothing).
    @inline(__always)
    private func resolve(_ name: Int32, _ rest: Int32) -> (MustacheFrame, Unmanaged<MustacheReader>)? {
        guard name >= 0 else {
            let top = frames[depth - 1]
            return top.table.selfReader.map { (top, Unmanaged.passUnretained($0)) }
        }
        var index = depth - 1
        while index >= 0 {
            let frame = frames[index]
            index -= 1
            guard let reader = frame.table.reader(Int(name)) else { continue }
            if reader._withUnsafeGuaranteedRef({ $0.isOptional && !$0.isPresent(frame.base) }) { continue }
            if rest < 0 { return (frame, reader) }
            var current = (frame, reader)
            for id in dotted[Int(rest)] {
                guard let next = current.1._withUnsafeGuaranteedRef({ $0.frame(current.0.base) }),
                      let nextReader = next.table.reader(Int(id)),
                      !nextReader._withUnsafeGuaranteedRef({ $0.isOptional && !$0.isPresent(next.base) })
                else { return nil }
                current = (next, nextReader)
            }
            return current
        }
        return nil
    }

    // MARK: Output

    /// Whether nothing is written yet or what is written ends with a newline.
    private var endsLine: Bool {
        if staged > 0 { return staging.load(fromByteOffset: staged - 1, as: UInt8.self) == UInt8(ascii: "\n") }
        return output.readableBytes == 0 || output.getInteger(at: output.writerIndex - 1, as: UInt8.self) == UInt8(ascii: "\n")
    }

    @inline(__always)
    private mutating func write(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress else { return }
        if bytes.count > Self.stagingCapacity - staged {
            flush()
            if bytes.count > Self.stagingCapacity {
                output.writeBytes(bytes)
                return
            }
        }
        (staging + staged).copyMemory(from: source, byteCount: bytes.count)
        staged += bytes.count
    }

    private mutating func flush() {
        output.writeBytes(UnsafeRawBufferPointer(start: staging, count: staged))
        staged = 0
    }

    /// The output, everything written in it.
    mutating func finish() -> ByteBuffer {
        flush()
        return output
    }

    /// `string` as a variable writes it: HTML-escaped (`{{name}}`) or as it is (`{{{name}}}`).
    mutating func writeText(_ string: borrowing String, escaped: Bool) {
        if escaped { writeEscaped(string) } else { writeRaw(string) }
    }

    mutating func writeRaw(_ string: borrowing String) {
        if string.utf8.withContiguousStorageIfAvailable({ write(UnsafeRawBufferPointer($0)) }) == nil {
            var copy = copy string
            copy.withUTF8 { write(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Writes `string` with `& < > " '` replaced by entities, byte by byte (a quote followed by a
    /// combining mark is still a quote to an HTML parser).
    mutating func writeEscaped(_ string: borrowing String) {
        if string.utf8.withContiguousStorageIfAvailable({ writeEscaped($0) }) == nil {
            var copy = copy string
            copy.withUTF8 { writeEscaped($0) }
        }
    }

    private mutating func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for index in 0..<bytes.count {
            let entity = escapes[Int(bytes[index])]
            if entity == 0 { continue }
            if index > runStart { write(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))) }
            let replacement = HTMLEscaping.entities[Int(entity) - 1]
            write(UnsafeRawBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            runStart = index + 1
        }
        if runStart < bytes.count { write(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[runStart...]))) }
    }
}

/// The program's arrays as pointers, valid for one render.
struct MustacheProgramPointers: ~Copyable {
    let code: UnsafeBufferPointer<MustacheInstruction>
    let text: UnsafeRawBufferPointer
    let programs: UnsafeBufferPointer<Range<Int>>
    let dotted: [[Int32]]
    let escapes: UnsafeBufferPointer<UInt8>
}
