// quayctl scan [--from FILE]: what the kiosk understood from one scan.
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "cli.hpp"
#include "quay/idcard/scan.hpp"

namespace quay::cli {
namespace {

std::string read_one_scan(const std::string& path, bool whole_file) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Failure{bad_input, "bad_arguments", "cannot read " + path};
    if (whole_file) {
        std::ostringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }
    std::string line;  // a FIFO or device delivers one scan per line
    std::getline(in, line);
    return line;
}

}  // namespace

int run_scan(Context& ctx, Args& args) {
    const auto from = args.take_option("--from");
    args.expect_empty();
    std::string raw;
    if (from) {
        raw = read_one_scan(*from, true);
    } else {
        const auto& device = ctx.config().scanner.device;
        struct stat st {};
        if (device.empty())
            throw Failure{bad_input, "no_scanner", "no [scanner] device is configured"};
        if (::stat(device.c_str(), &st) != 0) {
            throw Failure{bad_input, "no_scanner", "scanner device " + device + " is not there"};
        }
        if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
            throw Failure{bad_input, "no_scanner",
                          device +
                              " is a live scanner device: check it on the kiosk's staff screen, "
                              "or pass --from FILE"};
        }
        raw = read_one_scan(device, S_ISREG(st.st_mode));
    }

    const auto scan = idcard::classify_scan(raw);
    if (const auto* id = std::get_if<idcard::CitizenId>(&scan)) {
        nlohmann::json warnings = nlohmann::json::array();
        for (const auto w : id->warnings)
            warnings.push_back(idcard::to_string(w));
        print_json(ctx.out,
                   {{"kind", "citizen_id"},
                    {"id_number", id->id_number},
                    {"old_id_number", id->old_id_number ? nlohmann::json(*id->old_id_number)
                                                        : nlohmann::json(nullptr)},
                    {"full_name", id->full_name},
                    {"date_of_birth", id->date_of_birth.iso()},
                    {"sex", idcard::to_string(id->sex)},
                    {"address", id->address},
                    {"issue_date", id->issue_date.iso()},
                    {"warnings", warnings}});
        return ok;
    }
    if (const auto* code = std::get_if<idcard::ReceiptCodeScan>(&scan)) {
        print_json(ctx.out, {{"kind", "receipt_code"}, {"receipt_code", code->receipt_code}});
        return ok;
    }
    throw Failure{bad_input, "unrecognised_scan", std::get<idcard::UnrecognisedScan>(scan).message};
}

}  // namespace quay::cli
