// A truncated file is an error, not a crash; a model without value_info for
// its intermediates imports through ONNX shape inference.
// RUN: not accel-translate --import-onnx %onnx_fixtures/truncated.onnx 2>&1 | FileCheck %s --check-prefix=TRUNCATED
// RUN: accel-translate --import-onnx %onnx_fixtures/no_value_info.onnx | FileCheck %s --check-prefix=INFER

// TRUNCATED: truncated.onnx:0:0: error: not a valid ONNX model (the protobuf does not parse: the file is truncated or not ONNX)

// INFER: %[[A:.*]] = accel.conv2d %arg0, {{.*}} -> tensor<1x8x4x4xf32>
// INFER: accel.conv2d %[[A]], {{.*}} : (tensor<1x8x4x4xf32>, tensor<8x8x3x3xf32>, tensor<8xf32>) -> tensor<1x8x4x4xf32>

// Malformed graphs get an error naming the node or the initializer, before
// ONNX's shape inference (which trusts the file: a stride of 0 used to kill
// the importer with SIGFPE, BatchNormalization of integers with SIGSEGV).
// RUN: not accel-translate --import-onnx %onnx_fixtures/bad_stride.onnx 2>&1 | FileCheck %s --check-prefix=STRIDE
// RUN: not accel-translate --import-onnx %onnx_fixtures/bad_pool_stride.onnx 2>&1 | FileCheck %s --check-prefix=POOL
// RUN: not accel-translate --import-onnx %onnx_fixtures/no_outputs.onnx 2>&1 | FileCheck %s --check-prefix=NOOUT
// RUN: not accel-translate --import-onnx %onnx_fixtures/negative_dims.onnx 2>&1 | FileCheck %s --check-prefix=NEGDIM
// RUN: not accel-translate --import-onnx %onnx_fixtures/bn_int.onnx 2>&1 | FileCheck %s --check-prefix=BNINT
// RUN: not accel-translate --import-onnx %onnx_fixtures/bn_negative_var.onnx 2>&1 | FileCheck %s --check-prefix=BNVAR
// STRIDE: error: node 'conv0' (Conv): attribute 'strides' must be >= 1, got 0
// POOL: error: node 'pool0' (MaxPool): attribute 'strides' must be >= 1, got 0
// NOOUT: error: node 'dangling' (Relu): has no output
// NEGDIM: error: initializer 'w' has a negative dimension (-10)
// BNINT: error: node 'bn0' (BatchNormalization): normalizes a tensor of 'i32': only floating-point tensors are supported
// BNVAR: error: node 'bn0' (BatchNormalization): variance + epsilon of channel 1 is -1.999990e+00: it must be > 0
// Clip bounds that are not numbers with min <= max (were fused into
// #accel.act<clip, min = NaN>).
// RUN: not accel-translate --import-onnx %onnx_fixtures/clip_inverted.onnx 2>&1 | FileCheck %s --check-prefix=CLIP
// RUN: not accel-translate --import-onnx %onnx_fixtures/clip_nan.onnx 2>&1 | FileCheck %s --check-prefix=CLIPNAN
// CLIP: error: node 'clip0' (Clip): clips to [2.000000e+00, 1.000000e+00]: the bounds must be numbers with min <= max
// CLIPNAN: error: node 'clip0' (Clip): clips to [nan, 1.000000e+00]: the bounds must be numbers with min <= max
// Initializer data that does not match its dimensions is an error before
// anything reads it (it was kept as an opaque node's constant, and shorter
// integer data made ONNX's shape inference read past it).
// RUN: not accel-translate --import-onnx %onnx_fixtures/bad_initializer_data.onnx 2>&1 | FileCheck %s --check-prefix=BADDATA
// RUN: not accel-translate --import-onnx %onnx_fixtures/short_raw_data.onnx 2>&1 | FileCheck %s --check-prefix=SHORTRAW
// BADDATA: error: initializer 'lo' has 3 bytes of data, its 1 elements need 4
// SHORTRAW: error: initializer 'pads' has 25 bytes of data, its 8 elements need 64
// The graph's structure: every value defined once, nodes in topological
// order, no negative dimension anywhere (each crashed the importer or
// ONNX's shape inference; found by accel-fuzz's graph mutations).
// RUN: not accel-translate --import-onnx %onnx_fixtures/duplicate_output.onnx 2>&1 | FileCheck %s --check-prefix=DUP
// RUN: not accel-translate --import-onnx %onnx_fixtures/unsorted_nodes.onnx 2>&1 | FileCheck %s --check-prefix=UNSORTED
// RUN: not accel-translate --import-onnx %onnx_fixtures/negative_input_dim.onnx 2>&1 | FileCheck %s --check-prefix=NEGINPUT
// DUP: error: node 'conv1' (Conv): output 'c' is already defined by node 'conv0' (Conv)
// UNSORTED: error: node 'relu1' (Relu): input 'r' is not a graph input, an initializer or the output of an earlier node (ONNX lists nodes in topological order)
// NEGINPUT: error: graph input 'x' has a dimension of -2147483649, outside [0, 2^24]
// Dimensions and shape values beyond the dialect's 2^24 (found by the
// sanitizer campaign: signed overflows in the shape arithmetic, and a
// double beyond int64 converted to it).
// RUN: not accel-translate --import-onnx %onnx_fixtures/huge_input_dim.onnx 2>&1 | FileCheck %s --check-prefix=HUGEDIM
// RUN: not accel-translate --import-onnx %onnx_fixtures/reshape_huge.onnx 2>&1 | FileCheck %s --check-prefix=HUGESHAPE
// HUGEDIM: error: graph input 'x' has a dimension of 9223372036854775807, outside [0, 2^24]
// HUGESHAPE: error: node 'reshape0' (Reshape): target shape has a dimension of 9.223372e+18 (accel tensors have dimensions of at most 2^24)
// Each node has as many inputs and outputs as its operator's schema allows.
// RUN: not accel-translate --import-onnx %onnx_fixtures/shape_no_input.onnx 2>&1 | FileCheck %s --check-prefix=ARITY
// ARITY: error: node 'shape0' (Shape): has 0 inputs, the operator takes 1
