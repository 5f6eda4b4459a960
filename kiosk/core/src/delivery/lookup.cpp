#include "quay/delivery/lookup.hpp"

#include <algorithm>

#include "quay/json_limits.hpp"
#include "quay/text/utf8.hpp"

namespace quay::delivery {

namespace {

bool all_digits(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_upper_alnum(std::string_view s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

// A string member as NFC text; a missing or mistyped one is a bad answer.
std::string text_member(const nlohmann::json& j, const char* key, bool required) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        if (required) throw Error("portal_error", std::string("the answer has no ") + key);
        return {};
    }
    if (!it->is_string()) throw Error("portal_error", std::string(key) + " is not a string");
    return text::to_nfc(it->get<std::string>());
}

constexpr std::string_view known_statuses[] = {"received",         "processing", "needs_supplement",
                                               "ready_for_pickup", "returned",   "rejected"};

DossierStatus parse_status(const std::string& body) {
    const auto j = json_limits::parse(body);
    if (j.is_discarded())
        throw Error("portal_error", "not JSON (or deeper or longer than the limits)");
    if (!j.is_object()) throw Error("portal_error", "the answer is not a JSON object");
    DossierStatus s;
    s.receipt_code = text_member(j, "receipt_code", true);
    s.portal_ref = text_member(j, "portal_ref", false);
    s.status = text_member(j, "status", true);
    if (std::find(std::begin(known_statuses), std::end(known_statuses), s.status) ==
        std::end(known_statuses))
        throw Error("portal_error", "unknown status '" + s.status + "'");
    s.updated_at = text_member(j, "updated_at", false);
    if (const auto h = j.find("history"); h != j.end() && !h->is_null()) {
        if (!h->is_array()) throw Error("portal_error", "history is not an array");
        for (const auto& step : *h) {
            if (!step.is_object()) throw Error("portal_error", "a history step is not an object");
            s.history.push_back({text_member(step, "status", true), text_member(step, "at", false),
                                 text_member(step, "note", false)});
        }
    }
    s.raw = j;
    return s;
}

}  // namespace

bool is_receipt_code(std::string_view code) {
    // <kiosk id: [A-Z0-9]{1,16}>-<YYMMDD>-<NNNN>
    const auto last = code.rfind('-');
    if (last == std::string_view::npos || last < 8) return false;
    const auto mid = code.rfind('-', last - 1);
    if (mid == std::string_view::npos || mid == 0 || mid > 16) return false;
    const auto kiosk = code.substr(0, mid);
    const auto day = code.substr(mid + 1, last - mid - 1);
    const auto seq = code.substr(last + 1);
    return is_upper_alnum(kiosk) && day.size() == 6 && all_digits(day) && seq.size() >= 4 &&
           seq.size() <= 6 && all_digits(seq);
}

bool is_id_last4(std::string_view digits) {
    return digits.size() == 4 && all_digits(digits);
}

StatusResult lookup_status(PortalClient& client, std::string_view receipt_code,
                           std::string_view id_last4, const std::atomic<bool>* abort) {
    StatusResult out;
    const Result r = client.get_status(receipt_code, id_last4, abort);
    if (!r.response) {
        out.kind = StatusResult::Kind::offline;
        out.message = std::string(to_string(r.error)) + ": " + r.error_text;
        return out;
    }
    const Response& res = *r.response;
    if (res.status == 404) {
        out.kind = StatusResult::Kind::not_found;
        return out;
    }
    if (res.status != 200 || !is_json_content_type(res.content_type)) {
        out.kind = StatusResult::Kind::error;
        out.message = "the portal answered HTTP " + std::to_string(res.status) +
                      (res.status == 200 ? " without JSON" : "");
        return out;
    }
    try {
        out.status = parse_status(res.body);
        out.kind = StatusResult::Kind::found;
    } catch (const std::exception& e) {
        out.kind = StatusResult::Kind::error;
        out.message = std::string("unreadable answer: ") + e.what();
    }
    return out;
}

std::optional<StatusResult> held_status(const store::Store& store, std::string_view receipt_code,
                                        std::string_view id_last4) {
    const auto item = store.find_by_receipt(receipt_code);
    if (!item || item->state == store::State::delivered || !item->body) return std::nullopt;
    // The ID number is read from the body, the bytes the portal will check it against.
    const auto body = json_limits::parse(*item->body);
    const nlohmann::json* id = nullptr;
    if (body.is_object() && body.contains("applicant") && body["applicant"].is_object()) {
        const auto it = body["applicant"].find("id_number");
        if (it != body["applicant"].end() && it->is_string()) id = &*it;
    }
    StatusResult out;
    const std::string digits = id ? id->get<std::string>() : std::string();
    if (digits.size() < 4 || digits.compare(digits.size() - 4, 4, id_last4) != 0) {
        out.kind = StatusResult::Kind::not_found;
        return out;
    }
    out.kind = StatusResult::Kind::found;
    out.source = StatusResult::Source::kiosk;
    out.status.receipt_code = item->receipt_code;
    out.status.status = item->state == store::State::dead ? "needs_staff" : "queued";
    out.status.updated_at = item->created_at;
    out.status.raw = {{"receipt_code", item->receipt_code},
                      {"source", "kiosk"},
                      {"status", out.status.status},
                      {"saved_at", item->created_at}};
    return out;
}

StatusResult answer_status(const store::Store& store, PortalClient* client,
                           std::string_view receipt_code, std::string_view id_last4,
                           const std::atomic<bool>* abort) {
    if (auto held = held_status(store, receipt_code, id_last4)) return std::move(*held);
    if (!client) {
        StatusResult out;
        out.kind = StatusResult::Kind::offline;
        out.message = "no portal configured";
        return out;
    }
    StatusResult out = lookup_status(*client, receipt_code, id_last4, abort);
    if (out.kind == StatusResult::Kind::found) out.status.raw["source"] = "portal";
    return out;
}

}  // namespace quay::delivery
