/// Maps `items` in parallel with at most `jobs` tasks, keeping the input order in the result.
///
/// Items are handed out in contiguous chunks so a 10,000-page site costs a few dozen tasks, not
/// 10,000; sixteen chunks per worker keep the last one short, so the other workers do not wait long at
/// the end of a phase.
func concurrentMap<Item: Sendable, Result: Sendable>(
    _ items: [Item], jobs: Int, _ transform: @escaping @Sendable (Item) -> Result
) async -> [Result] {
    if items.isEmpty { return [] }
    let workers = max(1, min(jobs, items.count))
    if workers == 1 { return items.map(transform) }
    let chunkCount = min(items.count, workers * 16)
    let chunkSize = (items.count + chunkCount - 1) / chunkCount
    let chunks = (items.count + chunkSize - 1) / chunkSize
    // Each result goes straight to its place: joining the chunks' arrays copied every result (a loaded
    // file, a rendered page's links) once more, on one thread.
    let slots = ResultSlots<Result>(count: items.count)
    await withTaskGroup(of: Void.self) { group in
        var next = 0
        func schedule(_ index: Int) {
            let range = (index * chunkSize)..<min(items.count, (index + 1) * chunkSize)
            group.addTask {
                for position in range { slots.initialize(position, to: transform(items[position])) }
            }
        }
        while next < min(chunks, workers) {
            schedule(next)
            next += 1
        }
        while await group.next() != nil {
            if next < chunks {
                schedule(next)
                next += 1
            }
        }
    }
    return slots.take()
}

/// The results of `concurrentMap`, each written once by the task of its chunk, then moved out whole.
private final class ResultSlots<Result>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Result>
    private let count: Int
    private var taken = false

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: count)
    }

    func initialize(_ position: Int, to value: consuming Result) { (base + position).initialize(to: value) }

    /// Every result, in order; called once, after every slot is set.
    func take() -> [Result] {
        taken = true
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: base, count: count)
            initialized = count
        }
    }

    deinit {
        if !taken { base.deinitialize(count: count) }
        base.deallocate()
    }
}
