import ZhikuSQLite

/// What a newly stored document brings that earlier answers may depend on: the words of its text
/// and its speakers. A cache keeps an answer across a new document when the footprint shows the
/// document cannot change it (a search for 摩尔定律 is not changed by a document that never says it).
public struct DocumentFootprint: Sendable {
    /// The document's id.
    public let documentID: Int64
    /// The speakers who appear in it.
    public let speakerIDs: Set<Int64>
    /// The speakers who were known before it and whose name (`speaker.name`, the form written in the
    /// most documents) it changed. A search hit shows its speaker's name and nothing else that a
    /// new document can change, so a search is changed through these speakers only, not through
    /// every speaker the document names (who usually keep their name).
    public let renamedSpeakerIDs: Set<Int64>
    /// Every run of up to ``longestGram`` search-form tokens of its text, joined by spaces.
    private let grams: Set<String>
    /// The search-form tokens of its text, for the rare query variant longer than that.
    private let tokens: [String]
    private static let longestGram = 4

    /// Whether the text holds every term of `query` (some variant of each), anywhere: then a search
    /// for it may find the document. Terms need not be in one turn here, so this errs on the side of yes.
    public func mayMatch(_ query: SearchQuery) -> Bool {
        query.terms.allSatisfy { term in term.variants.contains(where: contains) }
    }

    private func contains(_ variant: [String]) -> Bool {
        guard !variant.isEmpty else { return false }
        if variant.count <= Self.longestGram { return grams.contains(variant.joined(separator: " ")) }
        guard variant.count <= tokens.count else { return false }
        return (0...(tokens.count - variant.count)).contains { start in
            tokens[start..<(start + variant.count)].elementsEqual(variant)
        }
    }

    init(documentID: Int64, speakerIDs: Set<Int64>, renamedSpeakerIDs: Set<Int64>, text: String, fold: FoldTable) {
        self.documentID = documentID
        self.speakerIDs = speakerIDs
        self.renamedSpeakerIDs = renamedSpeakerIDs
        let tokens = SearchForm(text, fold: fold).tokens.map(\.text)
        var grams = Set<String>()
        for start in tokens.indices {
            var gram = ""
            for length in 1...Self.longestGram where start + length <= tokens.count {
                gram += (length == 1 ? "" : " ") + tokens[start + length - 1]
                grams.insert(gram)
            }
        }
        self.tokens = tokens
        self.grams = grams
    }
}

extension Store {
    /// The footprint of the stored document `id`.
    public func footprint(ofDocument id: Int64) throws -> DocumentFootprint {
        let text = try connection.queryFirst("SELECT text FROM document WHERE id = ?", id)?.string(0) ?? ""
        let speakers = try connection.query("SELECT speaker_id FROM appearance WHERE document_id = ?", id).map {
            try $0.int64(0)
        }
        let renamed = try speakers.filter { try wasRenamed($0, by: id) }
        return DocumentFootprint(
            documentID: id, speakerIDs: Set(speakers), renamedSpeakerIDs: Set(renamed), text: text, fold: fold)
    }

    /// Whether the document `id` changed the name of `speaker`, who appeared in earlier documents:
    /// the name chosen from the other documents' forms (as the writer chooses it, see
    /// ``SpeakerNameForms``) differs from the name stored now. False for a speaker new with it.
    private func wasRenamed(_ speaker: Int64, by id: Int64) throws -> Bool {
        let name = try connection.queryFirst("SELECT name FROM speaker WHERE id = ?", speaker)?.string(0) ?? ""
        var before = SpeakerNameForms(stored: Array(name.utf8))
        let counts = try connection.cachedStatement(
            """
            SELECT written_name, count(*), max(document_id) FROM appearance
            WHERE speaker_id = ? AND document_id <> ? GROUP BY written_name
            """)
        try counts.bind([speaker, id])
        try counts.forEachRow { row in
            before.forms[Array(try row.string(0).utf8)] = (try row.int(1), try row.int64(2))
        }
        return !before.forms.isEmpty && before.best != before.stored
    }
}

extension Store {
    /// Every way a document can mention `topic` as `speakers(topics:)` reads it: the text itself with
    /// its regional variants, and the name and aliases of the known topics it names.
    public func mentionQueries(of topic: String) throws -> [SearchQuery] {
        var names = [topic]
        for id in try topicIDs(named: topic) {
            names += try connection.query(
                "SELECT name FROM topic WHERE id = ?1 UNION SELECT alias FROM topic_alias WHERE topic_id = ?1", id
            ).map { try $0.string(0) }
        }
        // A name with nothing searchable in it (only punctuation) can match nothing.
        return names.compactMap { try? searchQuery($0) }
    }
}
