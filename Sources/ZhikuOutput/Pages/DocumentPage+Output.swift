import ZhikuCore

extension DocumentPage {
    /// The page as text for a terminal: the head, the speakers, then the turns by section.
    public func renderedText() -> String {
        var page = PageText()
        page.title(title)
        page.line([date, source].compactMap { $0 }.joined(separator: " · "))
        page.line("document \(id) · \(origin) · \(format) · \(encoding)")
        page.heading("Speakers")
        for speaker in speakers {
            let details = [speaker.affiliation, speaker.role, "\(speaker.turns) turns"].compactMap { $0 }
            page.item("\(speaker.writtenName)  " + details.joined(separator: " · ") + "  (speaker \(speaker.id))")
        }
        let names = Dictionary(speakers.map { ($0.id, $0.writtenName) }, uniquingKeysWith: { first, _ in first })
        for section in sections {
            page.heading(section.heading.map { $0 + (section.line.map { "  (line \($0))" } ?? "") } ?? "Turns")
            for turn in section.turns {
                let who = turn.speakerID.flatMap { names[$0] } ?? "(no speaker)"
                page.item("\(who)  line \(turn.line), turn \(turn.id)")
                page.body(turn.text)
            }
        }
        return page.text
    }

    /// The page as one object for JSON.
    public var outputValue: OutputValue {
        let names = Dictionary(speakers.map { ($0.id, $0.writtenName) }, uniquingKeysWith: { first, _ in first })
        return .object([
            "id": .integer(id), "title": .text(title), "date": .text(date), "source": .text(source),
            "origin": .text(origin), "format": .text(format), "encoding": .text(encoding),
            "speakers": .list(
                speakers.map {
                    .object([
                        "id": .integer($0.id), "name": .text($0.writtenName), "affiliation": .text($0.affiliation),
                        "role": .text($0.role), "turns": .integer($0.turns),
                    ])
                }),
            "sections": .list(
                sections.map { section in
                    .object([
                        "heading": .text(section.heading), "line": .integer(section.line.map(Int64.init)),
                        "turns": .list(
                            section.turns.map { turn in
                                .object([
                                    "turn": .integer(turn.id), "speaker": .text(turn.speakerID.flatMap { names[$0] }),
                                    "speaker_id": .integer(turn.speakerID), "label": .text(turn.label),
                                    "line": .integer(turn.line), "start_offset": .integer(turn.startOffset),
                                    "end_offset": .integer(turn.endOffset), "text": .text(turn.text),
                                ])
                            }),
                    ])
                }),
        ])
    }
}
