import Foundation

/// Attribute values already met, found again by their bytes.
///
/// The pages of a site repeat most of their links (the navigation, the footer, tags, the pager), so
/// `HTMLLinkScanner` makes each distinct value a `String` once per table instead of once per page. A
/// table belongs to one thread at a time; `share` is called once for each new value (the build's
/// `LinkInterner`), so that all tables hand out the same copy.
public struct AttributeValueTable {
    /// Entry index + 1 for each slot, 0 for an empty slot; open addressing with linear probing.
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var values: [String] = []
    /// The raw bytes of every value, one after the other.
    private var bytes: [UInt8] = []
    private let share: (String) -> String
    /// Past this many values the table starts again, so that a site of unique links does not grow it
    /// without end.
    private let limit: Int

    public init(limit: Int = 1 << 12, share: @escaping (String) -> String = { $0 }) {
        self.limit = max(16, limit)
        self.share = share
        slots = Array(repeating: 0, count: 1024)
    }

    /// The number of distinct values held.
    public var count: Int { values.count }

    /// The value for `raw`, made by `make` the first time these bytes are met.
    public mutating func value(
        _ raw: UnsafeBufferPointer<UInt8>, make: (UnsafeBufferPointer<UInt8>) -> String
    ) -> String {
        var hasher = FNV1a()
        hasher.combine(raw)
        let hash = hasher.value
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let entry = Int(slots[slot]) - 1
            if hashes[entry] == hash, lengths[entry] == raw.count, equal(entry, raw) { return values[entry] }
            slot = (slot + 1) & mask
        }
        let value = share(make(raw))
        if values.count >= limit {
            removeAll()
        } else if (values.count + 1) * 2 > slots.count {
            grow()
        } else {
            slots[slot] = Int32(values.count + 1)
            append(hash, raw, value)
            return value
        }
        insert(hash, raw, value)
        return value
    }

    private func equal(_ entry: Int, _ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = raw.baseAddress, raw.count > 0 else { return true }
        return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + starts[entry], base, raw.count) == 0 }
    }

    private mutating func append(_ hash: UInt64, _ raw: UnsafeBufferPointer<UInt8>, _ value: String) {
        hashes.append(hash)
        starts.append(bytes.count)
        lengths.append(raw.count)
        bytes.append(contentsOf: raw)
        values.append(value)
    }

    /// Adds a value not in the table, after the slots changed size.
    private mutating func insert(_ hash: UInt64, _ raw: UnsafeBufferPointer<UInt8>, _ value: String) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(values.count + 1)
        append(hash, raw, value)
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for entry in hashes.indices {
            var slot = Int(truncatingIfNeeded: hashes[entry]) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entry + 1)
        }
    }

    private mutating func removeAll() {
        slots = Array(repeating: 0, count: 1024)
        hashes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
    }
}
