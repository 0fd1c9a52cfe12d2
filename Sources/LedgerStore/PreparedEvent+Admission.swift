import LedgerCore

extension PreparedEvent {
    /// Whether this event goes into the log, the same rule in both stores.
    ///
    /// An id already stored (`storedPayload`, the stored event's canonical payload) is refused by `append`; by
    /// `import` (`skipIdentical`) it is skipped when its bytes are identical and refused when they differ.
    /// A new event's references are checked by `checker` (the batch's later events are checked by its
    /// ``ReferenceChecker/finish()`` once the whole batch is in). Errors name the event's file and place.
    ///
    /// - Returns: true to store the event, false when it is an identical copy to skip (its id is then in `skipped`).
    func admit(storedPayload: String?, skipIdentical: Bool, checker: inout ReferenceChecker,
               skipped: inout [String]) throws(LedgerError) -> Bool {
        let event = item.event
        if let storedPayload {
            guard skipIdentical else {
                throw item.locate(LedgerError("id \"\(event.id)\" is already used by another event", field: "id"))
            }
            guard storedPayload == payload else {
                throw item.locate(LedgerError("id \"\(event.id)\" is already stored with different content; nothing was imported (give the new event its own id, or append a correction)", field: "id"))
            }
            skipped.append(event.id)
            return false
        }
        do { try checker.admitChecked(event) } catch { throw item.locate(error) }
        return true
    }
}
