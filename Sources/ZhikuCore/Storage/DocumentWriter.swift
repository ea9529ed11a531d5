import Foundation
import ZhikuSQLite

/// What storing a document did.
public enum StoreOutcome: Sendable, Equatable {
    /// A new document.
    case added(documentID: Int64)
    /// The same bytes were already stored from the same origin: nothing changed.
    case unchanged(documentID: Int64)
    /// The origin held other content, which this document replaced.
    case replaced(documentID: Int64)

    /// The stored document's id.
    public var documentID: Int64 {
        switch self {
        case .added(let id), .unchanged(let id), .replaced(let id): return id
        }
    }
}

extension Store {
    /// Stores `document` in one transaction: all of it or, on any error, nothing.
    ///
    /// Speakers are matched across documents by the folded name (陳蜀傑 = 陈蜀杰) or a known alias.
    public func store(_ document: ParsedDocument) throws -> StoreOutcome {
        try connection.transaction {
            var replaced = false
            if let existing = try connection.queryFirst(
                "SELECT id, content_sha256 FROM document WHERE origin = ?", document.origin)
            {
                if try existing.string(1) == document.contentSHA256 {
                    return .unchanged(documentID: try existing.int64(0))
                }
                try connection.run("DELETE FROM document WHERE id = ?", try existing.int64(0))
                replaced = true
            }
            let id = try insert(document)
            if replaced { try removeSpeakersWithoutAppearances() }
            return replaced ? .replaced(documentID: id) : .added(documentID: id)
        }
    }

    private func insert(_ document: ParsedDocument) throws -> Int64 {
        try connection.run(
            """
            INSERT INTO document (origin, content_sha256, title, date, source, format, encoding, text, ingested_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            document.origin, document.contentSHA256, document.title, document.date, document.source,
            document.format, document.encoding, document.text, ISO8601DateFormatter().string(from: Date()))
        let documentID = connection.lastInsertRowID

        var sectionIDs: [Int64] = []
        for (ordinal, section) in document.sections.enumerated() {
            try connection.run(
                "INSERT INTO section (document_id, ordinal, heading, level, line, start_offset) VALUES (?, ?, ?, ?, ?, ?)",
                documentID, ordinal, section.heading, section.level, section.line, section.start)
            sectionIDs.append(connection.lastInsertRowID)
        }

        var speakerIDs: [Int64] = []
        for appearance in document.appearances {
            let speakerID = try speakerID(for: appearance.name)
            try connection.run(
                """
                INSERT INTO appearance (speaker_id, document_id, written_name, affiliation, role) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (document_id, speaker_id) DO UPDATE SET
                    affiliation = coalesce(appearance.affiliation, excluded.affiliation),
                    role = coalesce(appearance.role, excluded.role)
                """,
                speakerID, documentID, appearance.name, appearance.affiliation, appearance.role)
            speakerIDs.append(speakerID)
        }

        let scalars = Array(document.text.unicodeScalars)
        for (ordinal, turn) in document.turns.enumerated() {
            let text = Self.slice(scalars, turn.start..<turn.end)
            try connection.run(
                """
                INSERT INTO turn (document_id, section_id, speaker_id, ordinal, label, text, line, start_offset,
                                  end_offset, search_form)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                documentID, turn.section.map { sectionIDs[$0] }, turn.speaker.map { speakerIDs[$0] }, ordinal,
                turn.label, text, turn.line, turn.start, turn.end, SearchForm(text, fold: fold).indexText)
            let turnID = connection.lastInsertRowID
            for claim in turn.claims {
                let claimText = Self.slice(scalars, claim)
                let line = turn.line + scalars[turn.start..<claim.lowerBound].count(where: { $0 == "\n" })
                try connection.run(
                    """
                    INSERT INTO claim (turn_id, text, line, start_offset, end_offset, search_form)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                    turnID, claimText, line, claim.lowerBound, claim.upperBound,
                    SearchForm(claimText, fold: fold).indexText)
            }
        }
        try refreshSpeakerNames(documentID: documentID)
        return documentID
    }

    /// The speaker called `name` (in any script, or by a known alias), created if new.
    private func speakerID(for name: String) throws -> Int64 {
        let key = fold.fold(name)
        let found = try connection.queryFirst(
            """
            SELECT id FROM speaker WHERE fold_key = ?1
            UNION ALL SELECT speaker_id FROM speaker_alias WHERE fold_key = ?1
            LIMIT 1
            """, key)
        let id: Int64
        if let found {
            id = try found.int64(0)
        } else {
            try connection.run("INSERT INTO speaker (fold_key, name) VALUES (?, ?)", key, name)
            id = connection.lastInsertRowID
        }
        try connection.run(
            "INSERT INTO speaker_alias (speaker_id, alias, fold_key) VALUES (?, ?, ?) ON CONFLICT (alias) DO NOTHING",
            id, name, key)
        return id
    }

    /// Each speaker of the document is named by the form written in the most documents.
    private func refreshSpeakerNames(documentID: Int64) throws {
        try connection.run(
            """
            UPDATE speaker SET name = (
                SELECT written_name FROM appearance a
                WHERE a.speaker_id = speaker.id
                GROUP BY written_name ORDER BY count(*) DESC, max(a.document_id) DESC LIMIT 1)
            WHERE id IN (SELECT speaker_id FROM appearance WHERE document_id = ?)
            """, documentID)
    }

    /// A replaced document may leave speakers who no longer appear anywhere.
    private func removeSpeakersWithoutAppearances() throws {
        try connection.run("DELETE FROM speaker WHERE id NOT IN (SELECT speaker_id FROM appearance)")
    }

    private static func slice(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range.clamped(to: 0..<scalars.count)])
        return String(view)
    }
}
