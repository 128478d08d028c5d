import Foundation

/// Reads how abstracts write an amount or a count: one number (`12`,
/// `twelve`), a range (`12-16`, `12 to 16`, `between 12 and 16`, `3/4`), a
/// lower bound (`≥3`, `> or = 3`, `3 or higher`, `3 or worse`, `2+`, `at least 3`)
/// or a list (`1, 2 or 4`).
struct QuantityReader {
    var tokenizer = NumberTokenizer()

    /// One value: a number, a range or a lower bound.
    func quantity(_ text: String) -> Result<[FactValue], NormalizationFailure> {
        let tokens = tokenizer.tokens(of: text)
        if let value = QuantityReader.scientific(tokens) { return .success([.number(value)]) }
        guard let value = QuantityReader.interpret(tokens) else {
            return .failure(NormalizationFailure("no number in \"\(text)\""))
        }
        return .success([value])
    }

    /// One value per item of a list such as `1, 2 or 4`, `5, 10 and 20`, `500/100` or `151 vs 152`.
    /// Each item may carry its spread, which is left out: `0.8 ± 0.4 vs 1.2 +/- 0.6`
    /// and `93.1 [41.7] vs 50.9 [14.7]` give 0.8 and 1.2, 93.1 and 50.9.
    func quantityList(_ text: String) -> Result<[FactValue], NormalizationFailure> {
        let tokens = tokenizer.tokens(of: text)
        var items: [[NumberTokenizer.Token]] = [[]]
        var depth = 0
        for (index, token) in tokens.enumerated() {
            switch token {
            case .symbol("("), .symbol("["): depth += 1
            case .symbol(")"), .symbol("]"): depth = max(0, depth - 1)
            default: break
            }
            switch token {
            case _ where depth > 0: items[items.count - 1].append(token)
            // The slash of `+/-` is no list's.
            case .symbol("/") where index > 0 && tokens[index - 1] == .symbol("+"):
                items[items.count - 1].append(token)
            case .symbol(","), .symbol(";"), .symbol("/"), .word("or"), .word("and"), .word("vs"), .word("versus"):
                // `between 12 and 16` is one range, not two items.
                if token == .word("and"), items.last?.contains(.word("between")) == true {
                    items[items.count - 1].append(token)
                } else {
                    items.append([])
                }
            default: items[items.count - 1].append(token)
            }
        }
        let values = items.flatMap(QuantityReader.titrationSteps).compactMap(QuantityReader.interpret)
        return values.isEmpty ? .failure(NormalizationFailure("no number in \"\(text)\"")) : .success(values)
    }

    /// An item of three or more numbers joined by hyphens or dashes alone, a
    /// titration's steps (`5-10-15`), as one item per number; any other item
    /// as it is (`10-15` stays a range).
    static func titrationSteps(_ item: [NumberTokenizer.Token]) -> [[NumberTokenizer.Token]] {
        guard item.count >= 5, item.count % 2 == 1 else { return [item] }
        var steps: [[NumberTokenizer.Token]] = []
        for (index, token) in item.enumerated() {
            if index % 2 == 0 {
                guard case .number = token else { return [item] }
                steps.append([token])
            } else {
                guard case let .symbol(dash) = token, stepDashes.contains(dash) else { return [item] }
            }
        }
        return steps
    }

    private static let stepDashes: Set<Character> = ["-", "–", "—", "‐", "−"]

    static let boundWords: Set<String> = ["more", "higher", "greater", "above", "over", "least", "exceeding", "worse"]
    static let rangeJoiners: Set<NumberTokenizer.Token> = [
        .symbol("-"), .symbol("–"), .symbol("—"), .symbol("/"), .symbol("‐"), .symbol("−"),
        .word("to"), .word("and"), .word("or"), .word("through"),
    ]

    /// Leaves out what stands in brackets: `5 (4, 8)` is 5, `2,67 (0-11)` is 2.67.
    static func withoutAsides(_ tokens: [NumberTokenizer.Token]) -> [NumberTokenizer.Token] {
        var depth = 0
        return tokens.filter { token in
            switch token {
            case .symbol("("), .symbol("["):
                depth += 1
                return false
            case .symbol(")"), .symbol("]"):
                depth = max(0, depth - 1)
                return false
            default: return depth == 0
            }
        }
    }

    /// A number in scientific notation as abstracts print it once the
    /// superscript is lost: `3×10(5)`, `3 x 10^5`, `3×105` (3×10⁵): the
    /// exponent from 2 to 15, written after the `10`.
    static func scientific(_ tokens: [NumberTokenizer.Token]) -> Double? {
        guard tokens.count >= 3, case let .number(mantissa) = tokens[0],
            tokens[1] == .symbol("×") || tokens[1] == .word("x"), case let .number(power) = tokens[2]
        else { return nil }
        let rest = tokens.dropFirst(3).filter { $0 != .symbol("(") && $0 != .symbol(")") && $0 != .symbol("^") }
        let exponent: Double
        if power == 10, rest.count == 1, case let .number(written) = rest.first {
            exponent = written
        } else if rest.isEmpty, power >= 100, power == power.rounded() {
            let digits = String(Int(power))
            guard digits.hasPrefix("10"), let written = Double(digits.dropFirst(2)), !digits.dropFirst(2).hasPrefix("0")
            else { return nil }
            exponent = written
        } else {
            return nil
        }
        guard (2...15).contains(exponent), exponent == exponent.rounded() else { return nil }
        return mantissa * pow(10, exponent)
    }

    static func interpret(_ allTokens: [NumberTokenizer.Token]) -> FactValue? {
        // A value wholly in brackets, as some journals print a mean and its spread (`(12.6±3.1) points`),
        // is read inside them.
        let outside = withoutAsides(allTokens)
        let tokens =
            outside.contains { if case .number = $0 { true } else { false } }
            ? outside : allTokens.filter { ![.symbol("("), .symbol(")"), .symbol("["), .symbol("]")].contains($0) }
        var numbers: [Double] = []
        var isBound = false
        var isStrict = false
        var joined = false
        for (index, token) in tokens.enumerated() {
            switch token {
            case let .number(value): numbers.append(value)
            case .symbol("≥"), .symbol("⩾"): isBound = true
            case .symbol(">"):
                isBound = true
                // `>=` and the spelled-out `> or =` are inclusive.
                let rest = tokens[(index + 1)...]
                isStrict = !(rest.first == .symbol("=") || rest.starts(with: [.word("or"), .symbol("=")]))
            case .symbol("±"): return numbers.first.map(FactValue.number)
            case .symbol("+") where index + 1 < tokens.count && tokens[index + 1] == .symbol("/"):
                return numbers.first.map(FactValue.number)
            // `3+4` joins a range; a `+` after the last number, `2+`, is a bound.
            case .symbol("+") where !numbers.isEmpty:
                if case .number = tokens.dropFirst(index + 1).first { joined = true } else { isBound = true }
            case let .word(word) where boundWords.contains(word): isBound = true
            default:
                if rangeJoiners.contains(token), !numbers.isEmpty { joined = true }
            }
        }
        guard let first = numbers.first else { return nil }
        if isBound {
            // `> 2` of a whole number is `>=3`.
            let bound = numbers.min()!
            let inclusive = isStrict && bound == bound.rounded() ? bound + 1 : bound
            return .atLeast(inclusive)
        }
        if numbers.count >= 2, joined {
            let low = numbers.min()!
            let high = numbers.max()!
            return low == high ? .number(low) : .range(low: low, high: high)
        }
        return .number(first)
    }
}
