#pragma once
// Guided questions (docs/catalog-format.md "Guided questions"): walking a guide's tree
// with the citizen's answers and resolving the outcome they reach. The one place that
// turns answers into procedures, documents, fees, warnings and skipped fields: the flow,
// the screens, quayctl and the scenario goldens all use it.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "quay/catalog/catalog.hpp"

namespace quay::catalog {

// Taps to an answer at most: the loader refuses a deeper guide.
constexpr int max_questions = 5;

// Where a walk through a guide stands after some answers.
struct GuideWalk {
    const GuideNode* node = nullptr;  // the question to ask now, or the outcome/exit reached
    Answers answers;                  // question code -> option code
    std::vector<std::string> asked;   // question codes answered, in order
    bool finished() const { return node && node->kind != GuideNodeKind::question; }
};

// Follows the chosen options from the guide's start. Throws Error("bad_answer") when an
// option is not one of the current question's, or when answers go past the end.
GuideWalk walk(const Guide& guide, const std::vector<std::string>& options);

struct ResolvedDocument {
    std::string procedure;
    const Document* document = nullptr;
    Text name, note;  // the guide's wording for this case, else the procedure's
    bool inferred = false;
};

struct ResolvedFee {
    std::string procedure;
    const Fee* fee = nullptr;
    std::optional<std::int64_t> amount_dong;  // after exemptions; nullopt: ask the staff
    Text note;
    bool inferred = false;
};

struct Outcome {
    const GuideNode* node = nullptr;  // the outcome or exit node
    std::vector<GuideProcedure> procedures;
    std::string bundle;
    std::vector<ResolvedDocument> documents;
    std::vector<ResolvedFee> fees;
    std::vector<const GuideWarning*> warnings;
    std::map<std::string, std::set<std::string>> skipped_fields;  // procedure -> fields
    bool exit() const { return node && node->kind == GuideNodeKind::exit; }
    // Something on the page is not from a source or has no amount: "ask the staff".
    bool ask_staff() const;
};

// Resolves the outcome (or exit page) a finished walk reached. Throws Error("bad_answer")
// when the walk is not finished.
Outcome resolve(const Catalog& catalog, const Guide& guide, const GuideWalk& walk);

// What the citizen owes for `procedure` after the answers (exemptions applied): known when
// every fee line that still applies has a sourced amount and they all say the same, and
// the procedure's form asks no number (pages, copies: the amount would depend on it).
// Otherwise nullopt: the staff say the amount and no payment QR is made (docs/receipts.md,
// "The fee's VietQR").
std::optional<std::int64_t> fee_due(const Outcome& outcome, const Procedure& procedure);

// The guides offered from a life event, or from a procedure's page, in catalogue order.
std::vector<const Guide*> guides_for_life_event(const Catalog& catalog, std::string_view code);
std::vector<const Guide*> guides_for_procedure(const Catalog& catalog, std::string_view code);

// How many procedures some guide's outcome leads to (quayctl catalog stats "guided").
std::size_t guided_procedure_count(const Catalog& catalog);

}  // namespace quay::catalog
