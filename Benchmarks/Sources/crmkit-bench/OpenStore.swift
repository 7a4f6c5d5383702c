/// W5: open a store of N deals and answer W3, in a child process that reports its peak memory.
struct OpenStore {
    static let childCommand = "__open"
    let harness: Harness
    let stores: LoadedStores
    func run() async throws {}
    static func child(_ arguments: [String]) async throws {}
}
