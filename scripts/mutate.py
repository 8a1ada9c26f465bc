#!/usr/bin/env python3
"""`make mutate`: applies each one-line mutation of Tests/Mutations/mutations.txt to a scratch copy of
the package (under /tmp), runs the tests the entry names, and prints KILLED or SURVIVED for each.

Exit status 1 when any mutation survived, did not build, or no longer matches its line; 0 when all were
killed. The scratch copy keeps its own .build between runs, so after the first build each mutation
costs an incremental build plus its tests. Never touches the working tree.
KLANKBORD_MUTATE_ONLY=<text> runs only the entries whose file or behaviour mentions <text>.
"""
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIST = os.path.join(ROOT, "Tests", "Mutations", "mutations.txt")
SCRATCH = os.environ.get("KLANKBORD_MUTATE_DIR", "/tmp/klankbord-mutate")
SWIFT = os.environ.get("SWIFT", "swift")
FIELDS = {"file", "from", "to", "occurrence", "breaks", "tests"}


def parse(path):
    """The entries of the list, as dictionaries; stops with a message on a malformed entry."""
    entries, current = [], {}
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if current:
                    entries.append(current)
                    current = {}
                continue
            key, sep, value = line.partition(":")
            if not sep or key not in FIELDS:
                sys.exit(f"{path}:{number}: expected one of {sorted(FIELDS)}, got {line!r}")
            current[key] = value[1:] if value.startswith(" ") else value
    if current:
        entries.append(current)
    for entry in entries:
        missing = {"file", "from", "to", "breaks", "tests"} - entry.keys()
        if missing:
            sys.exit(f"{path}: entry {entry.get('from', '?')!r} lacks {sorted(missing)}")
    return entries


def sync_tree(tree):
    """Copies the package (sources, tests, manifest) into the scratch tree, keeping its .build."""
    skipped = {".build", ".git", ".venv", "var"}
    os.makedirs(tree, exist_ok=True)
    for name in os.listdir(tree):
        if name in skipped:
            continue
        target = os.path.join(tree, name)
        if os.path.isdir(target) and not os.path.islink(target):
            shutil.rmtree(target)
        else:
            os.remove(target)
    for name in os.listdir(ROOT):
        if name in skipped or name.startswith(".build"):
            continue
        source = os.path.join(ROOT, name)
        if os.path.isdir(source) and not os.path.islink(source):
            shutil.copytree(source, os.path.join(tree, name), symlinks=True)
        else:
            shutil.copy2(source, os.path.join(tree, name), follow_symlinks=False)
    # The tests that check against Python (icalendar, prometheus_client, the interop clients) skip without the
    # virtualenv; a skipped test kills nothing, so the copy uses the package's own.
    venv = os.path.join(ROOT, ".venv")
    if os.path.isdir(venv) and not os.path.lexists(os.path.join(tree, ".venv")):
        os.symlink(venv, os.path.join(tree, ".venv"))


def mutate(text, entry):
    """The file's text with the entry's line replaced, or None when the line is not there."""
    lines = text.split("\n")
    wanted = int(entry.get("occurrence", "1"))
    seen = 0
    for index, line in enumerate(lines):
        if line.strip() == entry["from"].strip():
            seen += 1
            if seen == wanted:
                indent = line[: len(line) - len(line.lstrip())]
                lines[index] = indent + entry["to"].strip()
                return "\n".join(lines)
    return None


def run(command, cwd, log):
    with open(log, "a", encoding="utf-8") as out:
        out.write("\n$ " + " ".join(command) + "\n")
        out.flush()
        return subprocess.run(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT).returncode


def main():
    entries = parse(LIST)
    only = os.environ.get("KLANKBORD_MUTATE_ONLY")
    if only:
        # For working on the list: only the entries whose file or behaviour mentions this text.
        entries = [e for e in entries if only in e["file"] or only in e["breaks"]]
    tree = os.path.join(SCRATCH, "tree")
    log = os.path.join(SCRATCH, "mutate.log")
    sync_tree(tree)
    open(log, "w").close()
    print(f"mutate: {len(entries)} mutations, scratch copy in {tree}, build and test output in {log}")
    if run([SWIFT, "build", "--build-tests"], tree, log) != 0:
        sys.exit("mutate: the unmutated copy does not build; see " + log)
    results = []
    for number, entry in enumerate(entries, 1):
        path = os.path.join(tree, entry["file"])
        started = time.monotonic()
        try:
            with open(path, encoding="utf-8") as handle:
                original = handle.read()
        except FileNotFoundError:
            original = None
        mutated = mutate(original, entry) if original is not None else None
        if mutated is None:
            verdict = "NOT FOUND"
        else:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(mutated)
            try:
                if run([SWIFT, "build", "--build-tests"], tree, log) != 0:
                    verdict = "DOES NOT BUILD"
                else:
                    status = run([SWIFT, "test", "--skip-build", "--disable-swift-testing", "--filter", entry["tests"]], tree, log)
                    verdict = "KILLED" if status != 0 else "SURVIVED"
            finally:
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(original)
        seconds = time.monotonic() - started
        results.append(verdict)
        print(f"{verdict:14} {number:2}. {entry['file']}: {entry['breaks']} [{entry['tests']}] ({seconds:.0f} s)", flush=True)
    killed = results.count("KILLED")
    print(f"mutate: {killed} of {len(results)} killed" + ("" if killed == len(results) else
          f"; {len(results) - killed} not: " + ", ".join(sorted(set(r for r in results if r != 'KILLED')))))
    return 0 if killed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
