// Salvage of a damaged copy: its undelivered dossiers go into the fresh store with their
// dossier_id (the Idempotency-Key), receipt code, created_at and byte-identical body, so
// the sender delivers each exactly once (the portal answers a replay with 200).
//
// Debian 12's libsqlite3 (3.40.1) has no recovery API, so the copy is read in-process,
// read-only and immutable, row by row by rowid: a range scan streams the rows; where a
// damaged page stops it, single-rowid lookups step past the rows that cannot be read and
// the scan resumes after them. One damaged page loses only its own rows.
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <optional>
#include <string>

#include "impl.hpp"
#include "quay/json_limits.hpp"

namespace quay::store::detail {

namespace fs = std::filesystem;

namespace {

// Rowids past a damaged page that are tried one by one before giving up on the rest.
constexpr std::int64_t max_misses = 100000;

constexpr const char* row_columns =
    "seq, dossier_id, receipt_code, procedure_code, catalog_version, state, attempts, "
    "last_error, error_details, created_at, created_ms, applicant_name, body";

struct Row {
    std::int64_t seq = 0;
    std::string dossier_id, receipt_code, procedure_code, catalog_version, state, created_at;
    std::int64_t attempts = 0, created_ms = 0;
    std::optional<std::string> last_error, error_details, applicant_name, body;
};

class Query {
  public:
    Query(sqlite3* db, const char* sql) {
        if (sqlite3_prepare_v2(db, sql, -1, &st_, nullptr) != SQLITE_OK) {
            sqlite3_finalize(st_);
            st_ = nullptr;
        }
    }
    ~Query() { sqlite3_finalize(st_); }
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;
    bool ok() const { return st_ != nullptr; }
    // Restarts the query with ?1 = key.
    void start(std::int64_t key) {
        sqlite3_reset(st_);
        sqlite3_bind_int64(st_, 1, key);
    }
    int step() { return sqlite3_step(st_); }
    std::optional<std::string> text(int i) const {
        if (sqlite3_column_type(st_, i) == SQLITE_NULL) return std::nullopt;
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_, i));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(st_, i)))
                 : std::string();
    }
    std::int64_t integer(int i) const { return sqlite3_column_int64(st_, i); }
    Row row() const {
        Row r;
        r.seq = integer(0);
        r.dossier_id = text(1).value_or("");
        r.receipt_code = text(2).value_or("");
        r.procedure_code = text(3).value_or("");
        r.catalog_version = text(4).value_or("");
        r.state = text(5).value_or("");
        r.attempts = integer(6);
        r.last_error = text(7);
        r.error_details = text(8);
        r.created_at = text(9).value_or("");
        r.created_ms = integer(10);
        r.applicant_name = text(11);
        r.body = text(12);
        return r;
    }

  private:
    sqlite3_stmt* st_ = nullptr;
};

class Source {
  public:
    explicit Source(const fs::path& file) {
        sqlite3_open_v2(immutable_uri(file).c_str(), &db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
                        nullptr);
    }
    ~Source() { sqlite3_close(db_); }
    Source(const Source&) = delete;
    Source& operator=(const Source&) = delete;
    sqlite3* get() const { return db_; }

  private:
    sqlite3* db_ = nullptr;
};

bool is_uuid(const std::string& s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
    }
    return true;
}

bool undelivered(const Row& r) {
    return r.state == "pending" || r.state == "in_flight" || r.state == "dead";
}

// A damaged page can also yield a row of garbage that SQLite decodes without complaint:
// a row counts only if its ids are well formed and its body names the same dossier.
bool plausible(const Row& r) {
    if (!is_uuid(r.dossier_id) || r.receipt_code.empty() || r.procedure_code.empty() ||
        r.catalog_version.empty() || r.created_at.empty() || !parse_state(r.state))
        return false;
    if (!r.body) return r.state == "delivered" || r.state == "dead";  // purged by retention
    const auto body = json_limits::parse(*r.body);
    return body.is_object() && body.value("dossier_id", "") == r.dossier_id &&
           body.value("receipt_code", "") == r.receipt_code;
}

std::optional<std::int64_t> last_rowid(sqlite3* db) {
    std::optional<std::int64_t> out;
    for (const char* sql : {"SELECT max(seq) FROM dossiers",
                            "SELECT seq FROM sqlite_sequence WHERE name = 'dossiers'"}) {
        Query q(db, sql);
        if (q.ok() && q.step() == SQLITE_ROW && q.text(0).has_value())
            out = std::max(out.value_or(0), q.integer(0));
    }
    return out;
}

class Salvager {
  public:
    explicit Salvager(Db& into) : into_(into) {}

