/// Which workloads run for each `--workload` choice, in the order the issue asks for them, and the
/// tables printed at the end.
enum Workloads {
    static func run(_ workload: Options.Workload, _ context: BenchContext) {
        switch workload {
        case .w1: RoomFanOut.runAll(context)
        case .w1Scaling: RoomFanOut.runScaling(context)
        case .w5: CommandTimes.run(context)
        case .e2e: EncryptionCost.run(context)
        case .all:
            RoomFanOut.runAll(context)
            RoomFanOut.runScaling(context)
            CommandTimes.run(context)
            EncryptionCost.run(context)
        default:
            context.output.note("workload \(workload.rawValue) is not written yet")
        }
    }

    static func printTables(_ output: Output) {
        output.table("W1 room fan-out (deliveries include each sender's own acknowledgement)", workloads: ["W1-room-fanout"],
                     columns: ["series", "members", "msgs_per_member", "rate_per_member", "deliveries", "expected", "timed_out", "wall_s",
                               "deliveries_per_s", "lat_p50_ms", "lat_p99_ms", "lat_max_ms", "server_cpu_s", "server_VmHWM_MiB",
                               "client_cpu_s", "server_cpu_us_per_delivery"])
        output.table("W5 CLI commands as whole processes (ms)", workloads: ["W5-cli"],
                     columns: ["runs", "room_members", "send_p50_ms", "send_p95_ms", "send_max_ms", "read_p50_ms", "read_p95_ms", "read_max_ms", "failed"])
        output.table("End-to-end encryption cost in one client process (ms)", workloads: ["E2E-cost"],
                     columns: ["body_bytes", "direct_ms_per_message", "direct_one_way_ms_per_message", "room_members", "room_ms_per_message",
                               "room_us_per_recipient", "rotation_members", "rotation_ms"])
    }
}
