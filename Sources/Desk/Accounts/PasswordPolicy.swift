import HTTPTypes

/// The password rule of the desk (等保 2.0): at least 8 characters of at least 3 kinds among
/// lower-case letters, upper-case letters, digits and other characters.
public enum PasswordPolicy {
    /// The minimum length in characters.
    public static let minimumLength = 8
    /// How many of the four kinds a password must mix.
    public static let minimumKinds = 3

    /// Nil when `password` is acceptable, else the reason in Chinese (with an English gloss).
    public static func problem(with password: String) -> String? {
        if password.count < minimumLength {
            return "密码至少 \(minimumLength) 个字符（password needs at least \(minimumLength) characters）"
        }
        var kinds = Set<Int>()
        for scalar in password.unicodeScalars {
            switch scalar {
            case "a"..."z": kinds.insert(0)
            case "A"..."Z": kinds.insert(1)
            case "0"..."9": kinds.insert(2)
            default: kinds.insert(3)
            }
        }
        if kinds.count < minimumKinds {
            return "密码须包含小写字母、大写字母、数字、其他符号中的至少 \(minimumKinds) 类"
                + "（password must mix at least \(minimumKinds) of: lower case, upper case, digits, symbols）"
        }
        return nil
    }
}

/// Login names: 2–32 characters of a-z, 0-9, `.`, `_` and `-`, starting with a letter.
public enum LoginName {
    /// True when `login` is a valid login name.
    public static func isValid(_ login: String) -> Bool {
        let scalars = Array(login.unicodeScalars)
        guard (2...32).contains(scalars.count), let first = scalars.first, ("a"..."z").contains(first) else {
            return false
        }
        return scalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)
        }
    }
}
