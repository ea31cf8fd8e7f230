import Dispatch
import Foundation
import Synchronization

/// Work spread over the cores, with results in input order, so a parallel
/// build writes exactly what a serial one would. A value each step is given
/// (from `BuildOptions.jobs`), not a global, so that two builds in one process
/// can use different widths.
public struct Parallel: Sendable {
    /// Worker count; 1 makes every `map` serial (for tests and for comparison).
    public let width: Int

    /// `jobs` workers, or one per core when nil.
    public init(jobs: Int? = nil) { width = max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount) }

    func map<Element, Result>(_ items: [Element], _ transform: (Element) -> Result) -> [Result] {
        guard width > 1, items.count > 1 else { return items.map(transform) }
        var results = [Result?](repeating: nil, count: items.count)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = buffer
            // Chunks of several items keep the scheduling overhead small; `width`
            // workers take the next chunk as they finish one, so no more than
            // `width` cores are ever busy and a slow chunk holds up no one.
            let chunk = max(1, items.count / (width * 8))
            let chunks = (items.count + chunk - 1) / chunk
            let next = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: min(width, chunks)) { _ in
                while true {
                    let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard index < chunks else { return }
                    for position in (index * chunk)..<min(items.count, (index + 1) * chunk) {
                        slots[position] = transform(items[position])
                    }
                }
            }
        }
        return results.map { $0! }
    }
}

/// A value made the first time a worker asks for it, once, however many workers ask at the same
/// time (the others wait for it): work that only some items of a parallel map need, and that a
/// rebuild which keeps all of them never does.
final class MadeOnce<Value>: @unchecked Sendable {
    private let make: () -> Value
    private let lock = NSLock()
    private var made: Value?

    init(_ make: @escaping () -> Value) { self.make = make }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let value = make()
        made = value
        return value
    }
}
