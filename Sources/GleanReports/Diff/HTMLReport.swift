import GleanCore
import GleanDigest
import GleanOutput
import OrderedCollections

/// A self-contained HTML page for reviewing a run or a diff in a browser:
/// a summary, filters by field (and by change, for a diff), then each
/// document's text with its facts highlighted in their field's colour and
/// a table of the facts with rule and values. Added, removed and changed
/// facts are outlined green, red (struck through) and amber.
///
/// The page loads nothing from the network, and every piece of document
/// text, ID, path, value and rule name is escaped; a Content-Security-Policy
/// with a per-page nonce also keeps any script but the page's own from running.
/// The page is also well-formed XML, so tests and tools can parse it strictly.
public enum HTMLReport {
    /// The page for an extraction run: every record, with the texts found.
    public static func extraction(
        records: [DocumentRecord], texts: [DocumentKey: DocumentText],
        title: String = "glean extraction report", subtitle: String = ""
    ) -> String {
        var fields: OrderedDictionary<String, Int> = [:]
        var rules: OrderedDictionary<String, Int> = [:]
        for fact in records.flatMap(\.facts) {
            fields[fact.field, default: 0] += 1
            rules[fact.rule, default: 0] += 1
        }
        fields.sort()
        rules.sort()
        let facts = fields.values.reduce(0, +)
        let errors = records.filter { $0.error != nil }.count
        let summary =
            "<p>\(records.count) documents, \(records.filter { !$0.facts.isEmpty }.count) with facts, "
            + "\(facts) facts, \(errors) could not be read.</p>"
            + table(["field", "facts"], fields.map { [$0.key, String($0.value)] })
            + table(["rule", "facts"], rules.map { [$0.key, String($0.value)] })
        // Only documents with facts or an error: a page of 100,000 bare abstracts helps no one.
        let shown = records.filter { !$0.facts.isEmpty || $0.error != nil }
        let entries = shown.prefix(documentLimit).map { record in
            Entry(
                key: DocumentKey(record), notes: record.error.map { ["could not be read: \($0)"] } ?? [],
                rows: record.facts.map { Row(change: .unchanged, fact: $0, old: nil) })
        }
        let hidden = shown.count - entries.count
        let note =
            hidden > 0
            ? "<p class=\"note\">The first \(documentLimit) documents with facts or errors are shown; "
                + "\(hidden) more are in the JSON Lines output.</p>" : ""
        return page(
            title: title, subtitle: subtitle, summary: summary + note, entries: entries, texts: texts,
            showingChanges: false)
    }

    /// The page for a diff: the documents that differ, with all their facts
    /// (unchanged ones for context) and the changes marked.
    public static func diff(
        _ diff: ExtractionDiff, texts: [DocumentKey: DocumentText],
        title: String = "glean diff report", subtitle: String = ""
    ) -> String {
        let summary =
            "<p>\(diff.documents.count) of \(diff.documentsCompared) documents differ: "
            + "\(diff.summary.total.added) facts added, \(diff.summary.total.removed) removed, "
            + "\(diff.summary.total.changed) changed, \(diff.summary.total.ruleChanged) found by another rule.</p>"
            + tallyTable("field", diff.summary.fields) + tallyTable("rule", diff.summary.rules)
        let entries = diff.documents.map { document in
            var notes: [String] = []
            if !document.inOld { notes.append("only in the new run") }
            if !document.inNew { notes.append("only in the old run") }
            if document.oldError != document.newError {
                if let error = document.oldError { notes.append("old run: could not be read: \(error)") }
                if let error = document.newError { notes.append("new run: could not be read: \(error)") }
            }
            let rows =
                document.changes.map {
                    Row(change: Row.Change($0.change), fact: $0.fact, old: $0.change == .changed ? $0.old : nil)
                }
                + document.unchanged.map { Row(change: .unchanged, fact: $0, old: nil) }
            return Entry(
                key: document.key, notes: notes,
                rows: rows.sorted { ($0.fact.start, $0.fact.end) < ($1.fact.start, $1.fact.end) })
        }
        return page(
            title: title, subtitle: subtitle, summary: summary, entries: entries, texts: texts, showingChanges: true)
    }

