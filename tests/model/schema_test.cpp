#include "advad/model/schema.h"

#include <string>

#include <gtest/gtest.h>

#include "advad/model_error.h"

namespace advad {
namespace {

DataSchema sample_schema() { return {{"a", "b", "c"}, {"action"}, 5, 2}; }

SchemaError match_error(const std::vector<std::string>& columns,
                        const std::vector<std::string>& ignored = {}) {
  try {
    match_columns(sample_schema(), columns, ignored, "new.csv");
  } catch (const SchemaError& error) {
    return error;
  }
  ADD_FAILURE() << "columns matched";
  return SchemaError({}, {}, "");
}

TEST(Schema, JsonRoundTrip) {
  DataSchema read = schema_from_json(to_json(sample_schema()));
  EXPECT_EQ(read.channels, sample_schema().channels);
  EXPECT_EQ(read.context_columns, sample_schema().context_columns);
  EXPECT_EQ(read.window, 5U);
  EXPECT_EQ(read.stride, 2U);
}

TEST(Schema, ZeroWindowRejected) {
  nlohmann::json json = to_json(sample_schema());
  json["window"] = 0;
  EXPECT_THROW(schema_from_json(json), InputError);
}

TEST(Schema, NonIntegerWindowRejected) {
  // 5e65 as a float once reached an out-of-range conversion to size_t.
  for (const nlohmann::json& value :
       {nlohmann::json(5e65), nlohmann::json(2.5), nlohmann::json(-3),
        nlohmann::json("5")}) {
    nlohmann::json json = to_json(sample_schema());
    json["window"] = value;
    EXPECT_THROW(schema_from_json(json), InputError) << value.dump();
  }
}

TEST(Schema, DuplicateChannelRejected) {
  nlohmann::json json = to_json(sample_schema());
  json["channels"] = {"a", "a"};
  EXPECT_THROW(schema_from_json(json), InputError);
}

TEST(Schema, MissingFieldRejected) {
  nlohmann::json json = to_json(sample_schema());
  json.erase("stride");
  EXPECT_THROW(schema_from_json(json), InputError);
}

TEST(Schema, MatchesByNameInAnyOrder) {
  std::vector<std::size_t> indices = match_columns(
      sample_schema(), {"time", "c", "a", "b"}, {"time"}, "new.csv");
  EXPECT_EQ(indices, (std::vector<std::size_t>{2, 3, 1}));
}

TEST(Schema, ContextColumnAllowed) {
  EXPECT_NO_THROW(match_columns(sample_schema(), {"a", "b", "c", "action"},
                                {}, "new.csv"));
}

TEST(Schema, MissingChannelNamed) {
  SchemaError error = match_error({"a", "c"});
  EXPECT_EQ(error.missing(), (std::vector<std::string>{"b"}));
  EXPECT_TRUE(error.extra().empty());
  std::string message = error.what();
  EXPECT_NE(message.find("new.csv"), std::string::npos);
  EXPECT_NE(message.find("1 missing ('b')"), std::string::npos);
}

TEST(Schema, ExtraColumnNamed) {
  SchemaError error = match_error({"a", "b", "c", "d"});
  EXPECT_EQ(error.extra(), (std::vector<std::string>{"d"}));
  EXPECT_NE(std::string(error.what()).find("1 extra column not in the "
                                           "model ('d')"),
            std::string::npos);
}

TEST(Schema, IgnoredColumnNotExtra) {
  EXPECT_NO_THROW(match_columns(sample_schema(), {"a", "b", "c", "d"},
                                {"d"}, "new.csv"));
}

TEST(Schema, BothListedInOneMessage) {
  SchemaError error = match_error({"a", "x", "y"});
  EXPECT_EQ(error.missing(), (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(error.extra(), (std::vector<std::string>{"x", "y"}));
}

TEST(Schema, LongListsShortened) {
  DataSchema schema;
  for (int i = 0; i < 15; ++i) {
    schema.channels.push_back("ch" + std::to_string(i));
  }
  try {
    match_columns(schema, {}, {}, "new.csv");
    FAIL() << "columns matched";
  } catch (const SchemaError& error) {
    EXPECT_EQ(error.missing().size(), 15U);
    EXPECT_NE(std::string(error.what()).find("and 5 more"),
              std::string::npos);
  }
}

TEST(Schema, ConformReordersValues) {
  Dataset data;
  data.channels = {"c", "b", "a"};
  data.values = Matrix(1, 3);
  data.values.values = {3.0F, 2.0F, 1.0F};
  data.segments = {{0, 1, "new.csv"}};
  Dataset conformed = conform_to_schema(data, sample_schema(), {}, "new.csv");
  EXPECT_EQ(conformed.channels, sample_schema().channels);
  EXPECT_EQ(conformed.values.values, (std::vector<float>{1.0F, 2.0F, 3.0F}));
}

}  // namespace
}  // namespace advad
