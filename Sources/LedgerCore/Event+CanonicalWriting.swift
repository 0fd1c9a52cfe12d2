extension Event {
    /// Appends the canonical bytes of this event to `out`: the bytes stored, hashed and exported.
    ///
    /// Written directly by ``CanonicalEventWriter`` from each type's
    /// definition, without building a ``JSONValue`` tree; ``json`` and
    /// ``canonicalText`` are this same text.
    ///
    /// ```swift
    /// var bytes: [UInt8] = []
    /// event.writeCanonical(into: &bytes)
    /// ```
    public func writeCanonical(into out: inout [UInt8]) {
        CanonicalEventWriter.write(self, includeID: true, into: &out)
    }

    /// The canonical text of this event (see ``writeCanonical(into:)``).
    public var canonicalText: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(384)
        writeCanonical(into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
