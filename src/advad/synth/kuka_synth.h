// Generator of KUKA-like data: the layout of the real KUKA files, with
// signals from a simple physical model of an arm moving through a cycle.
//
// The model is a 7-joint arm (joint axes z, y, z, y, z, y, z, each link
// along its own z axis) sampled at kSampleRateHz. It repeats a program of
// 32 movements, and `action` is the index of the current movement. Each
// movement drives the joints to a target pose along a minimum-jerk
// profile and then holds the pose; two movements spin the flange joint
// fast enough to saturate sensor 7's gyroscope. IMU k sits on link k,
// tilted on its mount (sensor 7 on the tool axis):
//   AccX..AccZ   specific force in the sensor frame, in g, clipped to
//                +/-16 g
//   GyroX..GyroZ angular velocity of the link in the sensor frame, in
//                deg/s, clipped to +/-2000
//   q1..q4       sensor-to-world rotation as a unit quaternion (w, x, y, z)
//   temp         degrees Celsius; sensors 2, 5, 6 and 7 read a constant
// The power meter reads the drives: real power (W) is an idle load plus
// motor torque x speed and copper losses of the holding torques; voltage
// (V), frequency (Hz), power factor, phase angle (degrees), apparent power
// (VA), reactive power (var) and current (A) follow from it with
// P = S cos(phi), Q = S sin(phi), I = S / V.
//
// KukaSlow is the same program on an arm with worn gears in joints 1 and
// 4, without action 9. Its controller slows every movement by a speed
// factor in [0.4, 0.6] drawn per action from the seed (holds keep their
// length). The wear also shows physically: three times the friction in
// those joints, gear vibration on the accelerometers that grows with their
// speed, 0.4 degrees C of friction heat at sensors 1 and 4, and a 4 degree
// backlash sag of the elbow. A slowed move alone scales the normal
// signals down, which an autoencoder reconstructs as well as normal ones;
// the wear signs are what make the slow rows reconstruct worse.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace advad::synth {

// Row counts of the real KukaNormal.npy and KukaSlow.npy files.
inline constexpr std::size_t kRealNormalRows = 233792;
inline constexpr std::size_t kRealSlowRows = 41538;

// Rows per second of the generated signals.
inline constexpr double kSampleRateHz = 10.0;

// Largest accepted scale: the generator keeps each file in memory as
// float64, about 160 MB per unit of scale for KukaNormal.npy.
inline constexpr double kMaxScale = 10.0;

struct KukaSynthOptions {
  // Fraction of the real files' row counts (233,792 normal and 41,538
  // slow rows at 1.0), in (0, kMaxScale].
  double scale = 1.0;
  std::uint64_t seed = 0;
};

// Returns the 87 column names of the KUKA files, in file order.
std::vector<std::string> kuka_column_names();

// Writes KukaColumnNames.npy, KukaNormal.npy and KukaSlow.npy to `folder`
// (created when missing). KukaNormal.npy has round(233792 * scale) rows
// and the first 86 columns, KukaSlow.npy has round(41538 * scale) rows and
// all 87 columns, `anomaly` being 1. The same options give the same bytes
// from the same build. Throws InputError when the scale is outside (0,
// kMaxScale], gives a file 0 rows, or the folder cannot be created.
void write_kuka_like(const std::string& folder,
                     const KukaSynthOptions& options);

}  // namespace advad::synth