    /// Text made safe inside HTML elements and quoted attributes; control
    /// characters, which neither HTML nor XML allows, become U+FFFD.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: escaped += "\u{FFFD}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// One fact on the page.
    struct Row {
        enum Change: String {
            case added, removed, changed, unchanged
            case ruleChanged = "rule_changed"

            init(_ change: ExtractionDiff.Change) {
                switch change {
                case .added: self = .added
                case .removed: self = .removed
                case .changed: self = .changed
                case .ruleChanged: self = .ruleChanged
                }
            }

            var symbol: String { self == .unchanged ? "" : ExtractionDiff.Change(rawValue: rawValue)!.symbol }
        }

        var change: Change
        var fact: Fact
        /// The fact before a change.
        var old: Fact?
    }

    /// One document on the page.
    struct Entry {
        var key: DocumentKey
        var notes: [String]
        var rows: [Row]
    }

    /// Background colours for fields.
    static let fieldColors = ["#ffd966", "#9fe09a", "#a9d1ff", "#ffb0c8", "#d4b5ff", "#ffc482", "#8fe3da", "#dede8c"]

    /// A field's colour, from its name alone, so it is the same in every
    /// report (the five fields of the contract get five different ones).
    static func fieldColor(_ field: String) -> String {
        fieldColors[Int(FNV1a.hash(lowercasing: Array(field.utf8)) % UInt64(fieldColors.count))]
    }

    /// How many documents a report shows at most; a note says how many more there were.
    static let documentLimit = 2_000

