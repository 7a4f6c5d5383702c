/// A setup step that failed; the harness prints it and exits with code 1.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
