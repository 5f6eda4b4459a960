// OS updates pulled over HTTP on loopback (docs/updates.md): a real HTTP server with Range
// support (cpp-httplib's static files), real bundle files, file-backed slots and an ESP
// directory. Checks what a province's link pays for: only the manifest's bytes when nothing
// is new, a cut download resumed where it stopped, a damaged bundle never installed.
#include <doctest/doctest.h>
#include <httplib.h>

#include <mutex>
#include <thread>
#include <utility>

#include "quay/provision/signing.hpp"
#include "quay/update/pull.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
namespace update = quay::update;
namespace provision = quay::provision;
using quay::testing::read_file;
using quay::testing::TempDir;
using quay::testing::write_file;

namespace {

// Static files from a directory, every request's Range header and body size recorded.
class FileServer {
  public:
    explicit FileServer(const fs::path& root) {
        fs::create_directories(root);
        REQUIRE(server_.set_mount_point("/", root.string()));
        server_.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
            std::lock_guard lock(mutex_);
            log_.push_back({req.get_header_value("Range"), res.status, res.body.size()});
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        REQUIRE(port_ > 0);
        thread_ = std::thread([this] { server_.listen_after_bind(); });
    }
    ~FileServer() {
        server_.stop();
        thread_.join();
    }
    FileServer(const FileServer&) = delete;
    FileServer& operator=(const FileServer&) = delete;
    std::string url(const std::string& name) const {
        return "http://127.0.0.1:" + std::to_string(port_) + "/" + name;
    }
    struct Hit {
        std::string range;
        int status;
        std::size_t bytes;
    };
    std::vector<Hit> take_log() {
        std::lock_guard lock(mutex_);
        return std::exchange(log_, {});
    }

  private:
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
    std::mutex mutex_;
    std::vector<Hit> log_;
};

std::string pattern(char seed, std::size_t size) {
    std::string s(size, '\0');
    for (std::size_t i = 0; i < size; ++i)
        s[i] = static_cast<char>(seed + static_cast<char>(i * 13 % 241));
    return s;
}

struct Kiosk {
    TempDir tmp{"update-pull"};
    fs::path www = tmp.path() / "www";
    fs::path esp = tmp.path() / "esp";
    fs::path slots = tmp.path() / "slots";
    fs::path downloads = tmp.path() / "data/quay-update";
    provision::PublicKey pub = provision::generate_keys(tmp.path() / "keys");
    provision::SecretKey key = provision::load_secret_key(tmp.path() / "keys/provision.key");
    FileServer server{www};
    std::string root = pattern(7, (3 << 20) + 77);

