#pragma once
// OptionField<Options>: one row of an experiment's option table (style.md D9). The table is the
// single source of an experiment's configuration: it drives parsing (CLI flags and --config
// JSON), --help (name, type, default, description, allowed values), run.json, and — through the
// Options' own validate() — cross-field checks. Fields point at typed members, so a typo in a
// field is a compile error and no string ever reaches the numerics: enums are parsed here, at
// the edge, from a fixed list of names.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "notebooks/run_folder/run_manifest.hpp"

namespace sgdbias {

struct OptionDescription {
  std::string name;           // as on the command line, without "--"
  std::string type;           // "integer", "real", "flag", "choice", "list"
  std::string default_value;  // text of the default
  std::string description;
  std::string allowed;        // e.g. "[1, 100000]", "(0, inf)", "gd|sgd|sgf", "true|false"
};

template <class Options>
struct OptionField {
  std::string name;
  std::string type;
  std::string description;
  std::string allowed;
  // Parses `text` into the member; throws InvalidArgument("--<name>", "<what>; allowed: ...").
  std::function<void(Options&, std::string_view text)> parse;
  std::function<io::ManifestValue(const Options&)> value;  // for run.json
  std::function<std::string(const Options&)> format;       // for --help defaults and tables
};

// A closed or open interval for numeric options; infinite bounds are allowed.
struct Range {
  double lower;
  double upper;
  bool lower_open = false;
  bool upper_open = false;
  bool contains(double value) const;
  std::string text() const;  // "[1, 100]", "(0, inf)"
  // The same with finite bounds as integers ("[1, 100000]", not "[1, 1e+05]"): the form an
  // integer option accepts as input.
  std::string integer_text() const;
};

namespace detail {
[[noreturn]] void throw_bad_value(std::string_view option, std::string_view text, std::string_view what,
                                  std::string_view allowed);
std::int64_t parse_integer(std::string_view option, std::string_view text, const Range& range);
double parse_real(std::string_view option, std::string_view text, const Range& range);
bool parse_flag(std::string_view option, std::string_view text);
std::vector<std::string> split_list(std::string_view text);
std::string join(const std::vector<std::string>& names, std::string_view separator);
}  // namespace detail

template <class Options, class Integer>
OptionField<Options> integer_option(std::string name, Integer Options::*member, std::string description,
                                    Range range) {
  return {name, "integer", std::move(description), range.integer_text(),
          [name, member, range](Options& options, std::string_view text) {
            options.*member = static_cast<Integer>(detail::parse_integer(name, text, range));
          },
          [member](const Options& options) { return io::ManifestValue(static_cast<std::int64_t>(options.*member)); },
          [member](const Options& options) { return std::to_string(options.*member); }};
}

std::string format_real(double value);

template <class Options>
OptionField<Options> real_option(std::string name, double Options::*member, std::string description, Range range) {
  return {name, "real", std::move(description), range.text(),
          [name, member, range](Options& options, std::string_view text) {
            options.*member = detail::parse_real(name, text, range);
          },
          [member](const Options& options) { return io::ManifestValue(options.*member); },
          [member](const Options& options) { return format_real(options.*member); }};
}

template <class Options>
OptionField<Options> flag_option(std::string name, bool Options::*member, std::string description) {
  return {name, "flag", std::move(description), "true|false",
          [name, member](Options& options, std::string_view text) { options.*member = detail::parse_flag(name, text); },
          [member](const Options& options) { return io::ManifestValue(options.*member); },
          [member](const Options& options) { return std::string(options.*member ? "true" : "false"); }};
}

// A file or folder path (kept as text; the experiment opens it and names it in its errors). The
// empty default means "not given" and is shown as "(none)" in --help.
template <class Options>
OptionField<Options> path_option(std::string name, std::string Options::*member, std::string description) {
  return {name, "path", std::move(description), "a file or folder path",
          [member](Options& options, std::string_view text) { options.*member = std::string(text); },
          [member](const Options& options) { return io::ManifestValue(options.*member); },
          [member](const Options& options) { return (options.*member).empty() ? std::string("(none)") : options.*member; }};
}

template <class Enum>
using Choices = std::vector<std::pair<std::string, Enum>>;

template <class Enum>
std::string choice_name(const Choices<Enum>& choices, Enum value) {
  for (const auto& [name, choice] : choices) {
    if (choice == value) return name;
  }
  return "?";
}

template <class Enum>
Enum parse_choice(std::string_view option, std::string_view text, const Choices<Enum>& choices) {
  std::vector<std::string> names;
  for (const auto& [name, choice] : choices) {
    if (name == text) return choice;
    names.push_back(name);
  }
  detail::throw_bad_value(option, text, "is not one of the choices", detail::join(names, "|"));
}

template <class Options, class Enum>
OptionField<Options> choice_option(std::string name, Enum Options::*member, std::string description,
                                   Choices<Enum> choices) {
  std::vector<std::string> names;
  for (const auto& entry : choices) names.push_back(entry.first);
  return {name, "choice", std::move(description), detail::join(names, "|"),
          [name, member, choices](Options& options, std::string_view text) {
            options.*member = parse_choice(name, text, choices);
          },
          [member, choices](const Options& options) { return io::ManifestValue(choice_name(choices, options.*member)); },
          [member, choices](const Options& options) { return choice_name(choices, options.*member); }};
}

// A comma-separated subset of the choices ("gd,sgd"), or "all"; order follows the choice list,
// duplicates are dropped, and the empty set is rejected.
template <class Options, class Enum>
OptionField<Options> choice_list_option(std::string name, std::vector<Enum> Options::*member, std::string description,
                                        Choices<Enum> choices) {
  std::vector<std::string> names;
  for (const auto& entry : choices) names.push_back(entry.first);
  auto to_names = [choices](const std::vector<Enum>& values) {
    std::vector<std::string> result;
    for (Enum value : values) result.push_back(choice_name(choices, value));
    return result;
  };
  return {name, "list", std::move(description), "all or a comma-separated subset of " + detail::join(names, ","),
          [name, member, choices, names](Options& options, std::string_view text) {
            std::vector<bool> chosen(choices.size(), text == "all");
            if (text != "all") {
              for (const std::string& item : detail::split_list(text)) {
                const Enum value = parse_choice(name, item, choices);
                for (std::size_t i = 0; i < choices.size(); ++i) chosen[i] = chosen[i] || choices[i].second == value;
              }
            }
            std::vector<Enum> values;
            for (std::size_t i = 0; i < choices.size(); ++i) {
              if (chosen[i]) values.push_back(choices[i].second);
            }
            if (values.empty()) detail::throw_bad_value(name, text, "selects nothing", "all or " + detail::join(names, ","));
            options.*member = std::move(values);
          },
          [member, to_names](const Options& options) { return io::ManifestValue(to_names(options.*member)); },
          [member, to_names](const Options& options) { return detail::join(to_names(options.*member), ","); }};
}

}  // namespace sgdbias
