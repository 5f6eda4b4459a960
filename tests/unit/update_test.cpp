// OS updates on A/B root slots: signed bundles, every refusal, the install order, and the
// boot loader's part (systemd-boot's boot counting) played out on a real ESP directory and
// file-backed slots, step by step as the firmware and systemd would do it.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "../store/temp_dir.hpp"
#include "quay/provision/signing.hpp"
#include "quay/update/install.hpp"

namespace fs = std::filesystem;
namespace update = quay::update;
namespace provision = quay::provision;
using quay::test::TempDir;

namespace {

void write(const fs::path& p, const std::string& bytes) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
}

std::string read(const fs::path& p, std::size_t n = std::string::npos) {
    std::ifstream in(p, std::ios::binary);
    std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return s.substr(0, n);
}

// A filesystem image with a pattern that is not all the same byte (so an offset error shows).
std::string root_image(char seed, std::size_t size) {
    std::string s(size, '\0');
    for (std::size_t i = 0; i < size; ++i)
        s[i] = static_cast<char>(seed + static_cast<char>(i * 7 % 251));
    return s;
}

struct Fixture {
    TempDir tmp;
    fs::path keys = tmp.path() / "keys";
    fs::path esp = tmp.path() / "esp";
    fs::path slots = tmp.path() / "slots";
    provision::PublicKey pub = provision::generate_keys(keys);
    provision::SecretKey key = provision::load_secret_key(keys / provision::kSecretKeyFile);

    Fixture() {
        fs::create_directories(esp / "loader" / "entries");
        // Two slots of 3 MiB, as partitions are: fixed size, old content in them.
        write(slots / "QUAYROOT_A", std::string(3 << 20, 'A'));
        write(slots / "QUAYROOT_B", std::string(3 << 20, 'B'));
        // The image as built: slot a, generation 1, blessed.
        write(esp / "loader/entries/quay-1-a.conf", update::entry_text("1.0", "ro quiet", 'a'));
    }

    fs::path bundle(const std::string& version, const std::string& root,
                    const std::string& arch = "amd64") {
        const fs::path dir = tmp.path() / ("in-" + version);
        write(dir / "root.img", root);
        write(dir / "vmlinuz", "kernel " + version);
        write(dir / "initrd.img", "initrd " + version);
        update::PackInput in;
        in.version = version;
        in.arch = arch;
        in.kernel_options = "ro quiet console=ttyS0";
        in.files = {{"root.img", dir / "root.img"},
                    {"vmlinuz", dir / "vmlinuz"},
                    {"initrd.img", dir / "initrd.img"}};
        const fs::path out = tmp.path() / ("quay-" + version + ".bundle");
        update::pack(out, in, key);
        return out;
    }

    update::Target target(char booted) const {
        return {esp, slots, std::string("BOOT_IMAGE=/vmlinuz ro quay.slot=") + booted + "\n"};
    }

    std::vector<std::string> entry_files() const {
        std::vector<std::string> out;
        for (const auto& e : update::list_entries(esp))
            out.push_back(e.file);
        return out;
    }

    // systemd-boot at power-on: picks the first entry in its order and, when it counts,
    // renames +LEFT-DONE to +(LEFT-1)-(DONE+1) before starting it. Returns the booted slot.
    char firmware_boots() {
        auto entries = update::list_entries(esp);
        REQUIRE(!entries.empty());
        auto e = entries.front();
        if (e.tries_left && *e.tries_left > 0) {
            const auto base = update::entry_name(e.generation, e.slot, std::nullopt);
            const auto next = base.substr(0, base.size() - 5) + "+" +
                              std::to_string(*e.tries_left - 1) + "-" +
                              std::to_string(e.tries_done + 1) + ".conf";
            fs::rename(esp / "loader/entries" / e.file, esp / "loader/entries" / next);
        }
        return e.slot;
    }

    // systemd-bless-boot good: drops the counter of the booted entry.
    void bless(char slot) {
        for (const auto& e : update::list_entries(esp)) {
            if (e.slot == slot && e.tries_left)
                fs::rename(esp / "loader/entries" / e.file,
                           esp / "loader/entries" /
                               update::entry_name(e.generation, e.slot, std::nullopt));
        }
    }
};

std::string refusal(const std::function<void()>& f) {
    try {
        f();
    } catch (const quay::Error& e) {
        return e.code();
    }
    return "accepted";
}

}  // namespace

