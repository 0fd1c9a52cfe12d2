import Foundation

/// A bounded first-in, first-out queue between one producing and one consuming thread.
///
/// `send` blocks while the queue is full, `receive` while it is empty; the
/// producer ends the stream with `finish` (optionally with the error that
/// stopped it, delivered after the values sent before it); the consumer may
/// `cancel`, which makes the producer's next `send` throw.
///
/// ```swift
/// let channel = BoundedChannel<[Event]>(capacity: 16)
/// // producer thread: try channel.send(batch); …; channel.finish(nil)
/// while let batch = try channel.receive() { … }
/// ```
final class BoundedChannel<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var values: [Value] = []
    private var head = 0
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false

    init(capacity: Int) { self.capacity = capacity }

    /// Queues `value`, waiting while the queue is full; throws ``BoundedChannelCancelled`` once the consumer cancelled.
    func send(_ value: Value) throws {
        condition.lock()
        defer { condition.unlock() }
        while values.count - head >= capacity && !cancelled { condition.wait() }
        if cancelled { throw BoundedChannelCancelled() }
        values.append(value)
        condition.broadcast()
    }

    /// Ends the stream; `error`, if any, is thrown by `receive` after the queued values.
    func finish(_ error: (any Error)?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// Stops the producer: its next `send` throws.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next value; nil once the producer finished and the queue is empty.
    func receive() throws -> Value? {
        condition.lock()
        defer { condition.unlock() }
        while head == values.count && !finished { condition.wait() }
        if head < values.count {
            let value = values[head]
            head += 1
            if head > 64 && head * 2 > values.count {
                values.removeFirst(head)
                head = 0
            }
            condition.broadcast()
            return value
        }
        if let failure { throw failure }
        return nil
    }
}

/// Thrown by ``BoundedChannel/send(_:)`` after the consumer cancelled.
struct BoundedChannelCancelled: Error {}
