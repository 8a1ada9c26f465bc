#include <sqlite3.h>

/* sqlite3_config is variadic, which Swift cannot call: one wrapper per setting the package makes.
   Statement journals held in memory in small chunks (bytes < 0): with the default 64 KiB spill size each
   write statement inside a transaction allocated and freed one 64 KiB chunk, and glibc gave it back to
   the kernel and faulted it in again every time (docs/PERFORMANCE.md, "Where the time goes at light load"). */
static inline int klankbord_sqlite3_config_statement_journal_spill(int bytes) {
    return sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, bytes);
}
