#include "quay/flow/session.hpp"

#include <algorithm>

namespace quay::flow {

namespace {
void scrub(std::string& s) {
    std::fill(s.begin(), s.end(), '\0');
    s.clear();
}
}  // namespace

std::string Session::value(std::string_view k) const {
    auto it = values.find(std::string(k));
    return it == values.end() ? std::string() : it->second;
}

bool Session::pristine(Language default_language) const {
    return language == default_language && !large_text && !high_contrast &&
           method == default_method(default_language) && values.empty() && !receipt && !status &&
           procedure_code.empty();
}

void Session::wipe(Language default_language) {
    for (auto& [k, v] : values)
        scrub(v);
    const auto scrub_receipt = [](ReceiptInfo& r) {
        scrub(r.receipt_code);
        scrub(r.dossier_id);
        scrub(r.portal_ref);
    };
    if (receipt) scrub_receipt(*receipt);
    for (auto& r : bundle_receipts)
        scrub_receipt(r);
    if (status) {
        scrub(status->receipt_code);
        scrub(status->portal_ref);
        for (auto& h : status->history)
            scrub(h.note);
    }
    *this = Session{};
    language = default_language;
    method = default_method(default_language);
}

std::string_view to_string(PrintState s) {
    switch (s) {
        case PrintState::none:
            return "none";
        case PrintState::printing:
            return "printing";
        case PrintState::printed:
            return "printed";
        case PrintState::paper_out:
            return "paper_out";
        case PrintState::offline:
            return "offline";
        case PrintState::error:
            return "error";
        case PrintState::no_printer:
            return "no_printer";
    }
    return "error";
}

}  // namespace quay::flow
