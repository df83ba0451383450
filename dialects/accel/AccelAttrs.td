//===- AccelAttrs.td - Attributes of the accel dialect -----*- tablegen -*-===//
#ifndef ACCEL_ATTRS_TD
#define ACCEL_ATTRS_TD

include "mlir/IR/AttrTypeBase.td"
include "dialects/accel/AccelEnums.td"

class Accel_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<Accel_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

def Accel_ActivationAttr : Accel_Attr<"Activation", "act"> {
  let summary = "an activation function with its parameters";
  let description = [{
    `#accel.act<relu>`, `#accel.act<clip, min = 0.0, max = 6.0>`,
    `#accel.act<hard_sigmoid, alpha = 0.2, beta = 0.5>`,
    `#accel.act<leaky_relu, alpha = 0.01>`. Used by `accel.activation` and as
    the fused activation of convolutions, matmuls and adds. `relu6` is
    clip(0, 6); `hard_swish` is x * relu6(x + 3) / 6.
  }];
  let parameters = (ins
    EnumParameter<Accel_ActivationKind>:$kind,
    OptionalParameter<"::mlir::FloatAttr">:$alpha,
    OptionalParameter<"::mlir::FloatAttr">:$beta);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let builders = [
    AttrBuilder<(ins "ActivationKind":$kind), [{
      return $_get($_ctxt, kind, ::mlir::FloatAttr(), ::mlir::FloatAttr());
    }]>,
    AttrBuilder<(ins "ActivationKind":$kind, "double":$alpha, "double":$beta)>
  ];
  let skipDefaultBuilders = 0;
  let extraClassDeclaration = [{
    /// Names of the parameters `kind` takes, in order ("min", "max" for clip).
    static ::llvm::ArrayRef<::llvm::StringLiteral> paramNames(ActivationKind kind);
  }];
}

def Accel_MappingAttr : Accel_Attr<"Mapping", "mapping"> {
  let summary = "loop-nest mapping of a layer: levels of spatial fan-out, "
                "loop order and tile sizes";
  let description = [{
    A list of levels, outermost first. Each level is written
    `[D*F | D1:T1 D2:T2 ...]`: `D*F` (optional) spreads dimension D over F
    units side by side, and the `Di:Ti` list gives this level's temporal loops
    outermost first with the tile size each unit works on. A dimension not
    listed keeps its parent's extent (trip count 1). Dimensions are
    N, K, C, P, Q, R, S, G (see docs/Dialects.md). Example, two levels:

    ```mlir
    #accel.mapping<[K*16 | C:64 P:56 Q:56 K:4 R:3 S:3], [C*12 | K:1 C:4 R:1 S:1]>
    ```

    The attribute checks itself (each dimension once per level, tiles >= 1,
    an inner tile fits in an explicit outer one); a layer carrying it also
    checks it against its loop bounds.
  }];
  let parameters = (ins AttrParameter<"::accel::Mapping", "the mapping">:$value);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}

def Accel_ScheduleAttr : Accel_Attr<"Schedule", "schedule"> {
  let summary = "how a layer group runs: tiles, halos, weights, buffering, "
                "buffer split and execution mode";
  let description = [{
    Attached to `accel.group` as `schedule`; everything needed to cost,
    verify and lower the group besides its layers and their mappings
    (docs/Tiling.md). `rows` is required; the other fields have defaults and
    are printed only when they differ:

    - `rows = N`: output rows per tile of the group's tallest output (an
      output of h rows out of H gets the proportional slice of each tile; an
      output that is not NCHW is produced whole with the last tile);
    - `halo = keep | recompute` (keep): rows consecutive tiles share are
      kept on chip, or recomputed (and reloaded for the group's inputs);
    - `weights = resident | streamed` (resident): loaded once, or reloaded
      for every tile layer by layer;
    - `double_buffer = true | false` (true): DRAM transfers overlap compute
      (inputs prefetched a tile ahead, outputs drained a tile behind);
    - `split = arch | shared | weights(N)` (arch): the on-chip level the
      group lives in as the accelerator partitions it, as one pool, or N
      bytes for weights and the rest for activations;
    - `mode = depth_first | pipelined` (depth_first), and for pipelined
      groups `pes = [n1, n2, ...]`: units of the array's outermost fan-out
      stage given to each computing layer, in body order.

    ```mlir
    #accel.schedule<rows = 4>
    #accel.schedule<rows = 8, halo = recompute, weights = streamed, split = weights(65536)>
    #accel.schedule<rows = 2, mode = pipelined, pes = [4, 8]>
    ```

    A group without the attribute runs with tiles of min(4, height) rows and
    every default. The attribute checks itself (rows >= 1, a split of >= 0
    bytes, shares >= 1 exactly when pipelined, resident weights when
    pipelined); the group checks rows against its height and the share count
    against its layers, and against a preset target the split and the
    shares against the accelerator.
  }];
  let parameters = (ins
    "int64_t":$rows,
    "::accel::HaloPolicy":$halo,
    "::accel::WeightPolicy":$weights,
    "bool":$doubleBuffer,
    "::accel::BufferSplit":$split,
    "::accel::ExecutionMode":$mode,
    ArrayRefParameter<"int64_t", "PE shares">:$pes);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let builders = [
    AttrBuilder<(ins "const ::accel::GroupSchedule &":$value), [{
      return $_get($_ctxt, value.rows, value.halo, value.weights,
                   value.doubleBuffer, value.split, value.mode, value.pes);
    }]>
  ];
  let skipDefaultBuilders = 0;
  let extraClassDeclaration = [{
    ::accel::GroupSchedule getValue() const;
  }];
}

def Accel_PrecisionPolicyParameter : EnumParameter<Accel_PrecisionPolicy> {
  let defaultValue = "::accel::PrecisionPolicy::Accelerator";
}

def Accel_TargetAttr : Accel_Attr<"Target", "target"> {
  let summary = "the accelerator a module is compiled for";
  let description = [{
    Either a preset compiled into accel-opt or an accelerator description
    file (YAML): `#accel.target<preset = "eyeriss-like">`,
    `#accel.target<file = "my-accel.yaml">`. Attached to a module as
    `accel.target`. `precision = ir` records that the module was compiled
    with the IR's own element types rather than the accelerator's precision
    (a pass's `precision=ir`), so that later passes cost it the same way.
  }];
  let parameters = (ins StringRefParameter<"preset name", [{""}]>:$preset,
                        StringRefParameter<"description file", [{""}]>:$file,
                        Accel_PrecisionPolicyParameter:$precision);
  let builders = [
    AttrBuilder<(ins "::llvm::StringRef":$preset, "::llvm::StringRef":$file), [{
      return $_get($_ctxt, preset, file, ::accel::PrecisionPolicy::Accelerator);
    }]>
  ];
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

#endif // ACCEL_ATTRS_TD
