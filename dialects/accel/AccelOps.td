//===- AccelOps.td - Operations of the accel dialect -------*- tablegen -*-===//
#ifndef ACCEL_OPS_TD
#define ACCEL_OPS_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "dialects/accel/AccelAttrs.td"
include "dialects/accel/AccelInterfaces.td"

class Accel_Op<string mnemonic, list<Trait> traits = []>
    : Op<Accel_Dialect, mnemonic, traits>;

// Activations, weights and results: non-empty static tensors of numbers,
// of at most 2^40 elements and dimensions of at most 2^24
// (accel::isBoundedShape: every count the models form stays inside int64).
def Accel_Tensor : ConfinedType<StaticShapeTensorOf<[AnyFloat, AnySignlessInteger]>,
    [CPred<"::accel::isBoundedShape("
           "::llvm::cast<::mlir::ShapedType>($_self).getShape())">],
    "non-empty statically shaped tensor of numbers, dimensions at most 2^24, at most 2^40 elements">;

// A layer: pure, maps onto the accelerator; unless it converts between
// types (Accel_ConvertingLayerOp), the same element type everywhere.
class Accel_ConvertingLayerOp<string mnemonic, list<Trait> traits = []>
    : Accel_Op<mnemonic, !listconcat([Pure,
        DeclareOpInterfaceMethods<Accel_LayerOpInterface>], traits)> {
  let hasVerifier = 1;
}
class Accel_LayerOp<string mnemonic, list<Trait> traits = []>
    : Accel_ConvertingLayerOp<mnemonic,
        !listconcat([SameOperandsAndResultElementType], traits)>;

defvar Accel_OptionalMapping = OptionalAttr<Accel_MappingAttr>;
defvar Accel_OptionalActivation = OptionalAttr<Accel_ActivationAttr>;
defvar Accel_Pair1 = DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">;
defvar Accel_Pads0 = DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">;

//===----------------------------------------------------------------------===//
// Convolutions and matmul
//===----------------------------------------------------------------------===//

