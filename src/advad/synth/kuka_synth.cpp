#include "advad/synth/kuka_synth.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <random>

#include <fmt/format.h>

#include "advad/common/error.h"
#include "advad/io/npy.h"

namespace advad::synth {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kDegree = kPi / 180.0;       // radians per degree
constexpr double kGravity = 9.80665;          // m/s^2, standard gravity
constexpr double kStep = 1.0 / kSampleRateHz;  // seconds per row
constexpr std::size_t kJoints = 7;
constexpr std::size_t kActions = 32;
constexpr int kSkippedSlowAction = 9;

// ---------------------------------------------------------------- names

constexpr std::array<const char*, 8> kPowerChannels = {
    "apparent_power", "current",      "frequency",      "phase_angle",
    "power",          "power_factor", "reactive_power", "voltage"};
constexpr std::array<const char*, 11> kSensorChannels = {
    "AccX", "AccY", "AccZ", "GyroX", "GyroY", "GyroZ",
    "q1",   "q2",   "q3",   "q4",    "temp"};
constexpr const char* kPowerPrefix = "machine_nameKuka Robot_";

// Column positions in file order: action, the power meter in the order of
// kPowerChannels, then 11 columns per sensor, then anomaly.
enum PowerColumn : std::size_t {
  kApparentPower = 1,
  kCurrent,
  kFrequency,
  kPhaseAngle,
  kPower,
  kPowerFactor,
  kReactivePower,
  kVoltage
};
constexpr std::size_t kFirstSensorColumn = 1 + kPowerChannels.size();
constexpr std::size_t kNormalColumns =
    kFirstSensorColumn + kJoints * kSensorChannels.size();
constexpr std::size_t kSlowColumns = kNormalColumns + 1;

// ---------------------------------------------------------------- random

// Uniform and normal variates from mt19937_64 with hand-written
// transforms, so the bytes do not depend on the standard library's
// distribution classes, whose algorithms are implementation-defined.
class Noise {
 public:
  explicit Noise(std::uint64_t seed) : engine_(seed) {}

  // Returns a value in [0, 1) with 53 random bits.
  double uniform() {
    return static_cast<double>(engine_() >> 11) * 0x1.0p-53;
  }

  // Returns an integer in [low, high].
  int integer(int low, int high) {
    double span = static_cast<double>(high - low + 1);
    return low + static_cast<int>(std::floor(uniform() * span));
  }

  // Returns a standard normal variate (Marsaglia's polar method).
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u = 0.0;
    double v = 0.0;
    double s = 0.0;
    do {
      u = 2.0 * uniform() - 1.0;
      v = 2.0 * uniform() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    double factor = std::sqrt(-2.0 * std::log(s) / s);
    spare_ = v * factor;
    has_spare_ = true;
    return u * factor;
  }

