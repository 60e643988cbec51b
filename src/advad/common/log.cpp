#include "advad/common/log.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace advad {

void init_logging(int verbosity) {
  auto logger = spdlog::stderr_color_mt("advad");
  logger->set_pattern("[%^%l%$] %v");
  switch (verbosity) {
    case 0:
      logger->set_level(spdlog::level::warn);
      break;
    case 1:
      logger->set_level(spdlog::level::info);
      break;
    default:
      logger->set_level(spdlog::level::debug);
      break;
  }
  spdlog::set_default_logger(logger);
}

}  // namespace advad
