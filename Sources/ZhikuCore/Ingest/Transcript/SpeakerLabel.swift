/// A speaker label at the start of a line: `王智：`, `陳伊凡(主持人):`, `### 李彥秀：`, `**Tim Cook**：`,
/// `**00:01:02 - Saron Yitbarek**：`.
struct SpeakerLabel: Equatable {
    /// How the label is dressed: plain text, or Markdown that marks it as structure.
    enum Dress: Equatable {
        case plain, heading, bold
    }

    /// The name (or role, for role-only labels), trimmed of timestamps and brackets.
    var name: String
    /// A role given in brackets, such as 主持人.
    var role: String?
    /// An abbreviation given in brackets, such as `EKJ` in `Elizabeth K. Joseph （EKJ）`.
    var abbreviation: String?
    /// The label as written, without Markdown marks and colon.
    var written: String
    /// How the label is dressed.
    var dress: Dress
    /// Offset (in scalars, within the line) where the speech after the label starts.
    var contentStart: Int
    /// True for a timestamp alone (`**00:00:28**：`): the same speaker goes on.
    var isContinuation: Bool
}
