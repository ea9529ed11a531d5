/// A document as the parsers hand it to storage: text, structure and who said what, with offsets.
///
/// Offsets count Unicode scalars in ``text``; lines count from 1.
public struct ParsedDocument: Sendable {
    /// A heading of the document.
    public struct Section: Sendable {
        /// The heading's text, without Markdown marks.
        public var heading: String
        /// 1 for a top-level heading, deeper levels below it.
        public var level: Int
        /// The line it starts on, from 1.
        public var line: Int
        /// Offset of its first character in the document text.
        public var start: Int

        /// Creates a value from its parts.
        public init(heading: String, level: Int, line: Int, start: Int) {
            self.heading = heading
            self.level = level
            self.line = line
            self.start = start
        }
    }

    /// A speaker as introduced or labelled in this document.
    public struct Appearance: Sendable {
        /// The name as written in the document.
        public var name: String
        /// Organisation or title, as introduced in this document.
        public var affiliation: String?
        /// The part played here, such as 主持人 (host).
        public var role: String?

        /// True for a role rather than a person (主持人, 記者, 甲, A): the same role in another
        /// document is another person, so its identity stays within this document.
        public var isRoleOnly: Bool

        /// Creates a value from its parts.
        public init(name: String, affiliation: String? = nil, role: String? = nil, isRoleOnly: Bool = false) {
            self.name = name
            self.affiliation = affiliation
            self.role = role
            self.isRoleOnly = isRoleOnly
        }
    }

    /// A stretch of text said by one speaker, or by no one (``speaker`` nil).
    public struct Turn: Sendable {
        /// Index into ``ParsedDocument/appearances``, nil for unattributed text.
        public var speaker: Int?
        /// The label as written, such as `陳伊凡(主持人)`.
        public var label: String?
        /// Index into ``ParsedDocument/sections``.
        public var section: Int?
        /// The line it starts on, from 1.
        public var line: Int
        /// Offset of its first character in the document text.
        public var start: Int
        /// Offset just past its last character.
        public var end: Int
        /// Sentence ranges of the turn that are claims, as offsets in the document.
        public var claims: [Range<Int>]

        /// Creates a value from its parts.
        public init(
            speaker: Int?, label: String?, section: Int?, line: Int, start: Int, end: Int, claims: [Range<Int>] = []
        ) {
            self.speaker = speaker
            self.label = label
            self.section = section
            self.line = line
            self.start = start
            self.end = end
            self.claims = claims
        }
    }

    /// Where it came from: a path, `path#N` for line N of a JSON Lines file, `-` for stdin.
    public var origin: String
    /// SHA-256 of the bytes it was read from, in hex.
    public var contentSHA256: String
    /// The title, from the head of the document.
    public var title: String
    /// ISO 8601, as precise as the source.
    public var date: String?
    /// The publisher or address it was taken from.
    public var source: String?
    /// `text`, `markdown`, `chat` or `jsonl`.
    public var format: String
    /// The encoding its bytes were decoded from.
    public var encoding: String
    /// The whole decoded text; every offset points into it.
    public var text: String
    /// Headings, in order.
    public var sections: [Section]
    /// The speakers of this document.
    public var appearances: [Appearance]
    /// Turns and unattributed stretches, in order.
    public var turns: [Turn]

    /// Creates a value from its parts.
    public init(
        origin: String, contentSHA256: String, title: String, date: String? = nil, source: String? = nil,
        format: String, encoding: String, text: String, sections: [Section] = [], appearances: [Appearance] = [],
        turns: [Turn] = []
    ) {
        self.origin = origin
        self.contentSHA256 = contentSHA256
        self.title = title
        self.date = date
        self.source = source
        self.format = format
        self.encoding = encoding
        self.text = text
        self.sections = sections
        self.appearances = appearances
        self.turns = turns
    }
}
