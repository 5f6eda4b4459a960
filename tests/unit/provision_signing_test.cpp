// Signed provisioning: keys, the signature line, every refusal reason and the serial rule,
// on real files in a real directory.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "../store/temp_dir.hpp"
#include "quay/provision/provision.hpp"
#include "quay/provision/signing.hpp"

namespace fs = std::filesystem;
namespace provision = quay::provision;

namespace {

using quay::test::TempDir;

std::string file_text(std::int64_t serial, const std::string& token = "tok-1") {
    provision::Inputs in;
    in.serial = serial;
    in.kiosk_id = "K0042";
    in.portal_url = "https://dvc.example.gov.vn/gw";
    in.token = token;
    return provision::write(in, "quay-provision.toml");
}

std::string refusal(std::string_view bytes, const std::vector<provision::PublicKey>& trusted,
                    std::optional<std::int64_t> installed = std::nullopt) {
    try {
        provision::check(bytes, "quay-provision.toml", trusted, installed);
    } catch (const provision::Refused& e) {
        return e.code();
    }
    return "accepted";
}

struct Keys {
    TempDir dir;
    provision::SecretKey secret;
    provision::PublicKey pub;
    Keys() {
        pub = provision::generate_keys(dir.path());
        secret = provision::load_secret_key(dir.path() / provision::kSecretKeyFile);
    }
};

}  // namespace

