// The bounded reader: any bytes, read as YAML documents, as a JSON value, and through
// parseDocuments, must give values or an InvalidInput error; written back as YAML they read back
// as the same values.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "svcadv/util/document.h"
#include "svcadv/util/error.h"

using namespace svcadv;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    ReadLimits limits;
    limits.maxAliasNodes = 10'000;
    try {
        for (const auto& document : readYamlDocuments(text, "fuzz", limits)) {
            json again = parseValue(toYaml(document.body), "round trip");
            if (again != document.body) __builtin_trap();  // toYaml changed a value
        }
    } catch (const Error& e) {
        if (e.code() != ExitCode::InvalidInput) __builtin_trap();
    }
    try {
        readJsonValue(text, "fuzz", limits);
    } catch (const Error& e) {
        if (e.code() != ExitCode::InvalidInput) __builtin_trap();
    }
    return 0;
}
