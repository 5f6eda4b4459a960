// Liên thông bundles in the flow (docs/bundles.md): offered on a procedure page and a
// guided outcome, one form that asks the applicant and each shared field once, a review
// per procedure, one Submit of {"bundle", "drafts"}, and one receipt for every dossier.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>

#include "../support/bundle_form.hpp"
#include "quay/catalog/loader.hpp"
#include "quay/flow/kiosk.hpp"

using namespace quay;
using namespace quay::flow;

namespace {

struct BundleFixture {
    catalog::Catalog catalog;
    locale::Locale locale = locale::Locale::embedded();
    ManualClock clock{std::chrono::system_clock::time_point(std::chrono::seconds(1795312800))};
    Kiosk k{catalog, locale, clock, Settings{}};

    explicit BundleFixture(catalog::Catalog c = catalog::bundled()) : catalog(std::move(c)) {}

    int times_asked(std::string_view key) const {
        int n = 0;
        for (const auto& p : k.plan()->pages())
            for (const auto* f : p.fields)
                n += f->code == key;
        return n;
    }

    void fill_to_review() {
        const int refused = testing::fill_to_review(k);
        if (refused >= 0)
            FAIL("page " << refused << " refused: " << k.session().errors.begin()->first);
    }
};

}  // namespace

TEST_CASE("bundle: the death registration's page offers the death bundle; one form asks it") {
    BundleFixture f;
    f.k.apply(intent::OpenProcedure{"1.000656"});
    REQUIRE(f.k.bundle_offer());
    CHECK(f.k.bundle_offer()->code == "khai_tu_lien_thong");
    f.k.apply(intent::OpenProcedure{"1.004222"});  // the residence registration starts none
    CHECK(f.k.bundle_offer() == nullptr);
    f.k.apply(intent::Back{});

    f.k.apply(intent::StartBundle{});
    REQUIRE(f.k.location().screen == Screen::form);
    const auto* plan = f.k.plan();
    REQUIRE(plan);
    REQUIRE(plan->bundle());
    CHECK(plan->procedures().size() == 3);
    // The applicant once, each shared field once (at its first procedure), the others'
    // copies never.
    CHECK(f.times_asked("applicant.full_name") == 1);
    CHECK(f.times_asked("nguoi_chet_ho_ten") == 1);
    CHECK(f.times_asked("nguoi_chet_so_dinh_danh") == 1);
    CHECK(f.times_asked("ngay_chet") == 1);
    CHECK(f.times_asked("nguoi_bi_xoa_ho_ten") == 0);
    CHECK(f.times_asked("nguoi_chet_noi_cu_tru") == 0);
    CHECK(f.times_asked("ly_do_xoa") == 1);
    CHECK(f.times_asked("doi_tuong") == 1);
    // Optional for the death registration, required for the allowance: asked as required.
    REQUIRE(plan->find("nguoi_chet_noi_cu_tru_cuoi"));
    CHECK(plan->find("nguoi_chet_noi_cu_tru_cuoi")->required);
    CHECK(plan->pages()[static_cast<std::size_t>(plan->page_of("nguoi_chet_ho_ten"))].procedure ==
          0);
    // Pages in the bundle's order: applicant, then procedure 1, 2, 3.
    int last = -1;
    for (const auto& p : plan->pages()) {
        CHECK(p.procedure >= last);
        last = p.procedure;
    }
    CHECK(last == 2);
    // What each draft carries: the shared value under each procedure's own code.
    CHECK(plan->key_of(1, "nguoi_bi_xoa_ho_ten") == "nguoi_chet_ho_ten");
    CHECK(plan->key_of(2, "nguoi_chet_noi_cu_tru") == "nguoi_chet_noi_cu_tru_cuoi");
    CHECK(plan->key_of(2, "nguoi_chet_ho_ten") == "nguoi_chet_ho_ten");

    // Back walks the pages, then leaves the form.
    f.k.apply(intent::Back{});
    CHECK(f.k.location().screen == Screen::procedure);
}

