#include "svcadv/util/json_list_stream.h"

#include <exception>
#include <memory>
#include <optional>

#include "svcadv/util/error.h"

namespace svcadv {
namespace {

// Follows the top level of the events; builds each member of `items` into a tree of its own.
class ListMemberSax final : public nlohmann::json_sax<json> {
  public:
    ListMemberSax(const std::string& source, const std::function<void(Document)>& take)
        : source_(source), take_(take) {}

    bool topLevelObject = false;
    bool itemsIsList = false;
    std::optional<std::string> kind;
    std::exception_ptr takeError;

    bool null() override { return scalar(nullptr); }
    bool boolean(bool v) override { return scalar(v); }
    bool number_integer(number_integer_t v) override { return scalar(v); }
    bool number_unsigned(number_unsigned_t v) override { return scalar(v); }
    bool number_float(number_float_t v, const string_t&) override { return scalar(v); }
    bool string(string_t& v) override {
        if (depth_ == 1 && key_ == "kind") kind = v;
        return scalar(v);
    }
    bool binary(binary_t&) override { return true; }  // JSON text has none
    bool start_object(std::size_t size) override {
        if (depth_ == 0) topLevelObject = true;
        if (startsMember()) open();
        if (member_) member_->start_object(size);
        ++depth_;
        return true;
    }
    bool end_object() override {
        --depth_;
        if (member_) member_->end_object();
        finishMember();
        return true;
    }
    bool start_array(std::size_t size) override {
        if (depth_ == 1 && key_ == "items") {
            itemsIsList = true;
            inItems_ = true;
        } else {
            if (startsMember()) open();
            if (member_) member_->start_array(size);
        }
        ++depth_;
        return true;
    }
    bool end_array() override {
        --depth_;
        if (depth_ == 1 && inItems_) {
            inItems_ = false;
            return true;
        }
        if (member_) member_->end_array();
        finishMember();
        return true;
    }
    bool key(string_t& name) override {
        if (depth_ == 1) key_ = name;
        if (member_) member_->key(name);
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
        return false;  // the bounded reader reports it
    }

  private:
    using DomBuilder = nlohmann::detail::json_sax_dom_parser<json>;

    bool startsMember() const { return inItems_ && depth_ == 2 && !member_; }

    void open() {
        tree_ = json();
        member_ = std::make_unique<DomBuilder>(tree_, true);
        memberDepth_ = depth_;
    }

    template <typename Value>
    bool scalar(Value&& v) {
        if (member_) {
            json value(std::forward<Value>(v));
            forwardScalar(value);
        } else if (inItems_ && depth_ == 2) {
            deliver(json(std::forward<Value>(v)));
        }
        return true;
    }

    void forwardScalar(json& value) {
        switch (value.type()) {
            case json::value_t::null:
                member_->null();
                break;
            case json::value_t::boolean:
                member_->boolean(value.get<bool>());
                break;
            case json::value_t::number_integer:
                member_->number_integer(value.get<json::number_integer_t>());
                break;
            case json::value_t::number_unsigned:
                member_->number_unsigned(value.get<json::number_unsigned_t>());
                break;
            case json::value_t::number_float:
                member_->number_float(value.get<double>(), "");
                break;
            default:
                member_->string(value.get_ref<std::string&>());
                break;
        }
    }

    void finishMember() {
        if (!member_ || depth_ != memberDepth_) return;
        member_.reset();
        deliver(std::move(tree_));
    }

    void deliver(json value) {
        std::size_t index = next_++;
        if (takeError) return;
        try {
            take_({source_, "document 1: items[" + std::to_string(index) + "]", std::move(value)});
        } catch (...) {
            takeError = std::current_exception();
        }
    }

    const std::string& source_;
    const std::function<void(Document)>& take_;
    std::size_t depth_ = 0;
    std::string key_;
    bool inItems_ = false;
    std::unique_ptr<DomBuilder> member_;
    std::size_t memberDepth_ = 0;
    json tree_;
    std::size_t next_ = 0;
};

}  // namespace

bool forEachJsonListMember(std::string_view text, const std::string& source,
                           const std::function<void(Document)>& take, const ReadLimits& limits) {
    if (!looksLikeJson(text)) return false;
    ListMemberSax members(source, take);
    readJson(text, source, members, limits);
    bool isList = members.topLevelObject && members.itemsIsList && members.kind &&
                  members.kind->ends_with("List");
    if (isList && members.takeError) std::rethrow_exception(members.takeError);
    return isList;
}

}  // namespace svcadv
