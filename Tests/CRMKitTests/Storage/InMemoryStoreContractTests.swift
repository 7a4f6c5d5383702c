import CRMKit
import CRMKitStoreContract
import Testing

@Suite("Store contract: in-memory store")
struct InMemoryStoreContractTests {
    @Test("the in-memory store keeps the store contract", arguments: StoreContract.checks)
    func contract(_ check: StoreContract.Check) async throws {
        try await check.run(on: InMemoryStore())
    }
}
