//===- LayerGraph.h - A network as a DAG of layers and tensors --*- C++ -*-===//
//
// The pure model of a network (or of one layer group's body) that every
// group-level algorithm works on: layers in topological order, the tensors
// between them, which tensors are weights, which are the network's inputs
// and outputs, and for each layer the region of each operand a region of its
// result reads (ReceptiveField.h). Searches score candidate groups on it
// without building IR; the IR builds one from a function or an
// `accel.group` (dialects/accel/AccelGraph.cpp).
//
// Like CIRCT's scheduling problems, the graph has `check()` for its own
// consistency; a solution (a group and its schedule) is checked by
// GroupTiling::compute. Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_WORKLOAD_LAYERGRAPH_H
#define ACCEL_WORKLOAD_LAYERGRAPH_H

#include "accel/Workload/Problem.h"
#include "accel/Workload/ReceptiveField.h"
#include <optional>
#include <string>
#include <vector>

namespace accel {

enum class LayerKind : uint8_t {
  Conv,          ///< operands: input, weight [, bias]
  ConvTranspose, ///< operands: input, weight [, bias]
  Pool,          ///< operands: input
  Matmul,        ///< operands: lhs, rhs [, bias]
  Add,           ///< operands: lhs, rhs (broadcasting)
  Mul,           ///< operands: lhs, rhs (broadcasting)
  Activation,    ///< operands: input
  LayerNorm,     ///< operands: input (normalized over `axis`)
  Quantize,      ///< operands: input (quantize or dequantize, per element)
  Resize,        ///< operands: input
  Concat,        ///< operands: the inputs, along `axis`
  Reshape,       ///< operands: input (reshape and flatten)
  Opaque         ///< unknown semantics: reads every operand whole
};
llvm::StringRef layerKindName(LayerKind k);

struct GraphTensor {
  Shape shape;
  int64_t elementBits = 16;
  /// The layer producing it; -1 for a network input or a weight.
  int producer = -1;
  /// Read-only data from DRAM: weights, biases, constants.
  bool weight = false;
  /// Used after the graph (a function result, or a group's result).
  bool output = false;
  /// Stands for a value that is not a tensor the graph can size (only
  /// opaque layers touch it).
  bool placeholder = false;
  std::string name;

  int64_t elements() const { return numElements(shape); }
  /// Bytes of one element as buffers store it (whole bytes).
  int64_t elementBytes() const { return (elementBits + 7) / 8; }
  int64_t bytes() const { return elements() * elementBytes(); }
  /// Rank-4 NCHW activations are cut into tiles of rows (dimension 2).
  bool rowTiled() const { return shape.size() == 4; }
};

struct GraphLayer {
  std::string name;
  LayerKind kind = LayerKind::Opaque;
  llvm::SmallVector<unsigned, 3> operands; ///< tensor ids, in operand order
  unsigned result = 0;                     ///< tensor id
  ConvParams conv;                         ///< Conv, ConvTranspose
  PoolParams pool;                         ///< Pool
  bool transposeRhs = false;               ///< Matmul
  bool bilinear = false;                   ///< Resize
  bool alignCorners = false;               ///< Resize
  int64_t axis = 0;                        ///< Concat, LayerNorm
  /// The loop nest the accelerator runs for layers that compute (convolution,
  /// matmul, pooling, elementwise, activation, resize); none for data
  /// movement (concat, reshape), which costs nothing on chip, and opaque.
  std::optional<LayerProblem> problem;

  bool computes() const { return problem.has_value(); }
  /// Operand `i` is a weight or bias (operands 1 and 2 of convolutions and
  /// matmuls).
  bool isWeightOperand(unsigned i) const;
};

class LayerGraph {
public:
  /// Adds a tensor; returns its id.
  unsigned addTensor(GraphTensor t);
  /// Adds a layer after every layer added so far (topological order) and
  /// makes it the producer of its result; returns its id.
  unsigned addLayer(GraphLayer l);

  llvm::ArrayRef<GraphTensor> tensors() const { return tensors_; }
  llvm::ArrayRef<GraphLayer> layers() const { return layers_; }
  const GraphTensor &tensor(unsigned id) const { return tensors_[id]; }
  GraphTensor &tensor(unsigned id) { return tensors_[id]; }
  const GraphLayer &layer(unsigned id) const { return layers_[id]; }
  /// Layers reading tensor `id`, in order (a layer reading it twice once).
  llvm::ArrayRef<unsigned> consumers(unsigned id) const {
    return consumers_[id];
  }

  /// Consistency: ids in range, each tensor produced at most once and by a
  /// layer before its consumers, weights produced by none, placeholders
  /// touched by opaque layers only, operand counts and shapes as each
  /// kind's shape arithmetic says, computing layers with a problem. The
  /// group model (GroupTiling) takes a checked graph.
  llvm::Error check() const;

  /// Every tensor and layer at the accelerator's precision `p`, whatever
  /// the network's own types: weights at p.weights, activations at
  /// p.activations, layers' partial sums at p.partialSums.
  void setPrecision(const DataPrecision &p);

  /// The region of each operand of layer `id` that the region `out` of its
  /// result reads (empty where `out` is empty). Weights: the slices of the
  /// output channels in `out`.
  llvm::SmallVector<TensorRegion, 3>
  operandRegions(unsigned id, const TensorRegion &out) const;

private:
  std::vector<GraphTensor> tensors_;
  std::vector<GraphLayer> layers_;
  std::vector<llvm::SmallVector<unsigned, 2>> consumers_;
};

/// The tensors a group of layers (ids, ascending) touches, by role.
struct GroupTensors {
  /// Activations read from outside the group (loaded from DRAM).
  llvm::SmallVector<unsigned, 4> inputs;
  /// Weights, biases and constants the group reads.
  llvm::SmallVector<unsigned, 4> weights;
  /// Results of the group's layers, in layer order.
  llvm::SmallVector<unsigned, 8> produced;
  /// Produced tensors used after the group (by a layer outside it, or as an
  /// output of the graph): stored to DRAM.
  llvm::SmallVector<unsigned, 4> outputs;
};
GroupTensors groupTensors(const LayerGraph &g, llvm::ArrayRef<unsigned> layers);

/// Whether `layers` (ids, ascending) is convex: no path leaves the group and
/// comes back (the layer outside would need a result of the group before the
/// group has finished). When not, `path` gets such a path of layer ids,
/// starting and ending in the group.
bool isConvexGroup(const LayerGraph &g, llvm::ArrayRef<unsigned> layers,
                   std::vector<unsigned> *path = nullptr);

} // namespace accel

#endif // ACCEL_WORKLOAD_LAYERGRAPH_H
