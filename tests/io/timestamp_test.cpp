#include "advad/io/timestamp.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace advad {
namespace {

// Reference seconds from Python's calendar.timegm on the same UTC time.
TEST(Timestamp, SpaceSeparated) {
  EXPECT_EQ(parse_timestamp("2020-03-09 10:14:33"), 1583748873.0);
}

TEST(Timestamp, IsoWithZone) {
  EXPECT_EQ(parse_timestamp("2022-10-26T08:17:00.000Z"), 1666772220.0);
  EXPECT_EQ(parse_timestamp("2022-10-26T08:17:00"), 1666772220.0);
  // 10:17 at +02:00 is 08:17 UTC.
  EXPECT_EQ(parse_timestamp("2022-10-26T10:17:00+02:00"), 1666772220.0);
  EXPECT_EQ(parse_timestamp("2022-10-26T06:17:00-02:00"), 1666772220.0);
}

TEST(Timestamp, Fraction) {
  EXPECT_DOUBLE_EQ(*parse_timestamp("2020-03-09 10:14:33.25"), 1583748873.25);
  EXPECT_DOUBLE_EQ(*parse_timestamp("2020-03-09 10:14:33.125Z"),
                   1583748873.125);
}

TEST(Timestamp, LeapDayAndBeforeEpoch) {
  EXPECT_EQ(parse_timestamp("2000-02-29 23:59:59"), 951868799.0);
  EXPECT_EQ(parse_timestamp("1969-12-31 23:00:00"), -3600.0);
}

TEST(Timestamp, PlainSeconds) {
  EXPECT_EQ(parse_timestamp("12.5"), 12.5);
  EXPECT_EQ(parse_timestamp(" -3 "), -3.0);
}

TEST(Timestamp, Invalid) {
  for (const std::string text :
       {"", "monday", "2021-02-29 00:00:00", "2020-13-01 00:00:00",
        "2020-01-01 24:00:00", "2020-01-01 00:60:00", "2020/01/01 00:00:00",
        "2020-01-01 00:00:00X", "2020-01-01 00:00:00+2", "nan", "inf", "1e400",
        "03/09/2020"}) {
    EXPECT_EQ(parse_timestamp(text), std::nullopt) << text;
  }
}

}  // namespace
}  // namespace advad
