import ZhikuSQLite

/// How the contentless index `turn_fts` compares with the text it was built from, token by token.
///
/// `turn_fts` stores no text (content=''), so neither FTS5's own `integrity-check` nor `PRAGMA
/// integrity_check` can notice an index that no longer matches `document.text` and `turn_span`. This
/// comparison reads every token instance (term, turn, position) the index holds, through an
/// `fts5vocab` table of type `instance`, and recomputes every instance from each turn's text with the
/// writer's own search form (``SearchForm/turnIndexText(_:start:end:fold:)``) and FTS5's own
/// tokenizer. Both sides are reduced, turn by turn, to an order-independent checksum (a wrapping sum
/// of a 64-bit hash of each term and position) and an instance count, then compared turn by turn.
struct IndexAgreement {
    /// Turns whose index entries and text disagree, in id order.
    var disagreeingTurns: [Int64]
    /// Turns compared: every turn with text or with index entries.
    var turnsCompared: Int
    /// Token instances read from the index.
    var indexInstances: Int
    /// Token instances recomputed from the text.
    var textInstances: Int

    /// The tokenizer `turn_fts` is declared with in Migrations/0001_schema.sql; the recomputed
    /// instances must come from the same one.
    static let tokenizer = (name: "unicode61", arguments: ["remove_diacritics", "0"])

    /// Compares `turn_fts` with the text, on `connection`, using the database's `fold`.
    static func measure(_ connection: Connection, fold: FoldTable) throws -> IndexAgreement {
        // Turn ids are the rowids of turn_span, dense from 1 unless many turns were deleted: tallies in
        // an array indexed by id cost far less than a dictionary over 18 million token instances.
        let bounds = try connection.queryFirst(
            """
            SELECT max(coalesce((SELECT max(id) FROM turn_span), 0), coalesce((SELECT max(id) FROM turn_fts_docsize), 0)),
                   (SELECT count(*) FROM turn_span)
            """)
        let (largest, turns) = (try bounds?.int64(0) ?? 0, try bounds?.int64(1) ?? 0)
        let denseLimit = largest <= 4 * turns + 100_000 ? largest : 0
        var index = TurnTallies(denseUpTo: denseLimit)
        var text = TurnTallies(denseUpTo: denseLimit)
        try tallyIndex(connection, into: &index)
        let compared = try tallyText(connection, fold: fold, into: &text)
        return IndexAgreement(
            disagreeingTurns: TurnTallies.differences(index, text), turnsCompared: compared,
            indexInstances: index.instances, textInstances: text.instances)
    }

    /// Every token instance of the index, tallied per turn (rowid).
    private static func tallyIndex(_ connection: Connection, into tallies: inout TurnTallies) throws {
        // In the temp schema, so that verifying never changes the database file; fts5vocab reads the
        // index of `main.turn_fts` in place.
        try connection.execute(
            """
            DROP TABLE IF EXISTS temp.zhiku_turn_fts_instance;
            CREATE VIRTUAL TABLE temp.zhiku_turn_fts_instance USING fts5vocab(main, turn_fts, instance)
            """)
        defer { try? connection.execute("DROP TABLE IF EXISTS temp.zhiku_turn_fts_instance") }
        // Rows come term by term, then turn by turn: consecutive rows of one turn are summed before
        // they are added to the turn's tally. `offset` is the token's position (0, 1, 2 …) within the
        // turn's search form, as FTS5 counts when it indexes a document; the one column needs no key.
        let statement = try connection.prepare("SELECT term, doc, offset FROM temp.zhiku_turn_fts_instance")
        var current: Int64?
        var pending = TokenTally()
        while try statement.step() {
            let turn = statement.int64(at: 1) ?? 0
            if turn != current {
                if let current { tallies.add(pending, to: current) }
                current = turn
                pending = TokenTally()
            }
            let position = statement.int64(at: 2) ?? 0
            pending.add(statement.withText(at: 0) { TokenTally.hash(term: $0, position: position) })
        }
        if let current { tallies.add(pending, to: current) }
    }

    /// Every token instance recomputed from the text of every turn, tallied per turn; returns the
    /// number of turns.
    private static func tallyText(_ connection: Connection, fold: FoldTable, into tallies: inout TurnTallies) throws
        -> Int
    {
        let tokenizer = try FTS5Tokenizer(
            connection: connection, name: Self.tokenizer.name, arguments: Self.tokenizer.arguments)
        var turns = 0
        let documents = try connection.prepare("SELECT id, text FROM document ORDER BY id")
        try documents.forEachRow { document in
            let scalars = Array(try document.string(1).unicodeScalars)
            for turn in try connection.query(
                "SELECT id, start_offset, end_offset FROM turn_span WHERE document_id = ?", try document.int64(0))
            {
                let form = SearchForm.turnIndexText(scalars, start: try turn.int(1), end: try turn.int(2), fold: fold)
                var tally = TokenTally()
                try tokenizer.forEachIndexedToken(in: form) { term, position in
                    tally.add(TokenTally.hash(term: term, position: Int64(position)))
                }
                tallies.add(tally, to: try turn.int64(0))
                turns += 1
            }
        }
        return turns
    }
}

/// Token tallies by turn id: in an array for ids up to a limit, in a dictionary beyond it.
struct TurnTallies {
    private var dense: [TokenTally]
    private var sparse: [Int64: TokenTally] = [:]
    /// Instances added, over all turns.
    private(set) var instances = 0

    /// Tallies that keep ids `0...limit` in an array.
    init(denseUpTo limit: Int64) {
        dense = Array(repeating: TokenTally(), count: Int(max(0, limit)) + 1)
    }

    /// Adds `tally` to the turn `id`.
    @inline(__always)
    mutating func add(_ tally: TokenTally, to id: Int64) {
        instances += tally.count
        if id >= 0 && id < dense.count {
            dense[Int(id)].add(tally)
        } else {
            sparse[id, default: TokenTally()].add(tally)
        }
    }

    /// The ids whose tallies differ between `first` and `second` (made with the same limit), in order.
    static func differences(_ first: TurnTallies, _ second: TurnTallies) -> [Int64] {
        var ids = first.dense.indices.filter { first.dense[$0] != second.dense[$0] }.map(Int64.init)
        for id in Set(first.sparse.keys).union(second.sparse.keys)
        where first.sparse[id, default: TokenTally()] != second.sparse[id, default: TokenTally()] {
            ids.append(id)
        }
        return ids.sorted()
    }
}

/// The token instances of one turn, reduced to a count and an order-independent checksum.
struct TokenTally: Equatable {
    /// The wrapping sum of the instances' hashes.
    private(set) var checksum: UInt64 = 0
    /// The number of instances.
    private(set) var count = 0

    /// Adds one instance, by its hash.
    @inline(__always)
    mutating func add(_ hash: UInt64) {
        checksum &+= hash
        count += 1
    }

    /// Adds every instance of another tally.
    mutating func add(_ other: TokenTally) {
        checksum &+= other.checksum
        count += other.count
    }

    /// A 64-bit hash of a term's UTF-8 bytes at a position: FNV-1a over the bytes, then the position,
    /// through SplitMix64's finalizer so that sums of many hashes do not cancel in the low bits.
    @inline(__always)
    static func hash(term: UnsafeRawBufferPointer, position: Int64) -> UInt64 {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in term {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        value ^= UInt64(bitPattern: position) &* 0x9E37_79B9_7F4A_7C15
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
