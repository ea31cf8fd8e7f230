import Foundation
import Synchronization
import XCTest
@testable import SiteGen

/// `Parallel.map`: the results in input order, and no more workers at once than asked for.
final class ParallelTests: XCTestCase {
    func testResultsKeepTheInputOrder() {
        let items = Array(0..<1_000)
        for jobs in [1, 2, 3, 8] {
            XCTAssertEqual(Parallel(jobs: jobs).map(items) { $0 * 2 }, items.map { $0 * 2 }, "jobs \(jobs)")
        }
    }

    func testNoMoreWorkersAtOnceThanJobs() {
        for jobs in [1, 2] {
            let busy = Mutex((now: 0, most: 0))
            _ = Parallel(jobs: jobs).map(Array(0..<64)) { item -> Int in
                busy.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
                usleep(2_000)
                busy.withLock { $0.now -= 1 }
                return item
            }
            XCTAssertLessThanOrEqual(busy.withLock { $0.most }, jobs, "jobs \(jobs)")
        }
    }
}
