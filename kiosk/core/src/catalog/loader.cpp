#include "quay/catalog/loader.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>

#include "quay/catalog/validate.hpp"
#include "quay/clock_status.hpp"
#include "quay/embedded.hpp"
#include "quay/idcard/id_number.hpp"
#include "quay/json_limits.hpp"
#include "quay/text/utf8.hpp"
#include "reader.hpp"

namespace quay::catalog {
namespace {

using detail::read_provenance;
using detail::Reader;
using nlohmann::json;

constexpr std::size_t max_keywords = 64;
constexpr std::size_t max_keyword_chars = 100;

std::string describe(const std::string& source, const std::string& subject,
                     const std::string& procedure, const std::string& pointer,
                     const std::string& problem) {
    std::string out = source;
    if (!procedure.empty()) out.append(": ").append(subject).append(" ").append(procedure);
    if (!pointer.empty()) out.append(" at ").append(pointer);
    out.append(": ").append(problem);
    return out;
}

bool is_iso_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (s[i] < '0' || s[i] > '9') return false;
    }
    const int y = std::stoi(std::string(s.substr(0, 4)));
    const int m = std::stoi(std::string(s.substr(5, 2)));
    const int d = std::stoi(std::string(s.substr(8, 2)));
    return idcard::is_valid_date(y, m, d);
}

FormField read_field(const Reader& r, const json& j, const std::string& ptr,
                     const std::set<std::string>& groups, const Catalog& c) {
    r.object(j, ptr,
             {"code", "label", "type", "required", "group", "help", "options", "min", "max",
              "max_length", "not_after", "not_before", "list"},
             {"code", "label", "type", "required", "group"});
    FormField f;
    f.code = r.code(j["code"], ptr + "/code");
    f.label = r.text_of(j["label"], ptr + "/label");
    const auto type = parse_field_type(r.string(j["type"], ptr + "/type"));
    if (!type)
        r.fail(ptr + "/type", "must be text, date, phone, email, id_number, number or choice");
    f.type = *type;
    f.required = r.boolean(j["required"], ptr + "/required");
    f.group = r.code(j["group"], ptr + "/group");
    if (!groups.contains(f.group)) r.fail(ptr + "/group", "names no group of this procedure");
    if (j.contains("help")) f.help = r.text_of(j["help"], ptr + "/help");
    if (f.type == FieldType::choice) {
        if (!j.contains("options")) r.fail(ptr + "/options", "is required for a choice");
        const auto& opts = r.array(j["options"], ptr + "/options", true);
        std::set<std::string> seen;
        for (std::size_t i = 0; i < opts.size(); ++i) {
            const auto op = ptr + "/options/" + std::to_string(i);
            r.object(opts[i], op, {"value", "label"}, {"value", "label"});
            ChoiceOption o{r.string(opts[i]["value"], op + "/value", false),
                           r.text_of(opts[i]["label"], op + "/label")};
            if (!seen.insert(o.value).second) r.fail(op + "/value", "is listed twice");
            f.options.push_back(std::move(o));
        }
    } else if (j.contains("options")) {
        r.fail(ptr + "/options", "is only for choice fields");
    }
    if (j.contains("min") || j.contains("max")) {
        if (f.type != FieldType::number) r.fail(ptr + "/min", "min/max are only for number fields");
        if (j.contains("min")) f.min = r.number(j["min"], ptr + "/min");
        if (j.contains("max")) f.max = r.number(j["max"], ptr + "/max");
        if (f.min && f.max && *f.min > *f.max) r.fail(ptr + "/min", "is larger than max");
    }
    if (j.contains("max_length")) {
        if (f.type != FieldType::text) r.fail(ptr + "/max_length", "is only for text fields");
        f.max_length = static_cast<int>(r.integer(j["max_length"], ptr + "/max_length", 1, 10000));
    }
    if (j.contains("list")) {
        if (f.type != FieldType::text) r.fail(ptr + "/list", "is only for text fields");
        f.list = r.code(j["list"], ptr + "/list");
        if (!c.find_list(f.list)) r.fail(ptr + "/list", "names no list of this catalogue");
    }
    for (const char* k : {"not_after", "not_before"}) {
        if (!j.contains(k)) continue;
        const auto v = r.string(j[k], ptr + "/" + k);
        const bool ok =
            (f.type == FieldType::date && v == "today") ||
            (f.type == FieldType::number && v == "current_year" && std::string(k) == "not_after");
        if (!ok) r.fail(ptr + "/" + k, "must be \"today\" (dates) or \"current_year\" (numbers)");
        (std::string(k) == "not_after" ? f.not_after : f.not_before) = v;
    }
    return f;
}

