// Label selectors: any text matches, does not match, or is an svcadv error.
#include <cstddef>
#include <cstdint>
#include <string>

#include "svcadv/util/error.h"
#include "svcadv/util/label_selector.h"

using namespace svcadv;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string selector(reinterpret_cast<const char*>(data), size);
    static const json labels = {{"zone", "a"}, {"role", "edge"}, {"example.com/x", ""}};
    try {
        labelSelectorMatches(labels, selector);
        labelSelectorMatches(json::object(), selector);
    } catch (const Error&) {
    }
    return 0;
}
