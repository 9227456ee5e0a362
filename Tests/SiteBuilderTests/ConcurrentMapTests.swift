import Foundation
import Testing

@testable import SiteBuilder

/// `concurrentMap` writes each result in place from the task of its chunk and moves them all out: the
/// order must be the input's, and every result must be made once and freed once.
@Suite struct ConcurrentMapTests {
    /// Counts the `Tracked` values alive.
    final class Census: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0

        var alive: Int { lock.withLock { count } }
        func add(_ delta: Int) { lock.withLock { count += delta } }
    }

    final class Tracked: Sendable {
        let value: Int
        let census: Census

        init(_ value: Int, _ census: Census) {
            self.value = value
            self.census = census
            census.add(1)
        }

        deinit { census.add(-1) }
    }

    @Test(arguments: [1, 2, 3, 8])
    func resultsKeepTheOrderAndAreFreedOnce(jobs: Int) async {
        let census = Census()
        for count in [0, 1, 7, 100, 5_003] {
            do {
                let items = Array(0..<count)
                let results = await concurrentMap(items, jobs: jobs) { item in
                    (String(item), [Tracked(item, census), Tracked(-item, census)])
                }
                #expect(results.map(\.0) == items.map(String.init))
                #expect(results.map { $0.1[0].value } == items)
                #expect(census.alive == 2 * count)
            }
            #expect(census.alive == 0)
        }
    }
}
