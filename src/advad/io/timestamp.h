// Timestamps of delimited text files, as seconds.
#pragma once

#include <optional>
#include <string_view>

namespace advad {

// Parses a timestamp into seconds since 1970-01-01 00:00:00 UTC, or takes a
// plain number as seconds. Accepts "YYYY-MM-DD hh:mm:ss" and
// "YYYY-MM-DDThh:mm:ss", each with optional fractional seconds (".fff",
// any number of digits) and an optional zone: "Z", "+hh:mm" or "-hh:mm".
// A time without a zone is taken as UTC. Surrounding spaces are ignored.
// Returns std::nullopt for any other text, an invalid date or time (month
// 13, February 30, hour 24), or a number that is not finite.
std::optional<double> parse_timestamp(std::string_view text);

}  // namespace advad
