@testable import CampaignCore

/// The tables of cases, at least 80 per kind (positive and negative), built from independent references.
enum PrivacyTables {
    /// Contexts cycled over a list of values, so each value is tried in a few surroundings.
    static func hits(
        _ kind: PIIKind, _ values: [(String, String)], contexts per: Int = 3, mistyped: Bool = false
    ) -> [PrivacyCase] {
        var cases: [PrivacyCase] = []
        for (index, value) in values.enumerated() {
            for offset in 0..<per {
                let context = privacyContexts[(index + offset * 3) % privacyContexts.count]
                cases.append(.hit(kind, value.0, value.1, in: context, mistyped: mistyped))
            }
        }
        return cases
    }

    // MARK: - 18-digit ID numbers

    static let idSeventeens = [
        "11010519491231002", "62010219900307123", "44030419851120301", "35020320000229456", "51010419780615882",
        "82000019991231004", "65010220101010337", "13010219600101555", "21020219700707777", "45010319881212123",
        "33010619950505050", "71000019800101001",
    ]

    /// The 17 digits with a last digit that is neither the ID check character nor completes a Luhn number.
    static func nonID(_ seventeen: String) -> String {
        let id = Reference.idCheck(seventeen)
        let luhn = Reference.luhnCheck(seventeen)
        let last = "0123456789".first { $0 != id && $0 != luhn } ?? "0"
        return seventeen + String(last)
    }

    /// A digit to put before (or after) `number` so that the longer run does not pass the Luhn check.
    static func breakingDigit(before number: String) -> String {
        String("123456789".first { !passesLuhn(String($0) + number) } ?? "1")
    }

    static func breakingDigit(after number: String) -> String {
        String("123456789".first { !passesLuhn(number + String($0)) } ?? "1")
    }

    static func passesLuhn(_ digits: String) -> Bool {
        Reference.luhnCheck(String(digits.dropLast())) == digits.last
    }

    static let idNumbers: [PrivacyCase] = {
        var cases: [PrivacyCase] = []
        let valid = idSeventeens.map { Reference.validID($0) }
        cases += hits(.idNumber, valid.map { ($0, Reference.keep($0, first: 1, last: 2)) })
        let mistyped = idSeventeens.map { Reference.mistypedID($0) }
        cases += hits(.idNumber, mistyped.map { ($0, Reference.keep($0, first: 1, last: 2)) }, mistyped: true)
        cases += [
            .hit(.idNumber, "11010519491231002X", "1***************2X", in: ("身份证号", "。")),
            .hit(.idNumber, "11010519491231002x", "1***************2x", in: ("证件 ", " 已核实")),
            .hit(.idNumber, "44030419851120301X", "4***************1X", in: ("号码", ""), mistyped: true),
            .hit(.idNumber, "35020320000229456x", "3***************6x", in: ("（", "）"), mistyped: true),
            .hit(
                .idNumber, Reference.mistypedID("62010220000229456"),
                "6***************"
                    + String(Reference.mistypedID("62010220000229456").suffix(2)), in: ("出生于闰日：", ""), mistyped: true),
        ]
        // Not ID numbers: impossible dates, unknown provinces, longer runs, codes and URLs.
        for seventeen in [
            "62010219900230123", "62010219901301123", "62010219900000123", "62010218991231123", "62010221000101123",
            "62010219000229123", "62010220230229123", "62010219900431123", "62010219900700123", "62010219901232123",
        ] {
            cases.append(.miss("号码" + nonID(seventeen)))
        }
        for region in ["00", "09", "10", "16", "19", "20", "24", "30", "38", "40", "47", "55", "60", "66", "72", "90"] {
            cases.append(.miss("编号" + nonID(region + "010219900307123") + "。"))
        }
        let id = Reference.validID("44030419851120301")
        cases += [
            .miss("流水号" + breakingDigit(before: id) + id),
            .miss(id + breakingDigit(after: id)),
            .miss("订单ABC" + Reference.mistypedID("62010219900307123")),
            .miss("https://example.gov.cn/a/" + Reference.mistypedID("62010219900307123") + ".html"),
            .miss("数值0." + Reference.mistypedID("62010219900307123")),
            .miss("统一社会信用代码91620102MA71234567"),
            .miss("2026年11月28日，城关区检查了128处点位，整改率100%。"),
            .miss("文号：兰文明办发〔2026〕18号"),
        ]
        return cases
    }()

