// A problem with one field of a document, printed in Calico's shape:
//   error with field <field> = '<value>' (<reason>)
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace svcadv {

struct FieldError {
    std::string field;  // JSON path (spec.serviceClusterIPs[1].cidr) or Calico's name
    std::optional<std::string> value;  // the offending value as written, when there is one
    std::string reason;
    bool standalone = false;  // `reason` is a whole sentence printed as it is

    std::string describe() const;  // "<field> = '<value>' (<reason>)"
};

// One error: "error with field ..."; several: "error with the following fields:" then one line
// each.
std::string formatFieldErrors(const std::vector<FieldError>& errors);

}  // namespace svcadv
