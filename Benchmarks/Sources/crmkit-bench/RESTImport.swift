/// W6: import a `crm.deal.list`-shaped JSON file of N deals, against JSONDecoder and SQLite inserts.
struct RESTImport {
    let harness: Harness
    func run() async throws {}
}
