import Foundation

/// Front matter templates for `campaign new`, with every required field filled in or marked.
public enum Scaffold {
    /// Kinds of content `campaign new` can create.
    public enum Kind: String, Sendable, CaseIterable {
        case news
        case exposure
        case page
    }

    /// The relative path (inside the content folder) and text of a new item.
    public static func make(
        _ kind: Kind, title: String, slug: String, now: Date, timeZone: TimeZone
    ) -> (path: String, text: String) {
        let day = ContentDate.dayString(now, in: timeZone)
        let minute = ContentDate.minuteString(now, in: timeZone)
        let quotedTitle = yamlQuoted(title)
        switch kind {
        case .news:
            return (
                "news/\(day)-\(slug).md",
                """
                ---
                title: \(quotedTitle)
                date: \(minute)
                summary:                   # 一句话摘要；留空则取正文开头
                tags: []
                source:                    # 来源
                led:                       # LED 屏短标题（GB2312 字符）
                draft: true                # 审核完成后改为 false 或删除此行
                review:                    # 三审：三位不同人员，时间不晚于发布时间
                  first: {by: , at: }
                  second: {by: , at: }
                  final: {by: , at: }
                ---

                正文从这里开始。

                """
            )
        case .page:
            return (
                "pages/\(slug).md",
                """
                ---
                title: \(quotedTitle)
                date: \(minute)
                summary:
                ---

                正文从这里开始。

                """
            )
        case .exposure:
            let c = ContentDate.components(of: now, in: timeZone)
            let id = "BG-\(c.year)-\(ContentDate.pad(c.month))\(ContentDate.pad(c.day))"
            return (
                "exposures/\(day)-\(slug)/index.md",
                """
                ---
                id: \(id)                  # 编号，全站唯一，如 BG-2026-0101
                title: \(quotedTitle)
                found: \(day)              # 发现日期
                district: ""               # site.yml 中的区县名称
                location: ""               # 具体地点
                category: ""               # site.yml 中的问题类别
                unit: ""                   # site.yml 中的责任单位
                source: 督查               # 督查 / 暗访 / 随手拍 / 群众举报
                limit_days: 7              # 或写 deadline: 日期
                status: open               # open → rectifying → rectified → verified → closed
                photos:
                  - {file: photo-1.jpg, alt: "照片内容说明", redact: []}
                # rectification: {date: , note: , photos: []}   # 已整改起必填
                # verification: {by: , at: }                     # 复核通过起必填
                # closed:                                         # 已销号日期
                review:
                  first: {by: , at: }
                  second: {by: , at: }
                  final: {by: , at: }
                ---

                问题描述：

                整改要求：

                """
            )
        }
    }

    static func yamlQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n", "\r": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
