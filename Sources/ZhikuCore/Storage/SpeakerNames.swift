import ZhikuSQLite

/// The written forms of one speaker's name, with how many documents write each and the last of
/// them: what choosing `speaker.name` needs, kept by the writer so that storing a document does not
/// count every earlier appearance of its speakers again.
///
/// Forms are compared byte for byte, as SQLite's `GROUP BY` compares them (a `String` would equate
/// canonically equivalent spellings).
struct SpeakerNameForms {
    /// The name now stored in `speaker.name`.
    var stored: [UInt8]
    /// Each written form: in how many documents, and the largest document id among them.
    var forms: [[UInt8]: (documents: Int, lastDocument: Int64)] = [:]

    /// The form written in the most documents; among equals, the one written most recently.
    var best: [UInt8] {
        var best = stored
        var bestCount = (documents: -1, lastDocument: Int64.min)
        for (form, count) in forms
        where count.documents > bestCount.documents
            || (count.documents == bestCount.documents && count.lastDocument > bestCount.lastDocument)
        {
            best = form
            bestCount = count
        }
        return best
    }

    /// Counts one more document that writes the name as `form`.
    mutating func add(_ form: [UInt8], document: Int64) {
        let count = forms[form] ?? (0, Int64.min)
        forms[form] = (count.documents + 1, max(count.lastDocument, document))
    }
}

extension Store {
    /// Names each speaker of a document just stored by the form written in the most documents
    /// (ties: the most recent), as `refreshed` lists them: each speaker once, with the name this
    /// document writes and whether the speaker was created for it.
    ///
    /// The same choice as `ORDER BY count(*) DESC, max(document_id) DESC` over the speaker's
    /// appearances, from counts kept between documents (see ``SpeakerNameForms``); a speaker met for
    /// the first time since the counts were last dropped is counted from the database.
    func refreshSpeakerNames(documentID: Int64, _ refreshed: [(id: Int64, writtenName: String, isNew: Bool)]) throws {
        for speaker in refreshed {
            let form = Array(speaker.writtenName.utf8)
            var entry: SpeakerNameForms
            if speaker.isNew {
                entry = SpeakerNameForms(stored: form)
                entry.add(form, document: documentID)
            } else if var cached = speakerNameCache[speaker.id] {
                cached.add(form, document: documentID)
                entry = cached
            } else {
                // Counted after this document's appearance was inserted: it is included.
                entry = try storedNameForms(speaker: speaker.id)
            }
            let best = entry.best
            if best != entry.stored {
                try connection.run(
                    "UPDATE speaker SET name = ? WHERE id = ?", String(decoding: best, as: UTF8.self), speaker.id)
                entry.stored = best
            }
            speakerNameCache[speaker.id] = entry
        }
    }

    private func storedNameForms(speaker: Int64) throws -> SpeakerNameForms {
        let stored = try connection.queryFirst("SELECT name FROM speaker WHERE id = ?", speaker)?.string(0) ?? ""
        var entry = SpeakerNameForms(stored: Array(stored.utf8))
        let counts = try connection.cachedStatement(
            "SELECT written_name, count(*), max(document_id) FROM appearance WHERE speaker_id = ? GROUP BY written_name"
        )
        try counts.bind([speaker])
        try counts.forEachRow { row in
            entry.forms[Array(try row.string(0).utf8)] = (try row.int(1), try row.int64(2))
        }
        return entry
    }
}
