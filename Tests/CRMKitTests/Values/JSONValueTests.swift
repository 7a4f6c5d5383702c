import CRMKit
import Foundation
import Testing

struct JSONValueTests {
    @Test(arguments: [
        #"{"b":1,"a":[true,false,null,"x"],"c":{"z":-2.5,"y":"é","x":{}},"d":[]}"#,
        #"[]"#,
        #"{}"#,
        #""text""#,
        #"0"#,
        #"-9223372036854775808"#,
        #"9223372036854775807"#,
        #"[1,[2,[3,[4]]],{"k":{"k":{"k":null}}}]"#,
        #"{"result":{"ID":"17","TITLE":"Website redesign","OPPORTUNITY":"10000.00"},"total":1}"#,
        #"["\"\\\n\r\t","\u0000\u001f","😀€é"]"#,
    ])
    func compactTextRoundTripsExactly(text: String) throws {
        let value = try JSONValue(parsing: text)
        #expect(value.serialized() == text)
        #expect(try JSONValue(parsing: value.serialized(pretty: true)) == value)
    }

    @Test(
        "strings decode the same through the ASCII, UTF-8 and escape paths",
        arguments: [
            (#""Deal 17 for Acme""#, "Deal 17 for Acme"),
            (#""Società Café""#, "Società Café"),
            (#""Acme \"North\" ""#, "Acme \"North\" "),
            (#""é\u0041""#, "éA"),
            (#""""#, ""),
        ])
    func decodesStrings(text: String, expected: String) throws {
        #expect(try JSONValue(parsing: text) == .string(expected))
        #expect(try JSONValue(parsing: "{\(text):1}") == .object([(expected, .integer(1))]))
    }

    @Test func preservesMemberOrder() throws {
        let value = try JSONValue(parsing: #"{"zeta":1,"alpha":2,"mid":{"b":true,"a":false}}"#)
        #expect(members(value).map(\.key) == ["zeta", "alpha", "mid"])
        #expect(members(value["mid"]).map(\.key) == ["b", "a"])
        #expect(value != (try JSONValue(parsing: #"{"alpha":2,"zeta":1,"mid":{"b":true,"a":false}}"#)))
    }

    @Test func keepsDuplicateMembersInOrder() throws {
        let value = try JSONValue(parsing: #"{"a":1,"a":2}"#)
        #expect(members(value) == [JSONValue.Member("a", .integer(1)), JSONValue.Member("a", .integer(2))])
        #expect(value["a"] == .integer(1))
        #expect(value.serialized() == #"{"a":1,"a":2}"#)
    }

    @Test func parsesKinds() throws {
        let value = try JSONValue(
            parsing: " \t\r\n{ \"s\" : \"x\" , \"i\" : -12 , \"d\" : 2.5e1 , \"t\" : true , \"f\" : false , \"n\" : null , \"a\" : [ 1 , 2 ] } \n")
        #expect(
            value
                == .object([
                    ("s", .string("x")), ("i", .integer(-12)), ("d", .double(25)), ("t", .bool(true)),
                    ("f", .bool(false)), ("n", .null), ("a", .array([.integer(1), .integer(2)])),
                ]))
        #expect(value["s"]?.stringValue == "x")
        #expect(value["i"]?.stringValue == nil)
        #expect(value["a"]?[1] == .integer(2))
        #expect(value["a"]?[2] == nil)
        #expect(value["a"]?[-1] == nil)
        #expect(value["missing"] == nil)
        #expect(value[0] == nil)
        #expect(JSONValue.string("x")["s"] == nil)
    }

    @Test(arguments: [
        ("0", JSONValue.integer(0)), ("-0", .integer(0)), ("1.0", .double(1)), ("1e2", .double(100)), ("1E+2", .double(100)),
        ("-2.5e-1", .double(-0.25)), ("0.1", .double(0.1)), ("9223372036854775808", .double(9.223372036854775808e18)),
        ("-9223372036854775809", .double(-9.223372036854775809e18)),
    ])
    func parsesNumbers(text: String, expected: JSONValue) throws {
        #expect(try JSONValue(parsing: text) == expected)
    }

    @Test(arguments: [
        (JSONValue.double(2.5), "2.5"), (.double(3), "3"), (.double(-0.25), "-0.25"), (.double(0.1), "0.1"),
        (.double(1e20), "1e+20"), (.double(.nan), "null"), (.double(.infinity), "null"), (.integer(-7), "-7"),
        (.bool(true), "true"), (.null, "null"),
    ])
    func serializesScalars(value: JSONValue, expected: String) {
        #expect(value.serialized() == expected)
    }

    @Test func prettyOutputIndentsByFourSpaces() {
        let value = JSONValue.object([
            (
                "result",
                .object([
                    ("ID", .string("17")), ("TAGS", .array([.integer(1), .bool(true)])), ("EMPTY", .object([JSONValue.Member]())),
                    ("NONE", .array([])), ("PRICE", .double(12.5)), ("NOTE", .null),
                ])
            ),
            ("total", .integer(1)),
        ])
        let expected = """
            {
                "result": {
                    "ID": "17",
                    "TAGS": [
                        1,
                        true
                    ],
                    "EMPTY": {},
                    "NONE": [],
                    "PRICE": 12.5,
                    "NOTE": null
                },
                "total": 1
            }
            """
        #expect(value.serialized(pretty: true) == expected)
        #expect(value.serialized() == #"{"result":{"ID":"17","TAGS":[1,true],"EMPTY":{},"NONE":[],"PRICE":12.5,"NOTE":null},"total":1}"#)
    }

    @Test(arguments: [
        (#""a\"b\\c\/d\b\f\n\r\t""#, "a\"b\\c/d\u{08}\u{0C}\n\r\t"),
        (#""\u00e9\u00E9\u20AC""#, "éé€"),
        (#""\uD83D\uDE00""#, "😀"),
        (#""\ud83d\ude00!""#, "😀!"),
        (#""\uDBFF\uDFFF""#, "\u{10FFFF}"),
        (#""\u0000""#, "\u{0}"),
        (#""x😀y""#, "x😀y"),
        (#""""#, ""),
    ])
    func decodesEscapes(json: String, expected: String) throws {
        #expect(try JSONValue(parsing: json) == .string(expected))
    }

    @Test(arguments: [
        ("a\"b\\c/d", #""a\"b\\c/d""#),
        ("\u{08}\u{0C}\u{1F}", #""\u0008\u000c\u001f""#),
        ("line\nbreak\r\ttab", #""line\nbreak\r\ttab""#),
        ("😀\u{7F}é", "\"😀\u{7F}é\""),
    ])
    func escapesOnOutput(text: String, expected: String) throws {
        #expect(JSONValue.string(text).serialized() == expected)
        #expect(try JSONValue(parsing: expected) == .string(text))
    }

    @Test(arguments: [
        ("", 0, "unexpected end of input"),
        ("   ", 3, "unexpected end of input"),
        (#"{"a": tru}"#, 6, "invalid literal, expected 'true'"),
        ("nul", 0, "invalid literal, expected 'null'"),
        ("[fals]", 1, "invalid literal, expected 'false'"),
        ("[1,2", 4, "unexpected end of input in an array"),
        ("[1,]", 3, "unexpected character ']'"),
        ("[1 2]", 3, "expected ',' or ']'"),
        ("[true false]", 6, "expected ',' or ']'"),
        ("[", 1, "unexpected end of input"),
        ("{", 1, "expected a member name"),
        (#"{"a":1,}"#, 7, "expected a member name"),
        ("{a:1}", 1, "expected a member name"),
        (#"{"a" 1}"#, 5, "expected ':'"),
        (#"{"a":1 "b":2}"#, 7, "expected ',' or '}'"),
        (#"{"a":}"#, 5, "unexpected character '}'"),
        (#"{"a":1"#, 6, "unexpected end of input in an object"),
        ("01", 1, "unexpected text after the JSON value"),
        ("{} x", 3, "unexpected text after the JSON value"),
        ("[1,2,3]]", 7, "unexpected text after the JSON value"),
        ("-", 1, "expected a digit"),
        ("-a", 1, "expected a digit"),
        ("1.", 2, "expected a digit after '.'"),
        ("1.e5", 2, "expected a digit after '.'"),
        ("1e", 2, "expected a digit in the exponent"),
        ("1e+", 3, "expected a digit in the exponent"),
        ("+1", 0, "unexpected character '+'"),
        (".5", 0, "unexpected character '.'"),
        ("'a'", 0, "unexpected character '''"),
        (#""abc"#, 4, "unterminated string"),
        (#""abc\"#, 5, "unterminated string"),
        ("\"a\u{01}b\"", 2, "control character in a string"),
        ("\"a\tb\"", 2, "control character in a string"),
        ("\"a\nb\"", 2, "control character in a string"),
        (#""\x""#, 2, "invalid escape"),
        (#""ab\'""#, 4, "invalid escape"),
        (#""\u12G4""#, 3, "invalid \\u escape"),
        (#""\u12""#, 3, "invalid \\u escape"),
        (#""\u+041""#, 3, "invalid \\u escape"),
        (#""\u-000""#, 3, "invalid \\u escape"),
        (#""\uD83D""#, 7, "unpaired surrogate"),
        (#""\uD83Dx""#, 7, "unpaired surrogate"),
        (#""\uDE00""#, 7, "unpaired surrogate"),
        (#""\uD83D\u0041""#, 13, "invalid surrogate pair"),
        (#""\uD83D\uD83D""#, 13, "invalid surrogate pair"),
        (#""\uD83D\uZZZZ""#, 9, "invalid \\u escape"),
    ])
    func reportsTheOffsetOfTheFirstProblem(text: String, offset: Int, message: String) {
        #expect(throws: JSONError(offset: offset, message: message)) { try JSONValue(parsing: text) }
    }

    @Test func numbersTooLargeForADoubleAreRefused() {
        #expect(throws: JSONError(offset: 1, message: "number out of range")) { try JSONValue(parsing: "[1e400]") }
    }

    @Test func errorDescriptionNamesTheOffset() {
        let error = #expect(throws: JSONError.self) { try JSONValue(parsing: #"{"a": tru}"#) }
        #expect(error?.description == "malformed JSON at byte 6: invalid literal, expected 'true'")
    }

    @Test func offsetsCountBytesNotCharacters() {
        // "é" is two bytes, "😀" four.
        #expect(throws: JSONError(offset: 13, message: "expected ',' or ']'")) { try JSONValue(parsing: #"["é","😀" 1]"#) }
    }

    @Test func bytesAndStringsParseAlike() throws {
        let text = #"{"ID":"17","list":[1,2.5,"é"]}"#
        #expect(try JSONValue(parsing: Array(text.utf8)) == JSONValue(parsing: text))
    }

    @Test func nestingUpTo512LevelsIsAccepted() throws {
        let arrays = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(try JSONValue(parsing: arrays).serialized() == arrays)
        let objects = String(repeating: #"{"a":"#, count: 511) + "{}" + String(repeating: "}", count: 511)
        #expect(try JSONValue(parsing: objects).serialized() == objects)
    }

    @Test func nestingBeyond512LevelsIsRefused() {
        let arrays = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(throws: JSONError(offset: 512, message: "nesting deeper than 512")) { try JSONValue(parsing: arrays) }
        // Each `{"a":` is five bytes; the 513th object opens at byte 512 × 5.
        let objects = String(repeating: #"{"a":"#, count: 512) + "{}" + String(repeating: "}", count: 512)
        #expect(throws: JSONError(offset: 2560, message: "nesting deeper than 512")) { try JSONValue(parsing: objects) }
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONError(offset: 512, message: "nesting deeper than 512")) { try JSONValue(parsing: deep) }
    }

    @Test func objectFromPairs() {
        let value = JSONValue.object([("result", .object([("ID", .string("17"))]))])
        #expect(value.serialized() == #"{"result":{"ID":"17"}}"#)
        #expect(value["result"]?["ID"]?.stringValue == "17")
    }
}

@Suite("JSON strictness")
struct JSONStrictnessTests {
    @Test("invalid UTF-8 inside a string is refused with its offset")
    func invalidUTF8() {
        let bytes: [UInt8] = Array(#"{"a": "ok"#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        #expect(throws: JSONError(offset: 7, message: "invalid UTF-8 in a string")) { try JSONValue(parsing: bytes) }
    }
}
