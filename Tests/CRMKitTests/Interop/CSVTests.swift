import CRMKit
import Foundation
import Testing

@Suite("CSV reading, writing and headers")
struct CSVTests {
    // MARK: Helpers

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Feeds `input` in chunks of `size` bytes, then finishes.
    static func read(_ input: [UInt8], chunkSize size: Int, reader: CSVReader = CSVReader()) throws(CSVError) -> [[String]] {
        var reader = reader
        var records: [[String]] = []
        var start = 0
        while start < input.count {
            let end = min(start + size, input.count)
            records += try reader.feed(input[start..<end])
            start = end
        }
        records += try reader.finish()
        return records
    }

    /// The error a read throws, or nil.
    static func readError(_ input: [UInt8], chunkSize: Int? = nil, reader: CSVReader = CSVReader()) -> CSVError? {
        do {
            _ = try read(input, chunkSize: chunkSize ?? max(input.count, 1), reader: reader)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Round trips

    struct Document: Sendable, CustomTestStringConvertible {
        var name: String
        var records: [[String]]
        var testDescription: String { name }
    }

    static let documents: [Document] = [
        Document(name: "quotes", records: [
            ["TITLE", "COMMENTS"], ["Fornitura \"Rossi\"", "\"\""], ["\"", "a\"b\"c"], ["\"leading", "trailing\""],
        ]),
        Document(name: "separators", records: [["a,b", "c;d", "e\tf"], [",", ";", ",;,;"], ["x", "y", "z"]]),
        Document(name: "line breaks", records: [
            ["line1\nline2", "cr\rlf\r\n", "\r\n"], ["\n", "end\n", "x"], ["\r", "\n\n\n", "last"],
        ]),
        Document(name: "empty fields", records: [["", "", ""], [""], ["a", ""], ["", "b"], [""], ["", ""]]),
        Document(name: "unicode", records: [
            ["日本語", "emoji 👨‍👩‍👧 🇮🇹", "Ω≈ç√ 𝄞"], ["zero\u{0}byte", "naïve café", "e\u{301}"], ["\u{FEFF}", "Ж", "\u{10FFFF}"],
        ]),
        Document(name: "a first field that starts like a byte order mark", records: [["\u{FEFF}TITLE", "x"], ["\u{FEFF}", "y"]]),
        Document(name: "Italian text", records: [
            ["Nome dell'elemento", "Città", "Probabilità"],
            ["Società Cooperativa à r.l.", "Perché sì", "Più è meglio, però…"],
            ["L'Aquila", "Forlì-Cesena", "Sant'Antìoco; \"Sardegna\""],
        ]),
        Document(name: "spaces and tabs at the edges", records: [[" a", "b ", "\tc", "d\t", " "], ["  ", "\t", "x"]]),
        Document(name: "formula-like text with the guard off", records: [["=1+1", "+39 02 1234", "-x", "@SUM(A1)"]]),
    ]

    @Test("records survive the writer and the reader", arguments: documents, [CSVSeparator.comma, .semicolon, .tab])
    func roundTrip(document: Document, separator: CSVSeparator) throws {
        for byteOrderMark in [false, true] {
            let bytes = CSVWriter.encode(document.records, separator: separator, byteOrderMark: byteOrderMark, formulaGuard: false)
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF] || !byteOrderMark)
            #expect(try CSVReader.records(in: bytes, separator: separator) == document.records)
        }
    }

