import Testing

@testable import LEDFeed

@Suite struct EncoderTests {
    @Test func gb2312AcceptsCommonCharactersAndDashes() {
        #expect(LEDEncoder.unencodable(in: "讲文明树新风——创建文明城市……100%，（兰州）·", charset: .gb2312).isEmpty)
    }

    @Test(arguments: [
        ("镕", LEDCharset.gb2312, LEDCharset?.some(.gbk)),
        ("😀", .gb2312, .some(.gb18030)),
        ("😀", .gbk, .some(.gb18030)),
        ("€", .gb2312, .some(.gb18030)),
        ("𠀀", .gbk, .some(.gb18030)),
        ("镕", .gbk, nil),
    ])
    func rejectsCharactersOutsideTheCharset(text: String, charset: LEDCharset, suggestion: LEDCharset?) {
        let found = LEDEncoder.unencodable(in: "文明" + text, charset: charset)
        if text == "镕" && charset == .gbk {
            #expect(found.isEmpty)
            return
        }
        #expect(found.count == 1)
        #expect(found.first?.offset == 2)
        #expect(found.first?.suggestion == suggestion)
    }

    @Test func gb18030AndUTF8HoldEverything() {
        #expect(LEDEncoder.unencodable(in: "镕😀€", charset: .gb18030).isEmpty)
        #expect(LEDEncoder.unencodable(in: "镕😀€", charset: .utf8).isEmpty)
    }

    @Test func encodesGB18030BytesAndDecodesBack() throws {
        let bytes = LEDEncoder.encode("文明A", as: .gb2312)
        #expect(bytes == [0xCE, 0xC4, 0xC3, 0xF7, 0x41])
        #expect(LEDEncoder.decode(bytes, as: .gb2312) == "文明A")
        #expect(LEDEncoder.encode("文明", as: .utf8) == Array("文明".utf8))
    }

    @Test func halfWidthRuleMatchesGB18030Length() throws {
        for character in Array("Aa1 %,.文明，。——……（）“”😀€镕·℃①ａ") {
            let bytes = try #require(LEDEncoder.gb18030Bytes(of: character))
            #expect(LayoutUnit.isHalfWidth(character) == (bytes.count == 1), "\(character)")
        }
    }
}
