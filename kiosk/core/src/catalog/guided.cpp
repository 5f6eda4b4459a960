#include "quay/catalog/guided.hpp"

#include <algorithm>

#include "quay/error.hpp"

namespace quay::catalog {

GuideWalk walk(const Guide& guide, const std::vector<std::string>& options) {
    GuideWalk w;
    w.node = guide.find(guide.start);
    for (const auto& chosen : options) {
        if (!w.node || w.finished()) {
            throw Error("bad_answer", "guide " + guide.code + ": an answer after the end");
        }
        const auto it = std::find_if(w.node->options.begin(), w.node->options.end(),
                                     [&](const GuideOption& o) { return o.code == chosen; });
        if (it == w.node->options.end()) {
            throw Error("bad_answer", "guide " + guide.code + ": " + chosen +
                                          " is not an answer of question " + w.node->code);
        }
        w.answers[w.node->code] = chosen;
        w.asked.push_back(w.node->code);
        w.node = guide.find(it->next);
    }
    return w;
}

namespace {

const Document* document_of(const Procedure& p, std::string_view code) {
    for (const auto& d : p.documents) {
        if (d.code == code) return &d;
    }
    return nullptr;
}

const Fee* fee_of(const Procedure& p, std::string_view code) {
    for (const auto& f : p.fees) {
        if (f.code == code) return &f;
    }
    return nullptr;
}

}  // namespace

bool Outcome::ask_staff() const {
    if (node && node->inferred) return true;
    const auto inferred = [](const auto& x) { return x.inferred; };
    return std::any_of(documents.begin(), documents.end(), inferred) ||
           std::any_of(fees.begin(), fees.end(),
                       [](const ResolvedFee& f) { return f.inferred || !f.amount_dong; }) ||
           std::any_of(warnings.begin(), warnings.end(),
                       [](const GuideWarning* w) { return w->inferred; });
}

std::optional<std::int64_t> fee_due(const Outcome& outcome, const Procedure& procedure) {
    const auto asks_number = [](const FormField& f) { return f.type == FieldType::number; };
    if (std::any_of(procedure.fields.begin(), procedure.fields.end(), asks_number))
        return std::nullopt;
    // The lines that still apply are alternatives (filed in person or online, a copy
    // fee besides): the amount is known only when they all say the same.
    std::optional<std::int64_t> due;
    for (const auto& f : outcome.fees) {
        if (f.procedure != procedure.code) continue;
        if (f.inferred || !f.amount_dong || (due && *due != *f.amount_dong)) return std::nullopt;
        due = f.amount_dong;
    }
    return due;
}

Outcome resolve(const Catalog& catalog, const Guide& guide, const GuideWalk& walk) {
    if (!walk.finished()) {
        throw Error("bad_answer", "guide " + guide.code + ": the questions are not finished");
    }
    const GuideNode& n = *walk.node;
    Outcome out;
    out.node = &n;
    out.procedures = n.procedures;
    out.bundle = n.bundle;
    // The loader checked every reference, so the lookups below always find their target.
    for (const auto& d : n.documents) {
        if (!d.when.holds(walk.answers)) continue;
        const Document* doc = document_of(*catalog.find(d.procedure), d.document);
        out.documents.push_back(ResolvedDocument{d.procedure, doc,
                                                 d.name.empty() ? doc->name : d.name,
                                                 d.note.empty() ? doc->note : d.note, d.inferred});
    }
    for (const auto& f : n.fees) {
        if (!f.when.holds(walk.answers)) continue;
        out.fees.push_back(ResolvedFee{f.procedure, fee_of(*catalog.find(f.procedure), f.fee),
                                       f.amount_dong, f.note, f.inferred});
    }
    for (const auto& w : n.warnings) {
        if (w.when.holds(walk.answers)) out.warnings.push_back(&w);
    }
    for (const auto& s : n.skip_fields) {
        if (s.when.holds(walk.answers)) out.skipped_fields[s.procedure].insert(s.field);
    }
    return out;
}

namespace {

// The guides whose list (life events or procedures) names code.
std::vector<const Guide*> guides_listing(const Catalog& catalog,
                                         std::vector<std::string> Guide::*list,
                                         std::string_view code) {
    std::vector<const Guide*> out;
    for (const auto& g : catalog.guides) {
        const auto& codes = g.*list;
        if (std::find(codes.begin(), codes.end(), code) != codes.end()) out.push_back(&g);
    }
    return out;
}

}  // namespace

std::vector<const Guide*> guides_for_life_event(const Catalog& catalog, std::string_view code) {
    return guides_listing(catalog, &Guide::life_events, code);
}

std::vector<const Guide*> guides_for_procedure(const Catalog& catalog, std::string_view code) {
    return guides_listing(catalog, &Guide::procedures, code);
}

std::size_t guided_procedure_count(const Catalog& catalog) {
    std::set<std::string> codes;
    for (const auto& g : catalog.guides) {
        for (const auto& n : g.nodes) {
            for (const auto& p : n.procedures)
                codes.insert(p.procedure);
        }
    }
    return codes.size();
}

}  // namespace quay::catalog
