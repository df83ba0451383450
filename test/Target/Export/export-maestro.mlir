// --export-maestro against golden files: one MAESTRO layer per convolution
// or matmul (depthwise: DSCONV), a Cluster per mapping level, output tiles as
// input windows over Y and X; other layers are skipped with a comment.
// RUN: accel-translate --export-maestro %S/Inputs/layers.mlir --export-arch=%S/../../Analysis/Inputs/tiny.yaml | diff %S/Inputs/layers.m -
// RUN: accel-translate --export-maestro %S/Inputs/depthwise.mlir | diff %S/Inputs/depthwise.m -
