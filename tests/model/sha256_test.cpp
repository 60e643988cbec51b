#include "advad/model/sha256.h"

#include <gtest/gtest.h>

#include "advad/model/data_hash.h"

namespace advad {
namespace {

TEST(Sha256, FipsExampleAbc) {
  // FIPS 180-2, appendix B.1: the one-block message "abc".
  EXPECT_EQ(to_hex(sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, EmptyMessage) {
  // SHA-256 of the empty string, as printed by sha256sum < /dev/null.
  EXPECT_EQ(to_hex(sha256("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, IncrementalEqualsOneShot) {
  Sha256 hash;
  hash.update("a", 1);
  hash.update("bc", 2);
  EXPECT_EQ(hash.finish(), sha256("abc"));
}

Dataset two_by_two() {
  Dataset data;
  data.channels = {"x", "y"};
  data.values = Matrix(2, 2);
  data.values.values = {1.0F, -2.5F, 0.0F, 3.25F};
  return data;
}

TEST(DataHash, MatchesPythonReference) {
  // Python 3.11: hashlib.sha256(pack('<Q',1) + b'x' + pack('<Q',1) + b'y'
  // + pack('<QQ',2,2) + pack('<4f',1.0,-2.5,0.0,3.25)).hexdigest()
  EXPECT_EQ(data_sha256(two_by_two()),
            "1ae914b5041cdccd380d3316889407987fd1b371d39290893fba77225302d6be");
}

TEST(DataHash, ChannelNameChangesHash) {
  Dataset renamed = two_by_two();
  renamed.channels[1] = "z";
  EXPECT_NE(data_sha256(renamed), data_sha256(two_by_two()));
}

TEST(DataHash, LabelsLeftOut) {
  Dataset labelled = two_by_two();
  labelled.labels = {0, 1};
  EXPECT_EQ(data_sha256(labelled), data_sha256(two_by_two()));
}

}  // namespace
}  // namespace advad
