/// What Bitrix24 accepts in the phone, e-mail, website and messenger lists.
enum MultifieldRules {
    /// The value types each multifield accepts.
    static let valueTypes: [FieldCode: Set<String>] = [
        "PHONE": ["WORK", "MOBILE", "FAX", "HOME", "PAGER", "MAILING", "OTHER"],
        "EMAIL": ["WORK", "HOME", "MAILING", "OTHER"],
        "WEB": ["WORK", "HOME", "FACEBOOK", "VK", "LIVEJOURNAL", "TWITTER", "INSTAGRAM", "OTHER"],
        "IM": [
            "FACEBOOK", "TELEGRAM", "VK", "SKYPE", "VIBER", "INSTAGRAM", "WHATSAPP", "BITRIX24", "OPENLINE", "IMOL",
            "ICQ", "MSN", "JABBER", "OTHER",
        ],
    ]

    /// The problem with one entry of a multifield, or nil.
    static func problem(with entry: Multifield, in field: FieldCode) -> ValidationIssue? {
        if let allowed = valueTypes[field], !allowed.contains(entry.valueType) {
            return ValidationIssue(
                .malformed, field: field,
                "\(entry.valueType) is not a \(field) type (\(allowed.sorted().joined(separator: ", ")))")
        }
        let value = entry.value
        switch field {
        case "EMAIL" where !isEmailAddress(value):
            return ValidationIssue(.malformed, field: field, "'\(value)' is not an e-mail address")
        case "PHONE" where !isPhoneNumber(value):
            return ValidationIssue(
                .malformed, field: field, "'\(value)' is not a phone number (3 to 15 digits, an optional leading +)")
        case "WEB" where value.isEmpty || value.contains(where: \.isWhitespace):
            return ValidationIssue(.malformed, field: field, "'\(value)' is not a web address")
        case "IM" where value.trimmingWhitespace.isEmpty:
            return ValidationIssue(.malformed, field: field, "a messenger entry needs a value")
        default:
            return nil
        }
    }

    /// `local@domain.tld`: one `@`, no spaces, a dotted domain without empty labels.
    static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            return false
        }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }
            && labels.last?.allSatisfy(\.isLetter) == true
    }

    /// Digits with an optional leading `+` and the usual separators (space, `-`, `.`, `(`, `)`), 3 to 15 digits.
    static func isPhoneNumber(_ text: String) -> Bool {
        let body = text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        guard body.allSatisfy({ ($0.isASCII && $0.isNumber) || " -.()".contains($0) }) else { return false }
        return (3...15).contains(body.filter(\.isNumber).count)
    }
}

extension String {
    /// The text without leading and trailing white space and newlines.
    var trimmingWhitespace: String {
        // Text that starts and ends with a visible ASCII character (most of it) has nothing to trim.
        if let first = utf8.first, let last = utf8.last, (0x21..<0x7F).contains(first), (0x21..<0x7F).contains(last) {
            return self
        }
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace || first.isNewline { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace || last.isNewline { scalars.removeLast() }
        return String(scalars)
    }
}
