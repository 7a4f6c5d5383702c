/// Finds the records of a REST list response — the elements of `"result": [...]` or of
/// `"result": {"items": [...]}` — in bytes fed a chunk at a time, so a large saved response is read without
/// holding it whole. Each record's bytes are handed out complete; other members are skipped.
struct RESTListStreamer {
    private enum Phase {
        case seekingResult, seekingItems, inList, done
    }

    private var phase = Phase.seekingResult
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var keyBuffer: [UInt8] = []
    private var capturingKey = false
    private var lastKey = ""
    private var listDepth = 0
    private var record: [UInt8] = []
    private var recordStart = -1
    /// Whether the response had a list at all (false: a single-item response, read whole instead).
    private(set) var foundList = false
    private(set) var offset = 0

    /// Whether the input ended where a complete response ends (the list closed, every bracket closed).
    var isComplete: Bool { (phase == .done || !foundList) && depth == 0 && !inString }

    /// Feeds bytes and returns the records completed in them.
    mutating func feed(_ bytes: [UInt8]) -> [[UInt8]] {
        var records: [[UInt8]] = []
        for byte in bytes {
            defer { offset += 1 }
            if phase == .inList, depth > listDepth { record.append(byte) }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if capturingKey {
                        lastKey = String(decoding: keyBuffer, as: UTF8.self)
                        capturingKey = false
                    }
                    continue
                }
                if capturingKey { keyBuffer.append(byte) }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                if phase == .inList, depth == listDepth, record.isEmpty { record = [byte] }
                let wantsKey = (phase == .seekingResult && depth == 1) || (phase == .seekingItems && depth == 2)
                capturingKey = wantsKey
                keyBuffer = []
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if phase == .inList, depth == listDepth { record = [byte] }
                depth += 1
                if byte == UInt8(ascii: "["), phase == .seekingResult, depth == 2, lastKey == "result" {
                    phase = .inList
                    listDepth = 2
                    foundList = true
                } else if byte == UInt8(ascii: "{"), phase == .seekingResult, depth == 2, lastKey == "result" {
                    phase = .seekingItems
                } else if byte == UInt8(ascii: "["), phase == .seekingItems, depth == 3, lastKey == "items" {
                    phase = .inList
                    listDepth = 3
                    foundList = true
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if phase == .inList, depth == listDepth - 1, !record.isEmpty {
                    // A scalar last element before "]".
                    records.append(record)
                    record = []
                }
                if phase == .inList, depth == listDepth, !record.isEmpty {
                    records.append(record)
                    record = []
                } else if phase == .inList, depth < listDepth {
                    phase = .done
                } else if phase == .seekingItems, depth < 2 {
                    phase = .done
                }
            case UInt8(ascii: ","):
                if phase == .inList, depth == listDepth, !record.isEmpty {
                    records.append(record)
                    record = []
                }
            case UInt8(ascii: ":"):
                continue
            default:
                if phase == .inList, depth == listDepth, !(byte == 32 || byte == 10 || byte == 13 || byte == 9) {
                    record.append(byte)
                }
            }
        }
        return records
    }
}
