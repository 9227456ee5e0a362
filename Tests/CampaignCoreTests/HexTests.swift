import Crypto
import Foundation
import Testing

@testable import CampaignCore

/// Digests are spelled in lowercase hexadecimal the same way whichever path reads their bytes.
@Suite struct HexTests {
    @Test func aDigestReadInPlaceIsSpelledAsItsBytes() {
        // FIPS 180-2, appendix B.1: SHA-256 of "abc".
        let digest = SHA256.hash(data: Array("abc".utf8))
        #expect(Hex.lowercase(digest) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Hex.lowercase(digest) == digest.lowercaseHex)
        #expect(Hex.lowercase(Data()) == "")
    }

    @Test func everyByteValueIsSpelledTheSameInPlaceAndOneByOne() {
        let bytes = (0...255).map { UInt8($0) }
        let inPlace = bytes.withUnsafeBytes { Hex.lowercase($0) }
        // A sequence without contiguous storage takes the byte-by-byte path.
        let oneByOne = AnySequence(bytes).lowercaseHex
        #expect(inPlace == oneByOne)
        #expect(inPlace.hasPrefix("000102") && inPlace.hasSuffix("fdfeff") && inPlace.count == 512)
    }
}
