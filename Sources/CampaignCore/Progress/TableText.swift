import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns the bytes of a CSV file into text, in the encodings spreadsheets save (docs/safety.md, "Tables from Excel").
///
/// Excel on Chinese Windows saves "CSV" as GB18030/GBK, "CSV UTF-8" with a byte order mark, and "Unicode
/// text" as UTF-16. UTF-8 (with or without BOM) is read as is; bytes that are not UTF-8 but decode as
/// GB18030 (a superset of GBK and GB2312) are read with a note suggesting UTF-8; UTF-16 is named as such and
/// refused (Excel's UTF-16 export is tab-separated, not CSV).
public enum TableText {
    /// The text, or nil with an error; plus a note when the file was read as GB18030.
    public static func decode(_ data: Data, file: String, code: String) -> (String?, [Diagnostic]) {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let utf16 = utf16Name(bytes) {
            return (
                nil,
                [
                    .error(
                        "这个文件是 \(utf16) 编码，不是 UTF-8：请在 Excel 中“另存为 CSV UTF-8（逗号分隔）” "
                            + "(the file is \(utf16) text, not UTF-8 CSV: save it as 'CSV UTF-8')",
                        code: "\(code).encoding", file: file, line: 1)
                ]
            )
        }
        if let text = String(validating: bytes, as: UTF8.self) { return (text, []) }
        if let text = gb18030(bytes) {
            return (
                text,
                [
                    .warning(
                        "这个文件不是 UTF-8，已按 GB18030/GBK（Excel 在中文 Windows 上保存 CSV 的默认编码）读取；"
                            + "建议在 Excel 中“另存为 CSV UTF-8（逗号分隔）” "
                            + "(read as GB18030/GBK; save it as 'CSV UTF-8' to be sure)",
                        code: "\(code).encoding", file: file, line: 1)
                ]
            )
        }
        return (
            nil,
            [
                .error(
                    "这个文件既不是 UTF-8 也不是 GB18030/GBK 文本：请另存为 CSV UTF-8 "
                        + "(neither UTF-8 nor GB18030/GBK: save it as 'CSV UTF-8')",
                    code: "\(code).encoding", file: file, line: firstInvalidUTF8Line(bytes))
            ]
        )
    }

    /// "UTF-16LE"/"UTF-16BE" when the bytes look like UTF-16: a byte order mark, or many NUL bytes in
    /// the even or odd positions (ASCII characters of UTF-16 text).
    public static func utf16Name(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
        if bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
        let sample = bytes.prefix(512)
        guard sample.count >= 4 else { return nil }
        var evenZeros = 0
        var oddZeros = 0
        for (index, byte) in sample.enumerated() where byte == 0 {
            if index % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
        }
        let half = sample.count / 2
        if oddZeros * 3 > half && evenZeros * 10 < half { return "UTF-16LE" }
        if evenZeros * 3 > half && oddZeros * 10 < half { return "UTF-16BE" }
        return nil
    }

    /// The bytes decoded as GB18030 through the C library's iconv, or nil when they are not GB18030.
    public static func gb18030(_ bytes: [UInt8]) -> String? {
        let descriptor = iconv_open("UTF-8", "GB18030")
        guard let descriptor, descriptor != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(descriptor) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        let converted: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                guard result != -1, inLeft == 0 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let converted else { return nil }
        return String(validating: output.prefix(converted), as: UTF8.self)
    }

    /// The 1-based line of the first byte sequence that is not UTF-8.
    static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int {
        var line = 1
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): if scalar == "\n" { line += 1 }
            case .emptyInput, .error: return line
            }
        }
    }
}
