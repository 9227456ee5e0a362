/// Which shard file of the search index holds a key.
///
/// The hash is FNV-1a (32 bits) over the key's UTF-16 code units, which the search page's script
/// computes the same way with `charCodeAt`; the shard count is a power of two.
enum SearchShards {
    static let offsetBasis: UInt32 = 0x811C_9DC5
    static let prime: UInt32 = 0x0100_0193

    /// The 32-bit FNV-1a hash of the UTF-16 units of `key`.
    static func hash(_ key: String) -> UInt32 {
        var h = offsetBasis
        for unit in key.utf16 {
            h ^= UInt32(unit)
            h = h &* prime
        }
        return h
    }

    /// The hash of a word of the index (ASCII letters and digits, so its UTF-8 bytes are its UTF-16 units).
    static func hash(word: String) -> UInt32 {
        var h = offsetBasis
        for unit in word.utf8 {
            h ^= UInt32(unit)
            h = h &* prime
        }
        return h
    }

    /// The hash of a Han pair (`SearchTokenizer.Key.bigram`), equal to `hash` of its two characters.
    static func hash(bigram pair: UInt32) -> UInt32 {
        var h = offsetBasis
        h ^= pair >> 16
        h = h &* prime
        h ^= pair & 0xFFFF
        return h &* prime
    }

    /// The shard of `key` among `count` shards (`count` a power of two).
    static func shard(of key: String, count: Int) -> Int {
        Int(hash(key) & UInt32(count - 1))
    }

    /// How many shards an index of `postings` entries needs so that one shard stays near
    /// `targetPostings` entries (about 16 KB of JSON): a power of two from 8 to 4096.
    static func count(forPostings postings: Int, targetPostings: Int = 6000) -> Int {
        var count = 8
        while count < 4096 && postings / count > targetPostings { count *= 2 }
        return count
    }
}
