// Reads and checks the guided questions of a format 2 catalogue (docs/catalog-format.md,
// "Guided questions"): every reference resolves, every node is reachable, no loop, at most
// max_questions taps to an answer, and a condition only asks about a question that can
// have been answered on the way to its node.

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "quay/catalog/guided.hpp"
#include "reader.hpp"

namespace quay::catalog::detail {
namespace {

std::string at(const std::string& ptr, std::size_t i) {
    return ptr + "/" + std::to_string(i);
}

// Marks values listed (or under a pointer listed) in provenance.inferred.
bool is_inferred(const Provenance& pv, const std::string& ptr) {
    return std::any_of(pv.inferred.begin(), pv.inferred.end(), [&](const std::string& p) {
        return p == ptr || (ptr.size() > p.size() && ptr.starts_with(p) && ptr[p.size()] == '/');
    });
}

class GuideReader {
  public:
    GuideReader(Reader& r, const Catalog& c, std::string ptr)
        : r_(r), c_(c), ptr_(std::move(ptr)) {}

    Guide read(const json& j) {
        r_.object(j, ptr_,
                  {"code", "title", "life_events", "procedures", "start", "nodes", "provenance"},
                  {"code", "title", "life_events", "procedures", "start", "nodes", "provenance"});
        g_.code = r_.code(j["code"], ptr_ + "/code");
        r_.procedure = g_.code;
        g_.title = r_.text_of(j["title"], ptr_ + "/title");
        const auto& evs = r_.array(j["life_events"], ptr_ + "/life_events");
        for (std::size_t i = 0; i < evs.size(); ++i) {
            auto e = r_.code(evs[i], at(ptr_ + "/life_events", i));
            const bool known = std::any_of(c_.life_events.begin(), c_.life_events.end(),
                                           [&](const LifeEvent& l) { return l.code == e; });
            if (!known)
                r_.fail(at(ptr_ + "/life_events", i), "is not a life event of the catalogue");
            g_.life_events.push_back(std::move(e));
        }
        const auto& ps = r_.array(j["procedures"], ptr_ + "/procedures");
        for (std::size_t i = 0; i < ps.size(); ++i) {
            auto code = r_.string(ps[i], at(ptr_ + "/procedures", i));
            if (!c_.find(code))
                r_.fail(at(ptr_ + "/procedures", i), "names no procedure of this catalogue");
            g_.procedures.push_back(std::move(code));
        }
        if (g_.life_events.empty() && g_.procedures.empty())
            r_.fail(ptr_ + "/life_events", "a guide is offered from a life event or a procedure");
        g_.provenance = read_provenance(r_, j["provenance"], ptr_ + "/provenance");
        const auto& nodes = r_.array(j["nodes"], ptr_ + "/nodes", true);
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            auto n = read_node(nodes[i], at(ptr_ + "/nodes", i));
            if (g_.find(n.code)) r_.fail(at(ptr_ + "/nodes", i) + "/code", "is used twice");
            g_.nodes.push_back(std::move(n));
        }
        g_.start = r_.code(j["start"], ptr_ + "/start");
        const auto* start = g_.find(g_.start);
        if (!start || start->kind != GuideNodeKind::question)
            r_.fail(ptr_ + "/start", "must name a question of this guide");
        check_graph();
        check_conditions();
        return std::move(g_);
    }

  private:
    Reader& r_;
    const Catalog& c_;
    std::string ptr_;
    Guide g_;

    std::string node_ptr(const std::string& code) const {
        for (std::size_t i = 0; i < g_.nodes.size(); ++i) {
            if (g_.nodes[i].code == code) return at(ptr_ + "/nodes", i);
        }
        return ptr_ + "/nodes";
    }

    Condition read_condition(const json& j, const std::string& ptr) const {
        if (!j.is_object() || j.empty()) r_.fail(ptr, "must be an object {question: [options]}");
        Condition c;
        for (const auto& [question, options] : j.items()) {
            if (!is_code_word(question)) r_.fail(ptr + "/" + question, "must be a question code");
            const auto& list = r_.array(options, ptr + "/" + question, true);
            for (std::size_t i = 0; i < list.size(); ++i) {
                c.any_of[question].push_back(r_.code(list[i], at(ptr + "/" + question, i)));
            }
        }
        return c;
    }

