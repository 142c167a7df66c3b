// Deterministic random-input tests ("fuzz") of the program's three readers of untrusted text: the
// option parser (`run NAME --key value ...` up to the typed options), the config reader (JSON
// files) and the CSV loader. Each case is generated from (SGDBIAS_TEST_SEED, case index), so a
// failure prints what to replay; the case count is fixed, so the time is bounded (about a second
// in Release, a few under the sanitizers) and the run is the same on every machine.
//
// The property, for any input: the reader either succeeds or throws InvalidArgument whose message
// is one line (no control characters) of bounded length. A crash, a hang, another exception type
// or a message echoing a megabyte of input fails the case.
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "notebooks/cli/config_json.hpp"
#include "notebooks/cli/run_request.hpp"
#include "lib/core/errors.hpp"
#include "lib/core/quoted_text.hpp"
#include "problems/data/csv_dataset.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

constexpr int kCases = 2000;
// The longest message: a path is quoted up to 4096 bytes, anything else up to 80.
constexpr std::size_t kMaxMessageBytes = 4096 + 400;

enum class Shape { kCircle, kSquare };

struct FuzzOptions {
  Index steps = 20;
  double drift = 0.0;
  bool verbose = false;
  Shape shape = Shape::kCircle;
  std::vector<Shape> shapes{Shape::kCircle};
  static std::vector<OptionField<FuzzOptions>> fields() {
    const Choices<Shape> shapes{{"circle", Shape::kCircle}, {"square", Shape::kSquare}};
    return {integer_option("steps", &FuzzOptions::steps, "steps", Range{1, 1000}),
            real_option("drift", &FuzzOptions::drift, "drift", Range{-1, 1}),
            flag_option("verbose", &FuzzOptions::verbose, "verbose"),
            choice_option("shape", &FuzzOptions::shape, "shape", shapes),
            choice_list_option("shapes", &FuzzOptions::shapes, "shapes", shapes)};
  }
  std::optional<std::string> validate() const { return std::nullopt; }
};

void never_run(const FuzzOptions&, RunContext&) {}

const Experiment& fuzz_experiment() {
  static const Experiment experiment = make_experiment<FuzzOptions>("fuzz", "fuzz target", "fuzz", &never_run);
  return experiment;
}

// The case's generator: its own stream, so case k is the same whatever ran before it.
std::mt19937_64 case_generator(std::uint64_t target, int index) {
  std::seed_seq sequence{testing::test_seed(), target, static_cast<std::uint64_t>(index)};
  return std::mt19937_64(sequence);
}

std::size_t below(std::mt19937_64& random, std::size_t bound) {
  return std::uniform_int_distribution<std::size_t>(0, bound - 1)(random);
}

std::string random_bytes(std::mt19937_64& random, std::size_t max_length) {
  std::string bytes(below(random, max_length + 1), '\0');
  for (char& byte : bytes) byte = static_cast<char>(below(random, 256));
  return bytes;
}

std::string pick(std::mt19937_64& random, const std::vector<std::string>& words) {
  return words[below(random, words.size())];
}

// Runs `read` on one case; any outcome other than success or a clean InvalidArgument fails with
// the case's seed and its input (escaped, first 300 bytes).
template <class Read>
void check_case(std::string_view target, int index, const std::string& input, Read read) {
  const auto replay = [&] {
    return std::string(target) + " case " + std::to_string(index) + " (SGDBIAS_TEST_SEED=" +
           std::to_string(testing::test_seed()) + "), input " + quote_untrusted(input, 300);
  };
  try {
    read();
  } catch (const InvalidArgument& error) {
    const std::string_view message = error.what();
    EXPECT_LE(message.size(), kMaxMessageBytes) << replay();
    for (const char byte : message) {
      const auto code = static_cast<unsigned char>(byte);
      if (code < 0x20 || code == 0x7f) {
        ADD_FAILURE() << "control character " << int{code} << " in the message " << quote_untrusted(message, 300)
                      << "; " << replay();
        break;
      }
    }
  } catch (const std::exception& error) {
    ADD_FAILURE() << "unexpected exception " << quote_untrusted(error.what(), 300) << "; " << replay();
  }
}