TEST_CASE("bundle: confirm submits every draft at once; one receipt lists every dossier") {
    BundleFixture f;
    f.k.apply(intent::OpenProcedure{"1.000656"});
    f.k.apply(intent::StartBundle{});
    f.fill_to_review();
    REQUIRE(f.k.location().screen == Screen::review);
    f.k.apply(intent::Declare{true});
    f.k.take_effects();
    f.k.apply(intent::Confirm{});
    CHECK(f.k.location().screen == Screen::saving);
    auto effects = f.k.take_effects();
    REQUIRE(effects.size() == 1);
    const auto& draft = std::get<effect::Submit>(effects[0]).draft;
    CHECK(draft.at("bundle") == "khai_tu_lien_thong");
    const auto& drafts = draft.at("drafts");
    REQUIRE(drafts.size() == 3);
    CHECK(drafts[0].at("procedure_code") == "1.000656");
    CHECK(drafts[1].at("procedure_code") == "1.003197");
    CHECK(drafts[2].at("procedure_code") == "1.001731");
    for (const auto& d : drafts)
        CHECK(d.at("applicant") == drafts[0].at("applicant"));
    CHECK(drafts[0].at("fields").at("nguoi_chet_ho_ten") == "Nguyễn Văn An");
    CHECK(drafts[1].at("fields").at("nguoi_bi_xoa_ho_ten") == "Nguyễn Văn An");
    CHECK(drafts[2].at("fields").at("nguoi_chet_ho_ten") == "Nguyễn Văn An");
    CHECK(drafts[2].at("fields").at("nguoi_chet_noi_cu_tru") ==
          drafts[0].at("fields").at("nguoi_chet_noi_cu_tru_cuoi"));
    CHECK_FALSE(drafts[0].at("fields").contains("ly_do_xoa"));  // only the deregistration's
    CHECK(drafts[1].at("fields").contains("ly_do_xoa"));

    f.k.on(event::BundleSubmitted{"b-1",
                                  {{"d-1", "DEV01-261122-0001"},
                                   {"d-2", "DEV01-261122-0002"},
                                   {"d-3", "DEV01-261122-0003"}}});
    REQUIRE(f.k.location().screen == Screen::receipt);
    const auto& rs = f.k.session().bundle_receipts;
    REQUIRE(rs.size() == 3);
    CHECK(rs[1].receipt_code == "DEV01-261122-0002");
    CHECK(rs[1].procedure_code == "1.003197");
    CHECK(f.k.session().receipt->dossier_id == "d-1");
    CHECK(f.k.session().values.empty());  // what was typed is gone
    effects = f.k.take_effects();
    REQUIRE(effects.size() == 4);  // one print, a watch per dossier
    const auto& print = std::get<effect::Print>(effects[0]);
    CHECK(print.bundle == std::vector<std::string>{"d-1", "d-2", "d-3"});
    CHECK(print.bundle_code == "khai_tu_lien_thong");
    CHECK(std::get<effect::WatchDelivery>(effects[3]).dossier_id == "d-3");

    // Delivered one by one: the others are asked about again.
    f.k.on(event::Delivered{"d-2", "P-2"});
    f.k.on(event::NotDeliveredYet{"d-1"});
    f.clock.advance(std::chrono::seconds(3));
    f.k.tick();
    effects = f.k.take_effects();
    REQUIRE(effects.size() == 2);
    CHECK(std::get<effect::WatchDelivery>(effects[0]).dossier_id == "d-1");
    CHECK(std::get<effect::WatchDelivery>(effects[1]).dossier_id == "d-3");
    CHECK(f.k.session().bundle_receipts[1].delivered);
    CHECK(f.k.session().bundle_receipts[1].portal_ref == "P-2");
}

TEST_CASE("bundle: a field the store refuses in any draft opens the page that asks it") {
    BundleFixture f;
    f.k.apply(intent::OpenProcedure{"1.000656"});
    f.k.apply(intent::StartBundle{});
    f.fill_to_review();
    f.k.apply(intent::Declare{true});
    f.k.apply(intent::Confirm{});
    // The deregistration's copy of the deceased's name: asked under the death's code.
    f.k.on(event::SubmitFailed{"ui.error.invalid_draft", {"drafts[1].fields.nguoi_bi_xoa_ho_ten"}});
    REQUIRE(f.k.location().screen == Screen::form);
    CHECK(f.k.location().page == f.k.plan()->page_of("nguoi_chet_ho_ten"));
    CHECK(f.k.session().errors.count("nguoi_chet_ho_ten"));
    CHECK(f.k.session().bundle_receipts.empty());
}