// Optional search words: each must leave something to search once folded, and the same
// words (folded) may not be listed twice.
std::vector<std::string> read_keywords(const Reader& r, const json& j, const std::string& ptr) {
    const auto& list = r.array(j, ptr);
    if (list.size() > max_keywords) {
        r.fail(ptr, "at most " + std::to_string(max_keywords) + " keywords");
    }
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto kp = ptr + "/" + std::to_string(i);
        auto k = r.string(list[i], kp, false);
        if (text::decode(k).size() > max_keyword_chars) {
            r.fail(kp, "is longer than " + std::to_string(max_keyword_chars) + " characters");
        }
        const auto folded = text::fold_for_search(k);
        if (folded.empty()) r.fail(kp, "has nothing to search for (no letter or digit)");
        if (!seen.insert(folded).second) r.fail(kp, "is listed twice");
        out.push_back(std::move(k));
    }
    return out;
}

Procedure read_procedure(Reader& r, const json& j, const std::string& ptr,
                         const std::set<std::string>& life_events, const Catalog& c) {
    r.procedure.clear();
    r.object(j, ptr,
             {"code", "name", "field", "life_events", "agency", "who", "situations", "steps",
              "documents", "fees", "processing_time", "processing_days", "result_at", "legal_basis",
              "last_updated", "groups", "fields", "provenance", "keywords"},
             {"code", "name", "field", "life_events", "agency", "who", "situations", "steps",
              "documents", "fees", "processing_time", "processing_days", "result_at", "legal_basis",
              "last_updated", "groups", "fields", "provenance"});
    Procedure p;
    p.code = r.string(j["code"], ptr + "/code", false);
    for (char c : p.code) {
        if (!((c >= '0' && c <= '9') || c == '.')) r.fail(ptr + "/code", "must be digits and dots");
    }
    r.procedure = p.code;
    p.name = r.text_of(j["name"], ptr + "/name");
    r.object(j["field"], ptr + "/field", {"code", "name"}, {"code", "name"});
    p.field_code = r.code(j["field"]["code"], ptr + "/field/code");
    p.field = r.text_of(j["field"]["name"], ptr + "/field/name");
    const auto& evs = r.array(j["life_events"], ptr + "/life_events");
    for (std::size_t i = 0; i < evs.size(); ++i) {
        const auto e = r.code(evs[i], ptr + "/life_events/" + std::to_string(i));
        if (!life_events.contains(e)) {
            r.fail(ptr + "/life_events/" + std::to_string(i),
                   "is not a life event of the catalogue");
        }
        p.life_events.push_back(e);
    }
    p.agency = r.text_of(j["agency"], ptr + "/agency");
    p.who = r.text_of(j["who"], ptr + "/who");
    const auto& sits = r.array(j["situations"], ptr + "/situations", true);
    for (std::size_t i = 0; i < sits.size(); ++i) {
        const auto sp = ptr + "/situations/" + std::to_string(i);
        r.object(sits[i], sp, {"code", "title", "description"}, {"code", "title", "description"});
        p.situations.push_back(Situation{r.code(sits[i]["code"], sp + "/code"),
                                         r.text_of(sits[i]["title"], sp + "/title"),
                                         r.text_of(sits[i]["description"], sp + "/description")});
    }
    const auto& steps = r.array(j["steps"], ptr + "/steps", true);
    for (std::size_t i = 0; i < steps.size(); ++i) {
        p.steps.push_back(r.text_of(steps[i], ptr + "/steps/" + std::to_string(i)));
    }
    std::set<std::string> codes;
    const auto& docs = r.array(j["documents"], ptr + "/documents");
    for (std::size_t i = 0; i < docs.size(); ++i) {
        const auto dp = ptr + "/documents/" + std::to_string(i);
        r.object(docs[i], dp, {"code", "name", "original", "copies", "note"},
                 {"code", "name", "original", "copies", "note"});
        Document d{r.code(docs[i]["code"], dp + "/code"), r.text_of(docs[i]["name"], dp + "/name"),
                   r.boolean(docs[i]["original"], dp + "/original"),
                   static_cast<int>(r.integer(docs[i]["copies"], dp + "/copies", 0, 100)),
                   r.text_of(docs[i]["note"], dp + "/note", false)};
        if (!d.original && d.copies == 0)
            r.fail(dp + "/copies", "a copy-only document needs copies > 0");
        if (!codes.insert("d:" + d.code).second) r.fail(dp + "/code", "is used twice");
        p.documents.push_back(std::move(d));
    }
    const auto& fees = r.array(j["fees"], ptr + "/fees");
    for (std::size_t i = 0; i < fees.size(); ++i) {
        const auto fp = ptr + "/fees/" + std::to_string(i);
        r.object(fees[i], fp, {"code", "name", "amount_dong", "note"},
                 {"code", "name", "amount_dong", "note"});
        Fee f{r.code(fees[i]["code"], fp + "/code"), r.text_of(fees[i]["name"], fp + "/name"),
              std::nullopt, r.text_of(fees[i]["note"], fp + "/note", false)};
        if (!fees[i]["amount_dong"].is_null()) {
            f.amount_dong =
                r.integer(fees[i]["amount_dong"], fp + "/amount_dong", 0, 1'000'000'000);
        } else if (f.note.vi.empty()) {
            r.fail(fp + "/note", "must say who sets the amount when amount_dong is null");
        }
        if (!codes.insert("f:" + f.code).second) r.fail(fp + "/code", "is used twice");
        p.fees.push_back(std::move(f));
    }
    p.processing_time = r.text_of(j["processing_time"], ptr + "/processing_time");
    if (!j["processing_days"].is_null()) {
        p.processing_days =
            static_cast<int>(r.integer(j["processing_days"], ptr + "/processing_days", 0, 365));
    }
    p.result_at = r.text_of(j["result_at"], ptr + "/result_at");
    const auto& legal = r.array(j["legal_basis"], ptr + "/legal_basis");
    for (std::size_t i = 0; i < legal.size(); ++i) {
        p.legal_basis.push_back(
            r.string(legal[i], ptr + "/legal_basis/" + std::to_string(i), false));
    }
    p.last_updated = r.string(j["last_updated"], ptr + "/last_updated");
    if (!is_iso_date(p.last_updated)) r.fail(ptr + "/last_updated", "must be a date YYYY-MM-DD");
    std::set<std::string> groups;
    const auto& gs = r.array(j["groups"], ptr + "/groups");
    for (std::size_t i = 0; i < gs.size(); ++i) {
        const auto gp = ptr + "/groups/" + std::to_string(i);
        r.object(gs[i], gp, {"code", "title"}, {"code", "title"});
        FieldGroup g{r.code(gs[i]["code"], gp + "/code"), r.text_of(gs[i]["title"], gp + "/title")};
        if (!groups.insert(g.code).second) r.fail(gp + "/code", "is used twice");
        p.groups.push_back(std::move(g));
    }
    const auto& fs = r.array(j["fields"], ptr + "/fields");
    std::set<std::string> field_codes;
    for (std::size_t i = 0; i < fs.size(); ++i) {
        const auto fp = ptr + "/fields/" + std::to_string(i);
        auto f = read_field(r, fs[i], fp, groups, c);
        if (!field_codes.insert(f.code).second) r.fail(fp + "/code", "is used twice");
        p.fields.push_back(std::move(f));
    }
    p.provenance = read_provenance(r, j["provenance"], ptr + "/provenance");
    if (j.contains("keywords")) p.keywords = read_keywords(r, j["keywords"], ptr + "/keywords");
    return p;
}

// A bundle's prefilled fields (docs/bundles.md "Prefilled"): each a text field of one of
// its procedures, once, filled from a text field of the applicant or with a fixed value.
std::vector<Prefill> read_prefill(Reader& r, const json& j, const std::string& ptr, const Bundle& b,
                                  const Catalog& c) {
    std::vector<Prefill> out;
    const auto& items = r.array(j, ptr);
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto ip = ptr + "/" + std::to_string(i);
        r.object(items[i], ip, {"procedure", "field", "from", "value"}, {"procedure", "field"});
        Prefill pre;
        pre.procedure = r.string(items[i]["procedure"], ip + "/procedure");
        pre.field = r.string(items[i]["field"], ip + "/field");
        if (std::find(b.procedures.begin(), b.procedures.end(), pre.procedure) ==
            b.procedures.end())
            r.fail(ip + "/procedure", "names no procedure of this bundle");
        const FormField* f = c.find(pre.procedure)->find_field(pre.field);
        if (!f) r.fail(ip + "/field", "names no field of procedure " + pre.procedure);
        if (f->type != FieldType::text) r.fail(ip + "/field", "is not a text field");
        for (const auto& earlier : out)
            if (earlier.procedure == pre.procedure && earlier.field == pre.field)
                r.fail(ip + "/field", "is prefilled twice");
        if (items[i].contains("from") == items[i].contains("value"))
            r.fail(ip, "needs either \"from\" or \"value\"");
        if (items[i].contains("from")) {
            const auto from = r.string(items[i]["from"], ip + "/from");
            const auto& applicant = applicant_fields();
            const auto a = std::find_if(applicant.begin(), applicant.end(), [&](const auto& af) {
                return "applicant." + af.code == from;
            });
            if (a == applicant.end() || a->type != FieldType::text)
                r.fail(ip + "/from", "must name a text field of the applicant (applicant.address)");
            pre.from_applicant = a->code;
        } else {
            pre.value = r.string(items[i]["value"], ip + "/value", false);
            // The field's own rules (a text field's are not about today).
            const TodayRange any_day{std::chrono::year{2000} / 1 / 1, std::nullopt};
            if (const auto problem = validate_value(*f, pre.value, any_day))
                r.fail(ip + "/value", problem->message);
        }
        out.push_back(std::move(pre));
    }
    return out;
}

