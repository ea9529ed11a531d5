import ZhikuSQLite

extension Store {
    /// How many phrases ``indexMentionsThroughSearchIndex(_:spellings:phraseLimit:)`` asks the
    /// full-text index for, at most, before a scan is preferred: each phrase reads the index entries
    /// of its characters, which for common characters cover much of the corpus.
    static let indexedLookupPhrases = 48

    /// Finds the mentions of the topics in `matcher` (whose spellings are `spellings`) in the turns
    /// that the full-text index says contain all the tokens of one spelling, in order: a superset of
    /// the turns that mention them, which the matcher then reads. The mentions are those a scan of
    /// every turn finds, written in the same order.
    ///
    /// Returns false, having written nothing, when a spelling has no token to look up or there are
    /// more than `phraseLimit` distinct phrases: a scan is needed then.
    func indexMentionsThroughSearchIndex(
        _ matcher: TopicMatcher, spellings: [Set<String>], phraseLimit: Int
    ) throws -> Bool {
        guard let phrases = searchIndexPhrases(of: spellings, limit: phraseLimit) else { return false }
        guard !phrases.isEmpty else { return true }
        var candidates: [Int64] = []
        let search = try connection.prepare("SELECT rowid FROM turn_fts WHERE turn_fts MATCH ? ORDER BY rowid")
        try search.bind([phrases.sorted().joined(separator: " OR ")])
        while try search.step() { candidates.append(search.columnInt64(0)) }
        try search.reset()

        // The candidates' documents and spans, grouped by document in id order, as a scan meets them.
        let span = try connection.prepare("SELECT document_id, start_offset, end_offset FROM turn_span WHERE id = ?")
        var byDocument: [Int64: [(id: Int64, range: Range<Int>)]] = [:]
        for id in candidates {
            try span.bind([id])
            if try span.step() {
                byDocument[span.columnInt64(0), default: []].append(
                    (id, Int(span.columnInt64(1))..<Int(span.columnInt64(2))))
            }
            try span.reset()
        }
        let text = try connection.prepare("SELECT text FROM document WHERE id = ?")
        let statements = try writeStatements()
        for (documentID, turns) in byDocument.sorted(by: { $0.key < $1.key }) {
            try text.bind([documentID])
            guard try text.step() else {
                try text.reset()
                continue
            }
            let scalars = text.withColumnText(0) { StoredText.scalars($0) }
            try text.reset()
            for turn in turns {
                let range = turn.range.clamped(to: 0..<scalars.count)
                try statements.insert(
                    mentions: matcher.mentions(in: scalars[range].map(fold.fold)).map {
                        (
                            $0.topicID, turn.id,
                            (range.lowerBound + $0.range.lowerBound)..<(range.lowerBound + $0.range.upperBound)
                        )
                    })
            }
        }
        return true
    }

    /// The full-text phrases that find the turns holding `spellings`; nil when a spelling has no
    /// token to look up or there are more than `limit` phrases, and a scan is needed.
    func searchIndexPhrases(of spellings: [Set<String>], limit: Int) -> Set<String>? {
        var phrases = Set<String>()
        for spelling in spellings.joined() {
            // A turn that contains the spelling contains its tokens, in order and next to each other
            // (boundaries at either end may merge with the text around them, so they are left out).
            let tokens = SearchQuery.tokens(of: spelling, fold: fold)
            guard !tokens.isEmpty else { return nil }
            phrases.insert("\"" + tokens.joined(separator: " ").replacingOccurrences(of: "\"", with: "\"\"") + "\"")
            if phrases.count > limit { return nil }
        }
        return phrases
    }
}