 private:
  std::mt19937_64 engine_;
  bool has_spare_ = false;
  double spare_ = 0.0;
};

// ---------------------------------------------------------------- geometry

struct Vec3 {
  double x = 0.0;
  double y = 0.0;
  double z = 0.0;
};

Vec3 operator+(Vec3 a, Vec3 b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }
Vec3 operator-(Vec3 a, Vec3 b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
Vec3 operator*(Vec3 a, double s) { return {a.x * s, a.y * s, a.z * s}; }
double dot(Vec3 a, Vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
Vec3 cross(Vec3 a, Vec3 b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z,
          a.x * b.y - a.y * b.x};
}

struct Quat {
  double w = 1.0;
  double x = 0.0;
  double y = 0.0;
  double z = 0.0;
};

Quat multiply(Quat a, Quat b) {
  return {a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z,
          a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y,
          a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
          a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w};
}

Quat normalized(Quat q) {
  double norm = std::sqrt(q.w * q.w + q.x * q.x + q.y * q.y + q.z * q.z);
  return {q.w / norm, q.x / norm, q.y / norm, q.z / norm};
}

Quat axis_angle(Vec3 unit_axis, double angle) {
  double s = std::sin(0.5 * angle);
  return {std::cos(0.5 * angle), unit_axis.x * s, unit_axis.y * s,
          unit_axis.z * s};
}

// Rotates `v` by the unit quaternion `q` (q v q*).
Vec3 rotate(Quat q, Vec3 v) {
  Vec3 axis{q.x, q.y, q.z};
  Vec3 t = cross(axis, v) * 2.0;
  return v + t * q.w + cross(axis, t);
}

// Rotates `v` by the inverse of `q`: world frame to body frame.
Vec3 rotate_inverse(Quat q, Vec3 v) { return rotate({q.w, -q.x, -q.y, -q.z}, v); }

// ---------------------------------------------------------------- arm

// One link of the arm, with the drive of the joint at its base. Masses,
// lengths and drive constants are round values of a light industrial arm.
struct Link {
  Vec3 axis;             // joint axis in the parent link's frame
  double length;         // m, from this joint to the next along local z
  double mass;           // kg, a point mass at mid-length
  double rotor_inertia;  // kg m^2, motor inertia reflected through the gear
  double viscous;        // N m s/rad, viscous friction
  double coulomb;        // N m, dry friction
  double copper_loss;    // W/(N m)^2, resistive loss per squared torque
  Vec3 sensor;           // m, IMU position in the link frame
};

constexpr Vec3 kAxisZ{0.0, 0.0, 1.0};
constexpr Vec3 kAxisY{0.0, 1.0, 0.0};
constexpr std::array<Link, kJoints> kLinks = {{
    {kAxisZ, 0.34, 4.0, 1.5, 2.0, 1.5, 0.025, {0.06, 0.0, 0.17}},
    {kAxisY, 0.20, 4.0, 1.5, 2.0, 1.5, 0.025, {0.06, 0.0, 0.10}},
    {kAxisZ, 0.40, 3.0, 0.8, 1.2, 1.0, 0.030, {0.06, 0.0, 0.20}},
    {kAxisY, 0.20, 2.7, 0.8, 1.2, 1.0, 0.030, {0.06, 0.0, 0.10}},
    {kAxisZ, 0.40, 1.7, 0.3, 0.5, 0.6, 0.080, {0.05, 0.0, 0.20}},
    {kAxisY, 0.10, 1.8, 0.3, 0.5, 0.6, 0.080, {0.05, 0.0, 0.05}},
    {kAxisZ, 0.13, 0.5, 0.05, 0.02, 0.5, 0.080, {0.03, 0.0, 0.065}},
}};
constexpr double kPayloadMass = 4.0;     // kg, held at the flange
constexpr double kPayloadOffset = 0.05;  // m beyond the end of link 7
constexpr Vec3 kGravityVector{0.0, 0.0, -kGravity};

struct JointState {
  std::array<double, kJoints> angle{};  // rad
  std::array<double, kJoints> rate{};   // rad/s
  std::array<double, kJoints> accel{};  // rad/s^2
};

// Pose and motion of one link in the world frame.
struct LinkMotion {
  Quat orientation;
  Vec3 origin;        // m, position of the joint at the link's base
  Vec3 axis;          // joint axis
  Vec3 omega;         // rad/s
  Vec3 alpha;         // rad/s^2
  Vec3 origin_accel;  // m/s^2
};

using ArmMotion = std::array<LinkMotion, kJoints>;

// Acceleration of the point at `offset` (world frame) from the link origin.
Vec3 point_accel(const LinkMotion& link, Vec3 offset) {
  return link.origin_accel + cross(link.alpha, offset) +
         cross(link.omega, cross(link.omega, offset));
}

// Propagates rates and accelerations from the base to the flange: each
// joint adds its rate about its world axis to the parent's angular
// velocity, as in the forward pass of recursive Newton-Euler.
ArmMotion propagate(const JointState& joints) {
  ArmMotion arm;
  LinkMotion parent;
  for (std::size_t k = 0; k < kJoints; ++k) {
    LinkMotion& link = arm[k];
    Vec3 axis = rotate(parent.orientation, kLinks[k].axis);
    Vec3 spin = axis * joints.rate[k];
    link.orientation = normalized(multiply(
        parent.orientation, axis_angle(kLinks[k].axis, joints.angle[k])));
    link.axis = axis;
    link.omega = parent.omega + spin;
    link.alpha = parent.alpha + axis * joints.accel[k] +
                 cross(parent.omega, spin);
    link.origin = parent.origin;
    link.origin_accel = parent.origin_accel;
    Vec3 tip = rotate(link.orientation, {0.0, 0.0, kLinks[k].length});
    parent = link;
    parent.origin = link.origin + tip;
    parent.origin_accel = point_accel(link, tip);
  }
  return arm;
}

// The state of the gearboxes. The slow file's arm has worn gears in the
// base and elbow joints (joints 1 and 4): more friction, gear-mesh
// vibration that grows with their speed, heat that warms the sensors on
// those links, and backlash that lets the elbow sag under gravity. Its controller runs the moves at reduced speed, so the anomaly
// is slowness together with the physical signs of its cause.
struct Wear {
  static constexpr std::array<std::size_t, 2> kWornJoints = {0, 3};

  std::array<double, kJoints> friction{};  // factor on viscous and dry friction
  std::array<double, kJoints> sag{};       // rad, backlash offset of the angle
  double vibration = 0.0;                  // g rms per rad/s of worn joints
  // Degrees C that friction in a worn joint adds at the sensor of its link.
  std::array<double, kJoints> heating{};

  static Wear healthy() {
    Wear wear;
    wear.friction.fill(1.0);
    return wear;
  }

  static Wear worn() {
    Wear wear = healthy();
    for (std::size_t j : kWornJoints) {
      wear.friction[j] = 3.0;
      wear.heating[j] = 0.4;
    }
    wear.sag[3] = -4.0 * kDegree;
    wear.vibration = 0.5;
    return wear;
  }

  // Returns the accelerometer vibration, in g rms, of a link beyond the
  // worn joints for the given joint rates.
  double vibration_at(const JointState& joints) const {
    double rate = 0.0;
    for (std::size_t j : kWornJoints) {
      rate += std::abs(joints.rate[j]);
    }
    return vibration * rate;
  }
};

// Returns the torque each drive applies: the gravity and inertial forces
// of the point masses beyond the joint, the reflected rotor inertia and
// friction.
std::array<double, kJoints> joint_torques(const ArmMotion& arm,
                                          const JointState& joints,
                                          bool carries_payload,
                                          const Wear& wear) {
  std::array<double, kJoints> torque{};
  Vec3 force_sum;   // sum of m (a - g) over the masses beyond the joint
  Vec3 moment_sum;  // sum of c x m (a - g), moments about the world origin
  for (std::size_t k = kJoints; k-- > 0;) {
    const LinkMotion& link = arm[k];
    auto add_mass = [&](double mass, double height) {
      Vec3 offset = rotate(link.orientation, {0.0, 0.0, height});
      Vec3 force = (point_accel(link, offset) - kGravityVector) * mass;
      force_sum = force_sum + force;
      moment_sum = moment_sum + cross(link.origin + offset, force);
    };
    add_mass(kLinks[k].mass, 0.5 * kLinks[k].length);
    if (k + 1 == kJoints && carries_payload) {
      add_mass(kPayloadMass, kLinks[k].length + kPayloadOffset);
    }
    Vec3 moment = moment_sum - cross(link.origin, force_sum);
    double rate = joints.rate[k];
    double friction = kLinks[k].viscous * rate +
                      kLinks[k].coulomb * std::tanh(rate / 0.05);
    torque[k] = dot(link.axis, moment) +
                kLinks[k].rotor_inertia * joints.accel[k] +
                wear.friction[k] * friction;
  }
  return torque;
}

// ---------------------------------------------------------------- program

// One movement of the robot program: drive to `pose` in `move_rows` rows,
// then hold it for `hold_rows` rows. A movement with `spin_turns` turns
// the flange joint by that many extra turns instead of a minimum-jerk
// move.
struct Movement {
  int move_rows;
  int hold_rows;
  int spin_turns;
  bool carries_payload;
  std::array<double, kJoints> pose;  // degrees
};

// A pick, place, screw and inspect cycle. Moves take 1.5 s to 20 s, and
// 41% of the rows of a cycle are moves, the rest holds.
constexpr std::array<Movement, kActions> kProgram = {{
    {30, 60, 0, false, {0, -20, 0, 80, 0, -40, 0}},
    {25, 20, 0, false, {45, 30, 0, 60, 0, 40, 0}},
    {15, 26, 0, false, {45, 45, 10, 70, 0, 55, 0}},
    {20, 80, 0, false, {45, 50, 10, 75, 5, 60, 90}},
    {18, 30, 0, true, {45, 35, 10, 65, 5, 45, 90}},
    {40, 20, 0, true, {0, 10, 0, 90, 0, 20, 90}},
    {45, 15, 0, true, {-60, 20, -20, 85, 10, 30, 0}},
    {20, 200, 0, true, {-60, 40, -20, 95, 10, 50, 0}},
    {20, 30, 0, false, {-60, 20, -20, 85, 10, 30, 0}},
    {35, 120, 0, false, {-90, 0, 30, 100, -30, 10, 45}},
    {30, 25, 0, false, {-60, 25, -20, 90, 10, 35, 0}},
    {25, 30, 0, false, {-60, 38, -20, 95, 10, 48, 0}},
    {40, 20, 22, false, {-60, 38, -20, 95, 10, 48, 0}},
    {15, 30, 0, false, {-60, 25, -20, 90, 10, 35, 0}},
    {60, 60, 0, false, {-30, 60, 40, 45, -20, 70, -45}},
    {200, 20, 0, false, {30, 60, -40, 45, 20, 70, 45}},
    {25, 21, 0, false, {30, 40, -40, 60, 20, 50, 45}},
    {50, 250, 0, false, {0, -10, 0, 100, 0, -30, 0}},
    {50, 30, 0, false, {90, 30, 20, 70, -10, 40, 0}},
    {20, 40, 0, false, {90, 48, 20, 78, -10, 55, 0}},
    {40, 30, -22, false, {90, 48, 20, 78, -10, 55, 0}},
    {20, 22, 0, false, {90, 30, 20, 70, -10, 40, 0}},
    {45, 45, 0, false, {120, 10, 60, 100, -40, 20, 30}},
    {60, 140, 0, false, {150, -30, 90, 60, -60, -30, 60}},
    {50, 50, 0, false, {120, 10, 60, 100, -40, 20, 30}},
    {45, 30, 0, false, {60, 20, 0, 80, 0, 30, 0}},
    {40, 110, 0, false, {60, 70, 0, 30, 0, 80, 0}},
    {35, 20, 0, false, {60, 20, 0, 80, 0, 30, 0}},
    {40, 35, 0, false, {0, 0, 0, 60, 0, 0, 0}},
    {50, 80, 0, false, {0, -45, 0, 110, 90, -60, 180}},
    {40, 60, 0, false, {0, -45, 0, 110, -90, -60, -180}},
    {45, 125, 0, false, {0, -20, 0, 80, 0, -40, 0}},
}};

constexpr int kHoldJitterRows = 2;       // hold lengths vary by +/- this
constexpr double kSpinRampFraction = 0.125;  // of a spin, per ramp
constexpr double kMinSlowSpeed = 0.4;
constexpr double kMaxSlowSpeed = 0.6;

// One execution of a movement, in radians, with its row counts.
struct Occurrence {
  int action = 0;
  int move_rows = 0;
  int rows = 0;
  bool spins = false;
  bool carries_payload = false;
  std::array<double, kJoints> start{};
  std::array<double, kJoints> target{};
};

// Minimum-jerk move from `from` to `to` over `duration` seconds,
// evaluated at time `t`: s = 10 u^3 - 15 u^4 + 6 u^5 with u = t / duration.
void min_jerk(double from, double to, double t, double duration,
              double& angle, double& rate, double& accel) {
  if (t >= duration) {
    angle = to;
    rate = 0.0;
    accel = 0.0;
    return;
  }
  double u = t / duration;
  double u2 = u * u;
  double delta = to - from;
  angle = from + delta * u2 * u * (10.0 - 15.0 * u + 6.0 * u2);
  rate = delta * 30.0 * u2 * (1.0 - 2.0 * u + u2) / duration;
  accel = delta * 60.0 * u * (1.0 - 3.0 * u + 2.0 * u2) /
          (duration * duration);
}

// Spin from `from` to `to` over `duration` seconds with constant speed
// between two raised-cosine ramps, evaluated at time `t`. A ramp of
// length r covers v r / 2, so the peak speed is v = delta / (duration - r).
void spin(double from, double to, double t, double duration, double& angle,
          double& rate, double& accel) {
  double ramp = kSpinRampFraction * duration;
  double peak = (to - from) / (duration - ramp);
  auto ramp_state = [&](double tau, double& a, double& v, double& dv) {
    double phase = kPi * tau / ramp;
    a = peak * (0.5 * tau - ramp / (2.0 * kPi) * std::sin(phase));
    v = peak * 0.5 * (1.0 - std::cos(phase));
    dv = peak * kPi / (2.0 * ramp) * std::sin(phase);
  };
  if (t >= duration) {
    angle = to;
    rate = 0.0;
    accel = 0.0;
  } else if (t < ramp) {
    ramp_state(t, angle, rate, accel);
    angle += from;
  } else if (t <= duration - ramp) {
    angle = from + peak * (0.5 * ramp + (t - ramp));
    rate = peak;
    accel = 0.0;
  } else {
    ramp_state(duration - t, angle, rate, accel);
    angle = to - angle;
    accel = -accel;
  }
}

// Returns the joint state `row` rows into an occurrence. A row records the
// state at the end of its sampling interval, so the last move row reaches
// the target.
JointState joint_state(const Occurrence& occurrence, int row) {
  JointState state;
  double t = (row + 1) * kStep;
  double duration = occurrence.move_rows * kStep;
  for (std::size_t j = 0; j < kJoints; ++j) {
    bool spinning = occurrence.spins && j + 1 == kJoints;
    auto profile = spinning ? spin : min_jerk;
    profile(occurrence.start[j], occurrence.target[j], t, duration,
            state.angle[j], state.rate[j], state.accel[j]);
  }
  return state;
}

// The program executed in a loop: normal speed, or the slow variant with
// a speed factor per action and without action 9.
class Schedule {
 public:
  Schedule(bool slow, Noise& noise) : slow_(slow), noise_(noise) {
    speed_.fill(1.0);
    if (slow_) {
      for (double& speed : speed_) {
        speed = kMinSlowSpeed +
                (kMaxSlowSpeed - kMinSlowSpeed) * noise_.uniform();
      }
    }
    for (std::size_t j = 0; j < kJoints; ++j) {
      pose_[j] = kProgram.back().pose[j] * kDegree;
    }
  }

  // Returns the next movement of the program, starting from the pose
  // where the previous one ended.
  Occurrence next() {
    if (slow_ && action_ == kSkippedSlowAction) {
      advance();
    }
    const Movement& movement = kProgram[static_cast<std::size_t>(action_)];
    Occurrence occurrence;
    occurrence.action = action_;
    occurrence.move_rows = static_cast<int>(std::lround(
        movement.move_rows / speed_[static_cast<std::size_t>(action_)]));
    int hold = std::max(
        1, movement.hold_rows +
               noise_.integer(-kHoldJitterRows, kHoldJitterRows));
    occurrence.rows = occurrence.move_rows + hold;
    occurrence.spins = movement.spin_turns != 0;
    occurrence.carries_payload = movement.carries_payload;
    occurrence.start = pose_;
    flange_turns_ += movement.spin_turns;
    for (std::size_t j = 0; j < kJoints; ++j) {
      pose_[j] = movement.pose[j] * kDegree;
    }
    pose_[kJoints - 1] += flange_turns_ * 2.0 * kPi;
    occurrence.target = pose_;
    advance();
    return occurrence;
  }

 private:
  void advance() { action_ = (action_ + 1) % static_cast<int>(kActions); }

  bool slow_;
  Noise& noise_;
  std::array<double, kActions> speed_{};
  std::array<double, kJoints> pose_{};
  int action_ = 0;
  int flange_turns_ = 0;  // net spin turns so far, added to joint 7
};

// ---------------------------------------------------------------- meters

constexpr double kIdlePower = 320.0;     // W, controller and brakes
constexpr double kDriveEfficiency = 0.8;
constexpr double kNominalVoltage = 230.0;
constexpr double kGridFrequency = 50.0;
constexpr double kMaxGyro = 2000.0;  // deg/s, sensor range
constexpr double kMaxAccel = 16.0;   // g, sensor range
constexpr std::array<bool, kJoints> kConstantTemperature = {
    false, true, false, false, true, true, true};
constexpr std::array<double, kJoints> kBaseTemperature = {
    29.5, 24.0, 31.0, 30.25, 26.5, 25.25, 23.75};

// Returns the real power drawn by the drives: idle load, mechanical power
// of each motor through the drive efficiency (braking energy is not
// recovered), and copper losses of the torques, which also flow at rest.
double electrical_power(const std::array<double, kJoints>& torque,
                        const JointState& joints) {
  double power = kIdlePower;
  for (std::size_t j = 0; j < kJoints; ++j) {
    power += std::abs(torque[j] * joints.rate[j]) / kDriveEfficiency +
             kLinks[j].copper_loss * torque[j] * torque[j];
  }
  return power;
}

// Power meter and temperature sensors, with their slowly varying states:
// grid frequency drift and a thermal low-pass of the drawn power.
class Meters {
 public:
  explicit Meters(Noise& noise) : noise_(noise) {}

  // Writes the 8 power meter columns for `true_power` at time `t` and
  // advances the slow states by one row.
  void write_power(double true_power, double t, double* row) {
    double load = true_power - kIdlePower;
    frequency_offset_ += -frequency_offset_ * kStep / 120.0 +
                         0.004 * std::sqrt(kStep) * noise_.normal();
    double power = std::max(
        1.0, true_power * (1.0 + 0.004 * noise_.normal()) +
                 1.5 * noise_.normal());
    double factor = 0.62 + 0.30 * (1.0 - std::exp(-load / 250.0)) +
                    0.003 * noise_.normal();
    factor = std::clamp(factor, 0.3, 0.995);
    double voltage = kNominalVoltage + 1.2 * std::sin(2 * kPi * t / 600) +
                     0.4 * std::sin(2 * kPi * t / 47) - 0.002 * load +
                     0.15 * noise_.normal();
    double phase = std::acos(factor);
    double apparent = power / factor;
    row[kApparentPower] = apparent;
    row[kCurrent] = apparent / voltage;
    row[kFrequency] =
        kGridFrequency + frequency_offset_ + 0.001 * noise_.normal();
    row[kPhaseAngle] = phase / kDegree;
    row[kPower] = power;
    row[kPowerFactor] = factor;
    row[kReactivePower] = apparent * std::sin(phase);
    row[kVoltage] = voltage;

    // Motors and electronics warm with a 15-minute time constant.
    filtered_power_ += (true_power - filtered_power_) * kStep / 900.0;
  }

  // Returns the reading of the temperature sensor on link `k`.
  double temperature(std::size_t k, double t) {
    if (kConstantTemperature[k]) {
      return kBaseTemperature[k];
    }
    // A 15-minute ambient cycle: short enough that the training part of
    // even a small file spans whole cycles, so the held-out end of the
    // normal file stays inside the range the models learned.
    double ambient = 0.8 * std::sin(2 * kPi * t / 900 + 0.7 * k);
    return kBaseTemperature[k] + ambient +
           0.012 * (filtered_power_ - kIdlePower) + 0.02 * noise_.normal();
  }

 private:
  Noise& noise_;
  double frequency_offset_ = 0.0;           // Hz from 50
  double filtered_power_ = kIdlePower + 60;  // W, thermal low-pass state
};

// Writes the accelerometer, gyroscope and quaternion columns of IMU `k`
// (all but temp), starting at `out`.
// Returns how IMU `k` is mounted on its link: tilted by a few tens of
// degrees about the link's x and y axes, as sensors fixed to a curved
// housing are, so that every axis sees part of the motion. The flange
// sensor sits on the tool axis, so its GyroZ reads the flange spin alone.
Quat sensor_mount(std::size_t k) {
  if (k + 1 == kJoints) {
    return {1.0, 0.0, 0.0, 0.0};
  }
  double tilt = (12.0 + 5.0 * static_cast<double>(k)) * kDegree;
  return multiply(axis_angle({1.0, 0.0, 0.0}, tilt),
                  axis_angle({0.0, 1.0, 0.0}, 0.6 * tilt));
}

void write_imu(const LinkMotion& link, std::size_t k, double vibration,
               Noise& noise, double* out) {
  Vec3 offset = rotate(link.orientation, kLinks[k].sensor);
  Quat frame = multiply(link.orientation, sensor_mount(k));
  Vec3 force = rotate_inverse(frame,
                              point_accel(link, offset) - kGravityVector) *
               (1.0 / kGravity);
  Vec3 gyro = rotate_inverse(frame, link.omega) * (1.0 / kDegree);
  std::array<double, 6> motion = {force.x, force.y, force.z,
                                  gyro.x,  gyro.y,  gyro.z};
  for (std::size_t c = 0; c < 6; ++c) {
    bool is_gyro = c >= 3;
    double limit = is_gyro ? kMaxGyro : kMaxAccel;
    double sigma = is_gyro ? 0.4 : std::hypot(0.008, vibration);
    out[c] = std::clamp(motion[c] + sigma * noise.normal(), -limit, limit);
  }
  const Quat& q = frame;
  Quat measured = normalized({q.w + 2e-4 * noise.normal(),
                              q.x + 2e-4 * noise.normal(),
                              q.y + 2e-4 * noise.normal(),
                              q.z + 2e-4 * noise.normal()});
  out[6] = measured.w;
  out[7] = measured.x;
  out[8] = measured.y;
  out[9] = measured.z;
}

// ---------------------------------------------------------------- files

struct FilePlan {
  std::size_t rows;
  bool slow;
  std::uint64_t seed;
};

// Simulates the robot for `plan.rows` rows and returns them row-major.
// The file starts 0 to 1999 rows into the first cycle, so its first
// action segment is usually cut short, as in the real files.
std::vector<double> simulate(const FilePlan& plan) {
  std::size_t columns = plan.slow ? kSlowColumns : kNormalColumns;
  std::vector<double> table(plan.rows * columns);
  Noise noise(plan.seed);
  Schedule schedule(plan.slow, noise);
  Meters meters(noise);
  Wear wear = plan.slow ? Wear::worn() : Wear::healthy();
  auto skipped = static_cast<std::size_t>(noise.integer(0, 1999));
  std::size_t step = 0;
  std::size_t written = 0;
  while (written < plan.rows) {
    Occurrence occurrence = schedule.next();
    for (int i = 0; i < occurrence.rows && written < plan.rows; ++i) {
      JointState joints = joint_state(occurrence, i);
      for (std::size_t j = 0; j < kJoints; ++j) {
        joints.angle[j] += wear.sag[j];
      }
      ArmMotion arm = propagate(joints);
      double power = electrical_power(
          joint_torques(arm, joints, occurrence.carries_payload, wear),
          joints);
      double vibration = wear.vibration_at(joints);
      double t = static_cast<double>(step++) * kStep;
      std::array<double, kSlowColumns> row{};
      row[0] = occurrence.action;
      meters.write_power(power, t, row.data());
      for (std::size_t k = 0; k < kJoints; ++k) {
        double* imu = row.data() + kFirstSensorColumn +
                      k * kSensorChannels.size();
        write_imu(arm[k], k, vibration, noise, imu);
        imu[10] = meters.temperature(k, t) + wear.heating[k];
      }
      row[kNormalColumns] = 1.0;  // anomaly, written to the slow file only
      if (step > skipped) {
        std::copy_n(row.begin(), columns,
                    table.begin() +
                        static_cast<std::ptrdiff_t>(written * columns));
        ++written;
      }
    }
  }
  return table;
}

std::size_t scaled_rows(std::size_t real_rows, double scale) {
  return static_cast<std::size_t>(
      std::llround(static_cast<double>(real_rows) * scale));
}

void check_scale(double scale) {
  if (!std::isfinite(scale) || scale <= 0.0 || scale > kMaxScale) {
    throw InputError(fmt::format(
        "KUKA-like data: scale {} is invalid; use a value in (0, {}]",
        scale, kMaxScale));
  }
  if (scaled_rows(kRealSlowRows, scale) == 0) {
    throw InputError(fmt::format(
        "KUKA-like data: scale {} gives KukaSlow.npy 0 rows; use a scale "
        "of at least {:.3g}",
        scale, 1.0 / static_cast<double>(kRealSlowRows)));
  }
}

void create_folder(const std::string& folder) {
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error || !std::filesystem::is_directory(folder)) {
    throw InputError(fmt::format(
        "KUKA-like data: cannot create folder '{}' ({}); choose a "
        "writable folder path",
        folder, error ? error.message() : "a file has that name"));
  }
}

}  // namespace

