CREATE INDEX appearance_affiliated ON appearance(speaker_id) WHERE affiliation IS NOT NULL;
CREATE INDEX appearance_by_speaker ON appearance(speaker_id, turns);
CREATE INDEX appearance_with_role ON appearance(speaker_id) WHERE role IS NOT NULL;
CREATE INDEX claim_span_by_turn ON claim_span(turn_id);
CREATE INDEX mention_by_topic ON mention(topic_id, turn_id);
CREATE INDEX speaker_alias_by_fold_key ON speaker_alias(fold_key);
CREATE INDEX speaker_alias_by_speaker ON speaker_alias(speaker_id);
CREATE INDEX topic_alias_by_fold_key ON topic_alias(fold_key);
CREATE INDEX turn_span_by_section ON turn_span(section_id);
CREATE INDEX turn_span_by_speaker ON turn_span(speaker_id);
CREATE TABLE appearance (
    id INTEGER PRIMARY KEY,
    speaker_id INTEGER NOT NULL REFERENCES speaker(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    -- The name as this document writes it.
    written_name TEXT NOT NULL CHECK (written_name <> ''),
    affiliation TEXT,
    role TEXT, turns INTEGER NOT NULL DEFAULT 0 CHECK (turns >= 0),
    UNIQUE (document_id, speaker_id)
) STRICT;
CREATE TABLE claim_span (
    id INTEGER PRIMARY KEY,
    turn_id INTEGER NOT NULL REFERENCES turn_span(id) ON DELETE CASCADE,
    line INTEGER NOT NULL CHECK (line >= 1),
    start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
    end_offset INTEGER NOT NULL CHECK (end_offset > start_offset)
) STRICT;
CREATE TABLE document (
    id INTEGER PRIMARY KEY,
    -- Where the document came from: a file path, `path#N` for line N of a JSON Lines file, `-` for stdin.
    origin TEXT NOT NULL UNIQUE,
    -- SHA-256 of the bytes it was read from, in hex; re-ingesting the same bytes is a no-op.
    content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),
    title TEXT NOT NULL,
    -- ISO 8601, as precise as the source: '2023', '2023-01', '2023-01-17', '2023-01-17T20:46'.
    date TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]*'),
    source TEXT,
    format TEXT NOT NULL CHECK (format IN ('text', 'markdown', 'chat', 'jsonl')),
    encoding TEXT NOT NULL,
    -- The whole decoded text, line ends normalised to \n; every offset points into it.
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL
) STRICT;
CREATE TABLE fold_char (
    source TEXT PRIMARY KEY CHECK (length(source) = 1),
    target TEXT NOT NULL CHECK (length(target) = 1 AND target <> source)
) STRICT, WITHOUT ROWID;
CREATE TABLE mention (
    topic_id INTEGER NOT NULL REFERENCES topic(id) ON DELETE CASCADE,
    turn_id INTEGER NOT NULL REFERENCES turn_span(id) ON DELETE CASCADE,
    start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
    end_offset INTEGER NOT NULL CHECK (end_offset > start_offset),
    -- Keyed by turn, so that a new document's mentions are appended rather than scattered.
    PRIMARY KEY (turn_id, start_offset, topic_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE section (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
    heading TEXT NOT NULL,
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 6),
    line INTEGER NOT NULL CHECK (line >= 1),
    start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
    UNIQUE (document_id, ordinal)
) STRICT;
CREATE TABLE speaker (
    id INTEGER PRIMARY KEY,
    -- The folded name that identifies the speaker: 陳蜀傑 and 陈蜀杰 share it.
    fold_key TEXT NOT NULL UNIQUE CHECK (fold_key <> ''),
    -- The form written most often, kept up to date by ingest.
    name TEXT NOT NULL CHECK (name <> '')
) STRICT;
CREATE TABLE speaker_alias (
    id INTEGER PRIMARY KEY,
    speaker_id INTEGER NOT NULL REFERENCES speaker(id) ON DELETE CASCADE,
    alias TEXT NOT NULL UNIQUE CHECK (alias <> ''),
    fold_key TEXT NOT NULL
) STRICT;
CREATE TABLE topic (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (name <> ''),
    fold_key TEXT NOT NULL UNIQUE CHECK (fold_key <> ''),
    -- How the topic was found: a user's lexicon, a quoted term, a section heading, a key phrase.
    origin TEXT NOT NULL CHECK (origin IN ('lexicon', 'quoted', 'heading', 'keyphrase'))
) STRICT;
CREATE TABLE topic_alias (
    id INTEGER PRIMARY KEY,
    topic_id INTEGER NOT NULL REFERENCES topic(id) ON DELETE CASCADE,
    alias TEXT NOT NULL CHECK (alias <> ''),
    fold_key TEXT NOT NULL,
    UNIQUE (topic_id, fold_key)
) STRICT;
CREATE TABLE topic_to_index (
    topic_id INTEGER PRIMARY KEY REFERENCES topic(id) ON DELETE CASCADE
) STRICT;
CREATE VIRTUAL TABLE turn_fts USING fts5(
    search_form, content = '', tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TABLE 'turn_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
CREATE TABLE 'turn_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE 'turn_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE 'turn_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE turn_span (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    section_id INTEGER REFERENCES section(id) ON DELETE SET NULL,
    speaker_id INTEGER,
    ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
    -- The label as written (`陳伊凡(主持人)`), NULL for unattributed text.
    label TEXT,
    line INTEGER NOT NULL CHECK (line >= 1),
    start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
    end_offset INTEGER NOT NULL CHECK (end_offset > start_offset),
    UNIQUE (document_id, ordinal),
    -- A turn's speaker appears in its document.
    FOREIGN KEY (document_id, speaker_id) REFERENCES appearance(document_id, speaker_id) ON DELETE CASCADE
) STRICT;
CREATE VIEW claim AS
SELECT c.id, c.turn_id, t.document_id, t.speaker_id, c.line, c.start_offset, c.end_offset,
       substr(d.text, c.start_offset + 1, c.end_offset - c.start_offset) AS text
FROM claim_span c JOIN turn_span t ON t.id = c.turn_id JOIN document d ON d.id = t.document_id;
CREATE VIEW turn AS
SELECT t.id, t.document_id, t.section_id, t.speaker_id, t.ordinal, t.label, t.line, t.start_offset, t.end_offset,
       substr(d.text, t.start_offset + 1, t.end_offset - t.start_offset) AS text
FROM turn_span t JOIN document d ON d.id = t.document_id;
