extension String {
    /// A string of `scalars`, encoded straight into UTF-8. Appending to a `String.UnicodeScalarView`
    /// one piece at a time can copy the whole buffer on each append, which is quadratic on long texts.
    init(utf8Encoding scalars: some Sequence<Unicode.Scalar>) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.underestimatedCount * 3)
        for scalar in scalars { UTF8.encode(scalar) { bytes.append($0) } }
        self.init(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    /// The string's Unicode scalars, decoded from its UTF-8 in one pass (see ``StoredText``):
    /// `Array(unicodeScalars)` walks the whole text once to count them and again to copy them, a
    /// twelfth of the parsing threads' time when done for every document.
    var scalarArray: [Unicode.Scalar] {
        var text = self
        return text.withUTF8 { StoredText.scalars($0) }
    }
}
