//===- SearchSpace.cpp - The mappings a search may visit ------------------===//

#include "accel/Search/SearchSpace.h"
#include "Divisors.h"
#include "llvm/Support/FormatVariadic.h"
#include <algorithm>
#include <cmath>

using namespace accel;
using detail::nearestDivisor;

SearchSpace::SearchSpace(const LayerProblem &problem, const Arch &arch,
                         SearchConstraints constraints)
    : problem_(problem), arch_(arch), constraints_(std::move(constraints)) {
  for (Dim d : kAllDims)
    if (problem_.bounds[d] > 1)
      active_.push_back(d);
  unsigned stageLevels = 0;
  for (unsigned m = 0; m < arch_.memories.size(); ++m)
    for (const FanoutStage &stage : arch_.memories[m].fanout) {
      slots_.push_back({&stage, m});
      stageLevels += stage.maxMappingLevels;
    }
  // A dimension that must stay whole on chip: the outermost level, whose
  // temporal loops run above the first on-chip memory, does not split it.
  if (std::optional<Dim> w = problem_.wholeOnChip; w && !isFixed(0, *w))
    constraints_.fixedTiles.push_back({0, *w, problem_.bounds[*w]});
  minLevels_ = std::max(1u, arch_.minParallelLevels);
  maxLevels_ = std::min(
      {arch_.maxParallelLevels, stageLevels, unsigned(kMaxMappingLevels)});
  if (!constraints_.dataflow.empty()) {
    unsigned n = constraints_.dataflow.size();
    if (n < minLevels_ || n > maxLevels_)
      emptyReason_ = llvm::formatv(
          "the dataflow spreads {0} dimensions but {1} takes {2} to {3} "
          "parallel levels",
          n, arch_.name, minLevels_, maxLevels_);
    minLevels_ = maxLevels_ = n;
  }
  if (emptyReason_.empty() && minLevels_ > maxLevels_)
    emptyReason_ = llvm::formatv(
        "{0} needs {1} parallel levels but its fan-out stages take {2}",
        arch_.name, arch_.minParallelLevels, stageLevels);
}

bool SearchSpace::stageAllows(const FanoutStage &stage, Dim d) const {
  return stage.dims.empty() || llvm::is_contained(stage.dims, dimName(d).str());
}

int64_t SearchSpace::randomTile(Rng &rng, int64_t parent) {
  if (parent <= 1)
    return 1;
  double x = std::uniform_real_distribution<double>(
      0.0, std::log(double(parent) + 1))(rng);
  return std::clamp<int64_t>(int64_t(std::exp(x)), 1, parent);
}

Genome SearchSpace::random(Rng &rng) const {
  Genome g;
  g.numLevels =
      std::uniform_int_distribution<unsigned>(minLevels_, maxLevels_)(rng);
  PerDim<int64_t> parent = problem_.bounds.extent;
  for (unsigned i = 0; i < g.numLevels; ++i) {
    GenomeLevel &l = g[i];
    if (!active_.empty())
      l.spatial = active_[std::uniform_int_distribution<size_t>(
          0, active_.size() - 1)(rng)];
    std::shuffle(l.order.begin(), l.order.end(), rng);
    for (Dim d : kAllDims) {
      l.tile[d] = randomTile(rng, parent[d]);
      parent[d] = l.tile[d];
    }
    l.fanout = randomTile(rng, arch_.numPEs());
  }
  repair(g);
  return g;
}

llvm::SmallVector<int, kMaxMappingLevels>
SearchSpace::assignStages(const Genome &g) const {
  llvm::SmallVector<int, kMaxMappingLevels> at;
  llvm::SmallVector<unsigned, 8> levelsUsed(slots_.size(), 0);
  llvm::SmallVector<int64_t, 8> unitsUsed(slots_.size(), 1);
  unsigned cursor = 0;
  for (unsigned i = 0; i < g.numLevels; ++i) {
    const GenomeLevel &l = g[i];
    while (cursor < slots_.size()) {
      const FanoutStage &s = *slots_[cursor].stage;
      if (stageAllows(s, l.spatial) &&
          levelsUsed[cursor] < s.maxMappingLevels &&
          unitsUsed[cursor] * l.fanout <= s.size)
        break;
      ++cursor;
    }
    if (cursor == slots_.size()) {
      at.push_back(-1);
      continue;
    }
    levelsUsed[cursor]++;
    unitsUsed[cursor] *= l.fanout;
    at.push_back(cursor);
  }
  return at;
}

int64_t SearchSpace::fanoutRoom(const Genome &g, unsigned i) const {
  llvm::SmallVector<int, kMaxMappingLevels> at = assignStages(g);
  if (i >= at.size() || at[i] < 0)
    return 1;
  int64_t used = 1;
  for (unsigned j = 0; j < i; ++j)
    if (at[j] == at[i])
      used *= g[j].fanout;
  return std::max<int64_t>(1, slots_[at[i]].stage->size / used);
}

