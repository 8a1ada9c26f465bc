/// A published test vector for one Noise protocol, in the field names of the shared vector format
/// (github.com/noiseprotocol/noise_wiki/wiki/Test-vectors). All values are hex.
///
/// Messages alternate: 0 is initiator to responder, 1 the reply, and after the handshake each
/// even message goes initiator to responder and each odd one back.
struct NoiseVector {
    let initPrologue: String
    let initStatic: String
    let initEphemeral: String
    let initRemoteStatic: String
    let respPrologue: String
    let respStatic: String
    let respEphemeral: String
    let handshakeHash: String?
    let messages: [(payload: String, ciphertext: String)]
}

/// The vectors for exactly `Noise_IK_25519_ChaChaPoly_BLAKE2b` (no PSK), copied verbatim.
enum NoiseIKVectors {
    // From haskell-cryptography/cacophony, file vectors/cacophony.txt (commit 8ee9d41); the same
    // vector is copied in mcginty/snow, tests/vectors/cacophony.txt.
    static let cacophony = NoiseVector(
        initPrologue: "4a6f686e2047616c74",
        initStatic: "e61ef9919cde45dd5f82166404bd08e38bceb5dfdfded0a34c8df7ed542214d1",
        initEphemeral: "893e28b9dc6ca8d611ab664754b8ceb7bac5117349a4439a6b0569da977c464a",
        initRemoteStatic: "31e0303fd6418d2f8c0e78b91f22e8caed0fbe48656dcf4767e4834f701b8f62",
        respPrologue: "4a6f686e2047616c74",
        respStatic: "4a3acbfdb163dec651dfa3194dece676d437029c62a408b4c5ea9114246e4893",
        respEphemeral: "bbdb4cdbd309f1a1f2e1456967fe288cadd6f712d65dc7b7793d5e63da6b375b",
        handshakeHash: """
            1c8fa891cb414fedba6daa7c6f4ae0a6d98e5f9768cc9cecd27e805614943ee9
            c8a1b27fbfb76dc197255c8aa69f6b4285c423840b8bedf45e652ca64f797d81
            """,
        messages: [
            (payload: "4c756477696720766f6e204d69736573",
             ciphertext: """
                ca35def5ae56cec33dc2036731ab14896bc4c75dbb07a61f879f8e3afa4c7944
                ba83a447b38c83e327ad936929812f624884847b7831e95e197b2f797088efdd
                2f88f1db7e1fb0e99c64419097af91cee64e470f4b6fcd9298ce0b56fe20f86e
                13bf70439c538e3602a7127af71a29cc
                """),
            (payload: "4d757272617920526f746862617264",
             ciphertext: """
                95ebc60d2b1fa672c1f46a8aa265ef51bfe38e7ccb39ec5be34069f144808843
                9f069b267a06b3de3ecb1043bcb098e9af91d9c64748d998c7b47890871571
                """),
            (payload: "462e20412e20486179656b",
             ciphertext: "cd54383060e7a28434cca27fb1cc524cfbabeb18181589df219d07"),
            (payload: "4361726c204d656e676572",
             ciphertext: "a856d3bf0246bfc476c655009cd1ed677b8dcc5b349ae8ef2a05f2"),
            (payload: "4a65616e2d426170746973746520536179",
             ciphertext: """
                49063084b2c51f098337cb8a13739ac848f907e67cfb2cc8a8b60586467aa02f
                c7
                """),
            (payload: "457567656e2042f6686d20766f6e2042617765726b",
             ciphertext: """
                8b9709d23b47e4639df7678d7a21741eba4ef1e9c60383001c7435549c20f9d5
                6f30e935d3
                """),
        ])

    // From mcginty/snow, file tests/vectors/snow.txt (commit 8ac60f5). It gives no handshake hash.
    static let snow = NoiseVector(
        initPrologue: """
            5468657265206973206e6f20726967687420616e642077726f6e672e20546865
            72652773206f6e6c792066756e20616e6420626f72696e672e
            """,
        initStatic: "7d96e7fbefd508f6d553010ef8b53b9800f30bdd1bc82d141c543cc4afe31bde",
        initEphemeral: "3fa848b150e958dad41a3e1e455c65c46b773d806a55f4abdcae3f5e3f80d816",
        initRemoteStatic: "c2330a71efe7ad7655ad63ec6ac84e0be70c79b3a9808364741e99abe231b240",
        respPrologue: """
            5468657265206973206e6f20726967687420616e642077726f6e672e20546865
            72652773206f6e6c792066756e20616e6420626f72696e672e
            """,
        respStatic: "f192f565f752e8e706d20bd2a71b22d94b804bfeb499ac84391f1af846d1824d",
        respEphemeral: "3092d9e2e44264afea07fd9b43562177e9ae63d65cbdc471d3539247e2ba1a36",
        handshakeHash: nil,
        messages: [
            (payload: "eab1b0a96295a7f0b29f013bf2baa6d74ab79b2b2f69b79764eb97684ca17e5d",
             ciphertext: """
                4b42c759ee133dc6a49aa1b19fc1727ca3d3876d6ed5479b60fe2963fede0f4f
                f9f68f1540f591b16150d98b3f65371da84c2dcfbf18f02295edcd20fdcf315c
                83529bc394387fc22bfc8583e23514c28884729838efe481016f828fefca4f53
                c4e61c7ed5a7b297044e11b90a28d2e264ac2335e254c7b636d1d0406aea1e3e
                """),
            (payload: "1a1d45c87a116c31f9704d9c599f833e65dbe1fc511a50fc85e07b440806430b",
             ciphertext: """
                058e04eada2f87f02ffb22ec049d3d629008eb672976078b61222af7822e9c19
                b04dc83d279b6d418149e3ba99ff887c64a2f9da7a1ad2c83bbea46759a50393
                3f9cfc8c06dbc2b9170a0fb6a5a28740
                """),
            (payload: "752ce6ebed958e84d2e8ffa89ca929e500bc987d3ba01196f850fe73d7320822",
             ciphertext: """
                e4a719610c329661dcc3084484c92025c7fadff6910c6d9e8dcdae29d76cd2d3
                3c74218a3588732db968a282ba4689ec
                """),
            (payload: "f7496b1a99db7ba96ce16c642662e966b8323aca4e7c8e2ed51d3e764c05a363",
             ciphertext: """
                8cdb272f66c39e16182c1b68a45052f97264ca6a337e338dbdd1121005fb268b
                637d94ecc94ded7352c1e22bf7d2a32d
                """),
        ])
}
