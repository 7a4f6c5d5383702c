import Foundation

/// `crmkit-bench [--scale 10k|100k|1m] [--only W3]`; `__open <kind> <path> <count>` is the child W5 starts.
let arguments = Array(CommandLine.arguments.dropFirst())
do {
    if arguments.first == OpenStore.childCommand {
        try await OpenStore.child(Array(arguments.dropFirst()))
        exit(0)
    }
    var scale = 10_000
    var only: String?
    var index = 0
    while index < arguments.count {
        let argument = arguments[index]
        let value = index + 1 < arguments.count ? arguments[index + 1] : nil
        switch (argument, value) {
        case ("--scale", "10k"?): scale = 10_000
        case ("--scale", "100k"?): scale = 100_000
        case ("--scale", "1m"?): scale = 1_000_000
        case ("--only", let workload?) where ["W1", "W2", "W3", "W4", "W5", "W6"].contains(workload): only = workload
        default: throw BenchmarkError("usage: crmkit-bench [--scale 10k|100k|1m] [--only W1…W6]")
        }
        index += 2
    }
    try await Harness(count: scale, only: only).run()
} catch {
    FileHandle.standardError.write(Data("crmkit-bench: \(error)\n".utf8))
    exit(1)
}
