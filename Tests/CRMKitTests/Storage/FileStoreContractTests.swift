import CRMKit
import CRMKitStoreContract
import Testing

@Suite("Store contract: file store")
struct FileStoreContractTests {
    @Test("the file store keeps the store contract in every durability mode", arguments: StoreContract.checks, FileStoreOptions.Durability.allCases)
    func contract(_ check: StoreContract.Check, durability: FileStoreOptions.Durability) async throws {
        let directory = TemporaryDirectory()
        let store = try FileStore.open(at: directory.path, options: FileStoreOptions(durability: durability))
        try await check.run(on: store)
        store.close()
    }

    @Test("after every contract check, reopening gives back the same state", arguments: StoreContract.checks)
    func reopenAfterContract(_ check: StoreContract.Check) async throws {
        let directory = TemporaryDirectory()
        let store = try FileStore.open(at: directory.path, options: FileStoreOptions(durability: .none))
        try await check.run(on: store)
        let before = try await store.query(Query(.deal, order: [.ascending("ID")]))
        let leads = try await store.query(Query(.lead, order: [.ascending("ID")]))
        store.close()
        let reopened = try FileStore.open(at: directory.path)
        #expect(try await reopened.query(Query(.deal, order: [.ascending("ID")])) == before)
        #expect(try await reopened.query(Query(.lead, order: [.ascending("ID")])) == leads)
        reopened.close()
    }
}