// A liên thông bundle (docs/bundles.md): its procedures must be in this catalogue, each
// once; a shared field links fields of the same type in at least two of them.
Bundle read_bundle(Reader& r, const json& j, const std::string& ptr, const Catalog& c) {
    r.procedure.clear();
    r.object(j, ptr,
             {"code", "name", "procedures", "shared_fields", "prefill", "note", "provenance"},
             {"code", "name", "procedures", "shared_fields", "provenance"});
    Bundle b;
    b.code = r.code(j["code"], ptr + "/code");
    b.name = r.text_of(j["name"], ptr + "/name");
    if (j.contains("note")) b.note = r.text_of(j["note"], ptr + "/note", false);
    const auto& ps = r.array(j["procedures"], ptr + "/procedures", true);
    for (std::size_t i = 0; i < ps.size(); ++i) {
        const auto pp = ptr + "/procedures/" + std::to_string(i);
        auto code = r.string(ps[i], pp);
        if (!c.find(code)) r.fail(pp, "names no procedure of this catalogue");
        if (std::find(b.procedures.begin(), b.procedures.end(), code) != b.procedures.end())
            r.fail(pp, "is listed twice");
        b.procedures.push_back(std::move(code));
    }
    const auto& sf = r.array(j["shared_fields"], ptr + "/shared_fields");
    for (std::size_t i = 0; i < sf.size(); ++i) {
        const auto sp = ptr + "/shared_fields/" + std::to_string(i);
        if (!sf[i].is_object() || sf[i].size() < 2)
            r.fail(sp, "must be an object linking at least two procedures");
        std::map<std::string, std::string> link;
        std::optional<FieldType> type;
        for (const auto& [proc, field] : sf[i].items()) {
            const auto fp = sp + "/" + proc;
            if (std::find(b.procedures.begin(), b.procedures.end(), proc) == b.procedures.end())
                r.fail(fp, "names no procedure of this bundle");
            const auto code = r.string(field, fp);
            const FormField* f = c.find(proc)->find_field(code);
            if (!f) r.fail(fp, "names no field of procedure " + proc);
            if (type && *type != f->type) r.fail(fp, "differs in type from the other fields");
            type = f->type;
            link[proc] = code;
        }
        b.shared_fields.push_back(std::move(link));
    }
    if (j.contains("prefill")) b.prefill = read_prefill(r, j["prefill"], ptr + "/prefill", b, c);
    b.provenance = read_provenance(r, j["provenance"], ptr + "/provenance");
    return b;
}