    @Test("the writer quotes only when needed, doubles quotes and ends lines with CRLF")
    func writerFormat() {
        var writer = CSVWriter()
        #expect(writer.write(["plain", "a,b", "say \"hi\"", "two\nlines", " lead", "trail ", "a;b", "Città"])
            == Self.bytes("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" lead\",\"trail \",a;b,Città\r\n"))
        #expect(writer.write([""]) == Self.bytes("\"\"\r\n"))
        #expect(writer.write(["", ""]) == Self.bytes(",\r\n"))
        #expect(writer.write([]) == Self.bytes("\r\n"))
        #expect(writer.recordCount == 4)
        var semicolons = CSVWriter(separator: .semicolon)
        #expect(semicolons.write(["1500,50", "a;b"]) == Self.bytes("1500,50;\"a;b\"\r\n"))
    }

    @Test("the documented writer example")
    func writerExample() {
        var writer = CSVWriter(separator: .semicolon, byteOrderMark: true)
        var bytes = writer.write(["TITLE", "OPPORTUNITY", "COMMENTS"])
        bytes += writer.write(["Fornitura \"Rossi\"", "1500,50", "=1+1"])
        #expect(bytes == [0xEF, 0xBB, 0xBF] + Self.bytes("TITLE;OPPORTUNITY;COMMENTS\r\n\"Fornitura \"\"Rossi\"\"\";1500,50;'=1+1\r\n"))
    }

    @Test("separators from characters")
    func separators() {
        #expect(CSVSeparator(",") == .comma)
        #expect(CSVSeparator(";") == .semicolon)
        #expect(CSVSeparator("\t") == .tab)
        #expect(CSVSeparator("|")?.byte == UInt8(ascii: "|"))
        #expect(CSVSeparator("\"") == nil)
        #expect(CSVSeparator("\n") == nil)
        #expect(CSVSeparator("\r\n") == nil)
        #expect(CSVSeparator("é") == nil)
        #expect(CSVSeparator.semicolon.description == ";")
    }

    // MARK: Reading

    static let italianExport = [0xEF, 0xBB, 0xBF] + bytes(
        "Nome;Città;Note\r\n\"Rossi, Mario\";Milano;\"riga1\r\nriga2 \"\"citata\"\"\"\r\n;;\r\nÈ;ü€𝄞;\"\"\n\n\r\nlast;x;y")

    @Test("semicolons, quotes, CRLF and LF, a byte order mark, blank lines and no final line end")
    func readsItalianExport() throws {
        let records = try CSVReader.records(in: Self.italianExport, separator: .semicolon)
        #expect(records == [
            ["Nome", "Città", "Note"], ["Rossi, Mario", "Milano", "riga1\r\nriga2 \"citata\""], ["", "", ""],
            ["È", "ü€𝄞", ""], ["last", "x", "y"],
        ])
    }

    @Test("line ends: CRLF, LF and CR; an empty trailing line is no record")
    func lineEnds() throws {
        let expected = [["a", "b"], ["c", "d"]]
        for text in ["a,b\r\nc,d\r\n", "a,b\nc,d\n", "a,b\rc,d\r", "a,b\r\nc,d", "a,b\nc,d\n\n", "a,b\r\nc,d\r\n\r\n", "\r\na,b\n\nc,d"] {
            #expect(try CSVReader.records(in: Self.bytes(text)) == expected, "\(text.debugDescription)")
        }
        #expect(try CSVReader.records(in: Self.bytes("a,\n")) == [["a", ""]])
        #expect(try CSVReader.records(in: Self.bytes("a,")) == [["a", ""]])
        #expect(try CSVReader.records(in: Self.bytes(",\n\"\"")) == [["", ""], [""]])
        #expect(try CSVReader.records(in: Self.bytes("")) == [])
        #expect(try CSVReader.records(in: Self.bytes("\n\r\n")) == [])
    }

    struct ChunkInput: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var separator: CSVSeparator
        var testDescription: String { name }
    }

    static let chunkInputs: [ChunkInput] = [
        ChunkInput(name: "an Italian export", bytes: italianExport, separator: .semicolon),
        ChunkInput(
            name: "the round-trip documents",
            bytes: CSVWriter.encode(documents.flatMap(\.records), byteOrderMark: true, formulaGuard: false), separator: .comma),
    ]

    @Test("feeding chunks of every size gives the same records", arguments: chunkInputs)
    func chunked(input: ChunkInput) throws {
        let whole = try CSVReader.records(in: input.bytes, separator: input.separator)
        #expect(whole.count >= 5)
        for size in 1...input.bytes.count {
            let records = try Self.read(input.bytes, chunkSize: size, reader: CSVReader(separator: input.separator))
            #expect(records == whole, "chunks of \(size)")
        }
    }

    @Test("records come out as soon as their line ends; the reader counts records and bytes")
    func incremental() throws {
        var reader = CSVReader(separator: .semicolon)
        #expect(try reader.feed(Self.bytes("Nome;Città\r\nRossi;\"Mil")) == [["Nome", "Città"]])
        #expect(try reader.feed(Self.bytes("ano\"\r\n\"")) == [["Rossi", "Milano"]])
        #expect(try reader.feed(Self.bytes("\"\"\";x")) == [])
        #expect(reader.recordCount == 2)
        #expect(reader.byteCount == Self.bytes("Nome;Città\r\nRossi;\"Milano\"\r\n\"\"\"\";x").count)
        #expect(try reader.finish() == [["\"", "x"]])
        // The reader starts over after finish, byte order mark included.
        #expect(reader.recordCount == 0)
        #expect(try reader.feed([0xEF, 0xBB, 0xBF] + Self.bytes("a;b\n")) == [["a", "b"]])
    }

    // MARK: Byte order mark

    @Test("a leading byte order mark is skipped, also when split across chunks; elsewhere it is data")
    func byteOrderMark() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        for size in 1...4 {
            #expect(try Self.read(bom + Self.bytes("TITLE,x\n"), chunkSize: size) == [["TITLE", "x"]])
            #expect(try Self.read(bom, chunkSize: size) == [])
            #expect(try Self.read(Self.bytes("TITLE\n\u{FEFF}x"), chunkSize: size) == [["TITLE"], ["\u{FEFF}x"]])
            #expect(try Self.read(Self.bytes("\u{FEFF}\u{FEFF}x"), chunkSize: size) == [["\u{FEFF}x"]])
            #expect(try Self.read(Self.bytes("ab"), chunkSize: size) == [["ab"]])
        }
        // Offsets count the mark.
        let error = Self.readError(bom + Self.bytes("\"x"))
        #expect(error?.code == .unterminatedQuote)
        #expect(error?.byteOffset == 3)
        // Half a mark is not UTF-8.
        for size in 1...3 {
            let broken = Self.readError([0xEF, 0xBB] + Self.bytes("a"), chunkSize: size)
            #expect(broken?.code == .invalidUTF8)
            #expect(broken?.byteOffset == 0)
            #expect(Self.readError([0xEF], chunkSize: size)?.byteOffset == 0)
        }
    }

    @Test("the writer puts the byte order mark once, at the start")
    func writerByteOrderMark() {
        var writer = CSVWriter(byteOrderMark: true)
        #expect(writer.write(["a"]) == [0xEF, 0xBB, 0xBF] + Self.bytes("a\r\n"))
        #expect(writer.write(["b"]) == Self.bytes("b\r\n"))
        var plain = CSVWriter()
        #expect(plain.write(["\u{FEFF}a"]) == Self.bytes("\"\u{FEFF}a\"\r\n"))
        #expect(plain.write(["\u{FEFF}b"]) == Self.bytes("\u{FEFF}b\r\n"))
    }

    // MARK: Errors

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var name: String
        var input: [UInt8]
        var reader = CSVReader()
        var code: CSVError.Code
        var record: Int
        var column: Int
        var offset: Int
        var testDescription: String { name }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(name: "unterminated quote", input: bytes("a,b\r\n1,\"abc"), code: .unterminatedQuote, record: 2, column: 2, offset: 7),
        ErrorCase(name: "unterminated quote over lines", input: bytes("h\n\"multi\nline\n"), code: .unterminatedQuote, record: 2, column: 1, offset: 2),
        ErrorCase(name: "quote inside an unquoted field", input: bytes("name\nab\"c\n"), code: .unexpectedQuote, record: 2, column: 1, offset: 7),
        ErrorCase(name: "text after a closing quote", input: bytes("x,y\n1,\"ab\"c\n"), code: .unexpectedQuote, record: 2, column: 2, offset: 9),
        ErrorCase(name: "a space after a closing quote", input: bytes("\"a\" ,b"), code: .unexpectedQuote, record: 1, column: 1, offset: 2),
        ErrorCase(name: "blank lines are not records", input: bytes("a\n\n\r\nb\"\n"), code: .unexpectedQuote, record: 2, column: 1, offset: 6),
        ErrorCase(name: "semicolons", input: bytes("a;b\n1;x\"\n"), reader: CSVReader(separator: .semicolon), code: .unexpectedQuote, record: 2, column: 2, offset: 7),
        ErrorCase(name: "lone continuation byte", input: bytes("ok\n") + [0x80], code: .invalidUTF8, record: 2, column: 1, offset: 3),
        ErrorCase(name: "overlong encoding", input: [0xC0, 0xAF], code: .invalidUTF8, record: 1, column: 1, offset: 0),
        ErrorCase(name: "sequence cut by a separator", input: bytes("a,") + [0xE2, 0x82] + bytes(",b"), code: .invalidUTF8, record: 1, column: 2, offset: 2),
        ErrorCase(name: "sequence cut by a letter", input: bytes("ab") + [0xC3] + bytes("x"), code: .invalidUTF8, record: 1, column: 1, offset: 2),
        ErrorCase(name: "surrogate", input: bytes("x,") + [0xED, 0xA0, 0x80], code: .invalidUTF8, record: 1, column: 2, offset: 2),
        ErrorCase(name: "beyond U+10FFFF", input: [0xF4, 0x90, 0x80, 0x80], code: .invalidUTF8, record: 1, column: 1, offset: 0),
        ErrorCase(name: "byte 0xF5", input: bytes("a\nb,c,") + [0xF5], code: .invalidUTF8, record: 2, column: 3, offset: 6),
        ErrorCase(name: "input ends inside a sequence", input: bytes("abc") + [0xF0, 0x9F], code: .invalidUTF8, record: 1, column: 1, offset: 3),
        ErrorCase(name: "invalid byte in a quoted field", input: bytes("\"a") + [0xFF] + bytes("b\""), code: .invalidUTF8, record: 1, column: 1, offset: 2),
        ErrorCase(name: "a lone lead byte between letters", input: bytes("ab") + [0xC3] + bytes("cd,e"), code: .invalidUTF8, record: 1, column: 1, offset: 2),
        ErrorCase(name: "Latin-1 text", input: bytes("Citt") + [0xE0] + bytes(",x\n"), code: .invalidUTF8, record: 1, column: 1, offset: 4),
        ErrorCase(name: "too many fields (limit 3)", input: bytes("h\na,b,c,d\n"), reader: CSVReader(maxFieldCount: 3), code: .tooManyFields, record: 2, column: 4, offset: 8),
        ErrorCase(name: "too many empty fields (limit 3)", input: bytes(",,,"), reader: CSVReader(maxFieldCount: 3), code: .tooManyFields, record: 1, column: 4, offset: 3),
        ErrorCase(name: "field too long (limit 4)", input: bytes("abcd,abcde"), reader: CSVReader(maxFieldBytes: 4), code: .fieldTooLong, record: 1, column: 2, offset: 5),
        ErrorCase(name: "quoted field too long (limit 4)", input: bytes("x\n\"ab\"\"cd\""), reader: CSVReader(maxFieldBytes: 4), code: .fieldTooLong, record: 2, column: 1, offset: 2),
        ErrorCase(name: "doubled quote over the limit (limit 4)", input: bytes("\"abcd\"\"\""), reader: CSVReader(maxFieldBytes: 4), code: .fieldTooLong, record: 1, column: 1, offset: 0),
    ]

    @Test("each error names its code, record, field and byte offset, whatever the chunk size", arguments: errorCases)
    func errors(_ test: ErrorCase) throws {
        for size in 1...test.input.count {
            let error = try #require(Self.readError(test.input, chunkSize: size, reader: test.reader), "chunks of \(size)")
            #expect(error.code == test.code)
            #expect(error.record == test.record)
            #expect(error.column == test.column)
            #expect(error.byteOffset == test.offset)
        }
    }

    @Test("after an error the reader keeps throwing it")
    func errorSticks() throws {
        var partial = CSVReader()
        var records: [[String]] = []
        #expect(throws: CSVError.self) { try partial.feed(Self.bytes("a\nb\nc\"d\ne\n"), into: &records) }
        #expect(records == [["a"], ["b"]])

        var reader = CSVReader()
        _ = try reader.feed(Self.bytes("a\n"))
        let first = #expect(throws: CSVError.self) { try reader.feed(Self.bytes("b\"c\n")) }
        let again = #expect(throws: CSVError.self) { try reader.feed(Self.bytes("ok\n")) }
        let atEnd = #expect(throws: CSVError.self) { try reader.finish() }
        #expect(first != nil && first == again && again == atEnd)
        #expect(Self.readError([0x0F, 0xF5])?.message == "byte 0xF5 cannot start a UTF-8 sequence")
        #expect(first?.description == "unexpectedQuote at record 2, column 1, byte 3: a quote inside an unquoted field (quote the field and double the quote)")
    }

    @Test("the default guards: 10,000 fields and 10 MiB per field")
    func defaultLimits() throws {
        let fields = [String](repeating: "", count: 10_000)
        #expect(try CSVReader.records(in: Self.bytes("h\n" + String(repeating: ",", count: 9_999) + "\n")) == [["h"], fields])
        let tooMany = Self.readError(Self.bytes("h\n" + String(repeating: ",", count: 10_000) + "\n"))
        #expect(tooMany?.code == .tooManyFields)
        #expect(tooMany?.record == 2)
        #expect(tooMany?.column == 10_001)
        #expect(tooMany?.byteOffset == 10_002)

        let limit = CSVReader.defaultMaxFieldBytes
        #expect(limit == 10 * 1024 * 1024)
        var big = Self.bytes("h\nx,")
        big += [UInt8](repeating: UInt8(ascii: "a"), count: limit)
        let records = try CSVReader.records(in: big)
        #expect(records.count == 2 && records[1][1].utf8.count == limit)
        big.append(UInt8(ascii: "a"))
        let tooLong = Self.readError(big)
        #expect(tooLong?.code == .fieldTooLong)
        #expect(tooLong?.record == 2)
        #expect(tooLong?.column == 2)
        #expect(tooLong?.byteOffset == 4)
    }

    // MARK: Formula injection

    static let formulaCases: [(String, String)] = [
        ("=1+1", "'=1+1"),
        ("+39 02 1234567", "'+39 02 1234567"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "\"'\r=1\""),
        ("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        ("-", "'-"),
        ("-1.", "'-1."),
        ("+", "'+"),
        ("-12", "-12"),
        ("+3.5", "+3.5"),
        ("-1,5", "\"-1,5\""),
        ("1+1", "1+1"),
        ("a=b", "a=b"),
        ("", ""),
    ]

    @Test("text that a spreadsheet would run as a formula gets a leading quote; numbers do not", arguments: formulaCases)
    func formulaGuard(field: String, written: String) throws {
        var writer = CSVWriter()
        let bytes = writer.write([field, "x"])
        #expect(bytes == Self.bytes(written + ",x\r\n"))
        #expect(CSVWriter.isFormulaLike(field) == written.contains("'" + field.prefix(1)))
        #expect(try CSVReader.records(in: bytes) == [[CSVWriter.isFormulaLike(field) ? "'" + field : field, "x"]])
        var unguarded = CSVWriter(formulaGuard: false)
        #expect(try CSVReader.records(in: unguarded.write([field, "x"])) == [[field, "x"]])
    }

    // MARK: Headers

    static let dealColumns: [(String, FieldCode)] = [
        ("TITLE", "TITLE"), ("title", "TITLE"), ("Title", "TITLE"), ("Nome dell'elemento", "TITLE"),
        ("STAGE_ID", "STAGE_ID"), ("stageId", "STAGE_ID"), ("Deal Stage", "STAGE_ID"), ("Fase", "STAGE_ID"),
        ("  fase ", "STAGE_ID"), ("FASE", "STAGE_ID"), ("stage_id", "STAGE_ID"), ("STAGEID", "STAGE_ID"),
        ("Persona responsabile", "ASSIGNED_BY_ID"), ("Responsible", "ASSIGNED_BY_ID"), ("assignedById", "ASSIGNED_BY_ID"),
        ("PROBABILITÀ", "PROBABILITY"), ("Probabilita\u{300}", "PROBABILITY"), ("\tImporto\n", "OPPORTUNITY"),
        ("createdBy", "CREATED_BY_ID"), ("Osservatori", "OBSERVERS"), ("contact_ids", "CONTACT_IDS"),
        ("Cliente: contatti", "CONTACT_IDS"), ("Contact", "CONTACT_ID"),
        ("UF_CRM_17", "UF_CRM_17"), ("uf_crm_region", "UF_CRM_REGION"), (" UF_CRM_MY_FIELD ", "UF_CRM_MY_FIELD"),
    ]

    @Test("a deal header cell maps to its field by code, item key, English or Italian title", arguments: dealColumns)
    func dealColumn(cell: String, code: FieldCode) throws {
        #expect(try CSVHeader(["ID", cell], entityType: .deal).codes == ["ID", code])
    }

    @Test("a whole Italian header, with a user field by its label")
    func italianHeader() throws {
        let region = try CustomFieldDefinition(
            code: "UF_CRM_REGION", entityType: .deal, type: .string, label: LocalizedText("Region", italian: "Regione"))
        let other = try CustomFieldDefinition(code: "UF_CRM_SIZE", entityType: .company, type: .string, label: "Taglia")
        let header = try CSVHeader(
            ["Nome dell'elemento", "Fase", "Persona responsabile", "Importo", "Valuta", "Regione", "UF_CRM_OTHER"],
            entityType: .deal, customFields: [region, other])
        #expect(header.codes == ["TITLE", "STAGE_ID", "ASSIGNED_BY_ID", "OPPORTUNITY", "CURRENCY_ID", "UF_CRM_REGION", "UF_CRM_OTHER"])
        #expect(header.index(of: "ASSIGNED_BY_ID") == 2)
        #expect(header.index(of: "COMMENTS") == nil)
        let unknown = #expect(throws: CSVError.self) { try CSVHeader(["Taglia"], entityType: .deal, customFields: [other]) }
        #expect(unknown?.code == .unknownColumn)
    }

    static let unknownCells: [([String], Int, String)] = [
        (["TITLE", "Nonsense"], 2, "Nonsense"),
        (["", "TITLE"], 1, ""),
        (["TITLE", "STAGE_ID", "   "], 3, "   "),
        (["UF_CRM_"], 1, "UF_CRM_"),
        (["ufCrm17"], 1, "ufCrm17"),
        (["UF_CRM_CITTÀ"], 1, "UF_CRM_CITTÀ"),
        (["UF_CRM_A B"], 1, "UF_CRM_A B"),
        (["Nome"], 1, "Nome"),
    ]

    @Test("an unknown header cell names its column and text", arguments: unknownCells)
    func unknownColumn(cells: [String], column: Int, text: String) {
        let error = #expect(throws: CSVError.self) { try CSVHeader(cells, entityType: .deal) }
        #expect(error?.code == .unknownColumn)
        #expect(error?.record == 1)
        #expect(error?.column == column)
        #expect(error?.text == text)
    }

    @Test("a title shared by two fields is ambiguous: a company's Legal Address, and a constructed case")
    func ambiguousColumn() throws {
        let company = #expect(throws: CSVError.self) { try CSVHeader(["TITLE", " legal address"], entityType: .company) }
        #expect(company?.code == .ambiguousColumn)
        #expect(company?.column == 2)
        #expect(company?.text == " legal address")
        #expect(company?.fields == ["ADDRESS_LEGAL", "REG_ADDRESS"])
        // The codes are unambiguous.
        #expect(try CSVHeader(["ADDRESS_LEGAL", "REG_ADDRESS"], entityType: .company).codes == ["ADDRESS_LEGAL", "REG_ADDRESS"])

        let fields = [
            FieldDescriptor(code: "NAME", itemKey: "name", type: .string, title: LocalizedText("Title", italian: "Nome")),
            FieldDescriptor(code: "CREATED", type: .date, title: LocalizedText("Date", italian: "Data")),
            FieldDescriptor(code: "PAYLOAD_DATE", type: .date, title: LocalizedText("Data")),
            FieldDescriptor(code: "SUBJECT", type: .string, title: LocalizedText("Name")),
        ]
        let shared = #expect(throws: CSVError.self) { try CSVHeader(["NAME", "Data "], fields: fields) }
        #expect(shared?.code == .ambiguousColumn)
        #expect(shared?.column == 2)
        #expect(shared?.text == "Data ")
        #expect(shared?.fields == ["CREATED", "PAYLOAD_DATE"])
        // A code or key wins over another field's title ("name" is also SUBJECT's title).
        #expect(try CSVHeader(["name", "Date"], fields: fields).codes == ["NAME", "CREATED"])
        let byTitle = fields + [FieldDescriptor(code: "DATA", type: .string, title: "Payload")]
        #expect(try CSVHeader(["data", "Nome"], fields: byTitle).codes == ["DATA", "NAME"])  // "Data" is also two titles
    }

    @Test("deal titles are unambiguous in English and Italian")
    func dealTitlesUnambiguous() throws {
        let fields = EntityType.deal.fields
        for language in [Language.english, .italian] {
            #expect(try CSVHeader(CSVHeader.cells(for: fields, language: language), fields: fields).codes == fields.map(\.code))
        }
    }

    @Test("two cells naming the same field are a duplicate")
    func duplicateColumn() {
        let error = #expect(throws: CSVError.self) { try CSVHeader(["TITLE", "Fase", "Nome dell'elemento"], entityType: .deal) }
        #expect(error?.code == .duplicateColumn)
        #expect(error?.column == 3)
        #expect(error?.fields == ["TITLE"])
    }

    @Test("header cells from fields: codes or titles, and codes read back for every entity type", arguments: EntityType.allCases)
    func headerCells(type: EntityType) throws {
        let fields = type.fields
        let cells = CSVHeader.cells(for: fields, language: nil)
        #expect(cells == fields.map(\.code.rawValue))
        #expect(try CSVHeader(cells, entityType: type).codes == fields.map(\.code))
        #expect(CSVHeader.cells(for: fields, language: .english) == fields.map(\.title.english))
        #expect(CSVHeader.cells(for: fields, language: .italian) == fields.map { $0.title.italian ?? $0.title.english })
    }

    @Test("a deal export header in Italian")
    func italianCells() throws {
        let fields = try ["TITLE", "STAGE_ID", "ASSIGNED_BY_ID", "CATEGORY_ID"].map { try #require(Deal.schema[FieldCode(rawValue: $0)]) }
        #expect(CSVHeader.cells(for: fields, language: .italian) == ["Nome dell'elemento", "Fase", "Persona responsabile", "Sales Funnel"])
        #expect(CSVHeader.cells(for: fields, language: .english) == ["Title", "Deal Stage", "Responsible", "Sales Funnel"])
    }

    // MARK: Files

    @Test("a 20 MB file is read in chunks through the file API")
    func largeFile() throws {
        let directory = TemporaryDirectory("csv")
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        let path = directory.appending("deals.csv")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))

        let rowsPerBlock = 1_000
        var writer = CSVWriter(separator: .semicolon, byteOrderMark: true)
        var header: [UInt8] = []
        writer.write(["ID", "Nome dell'elemento", "Importo", "Commento", "Città"], into: &header)
        let comment = "Prima riga; con punto e virgola\r\nseconda riga: più è meglio "
        var block: [UInt8] = []
        for row in 0..<rowsPerBlock {
            writer.write([
                String(row), "Fornitura \"Rossi\" n. \(row)", "\(row),50", comment + String(repeating: "x", count: row % 97),
                "Forlì",
            ], into: &block)
        }
        try handle.write(contentsOf: header)
        var size = header.count
        var blocks = 0
        while size < 20_000_000 {
            try handle.write(contentsOf: block)
            size += block.count
            blocks += 1
        }
        try handle.close()

        var count = 0
        var first: [String] = []
        var mismatches = 0
        try CSVReader.forEachRecord(inFile: path, separator: .semicolon) { record in
            if count == 0 {
                first = record
            } else {
                let row = (count - 1) % rowsPerBlock
                if record.count != 5 || record[0] != String(row) || record[2] != "\(row),50" || record[4] != "Forlì"
                    || record[3] != comment + String(repeating: "x", count: row % 97) {
                    mismatches += 1
                }
            }
            count += 1
        }
        #expect(first == ["ID", "Nome dell'elemento", "Importo", "Commento", "Città"])
        #expect(count == 1 + blocks * rowsPerBlock)
        #expect(mismatches == 0)
    }

    @Test("file errors: a missing file, an error deep in the file, an error from the body")
    func fileErrors() throws {
        let missing = #expect(throws: CSVError.self) { try CSVReader.forEachRecord(inFile: "/nonexistent/x.csv") { _ in } }
        #expect(missing?.code == .readFailed)

        let directory = TemporaryDirectory("csv")
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        let path = directory.appending("broken.csv")
        let line = Self.bytes("abcdefghi\n")  // 10 bytes
        let good = [UInt8](Array(repeating: line, count: 20_000).joined())
        #expect(FileManager.default.createFile(atPath: path, contents: Data(good + Self.bytes("ab\"c\n"))))
        var seen = 0
        let broken = #expect(throws: CSVError.self) { try CSVReader.forEachRecord(inFile: path) { _ in seen += 1 } }
        #expect(broken?.code == .unexpectedQuote)
        #expect(broken?.record == 20_001)
        #expect(broken?.byteOffset == 200_002)
        #expect(seen == 20_000)

        struct Stop: Error {}
        var calls = 0
        #expect(throws: Stop.self) {
            try CSVReader.forEachRecord(inFile: path) { _ in
                calls += 1
                if calls == 3 { throw Stop() }
            }
        }
        #expect(calls == 3)
    }
}
