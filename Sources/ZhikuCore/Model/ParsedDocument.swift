/// A document as the parsers hand it to storage: text, structure and who said what, with offsets.
///
/// Offsets count Unicode scalars in ``text``; lines count from 1.
public struct ParsedDocument: Sendable {
    /// A heading of the document.
    public struct Section: Sendable {
        public var heading: String
        public var level: Int
        public var line: Int
        public var start: Int

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
        public var affiliation: String?
        public var role: String?

        public init(name: String, affiliation: String? = nil, role: String? = nil) {
            self.name = name
            self.affiliation = affiliation
            self.role = role
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
        public var line: Int
        public var start: Int
        public var end: Int
        /// Sentence ranges of the turn that are claims, as offsets in the document.
        public var claims: [Range<Int>]

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

    public var origin: String
    public var contentSHA256: String
    public var title: String
    public var date: String?
    public var source: String?
    public var format: String
    public var encoding: String
    public var text: String
    public var sections: [Section]
    public var appearances: [Appearance]
    public var turns: [Turn]

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
