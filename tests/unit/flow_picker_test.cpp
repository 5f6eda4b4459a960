// The form's pickers (docs/pickers.md): a field with a reference list opens one, a tap fills
// the field, "Khác — tự gõ" switches it to typing, an address gets its province as the last
// part, and a scanned address naming a merged province is said, not rewritten.
#include <doctest/doctest.h>

#include "flow_fixture.hpp"
#include "quay/catalog/loader.hpp"

using namespace quay;
using namespace quay::flow;
using namespace quay::flow::testing;

namespace {

struct PickerFixture : Fixture {
    PickerFixture() {
        catalog.lists = catalog::bundled().lists;
        auto& p = catalog.procedures.front();
        catalog::FormField ethnicity;
        ethnicity.code = "tre_dan_toc";
        ethnicity.label = {"Dân tộc", "Ethnic group"};
        ethnicity.group = "child";
        ethnicity.list = "ethnicities";
        p.fields.insert(p.fields.begin() + 1, ethnicity);  // after the name, same page
        to_form();
    }
    std::vector<std::string> shown() const {
        std::vector<std::string> out;
        for (const auto* i : k.picker_items())
            out.push_back(i->value);
        return out;
    }
};

}  // namespace

TEST_CASE("picking a value: the picker opens, filters as typed, and fills the field") {
    PickerFixture f;
    f.k.apply(intent::OpenPicker{"tre_ho_ten"});  // a field without a list: nothing
    CHECK(f.k.location().screen == Screen::form);

    const Location form = f.k.location();
    f.k.apply(intent::OpenPicker{"tre_dan_toc"});
    CHECK(f.k.location().screen == Screen::picker);
    CHECK(f.k.picker_field()->code == "tre_dan_toc");
    CHECK(f.shown().size() == 54);
    CHECK(f.shown().front() == "Kinh");  // the most common first

    f.type(key::picker_filter, "hmong");
    CHECK(f.shown() == std::vector<std::string>{"H'Mông"});
    f.k.apply(intent::Pick{"Not in the list"});  // ignored
    CHECK(f.k.location().screen == Screen::picker);
    f.k.apply(intent::Pick{"H'Mông"});
    CHECK(f.k.location() == form);  // back where it was opened
    CHECK(f.k.session().value("tre_dan_toc") == "H'Mông");
    CHECK(f.k.session().left.contains("tre_dan_toc"));
    CHECK(f.k.session().value(key::picker_filter).empty());  // the next picker starts whole

    // Back leaves the picker without changing the value.
    f.k.apply(intent::OpenPicker{"tre_dan_toc"});
    f.k.apply(intent::Back{});
    CHECK(f.k.location() == form);
    CHECK(f.k.session().value("tre_dan_toc") == "H'Mông");
}

TEST_CASE("the keyboard's next-box key passes a field that opens a picker") {
    PickerFixture f;
    f.fill_applicant();
    f.k.apply(intent::NextPage{});
    f.type(applicant::phone, "0912345678");
    f.k.apply(intent::NextPage{});
    REQUIRE(f.k.location().page == 2);  // the child's page
    f.k.apply(intent::Focus{"tre_ho_ten"});
    f.k.apply(intent::NextField{});
    CHECK(f.k.session().focused == std::optional<std::string>("can_nang"));
    // Once chosen to type, it is a box like the others.
    f.k.apply(intent::Blur{});
    f.k.apply(intent::OpenPicker{"tre_dan_toc"});
    f.k.apply(intent::TypeInstead{});
    f.k.apply(intent::Focus{"tre_ho_ten"});
    f.k.apply(intent::NextField{});
    CHECK(f.k.session().focused == std::optional<std::string>("tre_dan_toc"));
}

TEST_CASE("\"Khác — tự gõ\" switches the field to typing; the list can be opened again") {
    PickerFixture f;
    f.k.apply(intent::OpenPicker{"tre_dan_toc"});
    f.k.apply(intent::TypeInstead{});
    CHECK(f.k.location().screen == Screen::form);
    CHECK(f.k.session().focused == std::optional<std::string>("tre_dan_toc"));
    CHECK(f.k.session().typed.contains("tre_dan_toc"));
    f.k.apply(intent::TypeText{"Kinh"});
    f.k.apply(intent::Blur{});
    CHECK(f.k.session().value("tre_dan_toc") == "Kinh");
    f.k.apply(intent::OpenPicker{"tre_dan_toc"});  // "Chọn từ danh sách"
    CHECK(f.k.location().screen == Screen::picker);
    CHECK_FALSE(f.k.session().typed.contains("tre_dan_toc"));
    f.k.apply(intent::Home{});  // the leave prompt covers the picker too
    CHECK(f.k.leave_prompt());
}

