#pragma once
// Option groups: a struct of options with its own `fields()` and `validate()` (e.g. the data shape
// every study shares), embedded as a member of an experiment's Options. `with_option_group`
// appends the group's fields, lifted to act on that member, to the experiment's own table, so
// the group's rows (names, ranges, help text) are written once (style.md D9).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "notebooks/experiment/option_field.hpp"

namespace sgdbias {

template <class Options, class Group>
OptionField<Options> lift_option(OptionField<Group> field, Group Options::*member) {
  return {field.name, field.type, field.description, field.allowed,
          [member, parse = field.parse](Options& options, std::string_view text) { parse(options.*member, text); },
          [member, value = field.value](const Options& options) { return value(options.*member); },
          [member, format = field.format](const Options& options) { return format(options.*member); }};
}

template <class Options, class Group>
std::vector<OptionField<Options>> with_option_group(std::vector<OptionField<Options>> fields,
                                                    Group Options::*member) {
  for (OptionField<Group>& field : Group::fields()) fields.push_back(lift_option(std::move(field), member));
  return fields;
}

}  // namespace sgdbias
