// Extents near the dialect's limit (2^24 rows) fuse in under a second:
// a group is cut into at most 4,096 tiles (the model keeps a region per
// tile; 1-row tiles of 2^24 rows took gigabytes and did not finish in 5
// minutes), so the search's tiles are at least 4,096 rows here. A schedule
// with more tiles is an error naming the least rows.
// RUN: accel-opt %s --split-input-file --accel-fuse="arch=eyeriss-like threads=1 population=10 generations=3 map-population=10 map-generations=3 search-map-population=10 search-map-generations=3" -o /dev/null 2>&1 | FileCheck %s --check-prefix=FUSE
// RUN: accel-opt %s --accel-group-layers="groups=a+b" | sed 's/attributes {name = "g0"}/attributes {name = "g0", schedule = #accel.schedule<rows = 1>}/' | not accel-opt --accel-cost-report=arch=eyeriss-like -o /dev/null 2>&1 | FileCheck %s --check-prefix=TILES
// RUN: accel-opt %s --accel-group-layers="groups=a+b" | accel-opt --accel-cost-report=arch=eyeriss-like -o /dev/null | FileCheck %s --check-prefix=DEFAULT

// FUSE: fused0: a+b (rows = 4096{{.*}}); 4096 tiles,
// TILES: error: 'accel.group' op schedule rows: 1 cuts the group's 16777216 rows into 16777216 tiles, more than the 4096 a group may have (rows >= 4096)
// The default schedule's tiles are as short as that allows: 4096 rows.
// DEFAULT: g0 group fused 33554432 2801792

func.func @tall(%x: tensor<1x1x16777216x1xf16>, %w: tensor<1x1x1x1xf16>) -> tensor<1x1x16777216x1xf16> {
  %0 = accel.conv2d %x, %w : (tensor<1x1x16777216x1xf16>, tensor<1x1x1x1xf16>) -> tensor<1x1x16777216x1xf16> loc("a")
  %1 = accel.conv2d %0, %w : (tensor<1x1x16777216x1xf16>, tensor<1x1x1x1xf16>) -> tensor<1x1x16777216x1xf16> loc("b")
  return %1 : tensor<1x1x16777216x1xf16>
}