    Kiosk() {
        for (const auto& d : {www, slots, esp / "loader/entries", tmp.path() / "in", downloads})
            fs::create_directories(d);
        write_file(slots / "QUAYROOT_A", std::string(4 << 20, 'A'));
        write_file(slots / "QUAYROOT_B", std::string(4 << 20, 'B'));
        write_file(esp / "loader/entries/quay-1-a.conf", update::entry_text("1.0", "ro", 'a'));
    }
    // Publishes a bundle of `version` as www/kiosk.bundle; returns its bytes.
    std::string publish(const std::string& version) {
        write_file(tmp.path() / "in/root.img", root);
        write_file(tmp.path() / "in/vmlinuz", "kernel " + version);
        write_file(tmp.path() / "in/initrd.img", "initrd " + version);
        update::PackInput in{version,
                             "amd64",
                             "ro quiet",
                             {{"root.img", tmp.path() / "in/root.img"},
                              {"vmlinuz", tmp.path() / "in/vmlinuz"},
                              {"initrd.img", tmp.path() / "in/initrd.img"}}};
        update::pack(www / "kiosk.bundle", in, key);
        return read_file(www / "kiosk.bundle");
    }
    update::PullOptions options() const {
        update::PullOptions o;
        o.url = server.url("kiosk.bundle");
        o.download_dir = downloads;
        o.trusted = {pub};
        o.arch = "amd64";
        o.target = {esp, slots, "ro quay.slot=a"};
        o.reserve_bytes = 0;
        return o;
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

TEST_CASE("a new version is fetched, checked and installed; then only its manifest is read") {
    Kiosk k;
    const auto bytes = k.publish("2.0");
    auto r = update::pull(k.options());
    CHECK(r.outcome == update::Pulled::Outcome::installed);
    REQUIRE(r.installed);
    CHECK(r.installed->entry == "quay-2-b+1.conf");
    CHECK(read_file(k.slots / "QUAYROOT_B").substr(0, k.root.size()) == k.root);
    CHECK(r.manifest.bundle_bytes == bytes.size());
    CHECK_FALSE(fs::exists(k.downloads / "quay-update.bundle"));
    auto log = k.server.take_log();
    REQUIRE(log.size() == 2);
    CHECK(log[0].range == "bytes=0-66047");
    CHECK(log[0].status == 206);
    CHECK(log[1].range.empty());

    // Again: version 2.0 waits for its trial; one small request, nothing downloaded.
    r = update::pull(k.options());
    CHECK(r.outcome == update::Pulled::Outcome::up_to_date);
    CHECK(r.downloaded_bytes <= update::kManifestPrefixBytes);
    log = k.server.take_log();
    REQUIRE(log.size() == 1);
    CHECK(log[0].bytes <= update::kManifestPrefixBytes);
}

TEST_CASE("a download cut half-way is resumed from its last byte") {
    Kiosk k;
    const auto bytes = k.publish("2.0");
    // What an earlier, cut run left behind (the part file is named by the root's hash).
    const auto peeked = [&] {
        write_file(k.tmp.path() / "prefix", bytes.substr(0, update::kManifestPrefixBytes));
        return update::peek_manifest(k.tmp.path() / "prefix", {k.pub}, "amd64");
    }();
    CHECK(peeked.version == "2.0");
    const std::size_t half = bytes.size() / 2;
    write_file(
        k.downloads / ("bundle-" + peeked.payloads.at("root.img").sha256.substr(0, 16) + ".part"),
        bytes.substr(0, half));
    const auto r = update::pull(k.options());
    CHECK(r.outcome == update::Pulled::Outcome::installed);
    CHECK(r.resumed);
    const auto log = k.server.take_log();
    REQUIRE(log.size() == 2);
    CHECK(log[1].range == "bytes=" + std::to_string(half) + "-");
    CHECK(log[1].bytes == bytes.size() - half);
}

TEST_CASE("a bundle damaged on the server is never installed, and fetched afresh next time") {
    Kiosk k;
    auto bytes = k.publish("2.0");
    bytes[bytes.size() / 2] ^= 0x5a;  // inside the root image; the manifest still verifies
    write_file(k.www / "kiosk.bundle", bytes);
    CHECK(refusal([&] { update::pull(k.options()); }) == "payload_mismatch");
    CHECK(fs::exists(k.esp / "loader/entries/quay-1-a.conf"));
    CHECK_FALSE(fs::exists(k.esp / "quay-b"));
    for (const auto& e : fs::directory_iterator(k.downloads))
        CHECK_MESSAGE(e.path().extension() != ".part", e.path());
    CHECK_FALSE(fs::exists(k.downloads / "quay-update.bundle"));
}

TEST_CASE("a version rolled back from is not pulled again; a missing bundle is a retry") {
    Kiosk k;
    k.publish("2.0");
    update::remember_rolled_back(k.downloads, "2.0");
    update::remember_rolled_back(k.downloads, "2.0");  // once is enough
    CHECK(update::rolled_back_versions(k.downloads) == std::vector<std::string>{"2.0"});
    const auto r = update::pull(k.options());
    CHECK(r.outcome == update::Pulled::Outcome::skipped_rolled_back);
    CHECK(k.server.take_log().size() == 1);

    auto o = k.options();
    o.url = k.server.url("nothing-here.bundle");
    CHECK(refusal([&] { update::pull(o); }) == "download_failed");
    o.url = "http://example.invalid/kiosk.bundle";
    CHECK(refusal([&] { update::pull(o); }) == "download_failed");  // plain http, not loopback
}
