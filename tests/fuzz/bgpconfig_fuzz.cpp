// BGPConfiguration decode and validate: any document decodes to a resource or field errors, and
// validation of what decoded never throws anything but svcadv errors.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "svcadv/model/bgpconfig.h"
#include "svcadv/model/validate.h"
#include "svcadv/util/document.h"
#include "svcadv/util/error.h"

using namespace svcadv;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        for (const auto& document : parseDocuments(text, "fuzz")) {
            DecodeResult decoded = decodeBgpConfiguration(document.body);
            if (decoded.resource) {
                validateBgpConfiguration(*decoded.resource);
                lintBgpConfiguration(*decoded.resource);
                json encoded = encodeBgpConfiguration(*decoded.resource);
                toYaml(encoded);
            }
            try {
                checkedBgpConfiguration(document);
            } catch (const Error&) {
            }
        }
    } catch (const Error&) {
    }
    return 0;
}
