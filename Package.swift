// swift-tools-version:6.0
import PackageDescription

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
        .target(name: "Klankbord", dependencies: ["CSodium", "CSQLite", "CLinux"]),
        .executableTarget(name: "KlankbordDaemon", dependencies: ["Klankbord"]),
        .executableTarget(name: "klankbord-cli", dependencies: ["Klankbord"]),
        .executableTarget(name: "klankbord-bench", dependencies: ["Klankbord"]),
        // libFuzzer targets (`make fuzz`); a plain build makes corpus-replay programs of them.
        .executableTarget(name: "FuzzFrameDecoder", dependencies: ["Klankbord"]),
        .executableTarget(name: "FuzzHandshake", dependencies: ["Klankbord"]),
        .executableTarget(name: "FuzzWireMessage", dependencies: ["Klankbord"]),
        .executableTarget(name: "FuzzE2E", dependencies: ["Klankbord"]),
        .executableTarget(name: "FuzzConfig", dependencies: ["Klankbord"]),
        .executableTarget(name: "FuzzInviteCode", dependencies: ["Klankbord"]),
        .testTarget(name: "KlankbordTests", dependencies: ["Klankbord"]),
        .testTarget(name: "IntegrationTests", dependencies: ["Klankbord"], exclude: ["Interop"]),
    ],
    swiftLanguageModes: [.v6]
)
