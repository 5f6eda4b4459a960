#pragma once
// A gateway answer before it is written, and how the reply-stage faults write it.

#include <httplib.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "connection.hpp"
#include "faults.hpp"

namespace quay::portal_sim {

struct Reply {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string outcome;  // for the request log
};

// {"error": code} plus message / details when given.
Reply error_reply(int status, const std::string& code, const std::string& message = {});

// The answer of a before-stage fault (status, captive_html, reject); stall is handled by
// the caller.
Reply fault_reply(const Fault& f);

// What was put on the wire, for the request log.
struct Sent {
    int status = 0;  // 0: no status line
    std::string outcome;
    std::string retry_after;  // the Retry-After header sent, if any
};

// For a connection already dropped: keeps httplib's error page hook from treating the
// unwritten reply as its own error (and logging it a second time).
void mark_dropped(httplib::Response& res);

// Writes r into res, shaped by an after-stage fault (or plainly without one). done is called
// once with what went out: at once, or when a slow body (drip, stall) has ended.
void write_reply(Reply r, const Fault* fault, const httplib::Request& req, httplib::Response& res,
                 const Shutdown& shutdown, std::function<void(Sent)> done);

}  // namespace quay::portal_sim
