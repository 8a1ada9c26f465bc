# Sourced by run_prosody.sh and run_ejabberd.sh: the one way both find, check and stop the server they started.
# The caller sets SPID to the started server's process id.

# The process listening on the XMPP port. A server left running by an earlier run holds the port, the
# new one cannot bind, and the load would go to the old one while the new one's counters are read:
# every start checks that the listener is the server just started.
port_pid() { ss -Hltnp 'sport = :5222' 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }

# check_listener NAME LABEL: stops the run when port 5222 belongs to another process than $SPID, then says
# the server's pid and resident memory.
check_listener() {
  if [ "$(port_pid)" != "$SPID" ]; then
    echo "port 5222 is held by process $(port_pid), not by the $1 just started ($SPID): stop that server first" >&2
    exit 1
  fi
  echo "$2 pid $SPID rss_kib=$(grep VmRSS /proc/$SPID/status | awk '{print $2}')" >&2
}

# stop_server: asks $SPID to stop, waits up to STOP_TENTHS tenths of a second (default 50), then kills it,
# because the next run needs the port.
stop_server() {
  [ -n "${SPID:-}" ] || return 0
  kill "$SPID" 2>/dev/null || true
  for _ in $(seq 1 "${STOP_TENTHS:-50}"); do kill -0 "$SPID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$SPID" 2>/dev/null; then kill -9 "$SPID"; fi
  SPID=
}
