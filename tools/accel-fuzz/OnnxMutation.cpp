//===- OnnxMutation.cpp - Structure-aware mutations of ONNX models --------===//
//
// Byte mutations of a protobuf mostly give files that do not parse, or that
// change a value nobody reads. These mutate the model as a graph: attribute
// values (boundary integers, NaN and infinite floats, lists shortened or
// lengthened), node inputs and outputs (dropped, renamed, pointing at
// another value), operator types, node order, initializer dimensions, types
// and data, and the graph's input shapes: the mistakes a hand-edited or
// badly exported model makes, which the importer must answer with an error.
//
//===----------------------------------------------------------------------===//

#include "OnnxMutation.h"
#include "onnx/onnx_pb.h"
#include <cmath>
#include <limits>

namespace {

const int64_t boundaryInts[] = {0,
                                -1,
                                1,
                                2,
                                3,
                                -2147483649LL,
                                2147483648LL,
                                1LL << 40,
                                4611686018427387904LL,
                                std::numeric_limits<int64_t>::max(),
                                std::numeric_limits<int64_t>::min()};
const float boundaryFloats[] = {0.0f,
                                -1.0f,
                                1e30f,
                                -1e30f,
                                std::numeric_limits<float>::quiet_NaN(),
                                std::numeric_limits<float>::infinity(),
                                -std::numeric_limits<float>::infinity(),
                                1e-45f};
const char *opTypes[] = {"Conv",
                         "ConvTranspose",
                         "Relu",
                         "Add",
                         "Mul",
                         "MatMul",
                         "Gemm",
                         "Reshape",
                         "Concat",
                         "BatchNormalization",
                         "MaxPool",
                         "AveragePool",
                         "GlobalAveragePool",
                         "Resize",
                         "Transpose",
                         "Slice",
                         "Pad",
                         "Clip",
                         "Sigmoid",
                         "Flatten",
                         "Softmax",
                         "Identity",
                         "Shape",
                         "Gather",
                         "Unsqueeze",
                         "Squeeze",
                         "LayerNormalization",
                         "Erf",
                         "Split",
                         "ReduceMean",
                         "Cast",
                         "HardSwish",
                         "Div",
                         "Sub",
                         "Constant",
                         "Dropout",
                         "QuantizeLinear",
                         "DequantizeLinear",
                         "QLinearConv",
                         "QLinearMatMul",
                         "ConvInteger",
                         "MatMulInteger"};

template <typename T, size_t N>
T pickFrom(const T (&a)[N], std::mt19937_64 &rng) {
  return a[rng() % N];
}

void mutateAttribute(onnx::AttributeProto &a, std::mt19937_64 &rng) {
  switch (a.type()) {
  case onnx::AttributeProto::INT:
    a.set_i(pickFrom(boundaryInts, rng));
    break;
  case onnx::AttributeProto::FLOAT:
    a.set_f(pickFrom(boundaryFloats, rng));
    break;
  case onnx::AttributeProto::INTS:
    if (a.ints_size() == 0 || rng() % 3 == 0)
      a.add_ints(pickFrom(boundaryInts, rng));
    else if (rng() % 2)
      a.mutable_ints()->RemoveLast();
    else
      a.set_ints(int(rng() % a.ints_size()), pickFrom(boundaryInts, rng));
    break;
  case onnx::AttributeProto::FLOATS:
    if (a.floats_size())
      a.set_floats(int(rng() % a.floats_size()), pickFrom(boundaryFloats, rng));
    break;
  case onnx::AttributeProto::STRING:
    a.set_s(rng() % 2 ? "" : "nearest_neighbour");
    break;
  default: // tensors, graphs: change the kind, keep the payload
    a.set_type(onnx::AttributeProto::INT);
    break;
  }
}

/// A value's name somewhere in the graph (for rewiring).
std::string anyValueName(const onnx::GraphProto &g, std::mt19937_64 &rng) {
  switch (rng() % 3) {
  case 0:
    if (g.initializer_size())
      return g.initializer(int(rng() % g.initializer_size())).name();
    break;
  case 1:
    if (g.input_size())
      return g.input(int(rng() % g.input_size())).name();
    break;
  default:
    if (g.node_size()) {
      const onnx::NodeProto &n = g.node(int(rng() % g.node_size()));
      if (n.output_size())
        return n.output(int(rng() % n.output_size()));
    }
  }
  return rng() % 2 ? "" : "no_such_value";
}

void mutateNode(onnx::GraphProto &g, std::mt19937_64 &rng) {
  onnx::NodeProto &n = *g.mutable_node(int(rng() % g.node_size()));
  switch (rng() % 8) {
  case 0:
  case 1:
    if (n.attribute_size()) {
      mutateAttribute(*n.mutable_attribute(int(rng() % n.attribute_size())),
                      rng);
      break;
    }
    [[fallthrough]];
  case 2: { // an attribute the operator may not take, or of the wrong kind
    onnx::AttributeProto *a = n.add_attribute();
    const char *names[] = {"strides", "pads",  "dilations",    "group",
                           "axis",    "perm",  "kernel_shape", "epsilon",
                           "min",     "alpha", "mode",         "transB"};
    a->set_name(pickFrom(names, rng));
    if (rng() % 2) {
      a->set_type(onnx::AttributeProto::INTS);
      for (unsigned k = rng() % 5; k > 0; --k)
        a->add_ints(pickFrom(boundaryInts, rng));
    } else {
      a->set_type(onnx::AttributeProto::FLOAT);
      a->set_f(pickFrom(boundaryFloats, rng));
    }
    break;
  }
  case 3:
    n.set_op_type(pickFrom(opTypes, rng));
    break;
  case 4: // an input dropped or rewired
    if (n.input_size() && rng() % 2)
      n.mutable_input()->RemoveLast();
    else if (n.input_size())
      n.set_input(int(rng() % n.input_size()), anyValueName(g, rng));
    else
      n.add_input(anyValueName(g, rng));
    break;
  case 5: // outputs dropped, duplicated or renamed
    if (n.output_size() && rng() % 3 == 0)
      n.mutable_output()->RemoveLast();
    else if (rng() % 2)
      n.add_output(anyValueName(g, rng));
    else if (n.output_size())
      n.set_output(0, anyValueName(g, rng));
    break;
  case 6: { // order: a node moved before its producers, or duplicated
    int i = int(rng() % g.node_size()), j = int(rng() % g.node_size());
    if (rng() % 2)
      g.mutable_node()->SwapElements(i, j);
    else
      *g.add_node() = g.node(i);
    break;
  }
  default: // a node deleted
    g.mutable_node()->DeleteSubrange(int(rng() % g.node_size()), 1);
    break;
  }
}

void mutateInitializer(onnx::TensorProto &t, std::mt19937_64 &rng) {
  switch (rng() % 4) {
  case 0:
    if (t.dims_size())
      t.set_dims(int(rng() % t.dims_size()), pickFrom(boundaryInts, rng));
    else
      t.add_dims(pickFrom(boundaryInts, rng));
    break;
  case 1:
    if (t.dims_size() && rng() % 2)
      t.mutable_dims()->RemoveLast();
    else
      t.add_dims(1 + rng() % 3);
    break;
  case 2: { // another element type, the same bytes
    const int types[] = {onnx::TensorProto::INT8,     onnx::TensorProto::INT64,
                         onnx::TensorProto::FLOAT16,  onnx::TensorProto::DOUBLE,
                         onnx::TensorProto::STRING,   onnx::TensorProto::BOOL,
                         onnx::TensorProto::UNDEFINED};
    t.set_data_type(pickFrom(types, rng));
    break;
  }
  default: // data: truncated, or a float made NaN or infinite
    if (t.has_raw_data() && !t.raw_data().empty()) {
      std::string *raw = t.mutable_raw_data();
      if (rng() % 2) {
        raw->resize(rng() % raw->size());
      } else if (raw->size() >= 4) {
        float f = pickFrom(boundaryFloats, rng);
        size_t at = (rng() % (raw->size() / 4)) * 4;
        raw->replace(at, 4, reinterpret_cast<const char *>(&f), 4);
      }
    } else if (t.float_data_size()) {
      t.set_float_data(int(rng() % t.float_data_size()),
                       pickFrom(boundaryFloats, rng));
    } else {
      t.add_float_data(1.0f);
    }
    break;
  }
}

void mutateGraphInput(onnx::ValueInfoProto &v, std::mt19937_64 &rng) {
  onnx::TypeProto_Tensor &t = *v.mutable_type()->mutable_tensor_type();
  onnx::TensorShapeProto &shape = *t.mutable_shape();
  switch (rng() % 4) {
  case 0:
    if (shape.dim_size()) {
      shape.mutable_dim(int(rng() % shape.dim_size()))
          ->set_dim_value(pickFrom(boundaryInts, rng));
      break;
    }
    [[fallthrough]];
  case 1:
    if (shape.dim_size()) {
      shape.mutable_dim(int(rng() % shape.dim_size()))->set_dim_param("batch");
      break;
    }
    [[fallthrough]];
  case 2:
    if (shape.dim_size() && rng() % 2)
      shape.mutable_dim()->RemoveLast();
    else
      shape.add_dim()->set_dim_value(1 + rng() % 4);
    break;
  default:
    t.set_elem_type(rng() % 2 ? onnx::TensorProto::INT32
                              : onnx::TensorProto::FLOAT16);
    break;
  }
}

} // namespace

bool accel::fuzz::mutateOnnxModel(std::string &bytes, std::mt19937_64 &rng) {
  onnx::ModelProto model;
  if (!model.ParseFromString(bytes))
    return false;
  onnx::GraphProto &g = *model.mutable_graph();
  unsigned what = rng() % 10;
  if (what < 6 && g.node_size())
    mutateNode(g, rng);
  else if (what < 8 && g.initializer_size())
    mutateInitializer(*g.mutable_initializer(int(rng() % g.initializer_size())),
                      rng);
  else if (g.input_size())
    mutateGraphInput(*g.mutable_input(int(rng() % g.input_size())), rng);
  else if (rng() % 2 && g.output_size())
    g.mutable_output()->RemoveLast();
  else
    model.clear_opset_import();
  return model.SerializeToString(&bytes);
}
