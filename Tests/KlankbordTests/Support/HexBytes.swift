import Klankbord

/// Bytes from hex text written in a test. Whitespace is ignored so long vectors can wrap.
func hexBytes(_ text: String) -> [UInt8] {
    try! Hex.decode(String(text.filter { !$0.isWhitespace }))
}

/// A secret holding the bytes of hex text written in a test.
func secretHex(_ text: String) -> SecretBytes {
    SecretBytes(copying: hexBytes(text))
}
