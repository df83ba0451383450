//===- OnnxMutation.h - Structure-aware mutations of ONNX models -*- C++
//-*-===//
#ifndef ACCEL_FUZZ_ONNXMUTATION_H
#define ACCEL_FUZZ_ONNXMUTATION_H

#include <random>
#include <string>

namespace accel::fuzz {

/// Mutates the ONNX model in `bytes` as a graph (one change drawn from
/// `rng`); false, with `bytes` unchanged, if they do not parse as a model.
bool mutateOnnxModel(std::string &bytes, std::mt19937_64 &rng);

} // namespace accel::fuzz

#endif // ACCEL_FUZZ_ONNXMUTATION_H
