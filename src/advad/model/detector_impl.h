// The state behind the public Detector, shared with its stream scorers.
#pragma once

#include "advad/detector.h"
#include "advad/model/model.h"

namespace advad {

struct Detector::Impl {
  Model model;
};

}  // namespace advad
