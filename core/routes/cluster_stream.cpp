// JSON input as a stream: the members of a List (or of a top-level array) go one at a time through
// an ObjectCapture, so memory holds the compact structs and never a tree of the whole dump.
#include "cluster_capture.h"
#include "svcadv/util/bounded_reader.h"
#include "svcadv/util/error.h"

namespace svcadv::detail {
namespace {

class ClusterStreamHandler : public nlohmann::json_sax<json> {
  public:
    ClusterStreamHandler(ClusterState& state, const std::string& source,
                         const ObjectProgress& progress)
        : state_(state), source_(source), progress_(progress) {}

    bool null() override { return other(ValueType::Null, nullptr); }
    bool number_integer(number_integer_t value) override { return other(ValueType::Number, value); }
    bool number_unsigned(number_unsigned_t value) override {
        return other(ValueType::Number, value);
    }
    bool number_float(number_float_t value, const string_t&) override {
        return other(ValueType::Number, value);
    }
    bool binary(binary_t&) override { return true; }

    bool string(string_t& value) override {
        if (isMemberLevel()) beginMember(false);
        active().string(value);
        if (isMemberLevel()) endMember();
        return true;
    }
    bool boolean(bool value) override {
        if (isMemberLevel()) beginMember(false);
        active().boolean(value);
        if (isMemberLevel()) endMember();
        return true;
    }

    bool key(string_t& key) override {
        if (depth_ == 1) expectItems_ = key == "items";
        active().key(key);
        return true;
    }

    bool start_object(std::size_t) override { return start(ValueType::Object); }
    bool start_array(std::size_t) override { return start(ValueType::Array); }
    bool end_object() override { return end(); }
    bool end_array() override { return end(); }

    bool parse_error(std::size_t, const std::string&,
                     const nlohmann::detail::exception& e) override {
        throw invalidInput(source_ + ": invalid JSON: " + describeJsonError(e));
    }

    // The top-level object, when it was one resource rather than a List.
    void finish() {
        if (!sawItems_ && rootStarted_)
            root_.finish(state_, {source_, "document 1", json()}, nullptr);
    }

  private:
    bool isMemberLevel() const { return itemsDepth_ > 0 && depth_ == itemsDepth_; }
    ObjectCapture& active() { return itemsDepth_ > 0 && depth_ >= itemsDepth_ ? member_ : root_; }

    void beginMember(bool isContainer) { member_.begin(isContainer); }
    void endMember() {
        member_.finish(
            state_, {source_, "document 1: items[" + std::to_string(memberIndex_++) + "]", json()},
            nullptr);
        if (progress_) progress_(memberIndex_);
    }

    bool other(ValueType type, json value) {
        if (isMemberLevel()) beginMember(false);
        active().otherScalar(type, std::move(value));
        if (isMemberLevel()) endMember();
        return true;
    }

    bool start(ValueType type) {
        bool opensMembers =
            type == ValueType::Array && (depth_ == 0 || (depth_ == 1 && expectItems_));
        expectItems_ = false;
        if (opensMembers) {
            ++depth_;
            itemsDepth_ = depth_;
            sawItems_ = true;
            return true;
        }
        if (depth_ == 0) {
            root_.begin(true);
            rootStarted_ = true;
        } else if (isMemberLevel()) {
            beginMember(true);
        }
        active().startContainer(type);
        ++depth_;
        return true;
    }

    bool end() {
        --depth_;
        if (itemsDepth_ > 0 && depth_ == itemsDepth_ - 1) {
            itemsDepth_ = 0;  // the members' list is closed
            return true;
        }
        active().endContainer();
        if (isMemberLevel()) endMember();
        return true;
    }

    ClusterState& state_;
    const std::string& source_;
    const ObjectProgress& progress_;
    ObjectCapture root_;
    ObjectCapture member_;
    int depth_ = 0;
    int itemsDepth_ = 0;  // depth inside the open members' list; 0 when none is open
    bool expectItems_ = false;
    bool sawItems_ = false;
    bool rootStarted_ = false;
    std::size_t memberIndex_ = 0;
};

}  // namespace

void readJsonClusterObjects(ClusterState& state, std::string_view text, const std::string& source,
                            const ObjectProgress& progress) {
    ClusterStreamHandler handler(state, source, progress);
    readJson(text, source, handler);  // bounded: depth, sizes, duplicate keys, numbers
    handler.finish();
}

}  // namespace svcadv::detail