    private static func page(
        title: String, subtitle: String, summary: String, entries: [Entry],
        texts: [DocumentKey: DocumentText], showingChanges: Bool
    ) -> String {
        let fieldNames = Set(entries.flatMap { $0.rows.map(\.fact.field) }).sorted()
        let fieldClass = Dictionary(uniqueKeysWithValues: fieldNames.enumerated().map { ($1, "f\($0)") })
        let nonce = String(UInt64.random(in: .min ... .max), radix: 16)
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"/>
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-\(nonce)'"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(escape(title))</title>
            <style>
            \(style)
            """
        for name in fieldNames {
            html += ".\(fieldClass[name]!) { background: \(fieldColor(name)); }\n"
        }
        html += "</style></head><body>\n<header><h1>\(escape(title))</h1>"
        if !subtitle.isEmpty { html += "<p class=\"subtitle\">\(escape(subtitle))</p>" }
        html +=
            "\n<section class=\"summary\">\(summary)</section>\n<form class=\"filters\"><fieldset><legend>fields</legend>"
        for name in fieldNames {
            html +=
                "<label><input type=\"checkbox\" data-filter=\"field\" value=\"\(fieldClass[name]!)\" checked=\"checked\"/>"
                + "<span class=\"swatch \(fieldClass[name]!)\"></span>\(escape(name))</label>"
        }
        html += "</fieldset>"
        if showingChanges {
            html += "<fieldset><legend>changes</legend>"
            for change in [Row.Change.added, .removed, .changed, .unchanged] {
                html +=
                    "<label class=\"c-\(change.rawValue)\"><input type=\"checkbox\" data-filter=\"change\" value=\"\(change.rawValue)\" checked=\"checked\"/>"
                    + "\(change.symbol) \(change.rawValue)</label>"
            }
            html += "</fieldset>"
        }
        html += "</form></header>\n<main>\n"
        for entry in entries {
            html += document(entry, text: texts[entry.key], fieldClass: fieldClass, showingChanges: showingChanges)
        }
        html += "</main>\n<script nonce=\"\(nonce)\">//<![CDATA[\n\(script)\n//]]></script>\n</body></html>\n"
        return html
    }

    private static func document(
        _ entry: Entry, text: DocumentText?, fieldClass: [String: String], showingChanges: Bool
    ) -> String {
        var html =
            "<section class=\"document\"><h2>\(escape(entry.key.id)) <small>\(escape(entry.key.source))</small></h2>\n"
        for note in entry.notes { html += "<p class=\"note\">\(escape(note))</p>\n" }
        if let text {
            html += "<pre class=\"text\">\(highlighted(text, rows: entry.rows, fieldClass: fieldClass))</pre>\n"
        } else if entry.notes.isEmpty || !entry.rows.isEmpty {
            html += "<p class=\"note\">document text not found; showing the facts' own words only</p>\n"
        }
        guard !entry.rows.isEmpty else { return html + "</section>\n" }
        html +=
            "<table class=\"facts\"><thead><tr>" + (showingChanges ? "<th></th>" : "")
            + "<th>field</th><th>values</th><th>rule</th><th>text</th><th>offsets</th></tr></thead><tbody>\n"
        for row in entry.rows {
            let fact = row.fact
            let field = fieldClass[fact.field]!
            var values = escape(fact.values.listing)
            var rule = escape(fact.rule)
            if let old = row.old {
                values = "<del>\(escape(old.values.listing))</del> → " + values
                if old.rule != fact.rule { rule = "<del>\(escape(old.rule))</del> → " + rule }
            }
            html +=
                "<tr data-field=\"\(field)\" data-change=\"\(row.change.rawValue)\" class=\"c-\(row.change.rawValue)\">"
                + (showingChanges ? "<td class=\"change\">\(row.change.symbol)</td>" : "")
                + "<td><span class=\"swatch \(field)\"></span>\(escape(fact.field))</td><td>\(values)</td><td>\(rule)</td>"
                + "<td class=\"words\">\(escape(fact.text))</td><td>\(fact.start)–\(fact.end)</td></tr>\n"
        }
        return html + "</tbody></table></section>\n"
    }

    /// The document text with each span covered by facts in a `<mark>`
    /// that lists them (`data-facts="f0:added f2:unchanged"`), coloured by
    /// the first, changed facts before unchanged ones.
    private static func highlighted(_ text: DocumentText, rows: [Row], fieldClass: [String: String]) -> String {
        let placed = rows.compactMap { row in text.range(of: row.fact).flatMap { $0.isEmpty ? nil : ($0, row) } }
            .sorted { ($0.1.change == .unchanged ? 1 : 0) < ($1.1.change == .unchanged ? 1 : 0) }
        var bounds: Set<Int> = [0, text.bytes.count]
        for (range, _) in placed { bounds.formUnion([range.lowerBound, range.upperBound]) }
        let sortedBounds = bounds.sorted()
        var html = ""
        for (lower, upper) in zip(sortedBounds, sortedBounds.dropFirst()) {
            let segment = escape(text.text(lower..<upper))
            let covering = placed.filter { $0.0.lowerBound <= lower && upper <= $0.0.upperBound }.map(\.1)
            guard let first = covering.first else {
                html += segment
                continue
            }
            let facts = covering.map { "\(fieldClass[$0.fact.field]!):\($0.change.rawValue)" }.joined(separator: " ")
            let tip = covering.map { "\($0.change.symbol)\($0.fact.field) \($0.fact.values.listing) (\($0.fact.rule))" }
                .joined(separator: "\n")
            html +=
                "<mark class=\"\(fieldClass[first.fact.field]!) c-\(first.change.rawValue)\" data-facts=\"\(facts)\""
                + " title=\"\(escape(tip))\">\(segment)</mark>"
        }
        return html
    }

    private static func table(_ header: [String], _ rows: [[String]]) -> String {
        guard !rows.isEmpty else { return "" }
        return "<table class=\"counts\"><thead><tr>" + header.map { "<th>\(escape($0))</th>" }.joined()
            + "</tr></thead><tbody>"
            + rows.map { "<tr>" + $0.map { "<td>\(escape($0))</td>" }.joined() + "</tr>" }.joined()
            + "</tbody></table>\n"
    }

    private static func tallyTable(_ name: String, _ tallies: OrderedDictionary<String, DiffSummary.Tally>) -> String {
        table(
            [name, "added", "removed", "changed", "new rule"],
            tallies.map {
                [
                    $0.key, String($0.value.added), String($0.value.removed), String($0.value.changed),
                    String($0.value.ruleChanged),
                ]
            })
    }

    private static let style = """
        body { font: 15px/1.5 system-ui, sans-serif; margin: 0 2em 3em; color: #1f2328; background: #fff; }
        header { position: sticky; top: 0; background: #fff; border-bottom: 1px solid #d0d7de; padding-bottom: .5em; z-index: 1; }
        h1 { font-size: 1.4em; margin: .6em 0 .2em; }
        h2 { font-size: 1.1em; margin: 1.5em 0 .4em; }
        h2 small { color: #656d76; font-weight: normal; }
        .subtitle, .note { color: #656d76; }
        table { border-collapse: collapse; margin: .4em 1.5em .4em 0; display: inline-table; vertical-align: top; }
        th, td { border: 1px solid #d0d7de; padding: .15em .5em; text-align: left; vertical-align: top; }
        table.counts td + td { text-align: right; }
        pre.text { white-space: pre-wrap; font: inherit; background: #f6f8fa; padding: .8em; border-radius: 6px; }
        mark { color: inherit; border-radius: 2px; padding: 0 1px; }
        mark.off { background: none; }
        mark.c-added { outline: 2px solid #1a7f37; }
        mark.c-removed { outline: 2px dashed #cf222e; text-decoration: line-through; }
        mark.c-changed { outline: 2px solid #bf8700; }
        .swatch { display: inline-block; width: .9em; height: .9em; margin-right: .3em; vertical-align: -.1em; border-radius: 2px; }
        tr.c-added td.change, label.c-added { color: #1a7f37; }
        tr.c-removed td.change, label.c-removed { color: #cf222e; }
        tr.c-removed td.words { text-decoration: line-through; }
        tr.c-changed td.change, label.c-changed { color: #bf8700; }
        td.change { font-weight: bold; text-align: center; }
        fieldset { display: inline-block; border: 1px solid #d0d7de; margin-right: 1em; }
        label { margin-right: .8em; white-space: nowrap; }
        [hidden] { display: none !important; }

        """

    /// Applies the filters: rows and highlights of unchecked fields and
    /// changes are hidden, and documents left with no visible fact.
    private static let script = """
        (function () {
          var boxes = Array.prototype.slice.call(document.querySelectorAll('input[data-filter]'));
          function checked(kind) {
            var on = {}, present = false;
            boxes.forEach(function (box) {
              if (box.dataset.filter === kind) { present = true; if (box.checked) on[box.value] = true; }
            });
            return present ? on : null;
          }
          function apply() {
            var fields = checked('field'), changes = checked('change');
            var everything = boxes.every(function (box) { return box.checked; });
            function shown(field, change) { return (!fields || fields[field]) && (!changes || changes[change]); }
            document.querySelectorAll('mark[data-facts]').forEach(function (mark) {
              var lit = mark.dataset.facts.split(' ').map(function (pair) { return pair.split(':'); })
                .filter(function (pair) { return shown(pair[0], pair[1]); })[0];
              mark.className = lit ? lit[0] + ' c-' + lit[1] : 'off';
            });
            document.querySelectorAll('section.document').forEach(function (section) {
              var rows = section.querySelectorAll('tr[data-field]'), visible = 0;
              rows.forEach(function (row) {
                var on = shown(row.dataset.field, row.dataset.change);
                row.hidden = !on;
                if (on) visible += 1;
              });
              section.hidden = rows.length ? visible === 0 : !everything;
            });
          }
          boxes.forEach(function (box) { box.addEventListener('change', apply); });
          apply();
        })();
        """
}
