#include "svcadv/model/field_error.h"

namespace svcadv {

std::string FieldError::describe() const {
    if (standalone) return reason;
    std::string text = field;
    if (value) text += " = '" + *value + "'";
    return text + " (" + reason + ")";
}

std::string formatFieldErrors(const std::vector<FieldError>& errors) {
    if (errors.empty()) return {};
    if (errors.size() == 1) {
        return errors[0].standalone ? errors[0].reason : "error with field " + errors[0].describe();
    }
    std::string text = "error with the following fields:";
    for (const auto& error : errors)
        text += "\n-  " + error.describe();
    return text;
}

}  // namespace svcadv
