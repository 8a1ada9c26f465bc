/// Which workloads run for each `--workload` choice, in the order the issue asks for them, and the
/// tables printed at the end.
enum Workloads {
    static func run(_ workload: Options.Workload, _ context: BenchContext) {
        switch workload {
        case .w1: RoomFanOut.runAll(context)
        case .w1Scaling: RoomFanOut.runScaling(context)
        case .w3: IdleConnections.run(context)
        case .w4: Backlog.run(context)
        case .w2: ManyRooms.run(context, rates: context.options.offered)
        case .w5: CommandTimes.run(context)
        case .w6: HistoryCost.run(context)
        case .w6Room: BigRoomMeeting.run(context)
        case .e2e: EncryptionCost.run(context)
        case .all:
            RoomFanOut.runAll(context)
            RoomFanOut.runScaling(context)
            CommandTimes.run(context)
            IdleConnections.run(context)
            Backlog.run(context)
            ManyRooms.run(context, rates: context.options.offered)
            EncryptionCost.run(context)
        }
    }

    static func printTables(_ output: Output) {
        output.table("W1 room fan-out (deliveries include each sender's own acknowledgement)", workloads: ["W1-room-fanout"],
                     columns: ["series", "members", "msgs_per_member", "rate_per_member", "deliveries", "expected", "timed_out", "wall_s",
                               "deliveries_per_s", "lat_p50_ms", "lat_p99_ms", "lat_max_ms", "server_cpu_s", "server_VmHWM_MiB",
                               "client_cpu_s", "server_cpu_us_per_delivery"])
        output.table("W5 CLI commands as whole processes (ms)", workloads: ["W5-cli"],
                     columns: ["runs", "room_members", "send_p50_ms", "send_p95_ms", "send_max_ms", "read_p50_ms", "read_p95_ms", "read_max_ms", "help_p50_ms", "failed"])
        output.table("W6 client cost with history: CLI commands as whole processes (ms)", workloads: ["W6-history"],
                     columns: ["history_x", "messages", "log_entries", "meetings", "ledger_events", "profile_MiB", "seed_s", "runs",
                               "read_p50_ms", "read_p95_ms", "rooms_p50_ms", "rooms_p95_ms", "agenda_p50_ms", "agenda_p95_ms",
                               "consult_list_p50_ms", "consult_list_p95_ms", "ledger_export_p50_ms", "ledger_export_p95_ms",
                               "help_p50_ms", "load_avg_1m", "other_cpu_s", "failed"])
        output.table("W3 idle authenticated (subscribed) connections", workloads: ["W3-idle-connections"],
                     columns: ["connections", "failed", "connect_all_s", "handshakes_per_s", "server_rss_before_MiB", "server_rss_idle_MiB",
                               "server_rss_per_conn_KiB", "server_cpu_us_per_handshake", "lat_p50_ms", "lat_p99_ms", "lat_max_ms"])
        output.table("W2 many rooms, steady offered load", workloads: ["W2-many-rooms"],
                     columns: ["accounts", "rooms", "direct_threads", "offered_sends_per_s", "duration_s", "sends", "deliveries", "expected",
                               "lat_p50_ms", "lat_p99_ms", "lat_max_ms", "server_cpu_s", "server_VmHWM_MiB", "client_cpu_s"])
        output.table("W4 catch-up of a member who was offline", workloads: ["W4-catch-up"],
                     columns: ["events", "rooms", "fill_events_per_s", "received", "pages", "catchup_s", "events_per_s", "server_rss_before_MiB",
                               "server_rss_peak_during_MiB", "server_cpu_s", "client_cpu_s"])
        output.table("End-to-end encryption cost in one client process (ms)", workloads: ["E2E-cost"],
                     columns: ["body_bytes", "direct_ms_per_message", "direct_one_way_ms_per_message", "room_members", "room_ms_per_message",
                               "room_us_per_recipient", "rotation_members", "rotation_ms"])
    }
}
