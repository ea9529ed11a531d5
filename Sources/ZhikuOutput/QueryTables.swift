import ZhikuCore

/// The rows of each listing, under the column names that are the keys of `--format json` and of the
/// HTTP API: one definition, so the CLI and the service cannot drift apart.
extension OutputTable {
    /// `zhiku documents`.
    public static func documents(_ documents: [DocumentSummary]) -> OutputTable {
        OutputTable(
            columns: ["id", "title", "date", "source", "speakers", "turns", "origin", "format"],
            rows: documents.map {
                [
                    .integer($0.id), .text($0.title), .text($0.date), .text($0.source), .integer($0.speakers),
                    .integer($0.turns), .text($0.origin), .text($0.format),
                ]
            })
    }

    /// `zhiku stats`: a count per kind of thing, and the schema version.
    public static func statistics(_ statistics: CorpusStatistics) -> OutputTable {
        OutputTable(
            columns: ["what", "count"],
            rows: statistics.counts.map { [.text($0.name), .integer($0.count)] }
                + [[.text("schema version"), .integer(statistics.schemaVersion)]])
    }

    /// `zhiku speakers`; with topics asked for, also `mentions` and `evidence`.
    public static func speakers(_ speakers: [SpeakerSummary], withEvidence: Bool) -> OutputTable {
        var columns = ["id", "name", "aliases", "affiliation", "roles", "turns", "documents"]
        if withEvidence { columns += ["mentions", "evidence"] }
        return OutputTable(
            columns: columns,
            rows: speakers.map { speaker in
                var row: [OutputValue] = [
                    .integer(speaker.id), .text(speaker.name), .list(speaker.aliases.map { .text($0) }),
                    .text(speaker.affiliation), .list(speaker.roles.map { .text($0) }), .integer(speaker.turns),
                    .integer(speaker.documents),
                ]
                if withEvidence {
                    row.append(.integer(speaker.mentions))
                    row.append(.list(speaker.evidence.map { .text("turn \($0.turnID): \($0.snippet.marked())") }))
                }
                return row
            })
    }

    /// `zhiku topics`.
    public static func topics(_ topics: [TopicSummary]) -> OutputTable {
        OutputTable(
            columns: ["id", "name", "aliases", "origin", "speakers", "mentions"],
            rows: topics.map {
                [
                    .integer($0.id), .text($0.name), .list($0.aliases.map { .text($0) }), .text($0.origin),
                    .integer($0.speakers), .integer($0.mentions),
                ]
            })
    }

    /// `zhiku claims`.
    public static func claims(_ claims: [ClaimRecord]) -> OutputTable {
        OutputTable(
            columns: [
                "id", "speaker", "text", "document", "line", "topics", "speaker_id", "title", "date", "turn",
                "start_offset", "end_offset",
            ],
            rows: claims.map {
                [
                    .integer($0.id), .text($0.speakerName), .text($0.text), .integer($0.documentID), .integer($0.line),
                    .list($0.topics.map { .text($0) }), .integer($0.speakerID), .text($0.documentTitle),
                    .text($0.documentDate), .integer($0.turnID), .integer($0.startOffset), .integer($0.endOffset),
                ]
            })
    }

    /// `zhiku search`: hits marked with `open` and `close` around each match; `start_offset` and
    /// `end_offset` place the snippet in its document's text (characters, as everywhere).
    public static func searchHits(_ hits: [SearchHit], open: String = "«", close: String = "»") -> OutputTable {
        OutputTable(
            columns: [
                "turn", "speaker", "document", "title", "line", "snippet", "speaker_id", "start_offset", "end_offset",
            ],
            rows: hits.map { hit in
                let start = hit.turnStart + hit.snippet.start
                return [
                    .integer(hit.turnID), .text(hit.speakerName), .integer(hit.documentID), .text(hit.documentTitle),
                    .integer(hit.line), .text(hit.snippet.marked(open: open, close: close)), .integer(hit.speakerID),
                    .integer(start), .integer(start + hit.snippet.text.unicodeScalars.count),
                ]
            })
    }

    /// `zhiku report --list`: each report with its parameters (`per_topic=3` where there is a default).
    public static func reports(_ catalog: ReportCatalog) -> OutputTable {
        OutputTable(
            columns: ["name", "title", "parameters", "columns", "description"],
            rows: catalog.reports.map { report in
                [
                    .text(report.name), .text(report.title),
                    .list(report.parameters.map { .text($0.name + ($0.defaultValue.map { "=\($0)" } ?? "")) }),
                    .list(report.columns.map { .text($0) }), .text(report.description),
                ]
            })
    }

    /// The rows of a user's SQL or a report, under the statement's own column names.
    public static func userSQL(_ result: UserSQLResult) -> OutputTable {
        OutputTable(columns: result.columns, rows: result.rows.map { $0.values.map(OutputValue.init) })
    }
}