void SearchSpace::repair(Genome &g) const {
  repairForSpace(g);
  if (constraints_.exportable == ExportTarget::None)
    return;
  // The export's changes (fan-outs, tiles) can move a level to another
  // stage: repeat both until nothing changes (two or three rounds).
  for (int round = 0; round < 8; ++round) {
    Genome before = g;
    repairForExport(g);
    repairForSpace(g);
    if (g == before)
      break;
  }
}

void SearchSpace::repairForSpace(Genome &g) const {
  g.numLevels = std::clamp<unsigned>(g.numLevels, minLevels_, maxLevels_);
  if (!constraints_.order.empty())
    for (unsigned i = 0; i < g.numLevels; ++i) {
      std::array<Dim, kNumDims> order;
      unsigned n = 0;
      for (Dim d : constraints_.order)
        order[n++] = d;
      for (Dim d : kAllDims)
        if (!llvm::is_contained(constraints_.order, d))
          order[n++] = d;
      g[i].order = order;
    }
  for (const SearchConstraints::FixedTile &f : constraints_.fixedTiles)
    if (f.level < g.numLevels)
      g[f.level].tile[f.dim] = f.tile;

  // Walk the levels and the fan-out stages together, as buildLoopNest binds
  // them, fixing each level's parallel dimension and fan-out to its stage.
  llvm::SmallVector<unsigned, 8> levelsUsed(slots_.size(), 0);
  llvm::SmallVector<int64_t, 8> unitsUsed(slots_.size(), 1);
  unsigned cursor = 0;
  PerDim<int64_t> parent = problem_.bounds.extent;
  for (unsigned i = 0; i < g.numLevels; ++i) {
    GenomeLevel &l = g[i];
    for (Dim d : kAllDims)
      l.tile[d] = std::clamp<int64_t>(l.tile[d], 1, parent[d]);
    if (i < constraints_.dataflow.size())
      l.spatial = constraints_.dataflow[i];
    // The first stage with a mapping level left that can spread something;
    // a stage that the levels the accelerator still requires cannot skip
    // (too few stage levels after it) is taken even if it spreads nothing
    // of this problem: it spreads one of its dimensions once (a pooling
    // layer on stages that spread only K and C).
    auto levelsFrom = [&](unsigned c) {
      unsigned n = 0;
      for (; c < slots_.size(); ++c)
        n += slots_[c].stage->maxMappingLevels - levelsUsed[c];
      return n;
    };
    while (cursor < slots_.size()) {
      const FanoutStage &s = *slots_[cursor].stage;
      bool hasLevel = levelsUsed[cursor] < s.maxMappingLevels;
      bool canSpread = stageAllows(s, l.spatial);
      if (!canSpread && constraints_.dataflow.empty())
        for (Dim d : active_)
          canSpread |= stageAllows(s, d);
      if (canSpread && hasLevel && unitsUsed[cursor] < s.size)
        break;
      if (hasLevel && i < minLevels_ && levelsFrom(cursor + 1) < minLevels_ - i)
        break;
      ++cursor;
    }
    if (cursor == slots_.size()) {
      // No stage left: drop this level and the ones below it (when the
      // accelerator allows that few; else the cost model reports it).
      if (i >= minLevels_) {
        g.numLevels = i;
        break;
      }
      continue;
    }
    const FanoutStage &s = *slots_[cursor].stage;
    if (!stageAllows(s, l.spatial)) {
      // The active dimension with the largest extent the stage can spread,
      // else the stage's first dimension (of extent 1 here).
      std::optional<Dim> best;
      for (Dim d : active_)
        if (stageAllows(s, d) &&
            (!best || problem_.bounds[d] > problem_.bounds[*best]))
          best = d;
      if (!best)
        best = parseDim(s.dims.front());
      if (best)
        l.spatial = *best;
    }
    Dim d = l.spatial;
    int64_t room = s.size / unitsUsed[cursor];
    l.fanout =
        std::clamp<int64_t>(l.fanout, 1, std::min(room, parent[d] / l.tile[d]));
    levelsUsed[cursor]++;
    unitsUsed[cursor] *= l.fanout;
    parent = l.tile;
  }
}

