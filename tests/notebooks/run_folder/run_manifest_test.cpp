// run.json: valid JSON holding the options after defaults, seed, provenance and tables.
#include "notebooks/run_folder/run_manifest.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace sgdbias::io {
namespace {

TEST(RunManifest, RecordsOptionsSeedProvenanceAndTables) {
  RunManifest manifest;
  manifest.experiment = "sparsity-bias";
  manifest.options = {{"dimension", std::int64_t{100}}, {"step-size", 0.05}, {"methods", std::vector<std::string>{"gd", "sgd"}}};
  manifest.seed = 18446744073709551615ull;
  manifest.threads = 2;
  manifest.tables.push_back({"summary.csv", "one row per method", {"method", "test_loss_mean"}});
  const nlohmann::json json = nlohmann::json::parse(to_json(manifest));
  EXPECT_EQ(json["experiment"], "sparsity-bias");
  EXPECT_EQ(json["options"]["dimension"], 100);
  EXPECT_EQ(json["options"]["step-size"], 0.05);
  EXPECT_EQ(json["options"]["methods"][1], "sgd");
  EXPECT_EQ(json["seed"].get<std::uint64_t>(), 18446744073709551615ull);
  EXPECT_EQ(json["threads"], 2);
  EXPECT_EQ(json["library_version"], SGDBIAS_VERSION);
  EXPECT_TRUE(json["git_commit"].is_string());
  EXPECT_EQ(json["tables"][0]["columns"][1], "test_loss_mean");
}

// A command line with bytes that are not UTF-8 (a Latin-1 folder name) still gives a run.json
// (the JSON library refuses such strings by default: run.json was never written).
TEST(RunManifest, BytesThatAreNotUtf8AreReplacedNotRefused) {
  RunManifest manifest;
  manifest.command_line = {"sgdbias", "--out", "r\xe9sultats"};
  manifest.failure = "cannot write r\xe9sultats";
  const nlohmann::json json = nlohmann::json::parse(to_json(manifest));
  EXPECT_EQ(json["command_line"][2], "r\xef\xbf\xbdsultats");  // U+FFFD
  EXPECT_TRUE(json["failure"].is_string());
}

TEST(RunManifest, TimestampsAreIso8601Utc) {
  const std::string stamp = utc_timestamp();
  ASSERT_EQ(stamp.size(), 20u);
  EXPECT_EQ(stamp[10], 'T');
  EXPECT_EQ(stamp.back(), 'Z');
  EXPECT_EQ(compact_utc_timestamp().size(), 16u);
}

}  // namespace
}  // namespace sgdbias::io