std::vector<std::string> kuka_column_names() {
  std::vector<std::string> names = {"action"};
  for (const char* channel : kPowerChannels) {
    names.push_back(std::string(kPowerPrefix) + channel);
  }
  for (std::size_t k = 1; k <= kJoints; ++k) {
    for (const char* channel : kSensorChannels) {
      names.push_back(fmt::format("sensor_id{}_{}", k, channel));
    }
  }
  names.push_back("anomaly");
  return names;
}

void write_kuka_like(const std::string& folder,
                     const KukaSynthOptions& options) {
  check_scale(options.scale);
  create_folder(folder);
  std::filesystem::path base(folder);
  npy::write_strings((base / "KukaColumnNames.npy").string(),
                     kuka_column_names());
  // The slow file's seed is the seed XOR a fixed constant, so the two files
  // draw independent noise streams.
  FilePlan normal{scaled_rows(kRealNormalRows, options.scale), false,
                  options.seed};
  FilePlan slow{scaled_rows(kRealSlowRows, options.scale), true,
                options.seed ^ 0x9E3779B97F4A7C15ULL};
  npy::write_matrix_f64((base / "KukaNormal.npy").string(), normal.rows,
                        kNormalColumns, simulate(normal));
  npy::write_matrix_f64((base / "KukaSlow.npy").string(), slow.rows,
                        kSlowColumns, simulate(slow));
}

}  // namespace advad::synth
