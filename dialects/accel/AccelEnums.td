//===- AccelEnums.td - Enumerations of the accel dialect ---*- tablegen -*-===//
#ifndef ACCEL_ENUMS_TD
#define ACCEL_ENUMS_TD

include "mlir/IR/EnumAttr.td"
include "dialects/accel/AccelDialect.td"

def Accel_ActivationKind : I32EnumAttr<"ActivationKind", "activation function", [
    I32EnumAttrCase<"Relu", 0, "relu">,
    I32EnumAttrCase<"Relu6", 1, "relu6">,
    I32EnumAttrCase<"Clip", 2, "clip">,
    I32EnumAttrCase<"Sigmoid", 3, "sigmoid">,
    I32EnumAttrCase<"HardSigmoid", 4, "hard_sigmoid">,
    I32EnumAttrCase<"HardSwish", 5, "hard_swish">,
    I32EnumAttrCase<"LeakyRelu", 6, "leaky_relu">,
    I32EnumAttrCase<"Tanh", 7, "tanh">,
    I32EnumAttrCase<"Silu", 8, "silu">,
    I32EnumAttrCase<"Gelu", 9, "gelu">]> {
  let cppNamespace = "::accel";
  let genSpecializedAttr = 0;
}

def Accel_PoolKind : I32EnumAttr<"PoolKind", "pooling reduction", [
    I32EnumAttrCase<"Max", 0, "max">,
    I32EnumAttrCase<"Avg", 1, "avg">]> {
  let cppNamespace = "::accel";
  let genSpecializedAttr = 0;
}
def Accel_PoolKindAttr : EnumAttr<Accel_Dialect, Accel_PoolKind, "pool_kind">;

def Accel_ResizeMode : I32EnumAttr<"ResizeMode", "resize interpolation", [
    I32EnumAttrCase<"Nearest", 0, "nearest">,
    I32EnumAttrCase<"Bilinear", 1, "bilinear">]> {
  let cppNamespace = "::accel";
  let genSpecializedAttr = 0;
}
def Accel_ResizeModeAttr : EnumAttr<Accel_Dialect, Accel_ResizeMode, "resize_mode">;

def Accel_PrecisionPolicy : I32EnumAttr<"PrecisionPolicy",
    "whose element widths the models use", [
    I32EnumAttrCase<"Accelerator", 0, "accel">,
    I32EnumAttrCase<"IR", 1, "ir">]> {
  let cppNamespace = "::accel";
  let genSpecializedAttr = 0;
}

#endif // ACCEL_ENUMS_TD