def Accel_Conv2DOp : Accel_ConvertingLayerOp<"conv2d"> {
  let summary = "2-D convolution (grouped, depthwise, dilated), optional bias "
                "and fused activation";
  let description = [{
    input [N, C, H, W], weight [K, C/groups, R, S], bias [K] ->
    output [N, K, P, Q]. `strides` and `dilations` are (H, W); `pads` are
    (top, left, bottom, right). Depthwise convolution is groups = C.

    Element types: the same float everywhere, or integer: i8 input and
    weight, i32 bias and result (the accumulators), the input's
    `input_zero_point` subtracted from every input element (padding is
    the zero point: it adds nothing), as a quantized network's
    convolutions run (`accel.quantize` before, `accel.dequantize` after).

    ```mlir
    %y = accel.conv2d %x, %w, %b {pads = array<i64: 1, 1, 1, 1>,
                                  activation = #accel.act<relu>}
        : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>)
        -> tensor<1x64x56x56xf32>
    ```
  }];
  let arguments = (ins Accel_Tensor:$input, Accel_Tensor:$weight,
                       Optional<Accel_Tensor>:$bias,
                       Accel_Pair1:$strides, Accel_Pair1:$dilations,
                       Accel_Pads0:$pads,
                       DefaultValuedAttr<I64Attr, "1">:$groups,
                       Accel_OptionalActivation:$activation,
                       Accel_OptionalMapping:$mapping,
                       DefaultValuedAttr<I64Attr, "0">:$input_zero_point);
  let results = (outs Accel_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let extraClassDeclaration = [{
    ::accel::ConvParams getConvParams();
  }];
}

def Accel_ConvTranspose2DOp : Accel_LayerOp<"conv_transpose2d"> {
  let summary = "2-D transposed convolution (U-Net decoders)";
  let description = [{
    input [N, C, H, W], weight [C, K/groups, R, S], bias [K] ->
    output [N, K, P, Q] with P = (H - 1) * stride - pad_top - pad_bottom +
    dilation * (R - 1) + 1 + output_padding (same for Q), as ONNX
    ConvTranspose.
  }];
  let arguments = (ins Accel_Tensor:$input, Accel_Tensor:$weight,
                       Optional<Accel_Tensor>:$bias,
                       Accel_Pair1:$strides, Accel_Pair1:$dilations,
                       Accel_Pads0:$pads,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0}">:$output_padding,
                       DefaultValuedAttr<I64Attr, "1">:$groups,
                       Accel_OptionalActivation:$activation,
                       Accel_OptionalMapping:$mapping);
  let results = (outs Accel_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let extraClassDeclaration = [{
    ::accel::ConvParams getConvParams();
  }];
}

def Accel_MatmulOp : Accel_ConvertingLayerOp<"matmul"> {
  let summary = "matrix multiplication / fully-connected layer";
  let description = [{
    lhs [M, K] x rhs [K, N] (+ bias [N]) -> [M, N]; with `transpose_rhs` the
    rhs is [N, K] (ONNX Gemm transB, PyTorch Linear). Rank-3 operands are a
    batch of independent matmuls. Loop nest: N = M, K = N, C = K, G = batch.
    Element types as `accel.conv2d`'s: one type, or i8 operands with i32
    bias and result, `lhs_zero_point` subtracted from every lhs element.
  }];
  let arguments = (ins Accel_Tensor:$lhs, Accel_Tensor:$rhs,
                       Optional<Accel_Tensor>:$bias,
                       UnitAttr:$transpose_rhs,
                       Accel_OptionalActivation:$activation,
                       Accel_OptionalMapping:$mapping,
                       DefaultValuedAttr<I64Attr, "0">:$lhs_zero_point);
  let results = (outs Accel_Tensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// Pooling, elementwise, activations, resize
//===----------------------------------------------------------------------===//

def Accel_Pool2DOp : Accel_LayerOp<"pool2d"> {
  let summary = "max / average pooling, windowed or global";
  let description = [{
    `kernel`, `strides`, `dilations` are (H, W), `pads` (top, left, bottom,
    right); `ceil_mode` rounds the output size up as ONNX / PyTorch do;
    `count_include_pad` makes an average divide by the full window. `global`
    pools each whole plane to 1x1 and takes no window attributes.
  }];
  let arguments = (ins Accel_PoolKindAttr:$kind, Accel_Tensor:$input,
                       OptionalAttr<DenseI64ArrayAttr>:$kernel,
                       Accel_Pair1:$strides, Accel_Pair1:$dilations,
                       Accel_Pads0:$pads,
                       UnitAttr:$ceil_mode, UnitAttr:$count_include_pad,
                       UnitAttr:$global,
                       Accel_OptionalMapping:$mapping);
  let results = (outs Accel_Tensor:$output);
  let assemblyFormat = [{
    custom<EnumKeyword>($kind) $input attr-dict `:` type($input) `->` type($output)
  }];
  let extraClassDeclaration = [{
    ::accel::PoolParams getPoolParams();
  }];
}

class Accel_BinaryOp<string mnemonic, string what> : Accel_LayerOp<mnemonic> {
  let summary = "elementwise " # what # " with broadcasting";
  let description = [{
    NumPy-style broadcasting (trailing dimensions aligned, a dimension of 1
    stretches), e.g. [N, C, H, W] with [N, C, 1, 1] as in squeeze-excite.
    The optional fused activation applies to the result.
  }];
  let arguments = (ins Accel_Tensor:$lhs, Accel_Tensor:$rhs,
                       Accel_OptionalActivation:$activation,
                       Accel_OptionalMapping:$mapping);
  let results = (outs Accel_Tensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($output)
  }];
}
def Accel_AddOp : Accel_BinaryOp<"add", "addition">;
def Accel_MulOp : Accel_BinaryOp<"mul", "multiplication"> {
  // x * hard_sigmoid(x; 1/6, 1/2) is hard_swish(x) (how torch exports it).
  let hasCanonicalizer = 1;
}

def Accel_ActivationOp : Accel_LayerOp<"activation", [SameOperandsAndResultType]> {
  let summary = "elementwise activation function";
  let arguments = (ins Accel_Tensor:$input, Accel_ActivationAttr:$act,
                       Accel_OptionalMapping:$mapping);
  let results = (outs Accel_Tensor:$output);
  let assemblyFormat = [{
    custom<FullAttr>($act) $input attr-dict `:` type($input)
  }];
  // An activation whose input is a convolution, matmul or add read by
  // nothing else becomes that layer's fused activation.
  let hasCanonicalizer = 1;
}

def Accel_LayerNormOp : Accel_LayerOp<"layer_norm", [SameOperandsAndResultType]> {
  let summary = "normalization over one dimension (layer norm)";
  let description = [{
    y = (x - mean(x)) / sqrt(var(x) + epsilon), the mean and the (biased)
    variance taken over dimension `axis` (negative: counted from the end;
    the default -1 is the innermost, as ONNX's LayerNormalization). ConvNeXt
    normalizes NHWC activations over their last axis; once its layout
    transposes cancel (`--accel-cancel-transposes`) the same normalization
    runs on NCHW activations over axis 1, the channels. Its scale and shift
    are the `accel.mul` and `accel.add` that follow, as the importer leaves
    them. The accelerator computes its statistics on chip: a mapping may
    not split the normalized dimension above the first on-chip memory.
    Costed as one operation per element, like an activation. Above rank 4
    the leading dimensions fold into one loop, which cannot hold the axis.

    ```mlir
    %y = accel.layer_norm %x {epsilon = 1.0e-06 : f64} : tensor<1x56x56x96xf32>
    %z = accel.layer_norm %x {axis = 1 : i64, epsilon = 1.0e-06 : f64}
        : tensor<1x96x56x56xf32>
    ```
  }];
  let arguments = (ins Accel_Tensor:$input, F64Attr:$epsilon,
                       DefaultValuedAttr<I64Attr, "-1">:$axis,
                       Accel_OptionalMapping:$mapping);
  let results = (outs Accel_Tensor:$output);
  let assemblyFormat = [{
    $input attr-dict `:` type($input)
  }];
  let extraClassDeclaration = [{
    /// `axis` counted from the front (the verifier checks it is one).
    int64_t getNormalizedAxis() {
      // (I64Attr getters return the bits unsigned.)
      int64_t rank = getOutput().getType().getRank(), axis = getAxis();
      return axis < 0 ? axis + rank : axis;
    }
  }];
}

def Accel_QuantizeOp : Accel_ConvertingLayerOp<"quantize", [SameOperandsAndResultShape]> {
  let summary = "float to integer: q = clamp(round(x / scale) + zero_point, min, max)";
  let description = [{
    ONNX QuantizeLinear with one scale (per tensor), rounding half to even,
    saturating to [min, max] (the result type's range unless narrower: a
    Clip of the quantized value folds in). uint8 data are kept as i8
    shifted by -128 (zero point, min and max with it), so every quantized
    tensor is i8.

    ```mlir
    %q = accel.quantize %x {scale = 0.0118 : f64, zero_point = -128 : i64,
                            min = -128 : i64, max = -1 : i64}
        : tensor<1x64x56x56xf32> -> tensor<1x64x56x56xi8>
    ```
  }];
  let arguments = (ins Accel_Tensor:$input, F64Attr:$scale,
                       I64Attr:$zero_point, I64Attr:$min, I64Attr:$max,
                       Accel_OptionalMapping:$mapping);
  let results = (outs Accel_Tensor:$output);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($output)
  }];
}

def Accel_DequantizeOp : Accel_ConvertingLayerOp<"dequantize", [SameOperandsAndResultShape]> {
  let summary = "integer to float: y = (q - zero_point) * scale[c]";
  let description = [{
    ONNX DequantizeLinear: one scale, or one per index of dimension
    `axis` (a convolution's accumulators carry the input's scale times each
    output channel's weight scale).

    ```mlir
    %y = accel.dequantize %acc {scales = array<f64: 1.2e-4, 9.8e-5>, axis = 1 : i64}
        : tensor<1x2x8x8xi32> -> tensor<1x2x8x8xf32>
    ```
  }];
  let arguments = (ins Accel_Tensor:$input, DenseF64ArrayAttr:$scales,
                       DefaultValuedAttr<I64Attr, "1">:$axis,
                       DefaultValuedAttr<I64Attr, "0">:$zero_point,
                       Accel_OptionalMapping:$mapping);
  let results = (outs Accel_Tensor:$output);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($output)
  }];
}

