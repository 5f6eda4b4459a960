// Receipt numbers are never handed out twice, even after a damaged file was moved aside
// and the store started afresh: the new file's per-day counters start above everything the
// damaged copies issued (their counters and their codes, as far as they can be read), and
// today's counter starts at unreadable_floor when a copy cannot be read at all.
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>

#include "impl.hpp"

namespace quay::store::detail {

namespace {

using Counters = std::map<std::string, std::int64_t>;  // YYMMDD -> last number
// (YYYY-MM-DD, field) -> last queue number handed out (store/submit.cpp)
using QueueCounters = std::map<std::pair<std::string, std::string>, std::int64_t>;

void raise(Counters& c, const std::string& day, std::int64_t n) {
    c[day] = std::max(c[day], n);
}

// <kiosk id>-<YYMMDD>-<NNNN>: the day and number, or false for another shape.
bool split_code(const std::string& code, std::string& day, std::int64_t& number) {
    const auto last = code.rfind('-');
    if (last == std::string::npos || last < 7 || code[last - 7] != '-') return false;
    day = code.substr(last - 6, 6);
    number = std::atoll(code.c_str() + last + 1);
    return true;
}

// Reads what it can; false if the copy could not be read at all.
bool read_counters(const std::filesystem::path& copy, Counters& out, QueueCounters& queue) {
    sqlite3* db = nullptr;
    const std::string uri = immutable_uri(copy);
    const int open =
        sqlite3_open_v2(uri.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
    bool any = false;
    auto each = [&](const char* sql, auto&& row) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) return;
        while (sqlite3_step(st) == SQLITE_ROW) {
            any = true;
            row(st);
        }
        sqlite3_finalize(st);
    };
    auto text = [](sqlite3_stmt* st, int i) {
        const auto* t = sqlite3_column_text(st, i);
        return t ? std::string(reinterpret_cast<const char*>(t)) : std::string();
    };
    if (open == SQLITE_OK) {
        each("SELECT day, last FROM receipt_counters",
             [&](sqlite3_stmt* st) { raise(out, text(st, 0), sqlite3_column_int64(st, 1)); });
        // Absent in files older than migration 5: prepare fails and nothing is read.
        each("SELECT day, field, last FROM queue_counters", [&](sqlite3_stmt* st) {
            auto& last = queue[{text(st, 0), text(st, 1)}];
            last = std::max(last, static_cast<std::int64_t>(sqlite3_column_int64(st, 2)));
        });
        // <kiosk id>-<YYMMDD>-<NNNN>: the codes count even where the counter row is lost.
        each("SELECT receipt_code FROM dossiers", [&](sqlite3_stmt* st) {
            std::string day;
            std::int64_t n = 0;
            if (split_code(text(st, 0), day, n)) raise(out, day, n);
        });
    }
    sqlite3_close(db);
    return any;
}

}  // namespace

namespace {

void raise_counter(Db& db, std::string_view day, std::int64_t last) {
    Stmt s(db,
           "INSERT INTO receipt_counters (day, last) VALUES (?, ?) "
           "ON CONFLICT (day) DO UPDATE SET last = max(last, excluded.last)");
    s.bind(1, day).bind(2, last).run();
}

}  // namespace

std::string immutable_uri(const std::filesystem::path& file) {
    std::string uri = "file:";
    for (const char c : file.string()) {
        if (c == '%' || c == '?' || c == '#') {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(c));
            uri += hex;
        } else {
            uri += c;
        }
    }
    return uri + "?mode=ro&immutable=1";
}

void floor_code(Db& db, std::string_view receipt_code) {
    std::string day;
    std::int64_t n = 0;
    if (split_code(std::string(receipt_code), day, n)) raise_counter(db, day, n);
}

void floor_counters(Db& db, const std::vector<std::filesystem::path>& copies,
                    const std::string& today) {
    Counters floor;
    QueueCounters queue;
    for (const auto& copy : copies)
        if (!read_counters(copy, floor, queue)) raise(floor, today, unreadable_floor);
    for (const auto& [day, last] : floor)
        raise_counter(db, day, last);
    // Queue numbers too, as far as the copies can be read (docs/receipts.md).
    for (const auto& [key, last] : queue) {
        Stmt s(db,
               "INSERT INTO queue_counters (day, field, last) VALUES (?, ?, ?) "
               "ON CONFLICT (day, field) DO UPDATE SET last = max(last, excluded.last)");
        s.bind(1, key.first).bind(2, key.second).bind(3, last).run();
    }
}

}  // namespace quay::store::detail
