#include "notebooks/cli/config_json.hpp"

#include <optional>
#include <string>
#include <vector>

#include "lib/core/errors.hpp"
#include "lib/core/quoted_text.hpp"

namespace sgdbias::cli::detail {
namespace {

using json = nlohmann::json;

std::string describe_value(const json& value) {
  if (value.is_object()) return "an object";
  if (value.is_array()) return "a list";
  if (value.is_string()) return quote_untrusted(value.get_ref<const std::string&>(), 40);
  return value.dump();  // a number, boolean or null: short
}

// nlohmann's SAX interface (json::sax_parse): builds the document like its own DOM parser, with
// the three checks of the header.
class ConfigReader {
 public:
  explicit ConfigReader(std::string_view source) : source_(source) {}

  json take() { return std::move(root_); }

  bool null() { return put(json(nullptr)); }
  bool boolean(bool value) { return put(json(value)); }
  bool number_integer(json::number_integer_t value) { return put(json(value)); }
  bool number_unsigned(json::number_unsigned_t value) { return put(json(value)); }
  bool number_float(json::number_float_t /*value*/, const std::string& typed) { return put(json(typed)); }
  bool string(std::string& value) { return put(json(std::move(value))); }
  bool binary(json::binary_t& /*value*/) { return put(json()); }  // not produced by JSON text

  bool start_object(std::size_t /*elements*/) { return open(json::object()); }
  bool start_array(std::size_t /*elements*/) { return open(json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(std::string& name) {
    json& object = *open_.back();
    if (object.contains(name)) duplicate_ = Duplicate{name, describe_value(object[name]), open_.size()};
    key_ = std::move(name);
    return true;
  }

  bool parse_error(std::size_t byte, const std::string& /*last_token*/, const nlohmann::detail::exception& error) {
    // error.what() quotes the offending token, which may be long: keep the message's head.
    const std::string what = escaped(error.what(), 200);
    const bool overflow = error.id == 406;  // e.g. 1e999: well-formed, beyond the double range
    throw InvalidArgument(source_, describe(overflow ? "a value cannot be represented" : "malformed JSON",
                                            " at byte ", byte, " (", what, ")"));
  }

 private:
  struct Duplicate {
    std::string key;
    std::string first;
    std::size_t depth;  // open containers when the key was read
  };

  // Inserts a finished scalar, or an opened container, into the innermost open container.
  json* insert(json value) {
    if (open_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    json& container = *open_.back();
    if (container.is_array()) {
      container.push_back(std::move(value));
      return &container.back();
    }
    json& slot = container[key_];
    slot = std::move(value);
    return &slot;
  }

  // A value is complete: refuse it if its key was a duplicate.
  void completed(const json& value) {
    if (duplicate_ && duplicate_->depth == open_.size()) {
      throw InvalidArgument(source_, describe("key ", quote_untrusted(duplicate_->key, 40), " is given twice (",
                                              duplicate_->first, " and ", describe_value(value), "); keep one"));
    }
  }

  bool put(json value) {
    completed(*insert(std::move(value)));
    return true;
  }

  bool open(json container) {
    require(open_.size() < kMaxConfigDepth, source_, "JSON nested deeper than ", kMaxConfigDepth,
            " levels (a config is an object of options whose values are numbers, strings, booleans or lists)");
    open_.push_back(insert(std::move(container)));
    return true;
  }

  bool close() {
    const json* finished = open_.back();
    open_.pop_back();
    completed(*finished);
    return true;
  }

  std::string source_;
  json root_;
  std::vector<json*> open_;  // the containers being filled, outermost first
  std::string key_;          // the key of the next value in the innermost object
  std::optional<Duplicate> duplicate_;
};

}  // namespace

json parse_config_json(std::string_view text, std::string_view source) {
  ConfigReader reader(source);
  json::sax_parse(text, &reader);
  return reader.take();
}

}  // namespace sgdbias::cli::detail