std::string read_all(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw CatalogError(file.string(), "", "", "cannot open the file");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

namespace detail {

Provenance read_provenance(const Reader& r, const json& j, const std::string& ptr) {
    const auto& pv = r.object(j, ptr, {"confidence", "sources", "remarks", "inferred"},
                              {"confidence", "sources", "remarks", "inferred"});
    Provenance out;
    out.confidence = r.string(pv["confidence"], ptr + "/confidence");
    out.remarks = r.string(pv["remarks"], ptr + "/remarks");
    for (const auto* key : {"sources", "inferred"}) {
        const auto& list = r.array(pv[key], ptr + "/" + key);
        for (std::size_t i = 0; i < list.size(); ++i) {
            auto v = r.string(list[i], ptr + "/" + key + "/" + std::to_string(i));
            (std::string(key) == "sources" ? out.sources : out.inferred).push_back(std::move(v));
        }
    }
    return out;
}

}  // namespace detail

CatalogError::CatalogError(std::string source, std::string procedure, std::string pointer,
                           const std::string& problem, const std::string& subject)
    : Error("bad_catalog", describe(source, subject, procedure, pointer, problem)),
      source_(std::move(source)),
      procedure_(std::move(procedure)),
      pointer_(std::move(pointer)) {}

Catalog parse(std::string_view bytes, std::string_view source_name) {
    Reader r{std::string(source_name)};
    if (const auto bad = text::find_invalid_utf8(bytes)) {
        r.fail("", "invalid UTF-8 at byte " + std::to_string(*bad));
    }
    if (!json_limits::depth_within(bytes)) {
        r.fail("", "not JSON: nested deeper than " + std::to_string(json_limits::max_depth) +
                       " levels");
    }
    json doc;
    try {
        doc = json::parse(bytes);
    } catch (const json::exception& e) {  // parse_error, and out_of_range for 1e99999
        r.fail("", std::string("not JSON: ") + e.what());
    }
    r.object(
        doc, "",
        {"format", "catalog_version", "life_events", "procedures", "bundles", "guides", "lists"},
        {"format", "catalog_version", "life_events", "procedures"});
    Catalog c;
    c.format = static_cast<int>(r.integer(doc["format"], "/format", 1, 2));
    if (c.format == 1 && doc.contains("guides")) r.fail("/guides", "needs format 2");
    if (c.format == 1 && doc.contains("lists")) r.fail("/lists", "needs format 2");
    c.catalog_version = r.string(doc["catalog_version"], "/catalog_version", false);
    std::set<std::string> events;
    const auto& evs = r.array(doc["life_events"], "/life_events");
    for (std::size_t i = 0; i < evs.size(); ++i) {
        const auto ep = "/life_events/" + std::to_string(i);
        r.object(evs[i], ep, {"code", "name"}, {"code", "name"});
        LifeEvent e{r.code(evs[i]["code"], ep + "/code"), r.text_of(evs[i]["name"], ep + "/name")};
        if (!events.insert(e.code).second) r.fail(ep + "/code", "is used twice");
        c.life_events.push_back(std::move(e));
    }
    if (doc.contains("lists")) c.lists = detail::read_lists(r, doc["lists"]);
    const auto& procs = r.array(doc["procedures"], "/procedures", true);
    std::set<std::string> codes;
    for (std::size_t i = 0; i < procs.size(); ++i) {
        auto p = read_procedure(r, procs[i], "/procedures/" + std::to_string(i), events, c);
        if (!codes.insert(p.code).second)
            r.fail("/procedures/" + std::to_string(i) + "/code", "is used twice");
        c.procedures.push_back(std::move(p));
    }
    if (doc.contains("bundles")) {
        const auto& bs = r.array(doc["bundles"], "/bundles");
        for (std::size_t i = 0; i < bs.size(); ++i) {
            auto b = read_bundle(r, bs[i], "/bundles/" + std::to_string(i), c);
            if (c.find_bundle(b.code))
                r.fail("/bundles/" + std::to_string(i) + "/code", "is used twice");
            c.bundles.push_back(std::move(b));
        }
    }
    if (doc.contains("guides")) c.guides = detail::read_guides(r, doc["guides"], c);
    return c;
}

std::string version_of_portal_catalog(const std::string& document) {
    return parse(document, "the portal's catalogue").catalog_version;
}

Catalog load_file(const std::filesystem::path& file) {
    return parse(read_all(file), file.string());
}

Catalog bundled() {
    const auto bytes = embedded::assets::find("catalog.json");
    if (!bytes) throw CatalogError("bundled catalog.json", "", "", "is not embedded");
    return parse(*bytes, "bundled catalog.json");
}

ActiveCatalog load_active(const config::Config& config) {
    if (!config.catalog.file.empty()) {
        return {load_file(config.catalog.file), ActiveCatalog::Source::config_file, {}};
    }
    const auto synced = config.kiosk.data_dir / "catalog.json";
    std::string note;
    std::error_code ec;
    if (std::filesystem::exists(synced, ec)) {
        try {
            return {load_file(synced), ActiveCatalog::Source::synced, {}};
        } catch (const Error& e) {
            note = std::string("synced catalogue not used: ") + e.what();
        }
    }
    return {bundled(), ActiveCatalog::Source::bundled, note};
}

}  // namespace quay::catalog
