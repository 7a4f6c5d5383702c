/// A compiled SQL `LIKE` pattern: `%` any run of characters, `_` one character, `\` escapes; case-insensitive.
struct LikePattern: Hashable, Sendable {
    enum Token: Hashable, Sendable {
        case literal(Character)
        case any
        case one
    }

    let tokens: [Token]

    init(_ pattern: String) {
        var tokens: [Token] = []
        var escaping = false
        for character in pattern.lowercased() {
            if escaping {
                tokens.append(.literal(character))
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if character == "%" {
                if tokens.last != .any { tokens.append(.any) }
            } else if character == "_" {
                tokens.append(.one)
            } else {
                tokens.append(.literal(character))
            }
        }
        if escaping { tokens.append(.literal("\\")) }
        self.tokens = tokens
    }

    /// Whether the whole text matches (iterative, with backtracking to the last `%`).
    func matches(_ text: String) -> Bool {
        let characters = Array(text.lowercased())
        var textIndex = 0
        var tokenIndex = 0
        var starToken = -1
        var starText = 0
        while textIndex < characters.count {
            if tokenIndex < tokens.count {
                switch tokens[tokenIndex] {
                case .literal(let character) where character == characters[textIndex]:
                    textIndex += 1
                    tokenIndex += 1
                    continue
                case .one:
                    textIndex += 1
                    tokenIndex += 1
                    continue
                case .any:
                    starToken = tokenIndex
                    starText = textIndex
                    tokenIndex += 1
                    continue
                default: break
                }
            }
            guard starToken >= 0 else { return false }
            tokenIndex = starToken + 1
            starText += 1
            textIndex = starText
        }
        while tokenIndex < tokens.count, tokens[tokenIndex] == .any { tokenIndex += 1 }
        return tokenIndex == tokens.count
    }
}
