// The public API of the advad library: load a model file, score rows in
// blocks or as a stream, read alarm events and the channels behind them.
#pragma once

#include "advad/detector.h"
#include "advad/model_error.h"
#include "advad/scores.h"
#include "advad/stream_scorer.h"
#include "advad/version.h"