    // MARK: - 15-digit ID numbers

    static let legacyIDs = [
        "110105491231002", "620102900307123", "440304851120301", "350203000101456", "510104780615882",
        "130102600229555", "210202700707777", "450103881212123", "330106950505050", "650102641010337",
        "820000991231004", "370102521130018", "410105330918092", "530102830301461",
    ]

    static let legacyIDNumbers: [PrivacyCase] = {
        var cases = hits(.legacyIDNumber, legacyIDs.map { ($0, Reference.keep($0, first: 1, last: 2)) }, contexts: 4)
        // Not 15-digit ID numbers: unknown provinces, impossible dates, other lengths, codes, decimals.
        for region in ["00", "01", "10", "16", "19", "20", "29", "39", "48", "56", "60", "70", "72", "80", "84", "99"] {
            cases.append(.miss("号码" + region + "0102900307123"))
        }
        for date in ["901301", "900230", "900000", "900431", "000229", "990229", "901232", "900700", "991300"] {
            cases.append(.miss("证号620102" + date + "123。"))
        }
        cases += [
            .miss("62010290030712"), .miss("6201029003071234x"),
            .miss("编号ABC620102900307123"), .miss("620102900307123abc"),
            .miss("https://example.gov.cn/p/620102900307123.html"), .miss("价格1.620102900307123"),
            .miss("截至2026年11月，累计投入资金123456789元"), .miss("热线12345、12319、110、120、119全天开通"),
            .miss("测评得分96.5分，排名全省第3"), .miss("BG-2026-0123号曝光"),
            .miss("时间戳202611291230456"),
        ]
        return cases
    }()

    // MARK: - Mobile numbers

    static let mobileNumbers: [PrivacyCase] = {
        let numbers = [
            "13812341234", "13912345678", "14712345678", "15012345678", "15912345678", "16612345678",
            "17712345678", "18612345678", "19931234567", "19812345678", "17012345678", "13300001111",
        ]
        var cases = hits(.mobile, numbers.map { ($0, Reference.keep($0, first: 3, last: 4)) }, contexts: 4)
        cases += [
            .hit(.mobile, "13912345678", "139****5678", in: ("Tel +86", ".")),
            .hit(.mobile, "18612345678", "186****5678", in: ("电话：+86", "")),
            .hit(.mobile, "138-1234-5678", "138-****-5678", in: ("拨打", "或")),
            .hit(.mobile, "150 1234 5678", "150 **** 5678", in: ("拨打 ", " 即可")),
            .hit(.mobile, "177-0931-8888", "177-****-8888", in: ("联系", "")),
            .hit(.mobile, "199 0000 1111", "199 **** 1111", in: ("（", "）")),
            .hit(.mobile, "13812345678", "138****5678", in: ("电话：**", "**（加粗）")),
        ]
        // Not mobile numbers: hotlines, landlines, service numbers, wrong prefixes and lengths.
        for text in [
            "市民热线12345", "人社热线12319", "报警110", "急救120", "火警119", "消费投诉12315", "住建热线12369",
            "环保热线12369、12345", "座机0931-8888000", "座机（0931）8888000", "服务电话400-800-1234",
            "客服95588", "客服10086", "订单138123412345", "编号913812341234", "12812341234不是手机号",
            "11012345678不是手机号", "10812345678", "138-1234-56789", "138 1234 567", "1381234567",
            "138-12345-678", "138 1234-5678", "传真0931-12345678", "共1380户", "13800元", "第13812期",
            "2026-11-29", "20261129", "统计1,381,234,567人次", "增长13.8%", "指标2.1.3", "BG-2026-0123",
            "https://wmcj.lanzhou.example.gov.cn/news/2026", "¥13,812,345.67", "应急管理12350",
            "税务12366", "公积金12329", "交通12328", "政务服务12345转1",
        ] {
            cases.append(.miss(text))
        }
        return cases
    }()

