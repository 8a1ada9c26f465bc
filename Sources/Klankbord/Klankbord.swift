// The library a user of the package imports: every layer, re-exported (docs/ARCHITECTURE.md).
// The fuzzing entry points are not part of it.
@_exported import KlankbordCommands
@_exported import KlankbordServer
@_exported import KlankbordClient
@_exported import KlankbordMeetings
@_exported import KlankbordConsultations
@_exported import KlankbordLedger
@_exported import KlankbordExport
@_exported import KlankbordTrust
@_exported import KlankbordE2E
@_exported import KlankbordStorage
@_exported import KlankbordProtocol
@_exported import KlankbordConfig
@_exported import KlankbordSystem
@_exported import KlankbordLocalization
@_exported import KlankbordCrypto
