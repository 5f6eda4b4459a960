#pragma once
// Runs one SQL statement on a raw connection and hands each row to `row` (store tests that
// look at the file the way another process would).
#include <doctest/doctest.h>
#include <sqlite3.h>

namespace quay::test {

template <class Row>
void raw_query(sqlite3* db, const char* sql, Row&& row) {
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK);
    int rc = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        row(st);
    CHECK(rc == SQLITE_DONE);
    sqlite3_finalize(st);
}

}  // namespace quay::test