void SearchSpace::repairForExport(Genome &g) const {
  switch (constraints_.exportable) {
  case ExportTarget::None:
    return;
  case ExportTarget::Maestro: {
    // MAESTRO maps whole filter rows and columns at every level, spreads
    // no filter dimension, and maps a strided axis one output row (column)
    // at a time (it miscounts the MACs of wider maps); its edge tiles lose
    // MACs (6% on a 7x7
    // map in tiles of 2), so tiles divide their parents too.
    // Nor does it spread the groups of a grouped (not depthwise)
    // convolution, which it runs as layers one after another.
    bool grouped =
        problem_.bounds[Dim::G] > 1 &&
        !(problem_.bounds[Dim::K] == 1 && problem_.bounds[Dim::C] == 1);
    for (unsigned i = 0; i < g.numLevels; ++i) {
      for (Dim d : {Dim::R, Dim::S}) {
        g[i].tile[d] = problem_.bounds[d];
        if (g[i].spatial == d)
          g[i].fanout = 1;
      }
      if (grouped && g[i].spatial == Dim::G)
        g[i].fanout = 1;
      // A strided axis: one output row (column) per map.
      for (bool rows : {true, false}) {
        Dim d = rows ? Dim::P : Dim::Q;
        if (problem_.plane(rows).stride == 1)
          continue;
        g[i].tile[d] = 1;
        if (g[i].spatial == d)
          g[i].fanout = 1;
      }
    }
    for (Dim d : active_)
      divisorChain(g, d);
    return;
  }
  case ExportTarget::Timeloop: {
    // One dimension on one memory level's stages spreads along one axis
    // (Timeloop keeps one spatial factor per dimension and level): a level
    // that would spread it along the other gets a fan-out of 1.
    llvm::SmallVector<int, kMaxMappingLevels> at = assignStages(g);
    for (unsigned i = 0; i < g.numLevels; ++i)
      for (unsigned j = 0; j < i; ++j)
        if (at[i] >= 0 && at[j] >= 0 && g[i].spatial == g[j].spatial &&
            g[j].fanout > 1 && at[i] != at[j] &&
            slots_[at[i]].memory == slots_[at[j]].memory)
          g[i].fanout = 1;
    // Tiles and fan-outs that divide their parents: no edge tile.
    for (Dim d : active_)
      divisorChain(g, d);
    return;
  }
  }
}

void SearchSpace::divisorChain(Genome &g, Dim d) const {
  int64_t parent = problem_.bounds[d];
  for (unsigned i = 0; i < g.numLevels; ++i) {
    GenomeLevel &l = g[i];
    // What the parallel levels below need a tile of d to hold whole.
    int64_t need = 1;
    for (unsigned j = i + 1; j < g.numLevels; ++j)
      if (g[j].spatial == d)
        need *= g[j].fanout;
    int64_t perUnit = parent;
    if (l.spatial == d) {
      // The room the level's stage has for it (which stage a level lands on
      // depends on its own fan-out, so ask with none).
      int64_t want = l.fanout;
      l.fanout = 1;
      int64_t room = fanoutRoom(g, i);
      l.fanout = nearestDivisor(parent, want, 1, room);
      perUnit = parent / l.fanout;
    }
    int64_t t = nearestDivisor(perUnit, l.tile[d], need);
    l.tile[d] = t ? t : nearestDivisor(perUnit, l.tile[d], 1);
    parent = l.tile[d];
  }
}

bool SearchSpace::isFixed(unsigned level, Dim d) const {
  return llvm::any_of(constraints_.fixedTiles,
                      [&](const SearchConstraints::FixedTile &f) {
                        return f.level == level && f.dim == d;
                      });
}

Mapping SearchSpace::toMapping(const Genome &g) const {
  Mapping m;
  PerDim<int64_t> parent = problem_.bounds.extent;
  for (unsigned i = 0; i < g.numLevels; ++i) {
    const GenomeLevel &gl = g[i];
    MappingLevel &l = m.addLevel();
    l.spatial = gl.spatial;
    l.fanout = gl.fanout;
    for (Dim d : gl.order)
      if (gl.tile[d] < parent[d] || d == gl.spatial)
        l.addLoop(d, gl.tile[d]);
    parent = gl.tile;
  }
  return m;
}

Genome SearchSpace::fromMapping(const Mapping &m) const {
  Genome g;
  g.numLevels = m.numLevels;
  const LoopBounds &b = problem_.bounds;
  for (unsigned i = 0; i < m.numLevels; ++i) {
    const MappingLevel &ml = m.level(i);
    GenomeLevel &l = g[i];
    l.spatial = ml.spatial.value_or(active_.empty() ? Dim::K : active_[0]);
    l.fanout = ml.spatial ? ml.fanout : 1;
    unsigned n = 0;
    for (Dim d : ml.loops())
      l.order[n++] = d;
    for (Dim d : kAllDims)
      if (!ml.lists(d))
        l.order[n++] = d;
    for (Dim d : kAllDims)
      l.tile[d] = m.resolvedTile(i, d, b);
  }
  return g;
}
