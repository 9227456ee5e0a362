import Testing

@testable import SiteBuilder

@Suite struct SearchTokenizerTests {
    @Test func hanRunsGiveOverlappingPairs() {
        #expect(SearchTokenizer.keyList(of: "乱停乱放") == ["乱停", "停乱", "乱放"])
    }

    @Test func punctuationAndLatinEndAHanRun() {
        #expect(SearchTokenizer.keyList(of: "文明，城市") == ["文明", "城市"])
        #expect(SearchTokenizer.keyList(of: "文明LED屏") == ["文明", "led"])
    }

    @Test func wordsAreLowercasedAndFullWidthFolded() {
        #expect(SearchTokenizer.keyList(of: "LED 屏幕 ２０２６年") == ["led", "屏幕", "2026"])
        #expect(SearchTokenizer.keyList(of: "Ｗｉ-Fi") == ["wi", "fi"])
    }

    @Test func aSingleHanCharacterHasNoKey() {
        #expect(SearchTokenizer.keyList(of: "城").isEmpty)
        #expect(SearchTokenizer.keyList(of: "。城，").isEmpty)
    }

    @Test func overlongWordsAreLeftOut() {
        let long = String(repeating: "a", count: SearchTokenizer.maxWordLength + 1)
        #expect(SearchTokenizer.keyList(of: "\(long) ok") == ["ok"])
    }

    @Test func everySubstringOfTwoHanCharactersIsAKey() {
        let text = "市民反映小区门口乱停乱放问题"
        let keys = Set(SearchTokenizer.keys(of: text).bigrams.map(SearchTokenizer.string(ofBigram:)))
        let scalars = Array(text)
        for i in 0..<(scalars.count - 1) {
            #expect(keys.contains(String(scalars[i...i + 1])))
        }
    }

    /// The table of pairs starts small and grows: a text with many more distinct pairs than its first size
    /// keeps every one once, in order.
    @Test func thePairTableGrowsAndKeepsEveryPairOnce() {
        let characters = (0..<(SearchTokenizer.DistinctKeys.firstTableSize * 3)).map {
            Character(Unicode.Scalar(0x4E00 + UInt32($0))!)
        }
        let run = String(characters)
        let keys = SearchTokenizer.keys(of: run + "，" + run + "。" + String(characters.reversed()))
        let expected = (0..<(characters.count - 1)).map {
            UInt32(characters[$0].unicodeScalars.first!.value) << 16 | characters[$0 + 1].unicodeScalars.first!.value
        }
        #expect(Array(keys.bigrams.prefix(expected.count)) == expected)
        #expect(keys.bigrams.count == 2 * expected.count)
        #expect(Set(keys.bigrams).count == keys.bigrams.count)
    }

    /// Words are kept in a list up to `wordsInList` and in a set past it: either way once each, in order.
    @Test func manyDistinctWordsAreKeptOnceInOrderOfAppearance() {
        let count = SearchTokenizer.DistinctKeys.wordsInList * 3
        let words = (0..<count).map { "w\($0)" }
        let text = (words + words.reversed() + words).joined(separator: " ")
        let keys = SearchTokenizer.keys(of: text)
        #expect(keys.words == words)
        var title = "w5 标题 w1"
        let titled = title.withUTF8 { title in
            var text = text
            return text.withUTF8 { SearchTokenizer.keys(title: title, text: $0) }
        }
        #expect(titled.words.prefix(2) == ["w5", "w1"])
        #expect(titled.titleWordCount == 2)
        #expect(Set(titled.words) == Set(words))
        #expect(titled.words.count == words.count)
    }

    @Test func distinctKeysAreKeptOnceInOrderOfAppearance() {
        let keys = SearchTokenizer.keys(of: "文明城市，文明城市 LED led")
        #expect(keys.bigrams.map(SearchTokenizer.string(ofBigram:)) == ["文明", "明城", "城市"])
        #expect(keys.words == ["led"])
        #expect(keys.contains(bigram: 0x6587_660E))  // 文明
        #expect(!keys.contains(bigram: 0x660E_6587))
    }

    @Test func theTitleKeysComeFirst() {
        let doc = SearchDocument(kind: .news, title: "城市 LED", path: "/a/", date: nil, text: "文明城市 2026 led")
        #expect(doc.keys.bigrams.map(SearchTokenizer.string(ofBigram:)) == ["城市", "文明", "明城"])
        #expect(doc.keys.titleBigramCount == 1)
        #expect(doc.keys.words == ["led", "2026"])
        #expect(doc.keys.titleWordCount == 1)
    }

    /// Every Han character of the BMP ranges and the full-width forms, read as UTF-8, gives the
    /// keys the UTF-16 rules of the script give.
    @Test(arguments: [
        "㐀䶿一鿿豈﫿", "Ａｂｃ１２３ＸＹＺ", "ＬＥＤ屏幕，２０２６年", "𠀀𠀁中文𠀂", "é中国ü字", "a\u{0}b\u{7F}c 中\u{2028}文",
    ])
    func utf8ScanMatchesUTF16Rules(text: String) {
        var expected: [String] = []
        var previous: UInt32 = 0
        var word = ""
        func flush() {
            if !word.isEmpty && word.count <= SearchTokenizer.maxWordLength { expected.append(word) }
            word = ""
        }
        for unit in text.utf16 {
            let u = SearchTokenizer.fold(UInt32(unit))
            if SearchTokenizer.isHan(u) {
                flush()
                if previous != 0 { expected.append(SearchTokenizer.string(ofBigram: previous << 16 | u)) }
                previous = u
            } else if SearchTokenizer.isWordUnit(u) {
                previous = 0
                word.append(Character(Unicode.Scalar(u)!))
            } else {
                previous = 0
                flush()
            }
        }
        flush()
        #expect(SearchTokenizer.keyList(of: text) == expected)
    }
}

@Suite struct SearchShardsTests {
    /// The values the search page's script computes (FNV-1a 32 over UTF-16 units).
    @Test(arguments: [("", UInt32(0x811C_9DC5)), ("a", 0xE40C_292C), ("文明", 0x8179_7838)])
    func hashMatchesFNV1a(key: String, expected: UInt32) {
        #expect(SearchShards.hash(key) == expected)
    }

    @Test func bigramHashEqualsTheHashOfItsText() {
        for pair: UInt32 in [0x6587_660E, 0x4E71_505C, 0x4E00_4E00] {
            #expect(SearchShards.hash(bigram: pair) == SearchShards.hash(SearchTokenizer.string(ofBigram: pair)))
        }
    }

    @Test func wordHashEqualsTheHashOfItsText() {
        for word in ["led", "2026", "wi", "a1b2c3"] {
            #expect(SearchShards.hash(word: word) == SearchShards.hash(word))
        }
    }

    @Test func shardIsWithinTheCount() {
        for key in ["停放", "文明", "led", "2026"] {
            let shard = SearchShards.shard(of: key, count: 64)
            #expect((0..<64).contains(shard))
            #expect(shard == Int(SearchShards.hash(key) % 64))
        }
    }

    @Test func shardCountGrowsWithTheIndex() {
        #expect(SearchShards.count(forPostings: 100) == 8)
        #expect(SearchShards.count(forPostings: 6_000_000) == 1024)
        #expect(SearchShards.count(forPostings: Int.max / 2) == 4096)
    }
}
