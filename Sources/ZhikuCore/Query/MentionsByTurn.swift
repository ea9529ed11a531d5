import ZhikuSQLite

extension Store {
    /// Every turn that mentions `topic`, with where: the mentions stored for a known topic, or the
    /// matches of the text in each matching turn. Complete, unlike ``turnsMentioning(_:limit:)``:
    /// claims and topic pages show every place, where speaker listings need only count the newest.
    func mentionsByTurn(of topic: String) throws -> [Int64: [Range<Int>]] {
        var turns: [Int64: [Range<Int>]] = [:]
        switch try topicReference(topic) {
        case .topics(let ids):
            for id in ids {
                for row in try connection.query(
                    "SELECT turn_id, start_offset, end_offset FROM mention WHERE topic_id = ?", id)
                {
                    turns[try row.int64(0), default: []].append(try row.int(1)..<(try row.int(2)))
                }
            }
        case .text(let query):
            for row in try connection.query(
                "SELECT f.rowid, t.start_offset, t.text FROM turn_fts f JOIN turn t ON t.id = f.rowid WHERE turn_fts MATCH ?",
                query.matchExpression)
            {
                let start = try row.int(1)
                turns[try row.int64(0)] = Highlighter.matches(of: query, in: try row.string(2), fold: fold).map {
                    (start + $0.lowerBound)..<(start + $0.upperBound)
                }
            }
        }
        return turns
    }
}
