import ZhikuCore

extension SpeakerPage {
    /// The page as text for a terminal: who, where they appeared, their topics and claims.
    public func renderedText() -> String {
        var page = PageText()
        page.title(summary.name)
        page.line("speaker \(summary.id) · \(summary.turns) turns in \(summary.documents) documents")
        if summary.aliases.count > 1 { page.line("written as " + summary.aliases.joined(separator: "、")) }
        page.heading("Appearances")
        for appearance in appearances {
            let details = [appearance.affiliation, appearance.role, "\(appearance.turns) turns"].compactMap { $0 }
            page.item(
                "\(appearance.date ?? "undated")  \(appearance.title)  (document \(appearance.documentID))")
            page.body(appearance.writtenName + " · " + details.joined(separator: " · "))
        }
        page.heading("Topics")
        for topic in topics.prefix(20) { page.item("\(topic.name)  \(topic.mentions) mentions  (topic \(topic.id))") }
        if topics.count > 20 { page.item("… \(topics.count - 20) more: zhiku topics --speaker \(summary.id)") }
        page.heading("Claims (\(claims.count) of \(claimCount))")
        for claim in claims {
            page.item("\(claim.documentTitle), line \(claim.line), characters \(claim.startOffset)–\(claim.endOffset)")
            page.body(claim.text + (claim.topics.isEmpty ? "" : "  [" + claim.topics.joined(separator: "、") + "]"))
        }
        if claimCount > claims.count {
            page.item("… \(claimCount - claims.count) more: zhiku claims --speaker \(summary.id), or --limit")
        }
        return page.text
    }

    /// The page as one object for JSON.
    public var outputValue: OutputValue {
        .object([
            "id": .integer(summary.id), "name": .text(summary.name),
            "aliases": .list(summary.aliases.map { .text($0) }),
            "affiliation": .text(summary.affiliation), "roles": .list(summary.roles.map { .text($0) }),
            "turns": .integer(summary.turns), "documents": .integer(summary.documents),
            "appearances": .list(
                appearances.map {
                    .object([
                        "document": .integer($0.documentID), "title": .text($0.title), "date": .text($0.date),
                        "name": .text($0.writtenName), "affiliation": .text($0.affiliation), "role": .text($0.role),
                        "turns": .integer($0.turns),
                    ])
                }),
            "topics": .list(
                topics.map {
                    .object([
                        "id": .integer($0.id), "name": .text($0.name), "origin": .text($0.origin),
                        "mentions": .integer($0.mentions),
                    ])
                }),
            "claims": .list(
                claims.map {
                    .object([
                        "id": .integer($0.id), "text": .text($0.text), "document": .integer($0.documentID),
                        "title": .text($0.documentTitle), "date": .text($0.documentDate), "line": .integer($0.line),
                        "start_offset": .integer($0.startOffset), "end_offset": .integer($0.endOffset),
                        "topics": .list($0.topics.map { .text($0) }),
                    ])
                }),
            "claims_total": .integer(claimCount),
        ])
    }
}
