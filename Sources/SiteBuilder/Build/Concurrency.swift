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
    return await withTaskGroup(of: (Int, [Result]).self) { group in
        var next = 0
        var parts: [Int: [Result]] = [:]
        func schedule(_ index: Int) {
            let start = index * chunkSize
            let end = min(items.count, start + chunkSize)
            let slice = Array(items[start..<end])
            group.addTask { (index, slice.map(transform)) }
        }
        let chunks = (items.count + chunkSize - 1) / chunkSize
        while next < min(chunks, workers) {
            schedule(next)
            next += 1
        }
        while let (index, part) = await group.next() {
            parts[index] = part
            if next < chunks {
                schedule(next)
                next += 1
            }
        }
        var result: [Result] = []
        result.reserveCapacity(items.count)
        for index in 0..<chunks { result.append(contentsOf: parts[index] ?? []) }
        return result
    }
}
