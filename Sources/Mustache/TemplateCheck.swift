/// Checks a compiled template against its root view model's table, walking the program with a static
/// stack of tables: every name it reads must resolve, and each must be used as what it yields (text
/// escaped, raw HTML only with `{{{…}}}`, sections over booleans, objects and lists).
extension MustacheLibrary {
    /// Every problem of `template` read with `Root` at the top: empty when the template fits.
    public func check<Root: MustacheObject>(_ template: String, rootedAt root: Root.Type) -> [MustacheLoadError] {
        check(template, rootedAt: Root.mustacheTable)
    }

    public func check(_ template: String, rootedAt root: MustacheTable) -> [MustacheLoadError] {
        guard let entry = program.entries[template] else {
            return [MustacheLoadError(template: template, line: 0, message: "no template \(template).mustache")]
        }
        var checker = TemplateChecker(program: program)
        checker.walk(program.programs[entry], stack: [root])
        return checker.errors
    }
}

private struct TemplateChecker {
    let program: MustacheProgram
    var errors: [MustacheLoadError] = []
    var visited: Set<String> = []

    mutating func walk(_ range: Range<Int>, stack: [MustacheTable]) {
        var pc = range.lowerBound
        while pc < range.upperBound {
            switch program.code[pc] {
            case .text, .indent:
                pc += 1
            case .variable(let name, let rest, let escaped):
                if let kind = resolve(name, rest, stack, at: pc) {
                    let tag = escaped ? "{{\(program.name(of: name, rest: rest))}}" : "{{{\(program.name(of: name, rest: rest))}}}"
                    switch kind {
                    case .text where !escaped:
                        fail(pc, "\(tag): writes text without escaping; raw HTML must come from a …HTML key")
                    case .html where escaped:
                        fail(pc, "\(tag): is raw HTML; write it with {{{…}}}")
                    case .object, .list, .bool:
                        fail(pc, "\(tag): is \(kind.label), which a variable cannot write; use a section")
                    default:
                        break
                    }
                }
                pc += 1
            case .section(let name, let rest, let end):
                if let kind = resolve(name, rest, stack, at: pc) {
                    switch kind {
                    case .bool: walk(pc + 1..<Int(end), stack: stack)
                    case .text, .html: walk(pc + 1..<Int(end), stack: stack + [String.mustacheTable])
                    case .number: walk(pc + 1..<Int(end), stack: stack + [Int.mustacheTable])
                    case .object(let table), .list(let table): walk(pc + 1..<Int(end), stack: stack + [table()])
                    case .dynamic: break
                    }
                }
                pc = Int(end)
            case .inverted(let name, let rest, let end):
                _ = resolve(name, rest, stack, at: pc)
                walk(pc + 1..<Int(end), stack: stack)
                pc = Int(end)
            case .call(let callee):
                let key = "\(callee):" + stack.map { String(UInt(bitPattern: ObjectIdentifier($0).hashValue)) }.joined(separator: ",")
                if visited.insert(key).inserted { walk(program.programs[Int(callee)], stack: stack) }
                pc += 1
            }
        }
    }

    /// What a name yields where it is read, or `nil` (and an error) when nothing on the stack has it.
    mutating func resolve(_ name: Int32, _ rest: Int32, _ stack: [MustacheTable], at pc: Int) -> MustacheValueKind? {
        let top = stack[stack.count - 1]
        guard name >= 0 else {
            if let reader = top.selfReader { return reader.kind }
            if top.lookup != nil { return .dynamic }
            fail(pc, "{{.}}: \(top.typeName) has no value of its own to write")
            return nil
        }
        for table in stack.reversed() {
            if table.lookup != nil { return .dynamic }
            guard let reader = table.reader(Int(name))?.takeUnretainedValue() else { continue }
            var kind = reader.kind
            if rest >= 0 {
                for id in program.dotted[Int(rest)] {
                    guard case .object(let next) = kind else {
                        fail(pc, "{{\(program.name(of: name, rest: rest))}}: \(kind.label) has no keys")
                        return nil
                    }
                    let nextTable = next()
                    if nextTable.lookup != nil { return .dynamic }
                    guard let nextReader = nextTable.reader(Int(id))?.takeUnretainedValue() else {
                        fail(pc, "{{\(program.name(of: name, rest: rest))}}: no key \(MustacheNames.name(Int(id))) in \(nextTable.typeName)")
                        return nil
                    }
                    kind = nextReader.kind
                }
            }
            return kind
        }
        fail(pc, "{{\(program.name(of: name, rest: rest))}}: no such key in \(top.typeName)"
            + (stack.count > 1 ? " (nor in \(stack.dropLast().reversed().map(\.typeName).joined(separator: ", ")))" : ""))
        return nil
    }

    mutating func fail(_ pc: Int, _ message: String) {
        let location = program.locations[pc]
        let error = MustacheLoadError(template: program.templateNames[Int(location.template)], line: Int(location.line), message: message)
        if !errors.contains(error) { errors.append(error) }
    }
}