    // MARK: - Licence plates

    static let plates: [PrivacyCase] = {
        var cases = hits(
            .plate,
            [
                ("甘A12345", "甘A1***5"), ("京B6789F", "京B6***F"), ("沪C2K3L9", "沪C2***9"), ("粤B12345", "粤B1***5"),
                ("川A0Q8X1", "川A0***1"), ("陕AD12345", "陕AD****5"), ("浙AF67890", "浙AF****0"), ("苏E12345", "苏E1***5"),
                ("新A33333", "新A3***3"), ("蒙A8888F", "蒙A8***F"), ("琼B12345", "琼B1***5"), ("甘A·12345", "甘A·1***5"),
                ("京B 6789F", "京B 6***F"), ("甘A1234学", "甘A1***学"), ("粤Z1234港", "粤Z1***港"),
            ], contexts: 4)
        for text in [
            "代码A12345不是车牌", "型号甘A1234567", "东A12345", "新APPLE发布", "甘A1234x", "甘A", "甘肃A区", "京ABCDE",
            "甘A123", "甘A1234", "甘a12345", "区A12345", "甘AB", "京东JD123", "兰州A座12楼", "甘A12345678",
            "沪深300指数", "京A-1234", "北京朝阳", "苏州工业园区", "新冠疫苗", "云计算", "甘肃省兰州市",
            "国道G30", "高铁G1234次", "京津冀协同", "粤港澳大湾区", "川A号线", "川AABCDE", "鲁A-12345",
            "甘A 1234", "甘A·1234", "浙江A股", "湘ABC", "黑A一二三", "鄂A12", "渝A123456789", "藏A12",
            "宁A.12345", "闽A_12345",
        ] {
            cases.append(.miss(text))
        }
        return cases
    }()

    // MARK: - E-mail addresses

    static let emails: [PrivacyCase] = {
        var cases = hits(
            .email,
            [
                ("zhangsan@163.com", "z***@163.com"), ("li.si@example.gov.cn", "l***@example.gov.cn"),
                ("wang_wu+report@qq.com", "w***@qq.com"), ("123456789@qq.com", "1***@qq.com"),
                ("13812345678@139.com", "1***@139.com"), ("a@b.cn", "a***@b.cn"),
                ("Zhao.Liu@Example.COM", "Z***@Example.COM"),
                ("user-name@mail.lanzhou.gov.cn", "u***@mail.lanzhou.gov.cn"),
                ("x%y@foo-bar.org", "x***@foo-bar.org"), ("chen99@sina.com.cn", "c***@sina.com.cn"),
                ("E12345678@outlook.com", "E***@outlook.com"),
                ("report@wmcj.example.gov.cn", "r***@wmcj.example.gov.cn"),
            ], contexts: 4)
        cases += [
            .hit(.email, "zhangsan@163.com", "z***@163.com", in: ("mailto:", "")),
            .hit(.email, "zhangsan@163.com", "z***@163.com", in: ("邮箱：", "。")),
            .hit(.email, "zhangsan@163.com", "z***@163.com", in: ("<", ">")),
            .hit(.email, "li@qq.com", "l***@qq.com", in: ("请发送至 ", "，谢谢")),
            .hit(.email, "zhang@qq.com", "z***@qq.com", in: ("邮箱：**", "**")),
        ]
        for text in [
            "@文明兰州", "微博@兰州发布", "https://weibo.com/@wenming", "user@localhost", "a@b.c", "foo@bar",
            "@example.com", "x@123.456", "文明@兰州.中国", "http://user:pass@example.com/", "ftp://admin@files.example.com",
            "邮箱 ＠qq.com", "价格@5元", "a@-", "name@.com", "name@com.", "..@qq.com", "@@qq.com", "a@@qq.com",
            "https://wmcj.lanzhou.example.gov.cn/news/", "www.example.gov.cn", "邮编730030", "2026@兰州",
            "user@例子.公司", "x@y.z1", "mail at qq dot com", "zhang san @ 163 . com",
            "@所有人", "联系@城关区政府", "a.@qq", "user@[127.0.0.1]", "Email: (none)", "#hashtag@",
            "https://example.com/@user/status/123", "git@", "@2x.png", "http://a@b", "name@host.c0m", "a@b.c.d1",
        ] {
            cases.append(.miss(text))
        }
        return cases
    }()

