#include "advad/report/plot.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "test_support.h"

namespace advad {
namespace {

namespace fs = std::filesystem;

VariantResult variant(const std::string& name, double value) {
  VariantResult v;
  v.name = name;
  v.metrics.precision = value;
  v.metrics.recall = value / 2;
  v.metrics.f1 = value / 3;
  v.metrics.roc_auc = 1.0 - value / 4;
  v.metrics.pr_auc = value;
  return v;
}

// Names with characters that gnuplot's strings or enhanced text treat
// specially ('  _  ^  { }  @), but none that SVG must escape.
ExperimentReport sample_report() {
  ExperimentReport report;
  report.variants = {variant("basic", 0.8), variant("deep_adv", 0.6),
                     variant("it's x^2 {@b}", 0.4)};
  report.variants[1].metrics.precision.reset();
  report.variants[1].metrics.f1.reset();
  return report;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

bool gnuplot_on_path() {
  const char* path = std::getenv("PATH");
  std::istringstream folders(path ? path : "");
  std::string folder;
  while (std::getline(folders, folder, ':')) {
    if (!folder.empty() && fs::exists(fs::path(folder) / "gnuplot")) {
      return true;
    }
  }
  return false;
}

std::string message_of_runtime_error(const std::string& folder,
                                     const std::string& program) {
  try {
    write_comparison_plot(folder, sample_report(), PlotOptions{program});
  } catch (const std::runtime_error& error) {
    return error.what();
  }
  return "no std::runtime_error thrown";
}

// ---- script -------------------------------------------------------------

TEST(ComparisonScript, QuotesVariantNames) {
  const std::string script = format_comparison_script(sample_report());
  EXPECT_NE(script.find("title 'basic'"), std::string::npos);
  EXPECT_NE(script.find("title 'deep_adv'"), std::string::npos);
  EXPECT_NE(script.find("title 'it''s x^2 {@b}'"), std::string::npos);
}

TEST(ComparisonScript, LineBreakInNameBecomesSpace) {
  ExperimentReport report = sample_report();
  report.variants[0].name = "two\nlines";
  const std::string script = format_comparison_script(report);
  EXPECT_NE(script.find("title 'two lines'"), std::string::npos);
}

TEST(ComparisonScript, UndefinedMetricIsMissing) {
  // Row "precision": basic 0.8, deep_adv undefined, third 0.4.
  const std::string script = format_comparison_script(sample_report());
  EXPECT_NE(script.find("\"precision\" 0.8 NaN 0.4\n"), std::string::npos);
  EXPECT_NE(script.find("\"n/a\""), std::string::npos);
}

TEST(ComparisonScript, NaLabelAtBarCentre) {
  // 3 variants, gap 1: bars 1/4 wide at cluster x - 1/4, x, x + 1/4.
  // deep_adv is the middle bar; F1 is cluster 2.
  const std::string script = format_comparison_script(sample_report());
  EXPECT_NE(script.find("0.000000 0.02 \"n/a\""), std::string::npos);
  EXPECT_NE(script.find("2.000000 0.02 \"n/a\""), std::string::npos);
}

TEST(ComparisonScript, NoVariantsRejected) {
  EXPECT_THROW(format_comparison_script(ExperimentReport{}),
               std::invalid_argument);
}

// ---- gnuplot ------------------------------------------------------------

TEST(ComparisonPlot, WritesPngAndSvg) {
  if (!gnuplot_on_path()) {
    GTEST_SKIP() << "gnuplot is not on PATH";
  }
  testing::TempDir temp;
  const fs::path folder = temp.path() / "figures";
  write_comparison_plot(folder.string(), sample_report());
  const std::string png = read_file(folder / "comparison.png");
  const std::string svg = read_file(folder / "comparison.svg");
  EXPECT_EQ(png.substr(0, 8), "\x89PNG\r\n\x1a\n");
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_TRUE(fs::is_regular_file(folder / "comparison.gp"));
}

TEST(ComparisonPlot, SvgNamesEveryVariant) {
  if (!gnuplot_on_path()) {
    GTEST_SKIP() << "gnuplot is not on PATH";
  }
  testing::TempDir temp;
  write_comparison_plot(temp.path().string(), sample_report());
  const std::string svg = read_file(temp.path() / "comparison.svg");
  for (const VariantResult& v : sample_report().variants) {
    EXPECT_NE(svg.find(">" + v.name + "<"), std::string::npos) << v.name;
  }
}

TEST(ComparisonPlot, AllUndefinedStillDrawn) {
  // One class in the test labels can leave every metric undefined.
  if (!gnuplot_on_path()) {
    GTEST_SKIP() << "gnuplot is not on PATH";
  }
  ExperimentReport report;
  report.variants = {VariantResult{}, VariantResult{}};
  report.variants[0].name = "basic";
  report.variants[1].name = "deep";
  testing::TempDir temp;
  write_comparison_plot(temp.path().string(), report);
  const std::string svg = read_file(temp.path() / "comparison.svg");
  EXPECT_NE(svg.find(">deep<"), std::string::npos);
}

TEST(ComparisonPlot, MissingProgramNamed) {
  testing::TempDir temp;
  const std::string program = "/nonexistent/bin/gnuplot";
  const std::string message =
      message_of_runtime_error(temp.path().string(), program);
  EXPECT_NE(message.find(program), std::string::npos) << message;
  EXPECT_NE(message.find("No such file"), std::string::npos) << message;
}

TEST(ComparisonPlot, ProgramNotOnPathNamed) {
  testing::TempDir temp;
  const std::string message =
      message_of_runtime_error(temp.path().string(), "advad-no-such-plotter");
  EXPECT_NE(message.find("advad-no-such-plotter"), std::string::npos)
      << message;
}

TEST(ComparisonPlot, FailingProgramReportsStatus) {
  // `false` ignores its arguments and exits with status 1.
  testing::TempDir temp;
  const std::string message =
      message_of_runtime_error(temp.path().string(), "false");
  EXPECT_NE(message.find("exit status 1"), std::string::npos) << message;
}

TEST(ComparisonPlot, FailureIncludesProgramOutput) {
  // `cat -d` rejects the option with an error on stderr that starts
  // with "cat:".
  testing::TempDir temp;
  const std::string message =
      message_of_runtime_error(temp.path().string(), "cat");
  EXPECT_NE(message.find("cat:"), std::string::npos) << message;
}

TEST(ComparisonPlot, NoFigureWrittenReported) {
  // `ls -d comparison.gp` succeeds without writing a figure.
  testing::TempDir temp;
  const std::string message =
      message_of_runtime_error(temp.path().string(), "ls");
  EXPECT_NE(message.find("did not write"), std::string::npos) << message;
}

TEST(ComparisonPlot, StaleFigureRemovedOnFailure) {
  testing::TempDir temp;
  std::ofstream(temp.file("comparison.png")) << "old";
  message_of_runtime_error(temp.path().string(), "/nonexistent/gnuplot");
  EXPECT_FALSE(fs::exists(temp.path() / "comparison.png"));
}

}  // namespace
}  // namespace advad