    const Procedure& outcome_procedure(const GuideNode& n, const json& j,
                                       const std::string& ptr) const {
        const auto code = r_.string(j, ptr);
        const bool listed =
            std::any_of(n.procedures.begin(), n.procedures.end(),
                        [&](const GuideProcedure& p) { return p.procedure == code; });
        if (!listed) r_.fail(ptr, "names no procedure of this outcome");
        return *c_.find(code);
    }

    void read_outcome(GuideNode& n, const json& j, const std::string& ptr) const {
        const auto& ps = r_.array(j["procedures"], ptr + "/procedures", true);
        for (std::size_t i = 0; i < ps.size(); ++i) {
            const auto pp = at(ptr + "/procedures", i);
            r_.object(ps[i], pp, {"procedure", "situation"}, {"procedure", "situation"});
            GuideProcedure gp{r_.string(ps[i]["procedure"], pp + "/procedure"),
                              r_.code(ps[i]["situation"], pp + "/situation")};
            const Procedure* p = c_.find(gp.procedure);
            if (!p) r_.fail(pp + "/procedure", "names no procedure of this catalogue");
            const bool has =
                std::any_of(p->situations.begin(), p->situations.end(),
                            [&](const Situation& s) { return s.code == gp.situation; });
            if (!has) r_.fail(pp + "/situation", "names no situation of procedure " + gp.procedure);
            n.procedures.push_back(std::move(gp));
        }
        if (j.contains("bundle")) {
            n.bundle = r_.code(j["bundle"], ptr + "/bundle");
            if (!c_.find_bundle(n.bundle))
                r_.fail(ptr + "/bundle", "names no bundle of this catalogue");
        }
        const auto& docs = r_.array(j["documents"], ptr + "/documents");
        for (std::size_t i = 0; i < docs.size(); ++i) {
            const auto dp = at(ptr + "/documents", i);
            r_.object(docs[i], dp, {"procedure", "document", "name", "note", "when"},
                      {"procedure", "document"});
            const auto& p = outcome_procedure(n, docs[i]["procedure"], dp + "/procedure");
            GuideDocument d{p.code, r_.code(docs[i]["document"], dp + "/document"), {}, {}, {},
                            false};
            const bool has = std::any_of(p.documents.begin(), p.documents.end(),
                                         [&](const Document& x) { return x.code == d.document; });
            if (!has) r_.fail(dp + "/document", "names no document of procedure " + p.code);
            if (docs[i].contains("name")) d.name = r_.text_of(docs[i]["name"], dp + "/name");
            if (docs[i].contains("note")) d.note = r_.text_of(docs[i]["note"], dp + "/note");
            if (docs[i].contains("when")) d.when = read_condition(docs[i]["when"], dp + "/when");
            d.inferred = is_inferred(g_.provenance, dp);
            n.documents.push_back(std::move(d));
        }
        const auto& fees = r_.array(j["fees"], ptr + "/fees");
        for (std::size_t i = 0; i < fees.size(); ++i) {
            const auto fp = at(ptr + "/fees", i);
            r_.object(fees[i], fp, {"procedure", "fee", "amount_dong", "note", "when"},
                      {"procedure", "fee", "amount_dong", "note"});
            const auto& p = outcome_procedure(n, fees[i]["procedure"], fp + "/procedure");
            GuideFee f{p.code,       r_.code(fees[i]["fee"], fp + "/fee"),
                       std::nullopt, r_.text_of(fees[i]["note"], fp + "/note", false),
                       {},           false};
            const bool has = std::any_of(p.fees.begin(), p.fees.end(),
                                         [&](const Fee& x) { return x.code == f.fee; });
            if (!has) r_.fail(fp + "/fee", "names no fee of procedure " + p.code);
            if (!fees[i]["amount_dong"].is_null()) {
                f.amount_dong =
                    r_.integer(fees[i]["amount_dong"], fp + "/amount_dong", 0, 1'000'000'000);
            } else if (f.note.vi.empty()) {
                r_.fail(fp + "/note", "must say who sets the amount when amount_dong is null");
            }
            if (fees[i].contains("when")) f.when = read_condition(fees[i]["when"], fp + "/when");
            f.inferred = is_inferred(g_.provenance, fp);
            n.fees.push_back(std::move(f));
        }
        if (j.contains("skip_fields")) {
            const auto& skips = r_.array(j["skip_fields"], ptr + "/skip_fields");
            for (std::size_t i = 0; i < skips.size(); ++i) {
                const auto sp = at(ptr + "/skip_fields", i);
                r_.object(skips[i], sp, {"procedure", "field", "when"}, {"procedure", "field"});
                const auto& p = outcome_procedure(n, skips[i]["procedure"], sp + "/procedure");
                GuideSkip s{p.code, r_.code(skips[i]["field"], sp + "/field"), {}, false};
                const FormField* f = p.find_field(s.field);
                if (!f) r_.fail(sp + "/field", "names no field of procedure " + p.code);
                if (f->required) r_.fail(sp + "/field", "is required: it cannot be skipped");
                if (skips[i].contains("when"))
                    s.when = read_condition(skips[i]["when"], sp + "/when");
                s.inferred = is_inferred(g_.provenance, sp);
                n.skip_fields.push_back(std::move(s));
            }
        }
    }

    void read_warnings(GuideNode& n, const json& j, const std::string& ptr) const {
        if (!j.contains("warnings")) return;
        const auto& ws = r_.array(j["warnings"], ptr + "/warnings");
        for (std::size_t i = 0; i < ws.size(); ++i) {
            const auto wp = at(ptr + "/warnings", i);
            r_.object(ws[i], wp, {"code", "text", "when"}, {"code", "text"});
            GuideWarning w{r_.code(ws[i]["code"], wp + "/code"),
                           r_.text_of(ws[i]["text"], wp + "/text"),
                           {},
                           false};
            if (ws[i].contains("when")) w.when = read_condition(ws[i]["when"], wp + "/when");
            w.inferred = is_inferred(g_.provenance, wp);
            n.warnings.push_back(std::move(w));
        }
    }

    GuideNode read_node(const json& j, const std::string& ptr) const {
        if (!j.is_object() || !j.contains("kind")) r_.fail(ptr + "/kind", "is required");
        const auto kind = r_.string(j["kind"], ptr + "/kind");
        GuideNode n;
        if (kind == "question") {
            r_.object(j, ptr, {"code", "kind", "text", "help", "options"},
                      {"code", "kind", "text", "options"});
        } else if (kind == "outcome") {
            n.kind = GuideNodeKind::outcome;
            r_.object(j, ptr,
                      {"code", "kind", "text", "help", "procedures", "bundle", "documents", "fees",
                       "skip_fields", "warnings"},
                      {"code", "kind", "text", "procedures", "documents", "fees"});
        } else if (kind == "exit") {
            n.kind = GuideNodeKind::exit;
            r_.object(j, ptr, {"code", "kind", "text", "help", "office", "bring", "warnings"},
                      {"code", "kind", "text", "office", "bring"});
        } else {
            r_.fail(ptr + "/kind", "must be question, outcome or exit");
        }
        n.code = r_.code(j["code"], ptr + "/code");
        n.text = r_.text_of(j["text"], ptr + "/text");
        if (j.contains("help")) n.help = r_.text_of(j["help"], ptr + "/help");
        n.inferred = is_inferred(g_.provenance, ptr);
        if (n.kind == GuideNodeKind::question) {
            const auto& opts = r_.array(j["options"], ptr + "/options");
            if (opts.size() < 2) r_.fail(ptr + "/options", "a question needs at least two options");
            for (std::size_t i = 0; i < opts.size(); ++i) {
                const auto op = at(ptr + "/options", i);
                r_.object(opts[i], op, {"code", "label", "next"}, {"code", "label", "next"});
                GuideOption o{r_.code(opts[i]["code"], op + "/code"),
                              r_.text_of(opts[i]["label"], op + "/label"),
                              r_.code(opts[i]["next"], op + "/next")};
                for (const auto& other : n.options) {
                    if (other.code == o.code) r_.fail(op + "/code", "is used twice");
                }
                n.options.push_back(std::move(o));
            }
        } else if (n.kind == GuideNodeKind::outcome) {
            read_outcome(n, j, ptr);
        } else {
            n.office = r_.text_of(j["office"], ptr + "/office");
            const auto& bring = r_.array(j["bring"], ptr + "/bring");
            for (std::size_t i = 0; i < bring.size(); ++i) {
                n.bring.push_back(r_.text_of(bring[i], at(ptr + "/bring", i)));
            }
        }
        read_warnings(n, j, ptr);
        return n;
    }

    // Every option leads to a node of the guide, no answer leads back (a tree or a DAG:
    // outcomes may be shared), every node is reachable, at most max_questions questions.
    void check_graph() const {
        for (std::size_t i = 0; i < g_.nodes.size(); ++i) {
            const auto& n = g_.nodes[i];
            for (std::size_t k = 0; k < n.options.size(); ++k) {
                if (!g_.find(n.options[k].next))
                    r_.fail(at(at(ptr_ + "/nodes", i) + "/options", k) + "/next",
                            "names no node of this guide");
            }
        }
        std::map<std::string, int> depth;  // questions from here to the farthest answer
        std::set<std::string> on_path;
        std::function<int(const GuideNode&)> walk = [&](const GuideNode& n) -> int {
            if (auto it = depth.find(n.code); it != depth.end()) return it->second;
            if (!on_path.insert(n.code).second)
                r_.fail(node_ptr(n.code), "an answer leads back to this node (a loop)");
            int deepest = 0;
            for (const auto& o : n.options)
                deepest = std::max(deepest, walk(*g_.find(o.next)));
            on_path.erase(n.code);
            const int d = deepest + (n.kind == GuideNodeKind::question ? 1 : 0);
            depth[n.code] = d;
            return d;
        };
        if (walk(*g_.find(g_.start)) > max_questions) {
            r_.fail(ptr_ + "/start",
                    "more than " + std::to_string(max_questions) + " questions to an answer");
        }
        for (std::size_t i = 0; i < g_.nodes.size(); ++i) {
            if (depth.contains(g_.nodes[i].code)) continue;
            r_.fail(at(ptr_ + "/nodes", i), g_.nodes[i].kind == GuideNodeKind::question
                                                ? "an orphan question: no answer leads to it"
                                                : "no answer leads to this node");
        }
    }

    // The questions that can have been answered before reaching each node.
    std::map<std::string, std::set<std::string>> asked_before() const {
        std::map<std::string, std::set<std::string>> before;
        std::function<void(const GuideNode&, std::set<std::string>&)> walk =
            [&](const GuideNode& n, std::set<std::string>& path) {
                auto& b = before[n.code];
                const auto size = b.size();
                b.insert(path.begin(), path.end());
                if (size == b.size() && size != 0) return;
                if (n.kind != GuideNodeKind::question) return;
                path.insert(n.code);
                for (const auto& o : n.options)
                    walk(*g_.find(o.next), path);
                path.erase(n.code);
            };
        std::set<std::string> path;
        walk(*g_.find(g_.start), path);
        return before;
    }

    void check_condition(const Condition& c, const std::set<std::string>& before,
                         const std::string& ptr) const {
        for (const auto& [question, options] : c.any_of) {
            const auto* q = g_.find(question);
            if (!q || q->kind != GuideNodeKind::question)
                r_.fail(ptr + "/" + question, "names no question of this guide");
            if (!before.contains(question))
                r_.fail(ptr + "/" + question, "is never asked before this node");
            for (std::size_t i = 0; i < options.size(); ++i) {
                // A named copy: clang 14 (Debian 12) cannot capture a structured binding.
                const std::string& answer = options[i];
                const bool known =
                    std::any_of(q->options.begin(), q->options.end(),
                                [&](const GuideOption& o) { return o.code == answer; });
                if (!known)
                    r_.fail(at(ptr + "/" + question, i),
                            "is not an answer of question " + question);
            }
        }
    }

    void check_conditions() const {
        const auto before = asked_before();
        for (std::size_t i = 0; i < g_.nodes.size(); ++i) {
            const auto& n = g_.nodes[i];
            const auto np = at(ptr_ + "/nodes", i);
            const auto& b = before.at(n.code);
            const auto check = [&](const char* key, const auto& items) {
                for (std::size_t k = 0; k < items.size(); ++k) {
                    check_condition(items[k].when, b, at(np + "/" + key, k) + "/when");
                }
            };
            check("documents", n.documents);
            check("fees", n.fees);
            check("skip_fields", n.skip_fields);
            check("warnings", n.warnings);
        }
    }
};

}  // namespace

std::vector<Guide> read_guides(Reader& r, const json& j, const Catalog& c) {
    const auto& list = r.array(j, "/guides");
    std::vector<Guide> out;
    r.subject = "guide";
    for (std::size_t i = 0; i < list.size(); ++i) {
        r.procedure.clear();
        GuideReader gr{r, c, at("/guides", i)};
        auto g = gr.read(list[i]);
        for (const auto& other : out) {
            if (other.code == g.code) r.fail(at("/guides", i) + "/code", "is used twice");
        }
        out.push_back(std::move(g));
    }
    r.subject = "procedure";
    r.procedure.clear();
    return out;
}

}  // namespace quay::catalog::detail