TEST_CASE("bundle: a guided outcome that names a bundle starts it, without skipped fields") {
    auto c = catalog::bundled();
    for (auto& g : c.guides)
        if (g.code == "khai_sinh")
            for (auto& n : g.nodes)
                if (n.code == "out_birth") n.bundle = "khai_sinh_lien_thong";
    BundleFixture f(std::move(c));
    f.k.apply(intent::OpenGuide{"khai_sinh"});
    for (const char* o : {"new", "no_father", "hospital", "on_time"})
        f.k.apply(intent::Answer{o});
    REQUIRE(f.k.location().screen == Screen::guided_outcome);
    REQUIRE(f.k.bundle_offer());
    const auto o = *f.k.guide_outcome();
    f.k.apply(intent::StartForm{});
    REQUIRE(f.k.location().screen == Screen::form);
    REQUIRE(f.k.plan()->bundle());
    CHECK(f.k.plan()->bundle()->code == "khai_sinh_lien_thong");
    CHECK(f.times_asked("tre_ho_ten") == 1);
    CHECK(f.times_asked("dia_chi_dang_ky") == 1);
    CHECK(f.times_asked("cha_ho_ten") == 0);  // no father: the answers skip it
    // The fee the answers settle, per procedure, as for one procedure (catalog::fee_due).
    for (const auto* p : f.k.plan()->procedures())
        CHECK(f.k.session().bundle_fees_due.count(p->code) ==
              (catalog::fee_due(o, *p).has_value() ? 1u : 0u));
}

TEST_CASE("bundle: an outcome naming no bundle offers the one its procedure starts") {
    BundleFixture f;
    f.k.apply(intent::OpenGuide{"khai_sinh"});
    for (const char* o : {"new", "no_father", "hospital", "on_time"})
        f.k.apply(intent::Answer{o});
    REQUIRE(f.k.location().screen == Screen::guided_outcome);
    REQUIRE(f.k.bundle_offer());
    CHECK(f.k.bundle_offer()->code == "khai_sinh_lien_thong");
    f.k.apply(intent::StartForm{});  // the outcome's own procedure alone
    REQUIRE(f.k.plan());
    CHECK(f.k.plan()->bundle() == nullptr);
    f.k.apply(intent::Back{});
    f.k.apply(intent::StartBundle{});
    REQUIRE(f.k.plan());
    REQUIRE(f.k.plan()->bundle());
    CHECK(f.times_asked("cha_ho_ten") == 0);
}

TEST_CASE("bundle: the same code in two procedures, not shared, is asked for each") {
    auto c = catalog::bundled();
    c.bundles.push_back({"test", {"Thử", "Test"}, {"1.001193", "1.000656"}, {}, {}, {}, {}});
    BundleFixture f(std::move(c));
    const FormPlan plan(*f.catalog.find_bundle("test"), f.catalog, f.locale);
    CHECK(plan.key_of(0, "so_ban_sao_yeu_cau") == "so_ban_sao_yeu_cau");
    CHECK(plan.key_of(1, "so_ban_sao_yeu_cau") == "p1.so_ban_sao_yeu_cau");
    REQUIRE(plan.find("p1.so_ban_sao_yeu_cau"));
    CHECK(plan.find("p1.so_ban_sao_yeu_cau")->label.vi ==
          f.catalog.find("1.000656")->find_field("so_ban_sao_yeu_cau")->label.vi);
}

TEST_CASE("bundle: out of service, no bundle is offered or started") {
    Settings s;
    s.out_of_service = true;
    auto c = catalog::bundled();
    locale::Locale locale = locale::Locale::embedded();
    ManualClock clock{std::chrono::system_clock::time_point(std::chrono::seconds(1795312800))};
    Kiosk k{c, locale, clock, s};
    k.apply(intent::OpenProcedure{"1.000656"});
    CHECK(k.bundle_offer() == nullptr);
    k.apply(intent::StartBundle{});
    CHECK(k.location().screen == Screen::procedure);
}