def Accel_ResizeOp : Accel_LayerOp<"resize"> {
  let summary = "integer-factor upsampling (nearest or bilinear)";
  let description = [{
    Output [N, C, H * scales[0], W * scales[1]]. Bilinear uses half-pixel
    centres unless `align_corners` is set.
  }];
  let arguments = (ins Accel_ResizeModeAttr:$mode, Accel_Tensor:$input,
                       DenseI64ArrayAttr:$scales, UnitAttr:$align_corners,
                       Accel_OptionalMapping:$mapping);
  let results = (outs Accel_Tensor:$output);
  let assemblyFormat = [{
    custom<EnumKeyword>($mode) $input attr-dict `:` type($input) `->` type($output)
  }];
}

//===----------------------------------------------------------------------===//
// Data movement: concat, reshape, flatten
//===----------------------------------------------------------------------===//

def Accel_ConcatOp : Accel_Op<"concat", [Pure, SameOperandsAndResultElementType]> {
  let summary = "concatenation along an axis";
  let arguments = (ins Variadic<Accel_Tensor>:$inputs, I64Attr:$axis);
  let results = (outs Accel_Tensor:$output);
  let assemblyFormat = [{
    $inputs attr-dict `:` functional-type($inputs, $output)
  }];
  let hasVerifier = 1;
}

