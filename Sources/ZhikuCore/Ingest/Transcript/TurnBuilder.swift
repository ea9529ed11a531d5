/// Accumulates turns, unattributed stretches, sections and appearances while a transcript is read.
struct TurnBuilder {
    private(set) var document: ParsedDocument

    /// The turn being read: its speaker, label, and content so far (start nil until speech is seen).
    private struct OpenTurn {
        var speaker: Int
        var label: String
        var start: Int?
        var end: Int
        var line: Int
    }

    private var open: OpenTurn?
    /// After a quote or image interrupts a turn, plain text goes on with the same speaker.
    private var resumable: (speaker: Int, label: String)?
    /// The last speaker, for timestamp-only labels that continue them.
    private var lastSpeaker: (speaker: Int, label: String)?
    private var pending: (start: Int, end: Int, line: Int)?
    private var speakerByKey: [String: Int] = [:]
    /// ``LabelVocabulary/isRole(_:)`` of the folded names met so far, by their bytes: every turn's
    /// label is judged, and a document repeats a few names.
    private var roleByKey: [[UInt8]: Bool] = [:]
    /// ``TitledName/split(_:fold:)`` of the names met so far, by their bytes, for the same reason.
    private var titledByName: [[UInt8]: TitledName?] = [:]

    init(document: ParsedDocument) {
        self.document = document
    }

    var hasOpenTurn: Bool { open != nil }

    private var currentSection: Int? { document.sections.indices.last }

    // MARK: Speakers

    mutating func startTurn(label: SpeakerLabel, line: TranscriptLine, fold: FoldTable) {
        closeTurn()
        let speaker: Int
        if label.isContinuation {
            guard let last = lastSpeaker else {
                // A timestamp with no speaker before it says nothing about who speaks.
                addUnattributed(line)
                return
            }
            speaker = last.speaker
        } else {
            speaker = appearance(for: label, fold: fold)
        }
        let written = label.isContinuation ? (lastSpeaker?.label ?? label.written) : label.written
        flushUnattributed()
        let contentStart = line.start + label.contentStart
        let hasContent = label.contentStart < line.length && contentStart < line.contentEnd
        open = OpenTurn(
            speaker: speaker, label: written, start: hasContent ? contentStart : nil, end: line.contentEnd,
            line: line.number)
        lastSpeaker = (speaker, written)
        resumable = nil
    }

    mutating func continueText(_ line: TranscriptLine) {
        if open == nil, let resume = resumable {
            flushUnattributed()
            open = OpenTurn(
                speaker: resume.speaker, label: resume.label, start: nil, end: line.contentEnd, line: line.number)
            resumable = nil
        }
        guard var turn = open else {
            addUnattributed(line)
            return
        }
        if turn.start == nil {
            turn.start = line.contentStart
            turn.line = line.number
        }
        turn.end = line.contentEnd
        open = turn
    }

    /// A quote or image inside a turn: the turn ends here, and plain text after it resumes the speaker.
    mutating func interrupt() {
        let speaker = open.map { ($0.speaker, $0.label) }
        closeTurn()
        resumable = speaker
    }

    mutating func closeTurn() {
        resumable = nil
        guard let turn = open else { return }
        open = nil
        guard let start = turn.start, start < turn.end else { return }
        document.turns.append(
            .init(
                speaker: turn.speaker, label: turn.label, section: currentSection, line: turn.line, start: start,
                end: turn.end))
    }

