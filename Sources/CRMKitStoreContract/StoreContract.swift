public import CRMKit
import Foundation

/// The behaviour every ``CRMStore`` must show, as checks any test framework can run against a fresh store.
///
/// With Swift Testing:
///
/// ```swift
/// import CRMKitStoreContract
///
/// @Test(arguments: StoreContract.checks)
/// func myStore(_ check: StoreContract.Check) async throws {
///     try await check.run(on: MySQLiteStore(path: temporaryPath()))
/// }
/// ```
public enum StoreContract {
    /// One check: a name and a body that throws ``ContractFailure`` when the store misbehaves.
    public struct Check: Sendable, CustomStringConvertible {
        /// What the check verifies.
        public let name: String
        private let body: @Sendable (any CRMStore, inout Context) async throws -> Void

        init(_ name: String, _ body: @escaping @Sendable (any CRMStore, inout Context) async throws -> Void) {
            self.name = name
            self.body = body
        }

        /// Runs the check on a store that must be empty.
        public func run(on store: any CRMStore) async throws {
            var context = Context(check: name)
            try await body(store, &context)
        }

        public var description: String { name }
    }

    /// What a check body uses to report.
    struct Context {
        let check: String

        func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws {
            if !condition { throw ContractFailure(check: check, message: message()) }
        }

        func expectError(
            _ code: StoreError.Code, _ message: String, _ body: () async throws -> Void
        ) async throws {
            do {
                try await body()
            } catch let error as StoreError {
                try expect(error.code == code, "\(message): expected \(code), got \(error.code) (\(error.message))")
                return
            }
            throw ContractFailure(check: check, message: "\(message): expected \(code), but it succeeded")
        }
    }

    /// Every check, in a sensible order.
    public static let checks: [Check] =
        [
            allocation, createAndLoad, createExisting, updateRevisions, deleteRevisions, atomicChangeSet, missingItems,
            orderAndNulls, paging, selection, indexConsistency, configuration, pendingWork, timeline, concurrentUpdates, multifieldFilter, queryErrors, topPages,
        ] + filterChecks
}
