/// A test-only zlib reader for stored and fixed-Huffman DEFLATE blocks, checking the Adler-32 trailer.
public enum ZlibReader {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func inflate(_ stream: [UInt8]) throws -> [UInt8] {
        guard stream.count >= 6, (UInt16(stream[0]) << 8 | UInt16(stream[1])) % 31 == 0, stream[0] & 0x0F == 8
        else { throw Failure(description: "bad zlib header") }
        var reader = BitReader(bytes: Array(stream[2..<stream.count - 4]))
        var output: [UInt8] = []
        var isFinal = false
        while !isFinal {
            isFinal = try reader.bits(1) == 1
            switch try reader.bits(2) {
            case 0:
                reader.alignToByte()
                let length = Int(try reader.bits(16))
                let complement = Int(try reader.bits(16))
                guard length == ~complement & 0xFFFF else { throw Failure(description: "bad stored length") }
                for _ in 0..<length { output.append(UInt8(try reader.bits(8))) }
            case 1:
                try inflateFixed(&reader, into: &output)
            default:
                throw Failure(description: "unsupported block type")
            }
        }
        let trailer = stream.suffix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard trailer == adler32(output) else { throw Failure(description: "Adler-32 mismatch") }
        return output
    }

    static let lengthBases = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99,
        115, 131, 163, 195, 227, 258,
    ]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBases = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025,
        1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ]
    static let distanceExtra = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12,
        12, 13, 13,
    ]

    static func inflateFixed(_ reader: inout BitReader, into output: inout [UInt8]) throws {
        while true {
            var code = try reader.huffmanBits(7)
            let symbol: Int
            if code <= 23 {
                symbol = 256 + code
            } else {
                code = code << 1 | Int(try reader.bits(1))
                if (0x30...0xBF).contains(code) {
                    symbol = code - 0x30
                } else if (0xC0...0xC7).contains(code) {
                    symbol = 280 + code - 0xC0
                } else {
                    code = code << 1 | Int(try reader.bits(1))
                    symbol = 144 + code - 0x190
                }
            }
            if symbol < 256 {
                output.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let lengthCode = symbol - 257
                guard lengthCode < lengthBases.count else { throw Failure(description: "bad length code") }
                let length = lengthBases[lengthCode] + Int(try reader.bits(lengthExtra[lengthCode]))
                let distanceCode = try reader.huffmanBits(5)
                guard distanceCode < distanceBases.count else { throw Failure(description: "bad distance code") }
                let distance = distanceBases[distanceCode] + Int(try reader.bits(distanceExtra[distanceCode]))
                guard distance <= output.count else { throw Failure(description: "distance too far") }
                for _ in 0..<length { output.append(output[output.count - distance]) }
            }
        }
    }

    public static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return b << 16 | a
    }

    struct BitReader {
        var bytes: [UInt8]
        var position = 0

        mutating func bits(_ count: Int) throws -> UInt32 {
            var value: UInt32 = 0
            for index in 0..<count {
                guard position / 8 < bytes.count else { throw Failure(description: "stream ended early") }
                let bit = UInt32(bytes[position / 8] >> UInt8(position % 8) & 1)
                value |= bit << UInt32(index)
                position += 1
            }
            return value
        }

        /// Reads a Huffman code of `count` bits, most significant bit first.
        mutating func huffmanBits(_ count: Int) throws -> Int {
            var value = 0
            for _ in 0..<count { value = value << 1 | Int(try bits(1)) }
            return value
        }

        mutating func alignToByte() {
            position = (position + 7) / 8 * 8
        }
    }
}