    // nullopt when the copy's dossiers table cannot be read at all.
    std::optional<SalvageCount> read(sqlite3* src) {
        Query scan(src, (std::string("SELECT ") + row_columns +
                         " FROM dossiers WHERE seq >= ?1 ORDER BY seq")
                            .c_str());
        Query probe(
            src, (std::string("SELECT ") + row_columns + " FROM dossiers WHERE seq = ?1").c_str());
        if (!scan.ok() || !probe.ok()) return std::nullopt;
        const auto last = last_rowid(src);
        std::int64_t next = 1;
        for (;;) {
            scan.start(next);
            int rc;
            while ((rc = scan.step()) == SQLITE_ROW)
                take(scan.row(), next);
            if (rc == SQLITE_DONE && (!last || next > *last)) break;
            // A damaged page (or rows missing before the last rowid): step past it.
            bool resumed = false;
            for (std::int64_t misses = 0; misses < max_misses && (!last || next <= *last);
                 ++misses) {
                probe.start(next);
                if (probe.step() == SQLITE_ROW) {
                    take(probe.row(), next);
                    resumed = true;
                    break;
                }
                ++next;
            }
            if (!resumed) break;
        }
        // Rowids are never reused nor deleted (AUTOINCREMENT, rows are only purged of their
        // body): every rowid up to the last one tried (the last rowid, unless a garbage
        // one lay past max_misses) that did not yield a sound row is lost.
        count_.unreadable = next - 1 - sound_;
        count_.readable = true;
        return count_;
    }

  private:
    void take(const Row& r, std::int64_t& next) {
        if (r.seq < next) return;  // rows come in rowid order: a repeat is garbage
        next = r.seq + 1;
        if (!plausible(r)) return;
        ++sound_;
        floor_code(into_, r.receipt_code);  // no code the copy issued is handed out again
        if (!undelivered(r)) return;
        std::optional<std::string> details;
        if (r.error_details && !json_limits::parse(*r.error_details).is_discarded())
            details = r.error_details;
        Stmt insert(into_,
                    "INSERT OR IGNORE INTO dossiers (dossier_id, receipt_code, procedure_code, "
                    "catalog_version, state, attempts, last_error, error_details, created_at, "
                    "created_ms, applicant_name, body) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insert.bind(1, std::string_view(r.dossier_id))
            .bind(2, std::string_view(r.receipt_code))
            .bind(3, std::string_view(r.procedure_code))
            .bind(4, std::string_view(r.catalog_version))
            .bind(5, std::string_view(r.state == "dead" ? "dead" : "pending"))
            .bind(6, r.attempts)
            .bind_opt(7, r.last_error)
            .bind_opt(8, details)
            .bind(9, std::string_view(r.created_at))
            .bind(10, r.created_ms)
            .bind_opt(11, r.applicant_name)
            .bind_opt(12, r.body);
        insert.run();
        // Ignored: already here (salvaged from another copy of the same history).
        if (sqlite3_changes(into_.get()) > 0) ++count_.salvaged;
    }

    Db& into_;
    SalvageCount count_;
    std::int64_t sound_ = 0;
};

void put_u32(unsigned char* p, std::uint32_t v) {
    p[0] = static_cast<unsigned char>(v >> 24);
    p[1] = static_cast<unsigned char>(v >> 16);
    p[2] = static_cast<unsigned char>(v >> 8);
    p[3] = static_cast<unsigned char>(v);
}

// A copy of `from` at `to` whose 100-byte database header is rewritten with plain values
// (the page size kept when it is still plausible): a damaged header hides every table
// behind it, while the schema and the rows start after it.
bool copy_with_header(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::remove(to, ec);
    if (!fs::copy_file(from, to, ec) || ec) return false;
    fs::permissions(to, fs::perms::owner_read | fs::perms::owner_write, ec);
    std::fstream f(to, std::ios::in | std::ios::out | std::ios::binary);
    unsigned char h[100] = {};
    if (!f.read(reinterpret_cast<char*>(h), sizeof h)) return false;
    unsigned page = (unsigned{h[16]} << 8) | h[17];
    if (page == 1) page = 65536;
    if (page < 512 || page > 65536 || (page & (page - 1)) != 0) page = 4096;
    const auto size = fs::file_size(to, ec);
    if (ec || size < page) return false;
    std::fill(std::begin(h), std::end(h), 0);
    const char magic[] = "SQLite format 3";  // and its NUL
    std::copy(std::begin(magic), std::end(magic), h);
    h[16] = static_cast<unsigned char>(page == 65536 ? 0 : page >> 8);
    h[17] = static_cast<unsigned char>(page == 65536 ? 1 : page & 0xff);
    h[18] = h[19] = 1;  // rollback journal
    h[21] = 64;
    h[22] = h[23] = 32;
    put_u32(h + 24, 1);                                        // change counter
    put_u32(h + 28, static_cast<std::uint32_t>(size / page));  // pages
    put_u32(h + 40, 1);                                        // schema cookie
    put_u32(h + 44, 4);                                        // schema format
    put_u32(h + 56, 1);                                        // UTF-8
    put_u32(h + 92, 1);                                        // = change counter: size valid
    put_u32(h + 96, SQLITE_VERSION_NUMBER);
    f.seekp(0);
    f.write(reinterpret_cast<const char*>(h), sizeof h);
    return static_cast<bool>(f.flush());
}

}  // namespace

SalvageCount salvage_copy(Db& into, const fs::path& copy) {
    {
        Source src(copy);
        if (auto n = Salvager(into).read(src.get())) return *n;
    }
    // The temporary copy holds personal data: it lives in data_dir (0700) and is removed
    // before this returns (or by the next salvage, after a crash).
    const fs::path repaired = copy.parent_path() / "salvage.tmp";
    std::optional<SalvageCount> n;
    if (copy_with_header(copy, repaired)) {
        Source src(repaired);
        n = Salvager(into).read(src.get());
    }
    std::error_code ec;
    fs::remove(repaired, ec);
    return n.value_or(SalvageCount{});
}

}  // namespace quay::store::detail
