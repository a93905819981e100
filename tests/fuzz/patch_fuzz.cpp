// Merge and JSON patches: the input is "<type>\n<target YAML>\n...\n<patch YAML>"; applying never
// fails but with an InvalidInput error.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "svcadv/model/patch.h"
#include "svcadv/util/document.h"
#include "svcadv/util/error.h"

using namespace svcadv;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto separator = text.find("\n...\n");
    if (size == 0 || separator == std::string_view::npos) return 0;
    static const PatchType types[] = {PatchType::Merge, PatchType::Json, PatchType::Strategic};
    PatchType type = types[static_cast<unsigned char>(text[0]) % 3];
    try {
        json target = parseValue(text.substr(1, separator - 1), "target");
        json patch = parseValue(text.substr(separator + 5), "patch");
        applyPatch(target, patch, type);
    } catch (const Error& e) {
        if (e.code() != ExitCode::InvalidInput && e.code() != ExitCode::Usage) __builtin_trap();
    }
    return 0;
}
