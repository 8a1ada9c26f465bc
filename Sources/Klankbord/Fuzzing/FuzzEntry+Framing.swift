import KlankbordProtocol

extension FuzzEntry {
    /// Feeds the input to a `Noise.FrameDecoder` in chunks and checks the frames it hands out
    /// against a plain reading of the same stream.
    ///
    /// Input: repeated `[n] [n bytes]`; each chunk is appended (alternating the two `append`
    /// overloads), then frames are pulled until none is left or the decoder fails.
    static func frameDecoder(_ input: [UInt8]) throws(FuzzViolation) {
        var decoder = Noise.FrameDecoder()
        var stream: [UInt8] = []
        var frames: [[UInt8]] = []
        var failed = false
        var position = 0
        var useRawAppend = false
        while position < input.count, !failed {
            let length = min(Int(input[position]), input.count - position - 1)
            let chunk = Array(input[(position + 1)..<(position + 1 + length)])
            position += 1 + length
            if useRawAppend {
                chunk.withUnsafeBytes { decoder.append($0) }
            } else {
                decoder.append(chunk)
            }
            useRawAppend.toggle()
            stream += chunk
            do {
                while let frame = try decoder.nextFrame() { frames.append(frame) }
            } catch {
                failed = true
            }
        }
        let expected = plainReading(stream)
        guard frames == expected.frames, failed == expected.failed else { throw .framingDisagrees }
        if failed {
            // Once the stream is broken the decoder must stay failed.
            guard (try? decoder.nextFrame()) == nil else { throw .framingDisagrees }
        } else {
            guard decoder.bufferedByteCount == expected.unread else { throw .framingDisagrees }
        }
    }

    /// The frames of a whole stream read front to back, whether it hit a zero length, and how many
    /// bytes are left over after the last whole frame.
    private static func plainReading(_ stream: [UInt8]) -> (frames: [[UInt8]], failed: Bool, unread: Int) {
        var frames: [[UInt8]] = []
        var offset = 0
        while stream.count - offset >= 2 {
            let length = Int(stream[offset]) << 8 | Int(stream[offset + 1])
            if length == 0 { return (frames, true, stream.count - offset) }
            guard stream.count - offset - 2 >= length else { break }
            frames.append(Array(stream[(offset + 2)..<(offset + 2 + length)]))
            offset += 2 + length
        }
        return (frames, false, stream.count - offset)
    }
}
