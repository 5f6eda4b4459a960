// quayctl catalog list | show CODE | search TEXT [--limit N] | stats | sync
#include <cmath>

#include "cli.hpp"
#include "quay/catalog/loader.hpp"
#include "quay/catalog/search.hpp"
#include "quay/catalog/stats.hpp"

namespace quay::cli {
namespace {

nlohmann::json text_or_null(const std::string& s) {
    return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

nlohmann::json show(const catalog::Procedure& p, Language lang) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& f : p.fields) {
        nlohmann::json j = {{"code", f.code},
                            {"label", f.label.in(lang)},
                            {"type", catalog::to_string(f.type)},
                            {"required", f.required}};
        if (f.type == catalog::FieldType::choice) {
            auto& opts = j["options"] = nlohmann::json::array();
            for (const auto& o : f.options)
                opts.push_back(o.value);
        }
        if (f.type == catalog::FieldType::number) {
            j["min"] = f.min ? nlohmann::json(*f.min) : nlohmann::json(nullptr);
            j["max"] = f.max ? nlohmann::json(*f.max) : nlohmann::json(nullptr);
        }
        fields.push_back(std::move(j));
    }
    nlohmann::json documents = nlohmann::json::array();
    for (const auto& d : p.documents) {
        documents.push_back({{"code", d.code},
                             {"name", d.name.in(lang)},
                             {"original", d.original},
                             {"copies", d.copies},
                             {"note", text_or_null(d.note.in(lang))}});
    }
    nlohmann::json fees = nlohmann::json::array();
    for (const auto& f : p.fees) {
        fees.push_back(
            {{"code", f.code},
             {"name", f.name.in(lang)},
             {"amount", f.amount_dong ? nlohmann::json(*f.amount_dong) : nlohmann::json(nullptr)},
             {"note", text_or_null(f.note.in(lang))}});
    }
    return {{"code", p.code},   {"name", p.name.in(lang)}, {"agency", p.agency.in(lang)},
            {"fields", fields}, {"documents", documents},  {"fees", fees}};
}

// The kiosk's own search (the search screen's SearchIndex), names in the config's language.
nlohmann::json search(const catalog::Catalog& cat, Language lang, const std::string& text,
                      std::size_t limit) {
    const catalog::SearchIndex index(cat, lang);
    nlohmann::json results = nlohmann::json::array();
    for (const auto& hit : index.search(text, limit)) {
        results.push_back({{"code", hit.procedure->code},
                           {"name", hit.procedure->name.in(lang)},
                           {"score", std::round(hit.score * 100) / 100}});
    }
    return {{"results", results}};
}

nlohmann::json stats_json(const catalog::Catalog& cat) {
    const auto s = catalog::stats(cat);
    nlohmann::json by_field = nlohmann::json::object();
    for (const auto& [field, n] : s.by_field)
        by_field[field] = n;
    return {{"procedures", s.procedures},
            {"by_field", by_field},
            {"guided", s.guided},
            {"bundles", s.bundles},
            {"inferred_values", s.inferred_values}};
}

}  // namespace

int run_catalog(Context& ctx, Args& args) {
    const auto sub =
        args.require_positional("catalog subcommand (list, show CODE, search TEXT, stats or sync)");
    if (sub == "sync") return run_catalog_sync(ctx, args);
    const auto& config = ctx.config();
    const auto lang = config.kiosk.language;
    catalog::ActiveCatalog active = [&] {
        try {
            return catalog::load_active(config);
        } catch (const catalog::CatalogError& e) {
            throw Failure{bad_input,
                          "bad_catalog",
                          e.what(),
                          {{"procedure", e.procedure()}, {"pointer", e.pointer()}}};
        }
    }();
    const auto& cat = active.catalog;
    if (sub == "list") {
        args.expect_empty();
        nlohmann::json procs = nlohmann::json::array();
        for (const auto& p : cat.procedures)
            procs.push_back({{"code", p.code}, {"name", p.name.in(lang)}});
        print_json(ctx.out, {{"catalog_version", cat.catalog_version}, {"procedures", procs}});
        return ok;
    }
    if (sub == "show") {
        const auto code = args.require_positional("procedure CODE");
        args.expect_empty();
        const auto* p = cat.find(code);
        if (!p)
            throw Failure{bad_input, "unknown_procedure",
                          "no procedure " + code + " in the catalogue"};
        print_json(ctx.out, show(*p, lang));
        return ok;
    }
    if (sub == "search") {
        std::size_t limit = 10;
        if (const auto v = args.take_option("--limit")) {
            const auto n = integer_option("--limit", *v);
            if (n < 1 || n > 1000)
                throw Failure{bad_input, "bad_arguments", "--limit wants 1 to 1000, got " + *v};
            limit = static_cast<std::size_t>(n);
        }
        const auto text = args.require_positional("search TEXT");
        args.expect_empty();
        print_json(ctx.out, search(cat, lang, text, limit));
        return ok;
    }
    if (sub == "stats") {
        args.expect_empty();
        print_json(ctx.out, stats_json(cat));
        return ok;
    }
    throw Failure{bad_input, "bad_arguments", "unknown catalog subcommand " + sub};
}

}  // namespace quay::cli
