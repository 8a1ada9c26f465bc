"""Reads an .ics file with Python `icalendar` (an independent RFC 5545 parser) and prints what it
found as JSON, for Tests/KlankbordTests/Meetings/ICalendarInteropTests.swift to compare.

Times are checked twice: as icalendar resolves TZID=Europe/Amsterdam, and through the file's own
VTIMEZONE rules alone (so a wrong daylight-saving rule in the file shows)."""
import datetime
import json
import sys

import icalendar

raw = open(sys.argv[1], "rb").read()
lines = raw.split(b"\r\n")
report = {
    "crlf_only": b"\n" not in raw.replace(b"\r\n", b"") and b"\r" not in raw.replace(b"\r\n", b""),
    "ends_with_crlf": raw.endswith(b"\r\n"),
    "max_octets": max(len(line) for line in lines),
}
calendar = icalendar.Calendar.from_ical(raw)
zones = calendar.walk("VTIMEZONE")
report["timezones"] = [str(zone["TZID"]) for zone in zones]
own_zone = zones[0].to_tz(lookup_tzid=False) if zones else None
utc = datetime.timezone.utc


def when(prop):
    value = prop.dt
    # A UTC value (used for the hour the clock shows twice) needs no zone rules.
    by_file = value if "TZID" not in prop.params else value.replace(tzinfo=own_zone) if own_zone else None
    return {
        "tzid": str(prop.params.get("TZID", "")),
        "local": value.replace(tzinfo=None).isoformat(),
        "utc": value.astimezone(utc).strftime("%Y%m%dT%H%M%SZ"),
        "utc_by_file_rules": by_file.astimezone(utc).strftime("%Y%m%dT%H%M%SZ") if by_file else "",
    }


events = []
for event in calendar.walk("VEVENT"):
    attendees = event.get("ATTENDEE", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    events.append({
        "uid": str(event["UID"]),
        "summary": str(event["SUMMARY"]),
        "location": str(event["LOCATION"]),
        "start": when(event["DTSTART"]),
        "end": when(event["DTEND"]),
        "status": str(event["STATUS"]),
        "sequence": int(event["SEQUENCE"]),
        "dtstamp": event["DTSTAMP"].dt.astimezone(utc).strftime("%Y%m%dT%H%M%SZ"),
        "attendees": [str(a.params.get("CN", "")) for a in attendees],
    })
report["events"] = events
print(json.dumps(report, ensure_ascii=False, sort_keys=True))
