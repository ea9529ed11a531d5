import ZhikuSQLite

/// One document as `zhiku show document` presents it: its speakers, then its turns by section.
public struct DocumentPage: Sendable {
    /// A speaker's part in the document.
    public struct Speaker: Sendable {
        /// The speaker's id.
        public let id: Int64
        /// The name as this document writes it.
        public let writtenName: String
        /// Affiliation and role in this document.
        public let affiliation: String?, role: String?
        /// How many turns they spoke here.
        public let turns: Int
    }

    /// A run of turns under one heading; the turns before the first heading have none.
    public struct Section: Sendable {
        /// The heading, nil for the turns before the first heading.
        public let heading: String?
        /// The heading's line.
        public let line: Int?
        /// The turns, in order.
        public let turns: [Turn]
    }

    /// One turn, in its original text.
    public struct Turn: Sendable {
        /// The turn's id.
        public let id: Int64
        /// Who said it; nil for text that nobody said (ads, captions, boilerplate).
        public let speakerID: Int64?
        /// The label as written, nil for unattributed text.
        public let label: String?
        /// The line where it starts.
        public let line: Int
        /// Where it is in the document's text, in characters (Unicode scalars).
        public let startOffset: Int, endOffset: Int
        /// What was said.
        public let text: String
    }

    /// The document's id, title, date, source, where it was read from, its format and encoding.
    public let id: Int64
    /// Its title.
    public let title: String
    /// ISO 8601, as precise as the source.
    public let date: String?
    /// The publisher or address it came from.
    public let source: String?
    /// Where it was read from, its format (`text`, `markdown`, `chat`, `jsonl`) and encoding.
    public let origin: String, format: String, encoding: String
    /// The speakers, in order of their first turn.
    public let speakers: [Speaker]
    /// The turns, by section.
    public let sections: [Section]
}

extension Store {
    /// The page of the document `id`.
    public func documentPage(_ id: Int64) throws -> DocumentPage {
        guard
            let document = try connection.queryFirst(
                "SELECT title, date, source, origin, format, encoding FROM document WHERE id = ?", id)
        else { throw ZhikuError.notFound(kind: "document", name: String(id), suggestions: []) }
        // The turn counts are the appearances' own; the order of first turns comes from the turns,
        // read below anyway: joining them here looked each turn up again for every speaker.
        let appearances = try connection.query(
            "SELECT speaker_id, written_name, affiliation, role, turns FROM appearance WHERE document_id = ? ORDER BY id",
            id
        ).map { row in
            DocumentPage.Speaker(
                id: try row.int64(0), writtenName: try row.string(1), affiliation: try row.optionalString(2),
                role: try row.optionalString(3), turns: try row.int(4))
        }
        var firstTurn: [Int64: Int] = [:]
        var texts = DocumentTexts(connection: connection)
        var sections: [DocumentPage.Section] = []
        var current: (id: Int64?, heading: String?, line: Int?, turns: [DocumentPage.Turn])?
        for row in try connection.query(
            """
            SELECT t.id, t.speaker_id, t.label, t.line, t.start_offset, t.end_offset, t.section_id, s.heading, s.line
            FROM turn_span t LEFT JOIN section s ON s.id = t.section_id
            WHERE t.document_id = ? ORDER BY t.ordinal
            """, id)
        {
            let span = try row.int(4)..<(try row.int(5))
            let turn = DocumentPage.Turn(
                id: try row.int64(0), speakerID: try row.optionalInt64(1), label: try row.optionalString(2),
                line: try row.int(3), startOffset: span.lowerBound, endOffset: span.upperBound,
                text: try texts.text(of: id, span))
            if let speaker = turn.speakerID, firstTurn[speaker] == nil { firstTurn[speaker] = firstTurn.count }
            let sectionID = try row.optionalInt64(6)
            if let open = current, open.id == sectionID {
                current?.turns.append(turn)
                continue
            }
            if let open = current {
                sections.append(DocumentPage.Section(heading: open.heading, line: open.line, turns: open.turns))
            }
            current = (sectionID, try row.optionalString(7), try row.optionalInt64(8).map(Int.init), [turn])
        }
        if let open = current {
            sections.append(DocumentPage.Section(heading: open.heading, line: open.line, turns: open.turns))
        }
        // In the order of their first turns; those with none last, as the appearances list them.
        let speakers = appearances.enumerated().sorted {
            (firstTurn[$0.element.id] ?? Int.max, $0.offset) < (firstTurn[$1.element.id] ?? Int.max, $1.offset)
        }.map(\.element)
        return DocumentPage(
            id: id, title: try document.string(0), date: try document.optionalString(1),
            source: try document.optionalString(2), origin: try document.string(3), format: try document.string(4),
            encoding: try document.string(5), speakers: speakers, sections: sections)
    }
}
