/// A small, deterministic DEFLATE (RFC 1951) compressor for PNG image data.
///
/// `.stored` writes uncompressed blocks; `.fixedHuffman` writes one block with the fixed Huffman codes and
/// greedy LZ77 matches found through a hash chain. LED pages are mostly black with repeated rows, so the fixed
/// codes already shrink a 480×160 page from about 230 KB to a few KB without the bulk of dynamic Huffman trees.
enum Deflate {
    static func stored(_ data: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(data.count + data.count / 65535 * 5 + 5)
        var start = 0
        repeat {
            let length = min(65535, data.count - start)
            let isLast = start + length >= data.count
            output.append(isLast ? 1 : 0)
            output += [UInt8(length & 0xFF), UInt8(length >> 8)]
            let complement = ~UInt16(length)
            output += [UInt8(complement & 0xFF), UInt8(complement >> 8)]
            output += data[start..<start + length]
            start += length
        } while start < data.count
        return output
    }

    private static let lengthBases: [Int] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195,
        227, 258,
    ]
    private static let lengthExtraBits: [Int] = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    private static let distanceBases: [Int] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
        4097, 6145, 8193, 12289, 16385, 24577,
    ]
    private static let distanceExtraBits: [Int] = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]

    private static let windowSize = 32768
    private static let maxMatch = 258
    private static let minMatch = 3
    private static let maxChain = 32
    private static let hashBits = 15

    static func fixedHuffman(_ data: [UInt8]) -> [UInt8] {
        var writer = BitWriter()
        writer.write(1, count: 1)  // BFINAL
        writer.write(1, count: 2)  // BTYPE = 01, fixed Huffman
        let count = data.count
        var head = [Int](repeating: -1, count: 1 << hashBits)
        var previous = [Int](repeating: -1, count: count)

        func hash(_ index: Int) -> Int {
            let value = Int(data[index]) << 10 ^ Int(data[index + 1]) << 5 ^ Int(data[index + 2])
            return value & ((1 << hashBits) - 1)
        }
        func remember(_ index: Int) {
            guard index + minMatch <= count else { return }
            let key = hash(index)
            previous[index] = head[key]
            head[key] = index
        }

        var index = 0
        while index < count {
            var bestLength = 0
            var bestDistance = 0
            if index + minMatch <= count {
                var candidate = head[hash(index)]
                var chain = 0
                let limit = min(maxMatch, count - index)
                while candidate >= 0, index - candidate <= windowSize, chain < maxChain {
                    var length = 0
                    while length < limit, data[candidate + length] == data[index + length] { length += 1 }
                    if length > bestLength {
                        bestLength = length
                        bestDistance = index - candidate
                        if length == limit { break }
                    }
                    candidate = previous[candidate]
                    chain += 1
                }
            }
            if bestLength >= minMatch {
                writeLength(bestLength, to: &writer)
                writeDistance(bestDistance, to: &writer)
                for position in index..<index + bestLength { remember(position) }
                index += bestLength
            } else {
                writeLiteral(Int(data[index]), to: &writer)
                remember(index)
                index += 1
            }
        }
        writeLiteral(256, to: &writer)  // end of block
        return writer.finish()
    }

    /// Writes a literal/length symbol (0–287) with its fixed Huffman code.
    private static func writeLiteral(_ symbol: Int, to writer: inout BitWriter) {
        switch symbol {
        case 0...143: writer.writeCode(0x30 + symbol, length: 8)
        case 144...255: writer.writeCode(0x190 + symbol - 144, length: 9)
        case 256...279: writer.writeCode(symbol - 256, length: 7)
        default: writer.writeCode(0xC0 + symbol - 280, length: 8)
        }
    }

    private static func writeLength(_ length: Int, to writer: inout BitWriter) {
        var code = lengthBases.count - 1
        while lengthBases[code] > length { code -= 1 }
        writeLiteral(257 + code, to: &writer)
        writer.write(UInt32(length - lengthBases[code]), count: lengthExtraBits[code])
    }

    private static func writeDistance(_ distance: Int, to writer: inout BitWriter) {
        var code = distanceBases.count - 1
        while distanceBases[code] > distance { code -= 1 }
        writer.writeCode(code, length: 5)
        writer.write(UInt32(distance - distanceBases[code]), count: distanceExtraBits[code])
    }
}

/// Packs bits least-significant first, as DEFLATE requires.
private struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var buffer: UInt32 = 0
    private var bitCount = 0

    /// Writes the low `count` bits of `value`, least significant first (extra bits, header fields).
    mutating func write(_ value: UInt32, count: Int) {
        guard count > 0 else { return }
        buffer |= (value & ((1 << UInt32(count)) - 1)) << UInt32(bitCount)
        bitCount += count
        while bitCount >= 8 {
            bytes.append(UInt8(buffer & 0xFF))
            buffer >>= 8
            bitCount -= 8
        }
    }

    /// Writes a Huffman code, most significant bit first.
    mutating func writeCode(_ code: Int, length: Int) {
        var reversed: UInt32 = 0
        for bit in 0..<length {
            reversed = reversed << 1 | UInt32(code >> bit & 1)
        }
        write(reversed, count: length)
    }

    mutating func finish() -> [UInt8] {
        if bitCount > 0 { bytes.append(UInt8(buffer & 0xFF)) }
        buffer = 0
        bitCount = 0
        return bytes
    }
}