TEST_CASE("an address: typed detail, then the province picked as its last part") {
    PickerFixture f;
    const std::string address(applicant::address);
    f.type(address, "Thôn 3, xã Yên Lạc");
    f.k.apply(intent::OpenPicker{address});
    REQUIRE(f.k.location().screen == Screen::picker);
    f.type(key::picker_filter, "vinh phuc");  // the old name finds the new province
    CHECK(f.shown() == std::vector<std::string>{"Phú Thọ"});
    f.k.apply(intent::Pick{"Phú Thọ"});
    CHECK(f.k.session().value(address) == "Thôn 3, xã Yên Lạc, Phú Thọ");
    // Picking again replaces the province, it does not add a second one.
    f.k.apply(intent::OpenPicker{address});
    f.k.apply(intent::Pick{"Hà Nội"});
    CHECK(f.k.session().value(address) == "Thôn 3, xã Yên Lạc, Hà Nội");
}

TEST_CASE("a scanned address naming a merged province: said at the top, never rewritten") {
    PickerFixture f;
    const std::string card_address = "Thôn Đông, Xã Tân Mỹ, Huyện Yên Dũng, Tỉnh Bắc Giang";
    f.k.on(event::ScannedCitizenId{{"001090123456", "Nguyễn Văn An", "1990-01-01", card_address}});
    CHECK(f.k.form_notice() == "ui.scan.id_filled");
    auto moved = f.k.moved_province();
    REQUIRE(moved);
    CHECK(moved->former == "Bắc Giang");
    CHECK(moved->current == "Bắc Ninh");
    CHECK(f.k.session().value(applicant::address) == card_address);
    // Fixing it with the picker keeps the notice until the page is back.
    f.k.apply(intent::OpenPicker{std::string(applicant::address)});
    CHECK(f.k.moved_province());
    f.k.apply(intent::Pick{"Bắc Ninh"});
    CHECK(f.k.session().value(applicant::address) ==
          "Thôn Đông, Xã Tân Mỹ, Huyện Yên Dũng, Bắc Ninh");
    CHECK(f.k.moved_province());
    f.k.apply(intent::DismissFormNotice{});
    CHECK_FALSE(f.k.moved_province());

    // A current province: the usual notice only.
    f.k.on(event::ScannedCitizenId{
        {"001090123456", "Nguyễn Văn An", "1990-01-01", "Phường Kinh Bắc, Tỉnh Bắc Ninh"}});
    CHECK(f.k.form_notice() == "ui.scan.id_filled");
    CHECK_FALSE(f.k.moved_province());

    // A scan while the picker is open returns to the form first.
    f.k.apply(intent::OpenPicker{"tre_dan_toc"});
    f.k.on(event::ScannedCitizenId{{"001090123456", "Nguyễn Văn An", "1990-01-01", card_address}});
    CHECK(f.k.location().screen == Screen::form);
    CHECK(f.k.moved_province());
}

TEST_CASE("a province whose communes the catalogue lists: its commune is picked next") {
    PickerFixture f;
    catalog::ReferenceList communes;
    communes.code = "communes_phu_tho";
    communes.name = {"Xã, phường", "Commune or ward"};
    communes.within = "Phú Thọ";
    communes.items = {{"Xã Yên Lạc", {}, {}, {"Thị trấn Yên Lạc"}},
                      {"Phường Việt Trì", {}, {}, {}}};
    f.catalog.lists.push_back(communes);
    const std::string address(applicant::address);
    f.type(address, "Thôn 3");
    f.k.apply(intent::OpenPicker{address});
    f.k.apply(intent::Pick{"Phú Thọ"});
    CHECK(f.k.location().screen == Screen::picker);  // the communes of Phú Thọ now
    CHECK(f.k.picker_list()->code == "communes_phu_tho");
    CHECK(f.k.session().value(address) == "Thôn 3, Phú Thọ");
    f.type(key::picker_filter, "thi tran");  // a former name finds the commune
    CHECK(f.shown() == std::vector<std::string>{"Xã Yên Lạc"});
    f.k.apply(intent::Pick{"Xã Yên Lạc"});
    CHECK(f.k.location().screen == Screen::form);
    CHECK(f.k.session().value(address) == "Thôn 3, Xã Yên Lạc, Phú Thọ");
    // Again: the commune is replaced, not added.
    f.k.apply(intent::OpenPicker{address});
    f.k.apply(intent::Pick{"Phú Thọ"});
    f.k.apply(intent::Pick{"Phường Việt Trì"});
    CHECK(f.k.session().value(address) == "Thôn 3, Phường Việt Trì, Phú Thọ");
    // A province without a communes list returns to the form at once.
    f.k.apply(intent::OpenPicker{address});
    f.k.apply(intent::Pick{"Hà Nội"});
    CHECK(f.k.location().screen == Screen::form);
    CHECK(f.k.session().value(address) == "Thôn 3, Phường Việt Trì, Hà Nội");
}