TEST_CASE("a bundle opens only when signed by a trusted key for this architecture") {
    Fixture f;
    const auto b = f.bundle("2.0", root_image(1, 1 << 20));
    const auto bundle = update::Bundle::open(b, {f.pub}, "amd64");
    CHECK(bundle.manifest().version == "2.0");
    CHECK(bundle.manifest().key_id == f.pub.id);
    CHECK(bundle.manifest().payloads.at("root.img").size == (1u << 20));
    bundle.verify_payloads();
    CHECK(bundle.manifest().bundle_bytes == fs::file_size(b));

    // The manifest alone, from the first bytes of a download.
    write(f.tmp.path() / "prefix", read(b, update::kManifestPrefixBytes));
    const auto peeked = update::peek_manifest(f.tmp.path() / "prefix", {f.pub}, "amd64");
    CHECK(peeked.version == "2.0");
    CHECK(peeked.bundle_bytes == fs::file_size(b));
    CHECK(refusal([&] { update::Bundle::open(f.tmp.path() / "prefix", {f.pub}, "amd64"); }) ==
          "not_a_bundle");

    CHECK(refusal([&] { update::Bundle::open(b, {}, "amd64"); }) == "untrusted_key");
    TempDir other;
    const auto stranger = provision::generate_keys(other.path());
    CHECK(refusal([&] { update::Bundle::open(b, {stranger}, "amd64"); }) == "untrusted_key");
    CHECK(refusal([&] { update::Bundle::open(b, {f.pub}, "arm64"); }) == "wrong_arch");
}

TEST_CASE("a damaged or altered bundle is refused before anything is written") {
    Fixture f;
    const auto b = f.bundle("2.0", root_image(1, 1 << 20));
    const auto bytes = read(b);

    SUBCASE("one payload byte changed: found by the hash") {
        auto bad = bytes;
        const auto at = bad.find("initrd 2.0");
        REQUIRE(at != std::string::npos);
        bad[at] = 'I';
        write(b, bad);
        const auto bundle = update::Bundle::open(b, {f.pub}, "amd64");
        CHECK(refusal([&] { bundle.verify_payloads(); }) == "payload_mismatch");
    }
    SUBCASE("the manifest changed: its signature no longer matches") {
        auto bad = bytes;
        const auto at = bad.find("\"version\":\"2.0\"");
        REQUIRE(at != std::string::npos);
        bad.replace(at, 15, "\"version\":\"9.0\"");
        write(b, bad);
        CHECK(refusal([&] { update::Bundle::open(b, {f.pub}, "amd64"); }) == "bad_signature");
    }
    SUBCASE("cut short: not a bundle") {
        write(b, bytes.substr(0, bytes.size() / 2));
        CHECK(refusal([&] { update::Bundle::open(b, {f.pub}, "amd64"); }) == "not_a_bundle");
    }
    SUBCASE("any other file: not a bundle") {
        write(b, "hello\n");
        CHECK(refusal([&] { update::Bundle::open(b, {f.pub}, "amd64"); }) == "not_a_bundle");
    }
}

TEST_CASE("a provisioning signature never passes as an update manifest's") {
    Fixture f;
    const std::string content = "{\"format\":\"quay-update-1\"}\n";
    const auto as_provisioning = provision::sign(content, f.key);
    CHECK(refusal([&] {
              provision::verify(as_provisioning, {f.pub}, provision::Purpose::update_manifest);
          }) == "bad_signature");
    const auto as_update = provision::sign(content, f.key, provision::Purpose::update_manifest);
    CHECK(refusal([&] { provision::verify(as_update, {f.pub}); }) == "bad_signature");
    CHECK(provision::verify(as_update, {f.pub}, provision::Purpose::update_manifest).content ==
          content);
}

TEST_CASE("entry names follow systemd-boot's boot counting") {
    const auto e = update::parse_entry_name("quay-12-b+0-1.conf");
    REQUIRE(e);
    CHECK(e->generation == 12);
    CHECK(e->slot == 'b');
    CHECK(e->tries_left == 0);
    CHECK(e->tries_done == 1);
    CHECK(update::parse_entry_name("quay-3-a.conf")->tries_left == std::nullopt);
    CHECK(update::parse_entry_name("quay-3-a+1.conf")->tries_left == 1);
    for (const char* bad : {"quay-0-a.conf", "quay-3-c.conf", "quay-x-a.conf", "quay-3-a+.conf",
                            "debian.conf", "quay-3-a.conf.tmp", "quay-03-a.conf"})
        CHECK_MESSAGE(!update::parse_entry_name(bad), bad);
    CHECK(update::entry_name(4, 'a', 1) == "quay-4-a+1.conf");
    CHECK(update::booted_slot("ro quay.slot=b quiet") == 'b');
    CHECK(!update::booted_slot("ro quiet"));
    CHECK(update::entry_text("2.0", "ro", 'b').find("root=PARTLABEL=QUAYROOT_B quay.slot=b") !=
          std::string::npos);
}

