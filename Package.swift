// swift-tools-version:6.0
import PackageDescription

// The library is one SwiftPM target per layer (docs/ARCHITECTURE.md). Every layer keeps its folders
// under Sources/Klankbord; `layer` gives a target the folders it owns and excludes the rest, so
// each source file belongs to exactly one layer. Dependencies point down only: the server never
// imports the client, nor the client the server, and `make` builds with
// `--explicit-target-dependency-import-check error`, so an import a layer does not declare fails.
let folders = [
    "Crypto", "System", "Localization", "Config", "Noise", "Wire", "Community", "E2E", "Trust", "Storage",
    "Server", "Client", "Export", "Meetings", "Consultations", "Ledger", "Commands", "Daemon", "Fuzzing",
    "Klankbord.swift",
]

func layer(_ name: String, _ owned: [String], _ dependencies: [Target.Dependency]) -> Target {
    .target(name: name, dependencies: dependencies, path: "Sources/Klankbord",
            exclude: folders.filter { !owned.contains($0) }, sources: owned)
}

let package = Package(
    name: "Klankbord",
    products: [
        .library(name: "Klankbord", targets: ["Klankbord"]),
        .executable(name: "klankbordd", targets: ["KlankbordDaemon"]),
        .executable(name: "klankbord", targets: ["klankbord-cli"]),
        .executable(name: "klankbord-bench", targets: ["klankbord-bench"]),
    ],
    targets: [
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLinux"),

        // Foundations: no layer of ours below them.
        layer("KlankbordCrypto", ["Crypto"], ["CSodium"]),
        layer("KlankbordSystem", ["System"], ["KlankbordCrypto"]),
        layer("KlankbordLocalization", ["Localization"], []),
        layer("KlankbordConfig", ["Config"], ["KlankbordLocalization"]),
        // What both ends speak: the handshake, the wire messages, handles, roles and invite codes.
        layer("KlankbordProtocol", ["Noise", "Wire", "Community"], ["KlankbordCrypto", "CSodium"]),
        // What clients encrypt and sign; the server checks signatures with it but never decrypts.
        layer("KlankbordE2E", ["E2E"], ["KlankbordProtocol", "KlankbordCrypto"]),
        layer("KlankbordTrust", ["Trust"], ["KlankbordE2E", "KlankbordProtocol", "KlankbordCrypto"]),
        layer("KlankbordStorage", ["Storage"], ["KlankbordConfig", "KlankbordProtocol", "KlankbordCrypto", "CSQLite"]),
        // The two ends, side by side.
        layer("KlankbordServer", ["Server"], [
            "KlankbordStorage", "KlankbordTrust", "KlankbordE2E", "KlankbordProtocol", "KlankbordConfig",
            "KlankbordSystem", "KlankbordLocalization", "KlankbordCrypto", "CLinux",
        ]),
        layer("KlankbordClient", ["Client"], [
            "KlankbordStorage", "KlankbordTrust", "KlankbordE2E", "KlankbordProtocol", "KlankbordSystem",
            "KlankbordLocalization", "KlankbordCrypto", "CSodium", "CLinux",
        ]),
        // Features: pure reducers over decrypted events, and the files they write.
        layer("KlankbordExport", ["Export"], ["KlankbordLocalization", "KlankbordCrypto"]),
        layer("KlankbordMeetings", ["Meetings"], [
            "KlankbordExport", "KlankbordE2E", "KlankbordProtocol", "KlankbordLocalization", "KlankbordCrypto",
        ]),
        layer("KlankbordConsultations", ["Consultations"], [
            "KlankbordExport", "KlankbordE2E", "KlankbordProtocol", "KlankbordLocalization", "KlankbordCrypto",
        ]),
        layer("KlankbordLedger", ["Ledger"], [
            "KlankbordExport", "KlankbordE2E", "KlankbordProtocol", "KlankbordLocalization", "KlankbordCrypto",
        ]),
        // What a person types: the CLI's commands and the daemon's.
        layer("KlankbordCommands", ["Commands", "Daemon"], [
            "KlankbordServer", "KlankbordClient", "KlankbordMeetings", "KlankbordConsultations", "KlankbordLedger",
            "KlankbordExport", "KlankbordTrust", "KlankbordE2E", "KlankbordStorage", "KlankbordProtocol",
            "KlankbordConfig", "KlankbordSystem", "KlankbordLocalization", "KlankbordCrypto",
        ]),
        // The library a user of the package imports: re-exports every layer above (not the fuzzing entries).
        layer("Klankbord", ["Klankbord.swift"], [
            "KlankbordCommands", "KlankbordServer", "KlankbordClient", "KlankbordMeetings", "KlankbordConsultations",
            "KlankbordLedger", "KlankbordExport", "KlankbordTrust", "KlankbordE2E", "KlankbordStorage",
            "KlankbordProtocol", "KlankbordConfig", "KlankbordSystem", "KlankbordLocalization", "KlankbordCrypto",
        ]),
        // libFuzzer entry points: only the fuzz executables and the tests use them.
        layer("KlankbordFuzzing", ["Fuzzing"], [
            "KlankbordServer", "KlankbordE2E", "KlankbordProtocol", "KlankbordConfig", "KlankbordCrypto",
        ]),

        .executableTarget(name: "KlankbordDaemon", dependencies: ["Klankbord"]),
        .executableTarget(name: "klankbord-cli", dependencies: ["Klankbord"]),
        .executableTarget(name: "klankbord-bench", dependencies: ["Klankbord"]),
        // libFuzzer targets (`make fuzz`); a plain build makes corpus-replay programs of them.
        .executableTarget(name: "FuzzFrameDecoder", dependencies: ["KlankbordFuzzing"]),
        .executableTarget(name: "FuzzHandshake", dependencies: ["KlankbordFuzzing"]),
        .executableTarget(name: "FuzzWireMessage", dependencies: ["KlankbordFuzzing"]),
        .executableTarget(name: "FuzzE2E", dependencies: ["KlankbordFuzzing"]),
        .executableTarget(name: "FuzzConfig", dependencies: ["KlankbordFuzzing"]),
        .executableTarget(name: "FuzzInviteCode", dependencies: ["KlankbordFuzzing"]),
        .testTarget(name: "KlankbordTests", dependencies: ["Klankbord", "KlankbordFuzzing"]),
        .testTarget(name: "IntegrationTests", dependencies: ["Klankbord"], exclude: ["Interop"]),
    ],
    swiftLanguageModes: [.v6]
)
