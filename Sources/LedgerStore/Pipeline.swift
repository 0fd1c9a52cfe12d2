import Foundation

/// The one producer/consumer helper: `Sendable` values handed from one thread to another, in order,
/// through a bounded queue (so memory stays flat whatever the length of the stream).
///
/// Two shapes, for the two sides a database connection can be on:
/// - ``run(capacity:producingOnWorker:consume:)``: a worker produces, the calling thread consumes
///   (an import decodes files on the worker and stores on the connection's thread);
/// - ``Consumer``: the calling thread produces, a worker consumes (a replay or `verify` reads rows on
///   the connection's thread and folds or hashes them on the worker).
///
/// Whichever side stops first stops the other; an error the producer throws reaches the consumer
/// after every value sent before it.
///
/// ```swift
/// try Pipeline.run(capacity: 16, producingOnWorker: { sender in try sender.send(batch) }, consume: { batch in … })
/// ```
enum Pipeline {
    /// Thrown by a send after the consuming side stopped.
    struct Stopped: Error {}

    /// The producer's end of ``run(capacity:stackSize:producingOnWorker:consume:)``.
    struct Sender<Value: Sendable> {
        fileprivate let channel: Channel<Value>

        /// Queues `value`, waiting while the queue is full; throws ``Stopped`` once the consumer stopped.
        func send(_ value: Value) throws { try channel.send(value) }
    }

    /// Runs `produce` on a worker thread while the calling thread consumes what it sends, in order.
    ///
    /// `produce` never outlives this call: the call returns (or throws) only once the worker ended.
    /// A consumer error stops the producer (its next send throws ``Stopped``) and is rethrown here;
    /// a producer error is rethrown here after the values sent before it were consumed.
    static func run<Value: Sendable>(capacity: Int, stackSize: Int = 8 << 20,
                                     producingOnWorker produce: (Sender<Value>) throws -> Void,
                                     consume: (Value) throws -> Void) throws {
        let channel = Channel<Value>(capacity: capacity)
        try withoutActuallyEscaping(produce) { produce in
            let worker = Worker(produce: produce, channel: channel)
            let thread = Thread { worker.run() }
            thread.stackSize = stackSize
            thread.start()
            defer {
                channel.cancel()
                channel.waitUntilWorkerEnded()
            }
            while let value = try channel.receive() { try consume(value) }
        }
    }

    /// The producing side of ``run(capacity:stackSize:producingOnWorker:consume:)``, on its worker thread.
    ///
    /// Unchecked: it carries the caller's (non-`Sendable`) producer closure to the worker, which is
    /// safe because the caller waits in `run` until the worker dropped the closure and ended.
    private final class Worker<Value: Sendable>: @unchecked Sendable {
        private var produce: ((Sender<Value>) throws -> Void)?
        private let channel: Channel<Value>

        init(produce: @escaping (Sender<Value>) throws -> Void, channel: Channel<Value>) {
            self.produce = produce
            self.channel = channel
        }

        func run() {
            if let produce {
                do {
                    try produce(Sender(channel: channel))
                    channel.finish(nil)
                } catch is Stopped {
                    channel.finish(nil)
                } catch {
                    channel.finish(error)
                }
            } else {
                channel.finish(nil)
            }
            produce = nil
            channel.workerEnded()
        }
    }

    /// A worker thread that consumes, in order, what the calling thread sends.
    ///
    /// ```swift
    /// let consumer = Pipeline.Consumer<[Row]>(capacity: 8) { batch in check(batch) }
    /// try consumer.send(batch)   // throws Pipeline.Stopped once `check` returned false
    /// consumer.finish()          // waits until everything sent was consumed
    /// ```
    final class Consumer<Value: Sendable>: Sendable {
        private let channel: Channel<Value>

        /// Starts the worker; `consume` returns false to stop (later values are refused).
        init(capacity: Int, stackSize: Int = 8 << 20, consume: @escaping @Sendable (Value) -> Bool) {
            let channel = Channel<Value>(capacity: capacity)
            self.channel = channel
            let thread = Thread {
                while let value = try? channel.receive() {
                    if !consume(value) { channel.cancel(); break }
                }
                channel.workerEnded()
            }
            thread.stackSize = stackSize
            thread.start()
        }

        /// Queues `value`, waiting while the queue is full; throws ``Stopped`` once the consumer stopped.
        func send(_ value: Value) throws { try channel.send(value) }

        /// Ends the stream and waits until the worker consumed every value sent (or stopped).
        func finish() {
            channel.finish(nil)
            channel.waitUntilWorkerEnded()
        }
    }
}

/// The bounded first-in, first-out queue between the two threads of a ``Pipeline``.
///
/// `send` blocks while the queue is full, `receive` while it is empty; the
/// producer ends the stream with `finish` (optionally with the error that
/// stopped it, delivered after the values sent before it); the consumer may
/// `cancel`, which makes the producer's next `send` throw ``Pipeline/Stopped``.
private final class Channel<Value: Sendable>: @unchecked Sendable {
    // Unchecked: every stored property is guarded by `condition`.
    private let condition = NSCondition()
    private let capacity: Int
    private var values: [Value] = []
    private var head = 0
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private var ended = false

    init(capacity: Int) { self.capacity = capacity }

    /// Called last by the worker thread.
    func workerEnded() {
        condition.lock()
        ended = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until the worker thread called ``workerEnded()``.
    func waitUntilWorkerEnded() {
        condition.lock()
        while !ended { condition.wait() }
        condition.unlock()
    }

    func send(_ value: Value) throws {
        condition.lock()
        defer { condition.unlock() }
        while values.count - head >= capacity && !cancelled { condition.wait() }
        if cancelled { throw Pipeline.Stopped() }
        values.append(value)
        condition.broadcast()
    }

    func finish(_ error: (any Error)?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

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