TEST_CASE("keygen writes a 0600 secret key and its public key, and never overwrites them") {
    TempDir tmp;
    const auto dir = tmp.path() / "keys";
    const auto pk = provision::generate_keys(dir);
    struct stat st {};
    REQUIRE(::stat((dir / "provision.key").c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0600);
    CHECK(pk.id.size() == 16);
    CHECK(provision::load_public_key(dir / "provision.pub").bytes == pk.bytes);
    CHECK(provision::load_secret_key(dir / "provision.key").public_key().id == pk.id);
    const auto before = provision::load_public_key(dir / "provision.pub").id;
    CHECK_THROWS_WITH_AS(provision::generate_keys(dir), doctest::Contains("never overwritten"),
                         quay::Error);
    CHECK(provision::load_public_key(dir / "provision.pub").id == before);

    // A secret key others can read is refused.
    ::chmod((dir / "provision.key").c_str(), 0644);
    CHECK_THROWS_AS(provision::load_secret_key(dir / "provision.key"), quay::Error);
    CHECK_THROWS_AS(provision::parse_public_key("ssh-ed25519 AAAA", "x.pub"), quay::Error);
}

TEST_CASE("a signed file passes; every kind of tampering is refused with its reason") {
    Keys k;
    Keys other;
    const std::string text = provision::sign(file_text(5), k.secret);
    const auto c = provision::check(text, "quay-provision.toml", {k.pub}, std::nullopt);
    CHECK(c.bundle.serial == 5);
    CHECK(c.key.id == k.pub.id);
    CHECK(c.bundle.config.kiosk.id == "K0042");

    CHECK(refusal(file_text(5), {k.pub}) == "unsigned");
    CHECK(refusal(text, {other.pub}) == "untrusted_key");
    CHECK(refusal(text, {}) == "untrusted_key");  // no trusted key: nothing is accepted
    // Key rotation: any one trusted key is enough.
    CHECK(refusal(text, {other.pub, k.pub}) == "accepted");

    // One byte changed anywhere before the signature line.
    for (std::size_t at : {std::size_t(0), text.find("K0042"), text.find("tok-1"),
                           text.find("# quay-signature") - 1}) {
        std::string t = text;
        t[at] = t[at] == 'x' ? 'y' : 'x';
        CHECK_MESSAGE(refusal(t, {k.pub}) == "bad_signature", at);
    }
    // In the signature itself, or a line added after it.
    std::string t = text;
    t[t.size() - 10] = t[t.size() - 10] == 'A' ? 'B' : 'A';
    CHECK(refusal(t, {k.pub}) == "bad_signature");
    CHECK(refusal(text + "[kiosk]\n", {k.pub}) == "bad_signature");
    // Signed by another key, with our key's name pasted in: the signature does not match.
    const std::string forged = provision::sign(file_text(5, "tok-evil"), other.secret);
    const auto our_line = text.substr(text.find("# quay-signature"));
    const auto forged_with_our_key = forged.substr(0, forged.find("# quay-signature")) + our_line;
    CHECK(refusal(forged_with_our_key, {k.pub}) == "bad_signature");
}

TEST_CASE("oversized and non-UTF-8 files are refused before anything else") {
    Keys k;
    CHECK(refusal(std::string(provision::kMaxFileBytes + 1, '#'), {k.pub}) == "too_large");
    CHECK(refusal(provision::sign(file_text(1) + "# \xff\n", k.secret), {k.pub}) == "not_utf8");
}

TEST_CASE("serial: check refuses one not above the installed; install applies only newer") {
    Keys k;
    TempDir etc;
    const auto s5 = provision::sign(file_text(5), k.secret);
    CHECK(refusal(s5, {k.pub}, 5) == "stale_serial");
    CHECK(refusal(s5, {k.pub}, 6) == "stale_serial");
    CHECK(refusal(s5, {k.pub}, 4) == "accepted");

    auto apply = [&](const std::string& text) {
        const auto c = provision::check(text, "p.toml", {k.pub}, std::nullopt);
        return provision::install(c.bundle, etc.path(), std::nullopt, c.key.id);
    };
    CHECK_FALSE(provision::installed(etc.path()).serial);  // none yet: any serial
    auto r = apply(s5);
    CHECK(r.changed);
    CHECK(provision::installed(etc.path()).serial == 5);
    CHECK(provision::installed(etc.path()).key_id == k.pub.id);
    CHECK(quay::config::load_file(etc.path() / "quay.toml").kiosk.id == "K0042");

    // The same file again: nothing changes.
    r = apply(s5);
    CHECK_FALSE(r.changed);
    // Same serial, other content; an older serial: stale, the config stays.
    const auto before = provision::installed(etc.path()).digest;
    CHECK_THROWS_WITH_AS(apply(provision::sign(file_text(5, "tok-2"), k.secret)),
                         doctest::Contains("installed already"), provision::Refused);
    CHECK_THROWS_AS(apply(provision::sign(file_text(4, "tok-2"), k.secret)), provision::Refused);
    CHECK(provision::installed(etc.path()).digest == before);
    CHECK(quay::config::read_token(quay::config::load_file(etc.path() / "quay.toml")) == "tok-1");
    // A newer one applies.
    r = apply(provision::sign(file_text(9, "tok-9"), k.secret));
    CHECK(r.changed);
    CHECK(r.previous_serial == 5);
    CHECK(provision::installed(etc.path()).serial == 9);
    CHECK(quay::config::read_token(quay::config::load_file(etc.path() / "quay.toml")) == "tok-9");
}

TEST_CASE("trust directory: every *.pub, other files ignored, broken keys named") {
    Keys a;
    Keys b;
    TempDir trust;
    fs::copy_file(a.dir.path() / "provision.pub", trust.path() / "2026-a.pub");
    fs::copy_file(b.dir.path() / "provision.pub", trust.path() / "2027-b.pub");
    std::ofstream(trust.path() / "README") << "not a key";
    std::ofstream(trust.path() / "broken.pub") << "nonsense";
    std::vector<std::string> skipped;
    const auto keys = provision::load_trust_dir(trust.path(), skipped);
    REQUIRE(keys.size() == 2);
    CHECK(keys[0].id == a.pub.id);
    CHECK(keys[1].id == b.pub.id);
    REQUIRE(skipped.size() == 1);
    CHECK(skipped[0].find("broken.pub") != std::string::npos);
    CHECK(provision::load_trust_dir(trust.path() / "missing", skipped).empty());
}