TEST(InputFuzz, TheOptionParserAcceptsOrRefusesCleanly) {
  const std::vector<std::string> words{
      "--steps", "--drift", "--verbose", "--shape", "--shapes", "--seed", "--threads", "--help", "--config",
      "--steps=", "--drift=0.5", "--stpes", "--", "-", "--=", "3", "0", "-1", "1e400", "1e-310", "nan", "inf",
      "0x10", "99999999999999999999", "", "true", "circle", "square,circle", "all", ",", "square,,", "1,2"};
  for (int index = 0; index < kCases; ++index) {
    std::mt19937_64 random = case_generator(1, index);
    std::vector<std::string> args(below(random, 8));
    for (std::string& word : args) {
      const std::size_t kind = below(random, 10);
      word = kind < 7 ? pick(random, words) : kind < 9 ? random_bytes(random, 12) : std::string(10000, 'x');
      if (below(random, 4) == 0) word = "--" + word;
    }
    std::string input;
    for (const std::string& word : args) input += word + ' ';
    check_case("option parser", index, input, [&] {
      const std::vector<std::string_view> views(args.begin(), args.end());
      const cli::detail::RunRequest request = cli::detail::parse_run_arguments(fuzz_experiment(), views);
      if (!request.help) fuzz_experiment().configure(request.assignments);
    });
  }
}

// A valid config, mangled by a few random edits: bytes inserted or deleted, pieces repeated (a
// key twice), deep nesting, numbers out of range.
std::string mangled_config(std::mt19937_64& random) {
  std::string text =
      R"({"steps": 5, "drift": 0.5, "shape": "square", "shapes": ["circle"], "seed": 3, "verbose": true})";
  const std::vector<std::string> pieces{"[", "]", "{", "}", ",", ":", "\"", "\\", "1e999", "-0", "1e-320", "null",
                                        "\"steps\": 7,", "\"options\": {", "\"experiment\": \"fuzz\",",
                                        "\"threads\": 0,", std::string(200, '['), "\"\x01\n\"", "\xff\xfe"};
  for (std::size_t edit = below(random, 5) + 1; edit > 0; --edit) {
    const std::size_t at = below(random, text.size() + 1);
    switch (below(random, 4)) {
      case 0: text.insert(at, pick(random, pieces)); break;
      case 1: text.erase(at, below(random, 8)); break;
      case 2: text.insert(at, random_bytes(random, 4)); break;
      default: text.insert(at, text.substr(at, below(random, 30))); break;
    }
  }
  return text;
}

// read_config without the file: the text goes to the same parser and key reader.
TEST(InputFuzz, TheConfigReaderAcceptsOrRefusesCleanly) {
  const std::string source = "--config fuzz.json";
  for (int index = 0; index < kCases; ++index) {
    std::mt19937_64 random = case_generator(2, index);
    const std::string text = mangled_config(random);
    check_case("config reader", index, text, [&] {
      cli::detail::RunRequest request;
      const std::vector<OptionAssignment> assignments = cli::detail::config_assignments(
          cli::detail::parse_config_json(text, source), source, fuzz_experiment(), request);
      fuzz_experiment().configure(assignments);
    });
  }
}

// Text built from CSV's own pieces (numbers, separators, quotes, a BOM, comments) and random bytes.
std::string random_csv(std::mt19937_64& random) {
  const std::vector<std::string> pieces{"1", "-2.5", "3e2", "1e400", "1e-310", "nan", "inf", "x", ",", ",", "\n",
                                        "\n", "\r\n", " ", "\"", "\"a,b\"", "#", "\xEF\xBB\xBF", "0x1p3", ""};
  std::string text;
  for (std::size_t piece = below(random, 40); piece > 0; --piece) {
    text += below(random, 8) == 0 ? random_bytes(random, 3) : pick(random, pieces);
  }
  return text;
}

TEST(InputFuzz, TheCsvLoaderAcceptsOrRefusesCleanly) {
  for (int index = 0; index < kCases; ++index) {
    std::mt19937_64 random = case_generator(3, index);
    const std::string text = random_csv(random);
    check_case("CSV loader", index, text, [&] {
      const Matrix data = problems::parse_csv_matrix(text, "fuzz.csv");
      EXPECT_GE(data.rows(), 1) << quote_untrusted(text, 300);
      EXPECT_TRUE(data.allFinite()) << quote_untrusted(text, 300);
    });
  }
}

}  // namespace
}  // namespace sgdbias
