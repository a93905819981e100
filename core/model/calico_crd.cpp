#include "svcadv/model/calico_crd.h"

#include <cctype>

namespace svcadv {
namespace {

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

std::uint8_t reverseBits(std::uint8_t byte) {
    std::uint8_t out = 0;
    for (int bit = 0; bit < 8; ++bit)
        out = static_cast<std::uint8_t>(out | (((byte >> bit) & 1) << (7 - bit)));
    return out;
}

}  // namespace

std::string reverseUidBits(const std::string& uid) {
    std::string hex;
    for (char c : uid) {
        if (c == '-') continue;
        if (hexValue(c) < 0) return uid;
        hex += c;
    }
    if (hex.size() != 32) return uid;
    std::string out = uid;
    const char* digits = "0123456789abcdef";
    std::size_t position = 0;  // in `out`, skipping dashes
    for (int index = 0; index < 16; ++index) {
        auto byte =
            static_cast<std::uint8_t>(hexValue(hex[2 * index]) * 16 + hexValue(hex[2 * index + 1]));
        // Byte 6 holds the UUID version, byte 8 the variant: they stay as they are.
        if (index != 6 && index != 8) byte = reverseBits(byte);
        for (int half = 0; half < 2; ++half) {
            while (out[position] == '-')
                ++position;
            out[position++] = digits[half == 0 ? byte >> 4 : byte & 15];
        }
    }
    return out;
}

json crdToV3(const json& resource) {
    json out = resource;
    out["apiVersion"] = kCalicoApi.apiVersion();
    const json& crMeta = resource.value("metadata", json::object());
    json meta = json::object();
    json stored = json::object();
    if (crMeta.contains("annotations") && crMeta["annotations"].is_object() &&
        crMeta["annotations"].contains(kMetadataAnnotation)) {
        try {
            stored = json::parse(crMeta["annotations"][kMetadataAnnotation].get<std::string>());
        } catch (const std::exception&) {
            stored = json::object();
        }
    }
    if (stored.is_object()) meta = stored;
    // Labels and annotations: the CR's first, then the annotation's.
    for (const char* map : {"labels", "annotations"}) {
        json merged = crMeta.value(map, json::object());
        if (std::string(map) == "annotations") merged.erase(kMetadataAnnotation);
        if (stored.is_object() && stored.contains(map) && stored[map].is_object())
            merged.update(stored[map]);
        if (merged.empty())
            meta.erase(map);
        else
            meta[map] = merged;
    }
    for (const char* key : {"name", "resourceVersion"}) {
        if (crMeta.contains(key)) meta[key] = crMeta[key];
    }
    if (crMeta.contains("uid") && crMeta["uid"].is_string())
        meta["uid"] = reverseUidBits(crMeta["uid"].get<std::string>());
    if (!meta.contains("creationTimestamp") && crMeta.contains("creationTimestamp"))
        meta["creationTimestamp"] = crMeta["creationTimestamp"];
    out["metadata"] = meta;
    return out;
}

json v3ToCrd(const json& object) {
    json out = object;
    out["apiVersion"] = kCalicoCrd.apiVersion();
    const json& v3 = object.value("metadata", json::object());
    json meta = json::object();
    json stored = json::object();
    for (const auto& [key, value] : v3.items()) {
        if (key == "name" || key == "resourceVersion") {
            meta[key] = value;
        } else if (key == "uid") {
            if (value.is_string()) meta["uid"] = reverseUidBits(value.get<std::string>());
        } else {
            stored[key] = value;
        }
    }
    if (!stored.empty()) meta["annotations"] = {{kMetadataAnnotation, stored.dump()}};
    out["metadata"] = meta;
    return out;
}

}  // namespace svcadv