    // MARK: - Passports and travel permits

    static let passports: [PrivacyCase] = {
        var cases = hits(
            .passport,
            [
                ("E12345678", "E******78"), ("EA1234567", "E******67"), ("EF1260892", "E******92"),
                ("EZ7654321", "E******21"), ("G12345678", "G******78"), ("DE1234567", "D******67"),
                ("SE1234567", "S******67"), ("PE1234567", "P******67"), ("K12345678", "K******78"),
                ("MA1234567", "M******67"), ("C12345678", "C******78"), ("CA1234567", "C******67"),
                ("L12345678", "L******78"), ("H12345678", "H******78"), ("H1234567801", "H********01"),
                ("M12345678", "M******78"), ("M8765432100", "M********00"),
            ], contexts: 3)
        for text in [
            "E1234567", "E123456789", "G1234567", "EI1234567", "EO1234567", "XE1234567", "AE12345678",
            "E12345678A", "e12345678", "g12345678", "BG-2026-0123", "国道G30", "G1234次列车", "K1234次", "GB50180-2018",
            "D1234567", "S1234567", "P1234567", "Z12345678", "DE12345678", "MA12345678", "H123456789", "M1234567890123",
            "E12345678.5", "ISO9001", "GB/T2260", "CE12345678", "T12345678", "SE123456", "E 12345678",
            "E-12345678", "LED12345678", "HTML12345678", "G7京新高速", "C919客机", "K9警犬", "E12345678x",
            "邮编730030", "ABCDEFGHI",
        ] {
            cases.append(.miss(text))
        }
        return cases
    }()

    // MARK: - Bank cards

    static let cardBodies = [
        "622202123456789012", "62284812345678901", "621700123456789012", "622588012345678", "411111111111111",
        "510510510510510", "356600202036050", "601100099990001", "62148312345678901",
        "622848001234567890",
    ]

    static let bankCards: [PrivacyCase] = {
        var cases: [PrivacyCase] = []
        var values: [(String, String)] = []
        for body in cardBodies {
            let card = Reference.luhnValid(body)
            values.append((card, Reference.maskCard(card)))
        }
        cases += hits(.bankCard, values, contexts: 3)
        for body in cardBodies.prefix(8) {
            let card = Reference.luhnValid(body)
            for separator in [" ", "-"] {
                let grouped = Reference.grouped(card, separator)
                cases.append(.hit(.bankCard, grouped, Reference.maskCard(grouped), in: ("卡号：", "。")))
            }
        }
        // Not bank cards: failing Luhn, other lengths, leading 0, odd grouping, codes and URLs.
        for body in cardBodies {
            cases.append(.miss("卡号" + Reference.luhnInvalid(body)))
        }
        let card = Reference.luhnValid("622202123456789012")
        cases += [
            .miss("卡号" + Reference.luhnValid("62220212345678")), .miss(Reference.luhnValid("62220212345678901234")),
            .miss("编号" + Reference.luhnValid("022202123456789")), .miss("https://example.cn/c/" + card + ".html"),
            .miss("id=" + card), .miss("NO" + card), .miss(card + "abc"), .miss("1." + card),
            .miss("6222 0212 3456"), .miss("622 202 123 456 789 012 3"), .miss("6222-0212 3456-7890"),
            .miss("6222  0212  3456  7890"), .miss("2026 1129 1230 4567 8"),
            .miss("投入资金12,345,678元"),
            .miss("第1234 5678期"), .miss("2026-11-29 12:00"), .miss("BG-2026-0123-0001"),
        ]
        cases += [
            .hit(.bankCard, card, Reference.maskCard(card), in: ("工资卡", "被冒领")),
            .hit(.bankCard, card, Reference.maskCard(card), in: ("账号:", "")),
            .hit(.bankCard, card, Reference.maskCard(card), in: ("收款卡号 ", " 户名略")),
            .miss("流水号" + breakingDigit(before: card) + card),
        ]
        for base in [
            "9876543210123456", "1111222233334444", "1234567812345678", "5555666677778888", "6222021234567890",
            "6228481234567890", "4111111111111112", "5105105105105101",
        ] {
            if !passesLuhn(base) { cases.append(.miss("流水" + base)) }
        }
        return cases
    }()

