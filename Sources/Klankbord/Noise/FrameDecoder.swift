extension Noise {
    /// Splits a byte stream into Noise messages, each behind a 2-byte big-endian length.
    ///
    /// A pure state machine with no I/O: feed it whatever each read returned with `append`, then
    /// call `nextFrame()` until it returns nil. A frame may arrive over many reads and one read may
    /// hold many frames. Consumed bytes are released, so an idle connection holds no large buffer.
    public struct FrameDecoder: Sendable {
        private var buffer: [UInt8] = []
        /// Where the next unread byte of `buffer` is; bytes before it have been handed out.
        private var readIndex = 0

        /// An empty decoder.
        public init() {}

        /// How many received bytes are waiting to form a frame.
        public var bufferedByteCount: Int { buffer.count - readIndex }

        /// The capacity the decoder holds on to, for tests of its memory use.
        var storageCapacity: Int { buffer.capacity }

        /// Adds bytes received from the socket.
        public mutating func append(_ bytes: UnsafeRawBufferPointer) {
            buffer.append(contentsOf: bytes)
        }

        /// Adds bytes received from the socket.
        public mutating func append(_ bytes: [UInt8]) {
            buffer.append(contentsOf: bytes)
        }

        /// The next whole message (without its length), or nil until more bytes arrive.
        ///
        /// Throws `emptyFrame` for a length of zero, and keeps throwing it: the stream cannot be
        /// trusted after that, so the connection should close.
        public mutating func nextFrame() throws(NoiseError) -> [UInt8]? {
            let available = buffer.count - readIndex
            guard available >= Noise.lengthPrefixLength else {
                compact()
                return nil
            }
            let length = Int(buffer[readIndex]) << 8 | Int(buffer[readIndex + 1])
            guard length > 0 else { throw .emptyFrame }
            guard available >= Noise.lengthPrefixLength + length else {
                compact()
                return nil
            }
            let start = readIndex + Noise.lengthPrefixLength
            let frame = Array(buffer[start..<(start + length)])
            readIndex = start + length
            if readIndex == buffer.count {
                // Everything consumed: let the storage go rather than keep it for an idle peer.
                buffer = []
                readIndex = 0
            }
            return frame
        }

        /// Moves the unread tail to a fresh array sized to it, dropping consumed bytes and spare capacity.
        private mutating func compact() {
            guard readIndex > 0 else { return }
            buffer = Array(buffer[readIndex...])
            readIndex = 0
        }
    }
}