TEST_CASE("bundle: voice says which procedure a page is for, and every code on the receipt") {
    BundleFixture f;
    const auto said = [&] {
        std::string out;
        for (auto& e : f.k.take_effects())
            if (auto* s = std::get_if<effect::Say>(&e)) out += s->text;
        return out;
    };
    f.k.apply(intent::OpenProcedure{"1.000656"});
    f.k.apply(intent::ToggleVoice{});
    f.k.apply(intent::StartBundle{});
    f.k.on(event::ScreenItems{{{"action.next", "Tiếp tục", ItemKind::button, ""}}});
    CHECK(said().find("Thông tin chung cho cả 3 thủ tục") != std::string::npos);
    f.k.apply(intent::SetValue{"applicant.full_name", "Nguyễn Văn An"});
    f.fill_to_review();
    f.k.apply(intent::Declare{true});
    f.k.apply(intent::Confirm{});
    f.k.on(event::BundleSubmitted{"b-1",
                                  {{"d-1", "DEV01-261122-0001"},
                                   {"d-2", "DEV01-261122-0002"},
                                   {"d-3", "DEV01-261122-0003"}}});
    said();
    f.k.on(event::ScreenItems{{{"action.done", "Về trang chủ", ItemKind::button, ""}}});
    const auto receipt = said();
    CHECK(receipt.find("Đã lưu 3 hồ sơ.") != std::string::npos);
    CHECK(receipt.find("Thủ tục 2, Xóa đăng ký thường trú: mã hồ sơ DEV01-261122-0002.") !=
          std::string::npos);
}

namespace {

// Walks the form, giving each empty required field a value, to the page that asks `code`.
bool walk_to_field(Kiosk& k, std::string_view code) {
    while (k.location().screen == Screen::form) {
        const auto& page = k.plan()->pages()[static_cast<std::size_t>(k.location().page)];
        for (const auto* f : page.fields)
            if (f->code == code) return true;
        for (const auto* f : page.fields)
            if ((f->required || f->type == catalog::FieldType::id_number) &&
                k.session().value(f->code).empty())
                k.apply(intent::SetValue{f->code, testing::value_for(*f)});
        const int before = k.location().page;
        k.apply(intent::NextPage{});
        if (k.location().page == before) return false;
    }
    return false;
}

}  // namespace

TEST_CASE("bundle: the birth bundle's residence page comes filled in from the applicant") {
    BundleFixture f;
    f.k.apply(intent::OpenProcedure{"1.001193"});
    f.k.apply(intent::StartBundle{});
    REQUIRE(f.k.plan());
    REQUIRE(f.k.plan()->bundle());
    const std::string address = "Số 5 Lý Thái Tổ, Phường Hoàn Kiếm, Hà Nội";
    f.k.apply(intent::SetValue{"applicant.address", address});
    REQUIRE(walk_to_field(f.k, "dia_chi_dang_ky"));
    CHECK(f.k.session().value("dia_chi_dang_ky") == address);
    CHECK(f.k.session().value("noi_dung_de_nghi") == "Đăng ký thường trú cho trẻ mới sinh");
    const int page = f.k.location().page;

    // The citizen's change stays: cleared, then back and forward again, still cleared.
    f.k.apply(intent::SetValue{"dia_chi_dang_ky", ""});
    f.k.apply(intent::Back{});
    REQUIRE(f.k.location().page == page - 1);
    f.k.apply(intent::NextPage{});
    REQUIRE(f.k.location().page == page);
    CHECK(f.k.session().value("dia_chi_dang_ky").empty());
    CHECK(f.k.session().value("noi_dung_de_nghi") == "Đăng ký thường trú cho trẻ mới sinh");

    // The same procedure filed alone asks it empty: an adult's new address is not the card's.
    BundleFixture alone;
    alone.k.apply(intent::OpenProcedure{"1.004222"});
    alone.k.apply(intent::StartForm{});
    alone.k.apply(intent::SetValue{"applicant.address", address});
    REQUIRE(walk_to_field(alone.k, "dia_chi_dang_ky"));
    CHECK(alone.k.session().value("dia_chi_dang_ky").empty());
    CHECK(alone.k.session().value("noi_dung_de_nghi").empty());
}