    // MARK: - Addresses

    static let addresses: [PrivacyCase] = {
        var cases: [PrivacyCase] = []
        let places = ["城关区张掖路街道金城小区", "七里河区西湖街道兰工坪社区", "安宁区万新花园", "西固区陈坪村"]
        let parts: [(String, String)] = [
            ("3号楼2单元501室", "**号楼**单元**室"), ("12栋3单元1102", "**栋**单元**"), ("5幢402室", "**幢**室"),
            ("A栋2单元301", "**栋**单元**"), ("三号楼二单元五〇一室", "**号楼**单元**室"), ("3号楼", "**号楼"),
            ("2单元", "**单元"), ("501室", "**室"), ("18号楼1单元602号房", "**号楼**单元**号房"),
            ("３号楼２单元", "**号楼**单元"), ("7栋502", "**栋**"), ("2号楼3层301室", "**号楼**层**室"),
            ("B座1201室", "**座**室"), ("9幢1单元", "**幢**单元"), ("1号楼2单元3楼", "**号楼**单元**楼"),
            ("6栋2单元302户", "**栋**单元**户"), ("10号楼2单元", "**号楼**单元"), ("二单元302", "**单元**"),
            ("5栋3楼", "**栋**楼"), ("2号楼1502", "**号楼**"),
            // Every Chinese numeral an address starts with, right after a place name: the scanner skips
            // runs of Chinese text by the 64-character block of the next character, never past these.
            ("四号楼", "**号楼"), ("五单元", "**单元"), ("六号楼", "**号楼"), ("七号楼", "**号楼"), ("八单元", "**单元"),
            ("九号楼", "**号楼"), ("十号楼", "**号楼"), ("一单元", "**单元"), ("两单元", "**单元"),
            ("零〇一室", "**室"), ("百号楼", "**号楼"),
        ]
        for (index, part) in parts.enumerated() {
            let place = places[index % places.count]
            cases.append(.hit(.address, part.0, part.1, in: ("家住" + place, "，")))
            cases.append(.hit(.address, part.0, part.1, in: (place, "")))
        }
        cases += [
            .hit(.address, "3号楼2单元501室", "**号楼**单元**室", in: ("金城小区 ", "")),
            .hit(.address, "3号楼2单元501室", "**号楼**单元**室", in: ("金城小区\u{3000}", "。")),
            .hit(.address, "1号3号楼", "**号**号楼", in: ("南昌路", "")),
            .hit(.address, "4单元", "**单元", in: ("家属楼", "门口")),
        ]
        for text in [
            "城关区南昌路1号", "市政府3楼会议室", "轨道交通1号线", "金城小区3室2厅", "第3单元", "共排查12栋楼",
            "小区共2栋", "城关区120户居民", "学习第三单元", "小区内", "兰州中心A座", "写字楼12楼", "南关什字3号",
            "3号楼", "住在3号楼", "2026年3号楼", "有5栋", "约30栋", "第5栋", "12345热线", "金城小区",
            "张掖路街道", "西湖街道兰工坪社区", "陈坪村", "3号院", "金城小区3号院", "小区12栋", "楼道3处",
            "单元门", "室内3处", "区3楼", "城关区2026年", "3室1厅", "两室一厅", "小区3室2厅出租", "共3户",
            "1号线2号线", "第十二栋", "十二栋楼", "已拆除5栋", "新建3栋", "A座", "室外", "号楼", "单元楼",
            "街道办事处201会议室",
        ] {
            cases.append(.miss(text))
        }
        return cases
    }()

    static let all: [PIIKind: [PrivacyCase]] = [
        .idNumber: idNumbers, .legacyIDNumber: legacyIDNumbers, .mobile: mobileNumbers, .plate: plates,
        .email: emails, .passport: passports, .bankCard: bankCards, .address: addresses,
    ]
}
