import Hummingbird

/// The CSV of every export: RFC 4180 with CRLF line ends and a UTF-8 byte-order mark (so spreadsheet
/// programs read Cyrillic as UTF-8), written so that each field stays one cell holding text, whichever
/// separator the program that opens the file assumes.
///
/// **Quoting.** A field is quoted (its quotes doubled) when it holds the separator of any common
/// locale — `,` (English), `;` (Russian, German …), a tab — a quote, CR or LF: a Russian Excel would
/// split an unquoted `SECX;=2+5;y` on `;` into three cells.
///
/// **Formulas.** A *cell start* is where some reader may begin a cell: the field's first character;
/// a character right after `,` `;` tab CR or LF inside the field (another program, or the same one
/// with another list separator, splits there); and a character after a quote that is itself at a cell
/// start (a reader takes an opening quote off: `a;"=1"` split on `;` gives `=1"`). When a cell start is
/// `=`, `+`, `-`, `@`, a tab or a CR, an apostrophe is inserted right before it:
/// `=HYPERLINK(…)` → `'=HYPERLINK(…)`, `SECX;=2+5;y` → `"SECX;'=2+5;y"`, `a<tab>=1` → `"a<tab>'=1"`.
/// However the line is split, no cell starts with a formula character; a spreadsheet shows the text
/// with the apostrophe in front (OWASP's advice on CSV injection). The one exception is a field that is
/// a plain number as a whole (``isPlainNumber(_:)``): `-5` and `+7` stay numbers. Inside a field every
/// cell start is neutralised, numbers too (`x;-5` → `"x;'-5"`): after `-5` a reader that splits there
/// could find `,5+cmd|…` (in a Russian Excel `-5,5` is a number, and the rest a formula).
///
/// What stays open: a signed number field followed by another field, in a program that splits on
/// another separator, reads as one cell starting with the sign (`-5,Anna`). Exports hold no signed
/// numbers today; one that will should put a text field after it, or none.
///
/// Nothing is removed or replaced, only apostrophes added, so reading the file back gives each field
/// with those apostrophes.
struct CSVWriter {
    /// What separates cells in some locale's CSV, or ends a row: each starts a new cell when another
    /// program reads the field.
    static let cellBreaks: Set<Unicode.Scalar> = [",", ";", "\t", "\r", "\n"]
    /// What a spreadsheet reads as the start of a formula when a cell begins with it.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// What separates the fields of a row: `,` by default, `;` for a Russian Excel, or a tab.
    let separator: Character
    /// The file so far: the byte-order mark, then one CRLF-ended line per row.
    private(set) var text = "\u{FEFF}"

    init(separator: Character = ",") {
        precondition(",;\t".contains(separator), "a CSV separator is a comma, a semicolon or a tab, not \(separator.debugDescription)")
        self.separator = separator
    }

    /// The CSV a spreadsheet program set to the reader's language opens as columns (``LocalizedFormat/csvSeparator``).
    init(for format: LocalizedFormat) {
        self.init(separator: format.csvSeparator)
    }

    /// Adds one row.
    mutating func append(_ fields: [String]) {
        text += fields.map(Self.field).joined(separator: String(separator)) + "\r\n"
    }

    /// One field as written: neutralised, then quoted when it holds a cell break or a quote.
    static func field(_ value: String) -> String {
        let neutral = neutralised(value)
        guard neutral.unicodeScalars.contains(where: { cellBreaks.contains($0) || $0 == "\"" }) else { return neutral }
        return "\"" + neutral.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `value` with an apostrophe before every cell start that is a formula character, plain numbers
    /// excepted (see the type's documentation). Works on Unicode scalars, as a spreadsheet reads them:
    /// CR LF is one `Character` in Swift, and `=` with a combining accent still starts with `=`.
    static func neutralised(_ value: String) -> String {
        let scalars = value.unicodeScalars
        var result = String.UnicodeScalarView()
        var index = scalars.startIndex
        var atCellStart = true
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if atCellStart, formulaStarts.contains(scalar), index != scalars.startIndex || !isPlainNumber(scalars[...]) {
                result.append("'")
            }
            result.append(scalar)
            // A quote opening a cell is taken off by whoever reads it: what follows starts the cell.
            atCellStart = cellBreaks.contains(scalar) || (atCellStart && scalar == "\"")
            index = scalars.index(after: index)
        }
        return String(result)
    }

    /// A sign, digits, and at most one decimal point or comma followed by digits: `-5`, `+7`, `-2.5`,
    /// `-1,5`. Not `-2+3`, `-inf`, `- 5`, `-0x1F`, `--5`.
    static func isPlainNumber(_ text: Substring.UnicodeScalarView) -> Bool {
        let digits = ("0"...("9" as Unicode.Scalar))
        var rest = text[...]
        if let sign = rest.first, sign == "+" || sign == "-" { rest = rest.dropFirst() }
        let whole = rest.prefix(while: digits.contains)
        guard !whole.isEmpty else { return false }
        rest = rest.dropFirst(whole.count)
        guard let point = rest.first else { return true }
        let fraction = rest.dropFirst()
        return (point == "." || point == ",") && !fraction.isEmpty && fraction.allSatisfy(digits.contains)
    }

    /// The file as a download named `fileName`.
    func response(fileName: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(fileName)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