TEST_CASE("a good update: installed on the other slot, tried once, blessed, then the default") {
    Fixture f;
    const auto root = root_image(3, (2 << 20) + 123);
    const auto b = update::Bundle::open(f.bundle("2.0", root), {f.pub}, "amd64");
    const auto r = update::install(b, f.target('a'));
    CHECK(r.slot == 'b');
    CHECK(r.entry == "quay-2-b+1.conf");
    CHECK(read(f.slots / "QUAYROOT_B", root.size()) == root);
    CHECK(read(f.slots / "QUAYROOT_A") == std::string(3 << 20, 'A'));  // the running slot
    CHECK(read(f.esp / "quay-b/vmlinuz") == "kernel 2.0");
    CHECK(read(f.esp / "quay-b/initrd.img") == "initrd 2.0");
    const auto text = read(f.esp / "loader/entries" / r.entry);
    CHECK(text.find("version 2.0\n") != std::string::npos);
    CHECK(text.find("linux   /quay-b/vmlinuz\n") != std::string::npos);
    CHECK(f.entry_files() == std::vector<std::string>{"quay-2-b+1.conf", "quay-1-a.conf"});
    CHECK(update::slot_status(f.esp, f.target('a').cmdline).entries.front().second ==
          update::EntryState::pending);

    // Power-on: the new slot is tried; this boot is a trial and takes no second update.
    REQUIRE(f.firmware_boots() == 'b');
    auto st = update::slot_status(f.esp, f.target('b').cmdline);
    CHECK(st.trial());
    CHECK(refusal([&] { update::install(b, f.target('b')); }) == "in_trial");

    // Healthy: blessed, and from now on the default; the old slot is the fallback.
    f.bless('b');
    st = update::slot_status(f.esp, f.target('b').cmdline);
    CHECK_FALSE(st.trial());
    CHECK(st.entries[0].first.file == "quay-2-b.conf");
    CHECK(st.entries[0].second == update::EntryState::running);
    CHECK(st.entries[1].second == update::EntryState::fallback);
    REQUIRE(f.firmware_boots() == 'b');
    REQUIRE(f.firmware_boots() == 'b');
    CHECK(update::reconcile(f.target('b')).empty());

    // The next update goes to slot a, generation 3; the old a entry is gone first.
    const auto b3 = update::Bundle::open(f.bundle("3.0", root_image(5, 1 << 20)), {f.pub}, "amd64");
    CHECK(update::install(b3, f.target('b')).entry == "quay-3-a+1.conf");
    CHECK(f.entry_files() == std::vector<std::string>{"quay-3-a+1.conf", "quay-2-b.conf"});
}

TEST_CASE("a broken update: never blessed, so the next boot is the old slot, by itself") {
    Fixture f;
    const auto b = update::Bundle::open(f.bundle("2.0", root_image(3, 1 << 20)), {f.pub}, "amd64");
    update::install(b, f.target('a'));
    REQUIRE(f.firmware_boots() == 'b');  // the trial: the app never draws, no blessing
    REQUIRE(f.firmware_boots() == 'a');  // reset or watchdog: back on the old slot
    auto st = update::slot_status(f.esp, f.target('a').cmdline);
    CHECK_FALSE(st.trial());
    CHECK(st.entries[0].second == update::EntryState::running);
    CHECK(st.entries[1].second == update::EntryState::failed);
    CHECK(st.entries[1].first.version == "2.0");

    const auto removed = update::reconcile(f.target('a'));
    REQUIRE(removed.size() == 1);
    CHECK(removed[0].file == "quay-2-b+0-1.conf");
    CHECK(f.entry_files() == std::vector<std::string>{"quay-1-a.conf"});
    CHECK_FALSE(fs::exists(f.esp / "quay-b"));
    REQUIRE(f.firmware_boots() == 'a');
}

TEST_CASE("an install that stops half-way leaves the running slot the one that boots") {
    Fixture f;
    // A previous update is waiting on slot b; the new one turns out to be damaged mid-write.
    const auto b2 = update::Bundle::open(f.bundle("2.0", root_image(3, 1 << 20)), {f.pub}, "amd64");
    update::install(b2, f.target('a'));
    const auto path = f.bundle("3.0", root_image(4, 2 << 20));
    const auto b3 = update::Bundle::open(path, {f.pub}, "amd64");  // manifest checked
    auto bytes = read(path);
    bytes[bytes.size() / 2] ^= 1;  // the root image changes on the stick after the check
    write(path, bytes);
    CHECK(refusal([&] { update::install(b3, f.target('a')); }) == "payload_mismatch");
    CHECK(f.entry_files() == std::vector<std::string>{"quay-1-a.conf"});
    REQUIRE(f.firmware_boots() == 'a');

    SUBCASE("a root image larger than the slot is refused before the slot is touched") {
        const auto big =
            update::Bundle::open(f.bundle("4.0", root_image(6, 4 << 20)), {f.pub}, "amd64");
        CHECK(refusal([&] { update::install(big, f.target('a')); }) == "slot_too_small");
        CHECK(f.entry_files() == std::vector<std::string>{"quay-1-a.conf"});
    }
    SUBCASE("an image without slots is not updated this way") {
        CHECK(refusal([&] { update::install(b2, {f.esp, f.slots, "ro quiet"}); }) == "not_ab");
    }
}
