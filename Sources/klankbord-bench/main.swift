import Klankbord

// The load generator; see docs/PERFORMANCE.md.
print("no benchmarks yet")
