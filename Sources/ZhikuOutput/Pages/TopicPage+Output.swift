import ZhikuCore

extension TopicPage {
    /// The page as text for a terminal: who discussed the topic, then when.
    public func renderedText() -> String {
        var page = PageText()
        page.title(name)
        page.line(
            (id.map { "topic \($0) · \(origin)" } ?? "no known topic: searched as text")
                + (aliases.isEmpty ? "" : " · also " + aliases.joined(separator: "、")))
        page.heading("Speakers (\(speakers.count))")
        for speaker in speakers {
            let period =
                speaker.first == speaker.last
                ? speaker.first ?? "" : [speaker.first, speaker.last].compactMap { $0 }.joined(separator: " – ")
            page.item(
                "\(speaker.name)  \(speaker.mentions) mentions in \(speaker.turns) turns, \(speaker.documents) documents"
                    + (period.isEmpty ? "" : "  \(period)") + "  (speaker \(speaker.id))")
        }
        page.heading("Over time")
        for moment in timeline {
            page.item("\(moment.date ?? "undated")  \(moment.title)  (document \(moment.documentID))")
            page.body("\(moment.mentions) mentions · " + moment.speakers.joined(separator: "、"))
        }
        if !headings.isEmpty {
            page.heading("Headings that name it")
            for heading in headings { page.item("\(heading.heading)  \(heading.title), line \(heading.line)") }
        }
        return page.text
    }

    /// The page as one object for JSON.
    public var outputValue: OutputValue {
        .object([
            "id": .integer(id), "name": .text(name), "aliases": .list(aliases.map { .text($0) }),
            "origin": .text(origin),
            "speakers": .list(
                speakers.map {
                    .object([
                        "id": .integer($0.id), "name": .text($0.name), "mentions": .integer($0.mentions),
                        "turns": .integer($0.turns), "documents": .integer($0.documents), "first": .text($0.first),
                        "last": .text($0.last),
                    ])
                }),
            "timeline": .list(
                timeline.map {
                    .object([
                        "document": .integer($0.documentID), "title": .text($0.title), "date": .text($0.date),
                        "mentions": .integer($0.mentions), "speakers": .list($0.speakers.map { .text($0) }),
                    ])
                }),
            "headings": .list(
                headings.map {
                    .object([
                        "document": .integer($0.documentID), "title": .text($0.title), "heading": .text($0.heading),
                        "line": .integer($0.line),
                    ])
                }),
        ])
    }
}
