extension Localizer {
    /// An amount of euro cents as people write it: en "€25.00", "-€25.00", "€1,250.00";
    /// nl and es "€ 25,00", "€ -25,00", "€ 1.250,00". Integer arithmetic only, never floating point.
    public func money(cents: Int64) -> String {
        // `magnitude` is a UInt64, so even Int64.min has a value to print.
        let euros = Localizer.grouped(cents.magnitude / 100, separator: language == .en ? "," : ".")
        let rest = cents.magnitude % 100
        let fraction = rest < 10 ? "0\(rest)" : String(rest)
        let sign = cents < 0 ? "-" : ""
        switch language {
        case .en: return "\(sign)€\(euros).\(fraction)"
        case .nl, .es: return "€ \(sign)\(euros),\(fraction)"
        }
    }

    /// `value` in digits with `separator` between each group of three, such as "1.250.000".
    private static func grouped(_ value: UInt64, separator: String) -> String {
        let digits = Array(String(value))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result += separator }
            result.append(digit)
        }
        return result
    }
}
