#include "advad/preprocess/brent.h"

#include <cmath>
#include <stdexcept>
#include <utility>

namespace advad {

namespace {

// Three points with f(xb) <= f(xa) and f(xb) <= f(xc) once found.
struct Bracket {
  double xa, xb, xc;
  double fa, fb, fc;
};

constexpr double kGolden = 1.618034;  // scipy's rounded golden ratio
constexpr double kTinyDenominator = 1e-21;
constexpr double kGrowLimit = 110.0;

// Returns the extrapolation point of the parabola through the bracket.
double parabola_minimum(const Bracket& b) {
  double tmp1 = (b.xb - b.xa) * (b.fb - b.fc);
  double tmp2 = (b.xb - b.xc) * (b.fb - b.fa);
  double value = tmp2 - tmp1;
  double denominator = std::fabs(value) < kTinyDenominator
                           ? 2.0 * kTinyDenominator
                           : 2.0 * value;
  return b.xb - ((b.xb - b.xc) * tmp2 - (b.xb - b.xa) * tmp1) / denominator;
}

// Expands downhill from (xa, xb) until a minimum is bracketed, as
// scipy.optimize.bracket.
Bracket find_bracket(const std::function<double(double)>& f, double xa,
                     double xb, int max_iterations) {
  Bracket b{xa, xb, 0.0, f(xa), f(xb), 0.0};
  if (b.fa < b.fb) {
    std::swap(b.xa, b.xb);
    std::swap(b.fa, b.fb);
  }
  b.xc = b.xb + kGolden * (b.xb - b.xa);
  b.fc = f(b.xc);
  int iteration = 0;
  while (b.fc < b.fb) {
    double w = parabola_minimum(b);
    double limit = b.xb + kGrowLimit * (b.xc - b.xb);
    if (iteration > max_iterations) {
      throw std::runtime_error("bracket search did not find a minimum");
    }
    ++iteration;
    double fw = 0.0;
    if ((w - b.xc) * (b.xb - w) > 0.0) {
      // The parabola's minimum lies between xb and xc.
      fw = f(w);
      if (fw < b.fc) {
        return {b.xb, w, b.xc, b.fb, fw, b.fc};
      }
      if (fw > b.fb) {
        return {b.xa, b.xb, w, b.fa, b.fb, fw};
      }
      w = b.xc + kGolden * (b.xc - b.xb);
      fw = f(w);
    } else if ((w - limit) * (limit - b.xc) >= 0.0) {
      w = limit;
      fw = f(w);
    } else if ((w - limit) * (b.xc - w) > 0.0) {
      fw = f(w);
      if (fw < b.fc) {
        b.xb = b.xc;
        b.xc = w;
        w = b.xc + kGolden * (b.xc - b.xb);
        b.fb = b.fc;
        b.fc = fw;
        fw = f(w);
      }
    } else {
      w = b.xc + kGolden * (b.xc - b.xb);
      fw = f(w);
    }
    b = {b.xb, b.xc, w, b.fb, b.fc, fw};
  }
  return b;
}

// The state of Brent's method: x is the best point, w the second best, v
// the previous w; [a, b] contains the minimum.
struct BrentState {
  double a, b;
  double x, w, v;
  double fx, fw, fv;
  double deltax = 0.0;
  double rat = 0.0;
};

constexpr double kGoldenSection = 0.3819660;
constexpr double kMinimumTolerance = 1.0e-11;

void golden_step(BrentState& s, double xmid) {
  s.deltax = s.x >= xmid ? s.a - s.x : s.b - s.x;
  s.rat = kGoldenSection * s.deltax;
}

// Chooses the step s.rat: parabolic when the fit is inside the interval
// and shrinks fast enough, golden section otherwise.
void choose_step(BrentState& s, double tol1, double xmid) {
  double tol2 = 2.0 * tol1;
  if (std::fabs(s.deltax) <= tol1) {
    golden_step(s, xmid);
    return;
  }
  double tmp1 = (s.x - s.w) * (s.fx - s.fv);
  double tmp2 = (s.x - s.v) * (s.fx - s.fw);
  double p = (s.x - s.v) * tmp2 - (s.x - s.w) * tmp1;
  tmp2 = 2.0 * (tmp2 - tmp1);
  if (tmp2 > 0.0) {
    p = -p;
  }
  tmp2 = std::fabs(tmp2);
  double previous_delta = s.deltax;
  s.deltax = s.rat;
  bool parabola_fits = p > tmp2 * (s.a - s.x) && p < tmp2 * (s.b - s.x) &&
                       std::fabs(p) < std::fabs(0.5 * tmp2 * previous_delta);
  if (!parabola_fits) {
    golden_step(s, xmid);
    return;
  }
  s.rat = p / tmp2;
  double u = s.x + s.rat;
  if ((u - s.a) < tol2 || (s.b - u) < tol2) {
    s.rat = xmid - s.x >= 0 ? tol1 : -tol1;
  }
}

void accept_point(BrentState& s, double u, double fu) {
  if (fu > s.fx) {
    if (u < s.x) {
      s.a = u;
    } else {
      s.b = u;
    }
    if (fu <= s.fw || s.w == s.x) {
      s.v = s.w;
      s.fv = s.fw;
      s.w = u;
      s.fw = fu;
    } else if (fu <= s.fv || s.v == s.x || s.v == s.w) {
      s.v = u;
      s.fv = fu;
    }
    return;
  }
  if (u >= s.x) {
    s.a = s.x;
  } else {
    s.b = s.x;
  }
  s.v = s.w;
  s.fv = s.fw;
  s.w = s.x;
  s.fw = s.fx;
  s.x = u;
  s.fx = fu;
}

}  // namespace

double brent_minimize(const std::function<double(double)>& f, double a,
                      double b, const BrentOptions& options) {
  Bracket bracket = find_bracket(f, a, b, options.max_bracket_iterations);
  BrentState s{};
  s.a = bracket.xa < bracket.xc ? bracket.xa : bracket.xc;
  s.b = bracket.xa < bracket.xc ? bracket.xc : bracket.xa;
  s.x = s.w = s.v = bracket.xb;
  s.fx = s.fw = s.fv = bracket.fb;
  for (int iteration = 0; iteration < options.max_iterations; ++iteration) {
    double tol1 = options.tolerance * std::fabs(s.x) + kMinimumTolerance;
    double xmid = 0.5 * (s.a + s.b);
    if (std::fabs(s.x - xmid) < (2.0 * tol1 - 0.5 * (s.b - s.a))) {
      break;
    }
    choose_step(s, tol1, xmid);
    double u = 0.0;
    if (std::fabs(s.rat) < tol1) {
      u = s.rat >= 0 ? s.x + tol1 : s.x - tol1;
    } else {
      u = s.x + s.rat;
    }
    accept_point(s, u, f(u));
  }
  return s.x;
}

}  // namespace advad