    /// The appearance for a label's name (or abbreviation), created on first sight.
    private mutating func appearance(for label: SpeakerLabel, fold: FoldTable) -> Int {
        var name = label.name
        var affiliation: String?
        // 中央社 蘇思云, iThome 蘇文彬: an outlet, then a Han name of two to four characters.
        let parts = name.split(separator: " ")
        if parts.count >= 2, let last = parts.last, (2...4).contains(last.unicodeScalars.count),
            last.unicodeScalars.allSatisfy({ $0.properties.isIdeographic })
        {
            affiliation = parts.dropLast().joined(separator: " ")
            name = String(last)
        }
        var title: String?
        if let titled = titledName(name, fold: fold) {
            name = titled.name
            affiliation = affiliation ?? titled.organisation
            title = titled.title
        }
        let key = fold.fold(name)
        let keyBytes = Array(key.utf8)
        let isRole =
            roleByKey[keyBytes]
            ?? {
                let isRole = LabelVocabulary.isRole(key)
                roleByKey[keyBytes] = isRole
                return isRole
            }()
        var role = label.role ?? title
        // 記者（明報）: for a role, the bracket says whom they are with.
        if isRole, let note = role {
            affiliation = affiliation ?? note
            role = nil
        }
        if let known = speakerByKey[key] ?? label.abbreviation.flatMap({ speakerByKey[fold.fold($0)] })
            ?? sameTitledPerson(key)
        {
            if document.appearances[known].role == nil { document.appearances[known].role = role }
            if document.appearances[known].affiliation == nil { document.appearances[known].affiliation = affiliation }
            return known
        }
        document.appearances.append(
            .init(name: name, affiliation: affiliation, role: role ?? (isRole ? name : nil), isRoleOnly: isRole))
        let index = document.appearances.count - 1
        speakerByKey[key] = index
        if let abbreviation = label.abbreviation { speakerByKey[fold.fold(abbreviation)] = index }
        return index
    }

    private mutating func titledName(_ name: String, fold: FoldTable) -> TitledName? {
        let bytes = Array(name.utf8)
        if let known = titledByName[bytes] { return known }
        let titled = TitledName.split(name, fold: fold)
        titledByName[bytes] = titled
        return titled
    }

    /// A label that ends with another long label of this document names the same person with more of
    /// their organisation: 經濟部中小企業處胡貝蒂副處長 and 中小企業處胡貝蒂副處長.
    private func sameTitledPerson(_ key: String) -> Int? {
        let minimum = 6
        guard key.count >= minimum else { return nil }
        return speakerByKey.first { known, _ in
            known.count >= minimum && (known.hasSuffix(key) || key.hasSuffix(known))
        }?.value
    }

    /// Records an introduction line's affiliation for its speaker.
    mutating func introduce(_ introduction: Introduction, fold: FoldTable) {
        let key = fold.fold(introduction.name)
        if let known = speakerByKey[key] {
            if document.appearances[known].affiliation == nil {
                document.appearances[known].affiliation = introduction.affiliation
            }
        } else {
            document.appearances.append(.init(name: introduction.name, affiliation: introduction.affiliation))
            speakerByKey[key] = document.appearances.count - 1
        }
    }

    // MARK: Structure and unattributed text

    mutating func addSection(heading: String, level: Int, line: TranscriptLine) {
        flushUnattributed()
        document.sections.append(.init(heading: heading, level: level, line: line.number, start: line.contentStart))
    }

    /// Adds a line nobody said; `alone` keeps it apart from the lines around it (a heading, a caption).
    mutating func addUnattributed(_ line: TranscriptLine, alone: Bool = false) {
        guard line.contentStart < line.contentEnd else { return }
        if alone { flushUnattributed() }
        if let current = pending {
            pending = (current.start, line.contentEnd, current.line)
        } else {
            pending = (line.contentStart, line.contentEnd, line.number)
        }
        if alone { flushUnattributed() }
    }

    private mutating func flushUnattributed() {
        guard let stretch = pending else { return }
        pending = nil
        document.turns.append(
            .init(
                speaker: nil, label: nil, section: currentSection, line: stretch.line, start: stretch.start,
                end: stretch.end))
    }

    /// The document, keeping only the appearances of people who spoke.
    mutating func finish() -> ParsedDocument {
        closeTurn()
        flushUnattributed()
        // Appearances that never spoke (an introduction without a turn) are not speakers of this document.
        let spoken = Set(document.turns.compactMap(\.speaker))
        var renumber: [Int: Int] = [:]
        var kept: [ParsedDocument.Appearance] = []
        for (index, appearance) in document.appearances.enumerated() where spoken.contains(index) {
            renumber[index] = kept.count
            kept.append(appearance)
        }
        document.appearances = kept
        for index in document.turns.indices {
            document.turns[index].speaker = document.turns[index].speaker.flatMap { renumber[$0] }
        }
        return document
    }
}