def Accel_ReshapeOp : Accel_Op<"reshape", [Pure, SameOperandsAndResultElementType]> {
  let summary = "reshape to a type with the same number of elements";
  let arguments = (ins Accel_Tensor:$input);
  let results = (outs Accel_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
  // reshape(reshape(x)) = reshape(x); a reshape to the same type is x.
  let hasFolder = 1;
}

def Accel_FlattenOp : Accel_Op<"flatten", [Pure, SameOperandsAndResultElementType]> {
  let summary = "flatten to 2-D: [prod(d < axis), prod(d >= axis)]";
  let arguments = (ins Accel_Tensor:$input, DefaultValuedAttr<I64Attr, "1">:$axis);
  let results = (outs Accel_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Operators the dialect does not model
//===----------------------------------------------------------------------===//

def Accel_OpaqueOp : Accel_Op<"opaque"> {
  let summary = "an operator accel does not model, carried through unchanged";
  let description = [{
    Keeps a network importable when it contains an operator the dialect does
    not model: `op_name` is the source operator ("onnx.Softmax"), the
    operands and results keep their types, and any further attributes of
    the source operator ride along in the attribute dictionary. Passes route
    around it: it is never fused or mapped, and it is assumed to have side
    effects so nothing removes it.

    ```mlir
    %y = accel.opaque "onnx.Softmax"(%x) {axis = 1 : i64}
        : (tensor<1x1000xf32>) -> tensor<1x1000xf32>
    ```
  }];
  let arguments = (ins StrAttr:$op_name, Variadic<AnyType>:$inputs);
  let results = (outs Variadic<AnyType>:$outputs);
  let assemblyFormat = [{
    $op_name `(` $inputs `)` attr-dict `:` functional-type($inputs, $outputs)
  }];
  let hasVerifier = 1;
  // The layer norm older ONNX exports spell out (ReduceMean, Sub, Pow,
  // ReduceMean, Add, Sqrt, Div) is one accel.layer_norm.
  let hasCanonicalizer = 1;
  let extraClassDeclaration = [{
    /// The source operator only moves data (ONNX Transpose, Slice): its
    /// whole cost is the DRAM traffic reports count for it, and the
    /// reference interpreter runs it.
    bool movesDataOnly();
  }];
}

//===----------------------------------------------------------------------===//
// Layer groups
//===----------------------------------------------------------------------===//

def Accel_GroupOp : Accel_Op<"group", [IsolatedFromAbove, SingleBlock,
                                       RecursiveMemoryEffects]> {
  let summary = "a layer group: layers fused so intermediates stay on chip";
  let description = [{
    The operands are what the group reads from off-chip memory (activations
    and weights); the body sees them as block arguments, bound in the
    `(%arg = %operand, ...)` list, and may use nothing else from outside
    (the op is isolated from above). The results are the group's outputs,
    returned by `accel.yield`. An optional `name` labels the group in
    reports.

    `schedule` (`#accel.schedule`) says how the group runs: tiles of output
    rows, halos, weights, double buffering, the split of its on-chip level
    and the execution mode; without it the group runs with the default
    schedule (tiles of min(4, height) rows, halos kept, weights resident,
    double buffered, depth first). A layer's `mapping` inside a group maps
    its tile: the part of its output it computes in one tile in the steady
    state (docs/Tiling.md).

    The verifier checks the schedule against the group (rows no more than
    its tallest output, a PE share per computing layer, layers that can run
    in a group), every layer's mapping against its tile, and, when the
    module's `accel.target` is a preset, the schedule against that
    accelerator.

    ```mlir
    %r = accel.group (%a = %x, %w = %w0) : (tensor<1x8x8x8xf32>, tensor<8x8x3x3xf32>)
        -> tensor<1x8x8x8xf32> {
      %y = accel.conv2d %a, %w {pads = array<i64: 1, 1, 1, 1>} : ...
      accel.yield %y : tensor<1x8x8x8xf32>
    }
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$inputs, OptionalAttr<StrAttr>:$name,
                       OptionalAttr<Accel_ScheduleAttr>:$schedule);
  let results = (outs Variadic<AnyType>:$outputs);
  let regions = (region SizedRegion<1>:$body);
  let hasCustomAssemblyFormat = 1;
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::Block &getBodyBlock() { return getBody().front(); }
    YieldOp getYield();

  }];
}

def Accel_YieldOp : Accel_Op<"yield", [Pure, Terminator, ReturnLike,
                                       HasParent<"GroupOp">]> {
  let summary = "returns a layer group's outputs";
  let arguments = (ins Variadic<AnyType>:$values);
  let assemblyFormat = "attr-dict ($values^ `:` type($values))?";
  let builders = [OpBuilder<(ins), [{ /* nothing */ }]>];
}

#endif // ACCEL_OPS_TD
