// Option tables: typed parsing with ranges, enum choices at the edge, validate(), help rows.
#include "notebooks/experiment/option_field.hpp"

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "lib/core/errors.hpp"
#include "notebooks/experiment/experiment.hpp"

namespace sgdbias {
namespace {

enum class Method { kGradientDescent, kStochasticGradientDescent };

struct ToyOptions {
  Index dimension = 100;
  double step_size = 0.05;
  bool records = false;
  Method method = Method::kGradientDescent;
  std::vector<Method> methods = {Method::kGradientDescent};

  static std::vector<OptionField<ToyOptions>> fields() {
    const Choices<Method> choices = {{"gd", Method::kGradientDescent}, {"sgd", Method::kStochasticGradientDescent}};
    return {integer_option("dimension", &ToyOptions::dimension, "features d", Range{1, 1000}),
            real_option("step-size", &ToyOptions::step_size, "step size γ", Range{0, 1, true}),
            flag_option("records", &ToyOptions::records, "keep records"),
            choice_option("method", &ToyOptions::method, "one method", choices),
            choice_list_option("methods", &ToyOptions::methods, "methods", choices)};
  }
  std::optional<std::string> validate() const {
    if (step_size * static_cast<double>(dimension) > 100) return describe("step-size × dimension exceeds 100");
    return std::nullopt;
  }
};

std::string error_of(const std::vector<OptionAssignment>& assignments) {
  try {
    parse_options<ToyOptions>(assignments);
  } catch (const InvalidArgument& error) {
    return error.what();
  }
  return "";
}

TEST(OptionField, ParsesEveryKindIntoTypedMembers) {
  const ToyOptions options = parse_options<ToyOptions>({{"dimension", "7", "cli"}, {"step-size", "0.5", "cli"},
                                                        {"records", "yes", "cli"}, {"method", "sgd", "cli"},
                                                        {"methods", "sgd,gd,sgd", "cli"}});
  EXPECT_EQ(options.dimension, 7);
  EXPECT_EQ(options.step_size, 0.5);
  EXPECT_TRUE(options.records);
  EXPECT_EQ(options.method, Method::kStochasticGradientDescent);
  EXPECT_EQ(options.methods, (std::vector<Method>{Method::kGradientDescent, Method::kStochasticGradientDescent}));
  EXPECT_EQ(parse_options<ToyOptions>({{"methods", "all", "cli"}}).methods.size(), 2u);
}

TEST(OptionField, BadValuesNameTheOptionTheValueAndWhatIsAllowed) {
  EXPECT_EQ(error_of({{"dimension", "abc", "command line"}}),
            "--dimension: value 'abc' is not an integer (allowed: [1, 1000])");
  EXPECT_EQ(error_of({{"dimension", "0", "command line"}}),
            "--dimension: value '0' is out of range (allowed: [1, 1000])");
  EXPECT_EQ(error_of({{"step-size", "0", "command line"}}), "--step-size: value '0' is out of range (allowed: (0, 1])");
  EXPECT_EQ(error_of({{"step-size", "nan", "command line"}}),
            "--step-size: value 'nan' is not a finite real number (allowed: (0, 1])");
  EXPECT_EQ(error_of({{"method", "sdg", "command line"}}),
            "--method: value 'sdg' is not one of the choices (allowed: gd|sgd)");
  EXPECT_EQ(error_of({{"methods", "", "command line"}}),
            "--methods: value '' is not one of the choices (allowed: gd|sgd)");
  EXPECT_EQ(error_of({{"records", "maybe", "command line"}}),
            "--records: value 'maybe' is not a flag value (allowed: true|false|1|0|yes|no|on|off)");
  // From a config file the message names the file too (the value as typed).
  EXPECT_EQ(error_of({{"dimension", "1e3", "--config c.json"}}),
            "--config c.json: --dimension: value '1e3' is not an integer (allowed: [1, 1000])");
}

TEST(OptionField, UnknownOptionsGetACloseMatchSuggestion) {
  EXPECT_EQ(error_of({{"step-sise", "0.1", "command line"}}),
            "command line: unknown option --step-sise; did you mean --step-size?");
  EXPECT_NE(error_of({{"zzzzzzzz", "1", "cli"}}).find("(options: --dimension, --step-size"), std::string::npos);
}

TEST(OptionField, ValidateChecksCombinationsAfterParsing) {
  EXPECT_EQ(error_of({{"dimension", "1000", "cli"}, {"step-size", "0.5", "cli"}}),
            "options: step-size × dimension exceeds 100");
}

TEST(OptionField, ExperimentRecordDescribesDefaultsAndRecordsAllOptions) {
  auto run = [](const ToyOptions&, RunContext&) {};
  const Experiment experiment = make_experiment<ToyOptions>("toy", "a toy", "toy", +run);
  ASSERT_EQ(experiment.options.size(), 5u);
  EXPECT_EQ(experiment.options[1].name, "step-size");
  EXPECT_EQ(experiment.options[1].default_value, "0.05");
  EXPECT_EQ(experiment.options[1].allowed, "(0, 1]");
  EXPECT_EQ(experiment.options[4].default_value, "gd");
  const ConfiguredExperiment configured = experiment.configure({{"dimension", "3", "cli"}});
  ASSERT_EQ(configured.options.size(), 5u);
  EXPECT_EQ(std::get<std::int64_t>(configured.options[0].second), 3);
  EXPECT_EQ(std::get<std::vector<std::string>>(configured.options[4].second), std::vector<std::string>{"gd"});
}

// An integer option's bounds are written as integers, the form its parser accepts: "1e+05" in
// the help would be refused as input ("is not an integer").
TEST(OptionField, IntegerBoundsAreWrittenAsIntegers) {
  struct Counts {
    Index trajectories = 8;
  };
  const OptionField<Counts> field =
      integer_option("trajectories", &Counts::trajectories, "runs", Range{1, 100000});
  EXPECT_EQ(field.allowed, "[1, 100000]");
  Counts counts;
  try {
    field.parse(counts, "100001");
    ADD_FAILURE() << "100001 accepted";
  } catch (const InvalidArgument& error) {
    EXPECT_STREQ(error.what(), "--trajectories: value '100001' is out of range (allowed: [1, 100000])");
  }
  EXPECT_EQ(integer_option("steps", &Counts::trajectories, "steps", Range{1, 1e9}).allowed, "[1, 1000000000]");
  EXPECT_EQ(Range(0, 1e7, true).text(), "(0, 1e+07]");  // real options keep the shortest form
}

TEST(CloseMatch, EditDistanceIsLevenshtein) {
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(closest_match("treads", {"threads", "seed"}), std::optional<std::string>("threads"));
  EXPECT_EQ(closest_match("xyz", {"threads", "seed"}), std::nullopt);
}

}  // namespace
}  // namespace sgdbias
