/// The command line, split into positional words and `--option value` pairs.
struct CommandArguments {
    var positional: [String] = []
    var options: [String: String] = [:]

    init(_ words: [String], flags: Set<String> = []) throws(UsageError) {
        var index = 0
        while index < words.count {
            let word = words[index]
            if word.hasPrefix("--") {
                let name = String(word.dropFirst(2))
                if flags.contains(name) {
                    options[name] = "true"
                } else {
                    guard index + 1 < words.count else { throw UsageError("option --\(name) needs a value") }
                    options[name] = words[index + 1]
                    index += 1
                }
            } else {
                positional.append(word)
            }
            index += 1
        }
    }

    /// An option's value, which must be one of `allowed`, or the default.
    func option(_ name: String, oneOf allowed: [String], default fallback: String) throws(UsageError) -> String {
        guard let value = options[name] else { return fallback }
        guard allowed.contains(value) else {
            throw UsageError("--\(name) must be one of \(allowed.joined(separator: ", ")), not '\(value)'")
        }
        return value
    }

    /// Refuses options the command does not know (`--store` and `--user` are always allowed).
    func allowOnly(_ names: Set<String>) throws(UsageError) {
        if let unknown = options.keys.sorted().first(where: { !names.union(["store", "user", "dry-run", "skip-invalid", "no-bom"]).contains($0) }) {
            throw UsageError("unknown option --\(unknown)")
        }
    }
}

/// A mistake in the command line: printed on stderr with the usage, exit status 2.
struct UsageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
