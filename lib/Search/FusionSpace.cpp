//===- FusionSpace.cpp - The layer fusions a search may visit -------------===//

#include "accel/Search/FusionSpace.h"
#include "accel/Arch/GroupResources.h"
#include "accel/CostModel/GroupCost.h"

using namespace accel;

llvm::hash_code accel::hash_value(const PlanSegment &s) {
  return llvm::hash_combine(
      llvm::hash_combine_range(s.layers.begin(), s.layers.end()),
      s.schedule ? hash_value(*s.schedule) : llvm::hash_code(0));
}

FusionSpace::FusionSpace(const LayerGraph &graph, const Arch &arch,
                         FusionChoices choices)
    : graph_(graph), arch_(arch), choices_(choices) {
  choices_.maxGroupLayers = std::max(1u, choices_.maxGroupLayers);
  fusible_.resize(graph.layers().size());
  for (auto [id, l] : llvm::enumerate(graph.layers())) {
    bool rowLocal = l.kind != LayerKind::Opaque &&
                    l.kind != LayerKind::Reshape &&
                    l.kind != LayerKind::Matmul &&
                    !(l.kind == LayerKind::Pool && l.pool.global) &&
                    graph.tensor(l.result).rowTiled();
    fusible_[id] = rowLocal;
  }
  if (auto stage = sharedStage(arch))
    stageUnits_ = arch.memories[stage->first].fanout[stage->second].size;
}

static unsigned computingLayers(const LayerGraph &g,
                                llvm::ArrayRef<unsigned> ls) {
  return llvm::count_if(ls, [&](unsigned l) { return g.layer(l).computes(); });
}

std::vector<ScheduleGene>
FusionSpace::genes(llvm::ArrayRef<unsigned> layers) const {
  int64_t height = groupHeight(graph_, layers);
  unsigned computing = computingLayers(graph_, layers);
  bool partitioned = arch_.memories.size() > kGroupLevel &&
                     arch_.memories[kGroupLevel].partition.has_value();
  std::vector<uint8_t> rows;
  for (uint8_t k = 0;; ++k) {
    rows.push_back(k);
    if ((int64_t(1) << k) >= height || k == 62)
      break;
  }
  std::vector<uint8_t> splits{0};
  if (choices_.splits) {
    if (partitioned)
      splits.push_back(1);
    for (uint8_t k = 2; k <= 8; ++k)
      splits.push_back(k);
  }
  std::vector<ScheduleGene> all;
  bool canPipeline =
      choices_.pipelined && computing >= 2 && int64_t(computing) <= stageUnits_;
  for (bool pipelined : {false, true}) {
    if (pipelined ? !canPipeline : canPipeline && !choices_.depthFirst)
      continue;
    for (uint8_t r : rows)
      for (HaloPolicy halo : {HaloPolicy::Keep, HaloPolicy::Recompute}) {
        if (halo == HaloPolicy::Recompute && !choices_.recompute)
          continue;
        for (WeightPolicy w :
             {WeightPolicy::Resident, WeightPolicy::Streamed}) {
          if (w == WeightPolicy::Streamed && (!choices_.streamed || pipelined))
            continue;
          for (bool db : {true, false}) {
            if (!db && !choices_.singleBuffer)
              continue;
            for (uint8_t split : splits)
              all.push_back({r, halo, w, db, split, pipelined});
          }
        }
      }
  }
  return all;
}

GroupSchedule FusionSpace::decode(const ScheduleGene &g,
                                  llvm::ArrayRef<unsigned> layers) const {
  GroupSchedule s;
  int64_t height = groupHeight(graph_, layers);
  s.rows =
      std::max(minTileRows(height),
               std::min<int64_t>(int64_t(1) << std::min<uint8_t>(g.rowsLog, 62),
                                 height));
  s.halo = g.halo;
  s.weights = g.weights;
  s.doubleBuffer = g.doubleBuffer;
  if (g.split == 1)
    s.split.kind = BufferSplit::Kind::Shared;
  else if (g.split >= 2 && arch_.memories.size() > kGroupLevel) {
    s.split.kind = BufferSplit::Kind::Weights;
    s.split.weightBytes =
        arch_.memories[kGroupLevel].capacityBytes * (g.split - 1) / 8;
  }
  unsigned computing = computingLayers(graph_, layers);
  bool canPipeline =
      choices_.pipelined && computing >= 2 && int64_t(computing) <= stageUnits_;
  if (canPipeline && (g.pipelined || !choices_.depthFirst)) {
    s.mode = ExecutionMode::Pipelined;
    s.weights = WeightPolicy::Resident;
    // Units in proportion to MACs, at least one each (largest remainders).
    std::vector<int64_t> macs;
    double total = 0;
    for (unsigned l : layers)
      if (graph_.layer(l).computes()) {
        macs.push_back(graph_.layer(l).problem->macs());
        total += macs.back();
      }
    int64_t spare = stageUnits_ - int64_t(macs.size());
    std::vector<std::pair<double, unsigned>> remainders;
    for (auto [i, m] : llvm::enumerate(macs)) {
      double exact = total > 0 ? spare * double(m) / total : 0;
      s.pes.push_back(1 + int64_t(exact));
      remainders.push_back({exact - int64_t(exact), unsigned(i)});
    }
    int64_t left = stageUnits_;
    for (int64_t n : s.pes)
      left -= n;
    llvm::stable_sort(remainders,
                      [](auto a, auto b) { return a.first > b.first; });
    for (unsigned k = 0; k < remainders.size() && left > 0; ++k, --left)
      ++s.pes[remainders[k].second];
  }
  return s;
}

void FusionSpace::setForcedCuts(FusionGenome &g) const {
  unsigned n = g.order.size();
  unsigned length = 0; // of the segment so far, position k included
  for (unsigned k = 0; k < n; ++k) {
    length = k == 0 || g.cut[k - 1] ? 1 : length + 1;
    bool next = k + 1 < n && fusible_[g.order[k + 1]];
    if (k + 1 == n || !fusible_[g.order[k]] || !next ||
        length >= choices_.maxGroupLayers)
      g.cut[k] = 1;
  }
}

FusionPlan FusionSpace::decode(const FusionGenome &g) const {
  FusionPlan plan;
  unsigned n = g.order.size();
  for (unsigned start = 0; start < n;) {
    unsigned end = start;
    while (end + 1 < n && !g.cut[end] && fusible_[g.order[end]] &&
           fusible_[g.order[end + 1]] &&
           end + 1 - start < choices_.maxGroupLayers)
      ++end;
    PlanSegment seg;
    seg.layers.assign(g.order.begin() + start, g.order.begin() + end + 1);
    llvm::sort(seg.layers);
    if (seg.layers.size() > 1)
      seg.schedule = decode(g.gene[start], seg.layers);
    plan.segments.push_back(std::move(seg));
    start = end + 1;
  }
  return plan;
}

FusionGenome FusionSpace::unfused() const {
  FusionGenome g;
  for (unsigned l = 0; l < numLayers(); ++l)
    g.order.push_back(l);
  g.cut.assign(numLayers(), 1);
  g.gene.assign(numLayers(), ScheduleGene());
  return g;
}

bool FusionSpace::dependsOn(unsigned b, unsigned a) const {
  return llvm::any_of(graph_.layer(b).operands, [&](unsigned op) {
    return graph_.tensor(op).producer == int(a);
  });
}

/// A random gene within the choices.
static ScheduleGene randomGene(const FusionChoices &c, Rng &rng) {
  auto coin = [&] { return std::uniform_int_distribution<int>(0, 1)(rng); };
  ScheduleGene g;
  g.rowsLog = std::uniform_int_distribution<int>(0, 8)(rng);
  g.halo = c.recompute && coin() ? HaloPolicy::Recompute : HaloPolicy::Keep;
  g.weights =
      c.streamed && coin() ? WeightPolicy::Streamed : WeightPolicy::Resident;
  g.doubleBuffer = !(c.singleBuffer && coin());
  g.split = c.splits ? std::uniform_int_distribution<int>(0, 8)(rng) : 0;
  g.pipelined = c.pipelined && (!c.depthFirst || coin());
  return g;
}

FusionGenome FusionSpace::random(Rng &rng) const {
  FusionGenome g = unfused();
  unsigned n = numLayers();
  for (unsigned i = 0; i < n; ++i)
    reorder(g, rng);
  double density = std::uniform_real_distribution<double>(0.05, 0.95)(rng);
  std::bernoulli_distribution cut(density);
  for (unsigned k = 0; k + 1 < n; ++k)
    g.cut[k] = cut(rng);
  for (ScheduleGene &gene : g.gene)
    gene = randomGene(choices_, rng);
  return g;
}

bool FusionSpace::fits(llvm::ArrayRef<unsigned> layers,
                       const GroupSchedule &schedule) const {
  PlanSegment key{std::vector<unsigned>(layers.begin(), layers.end()),
                  schedule};
  {
    std::lock_guard<std::mutex> lock(fitsMutex_);
    auto it = fitsCache_.find(key);
    if (it != fitsCache_.end())
      return it->second;
  }
  bool fit = false;
  llvm::Expected<GroupTiling> t =
      GroupTiling::compute(graph_, layers, schedule);
  if (!t) {
    llvm::consumeError(t.takeError());
  } else if (llvm::Error e = checkScheduleOnArch(schedule, arch_)) {
    llvm::consumeError(std::move(e));
  } else {
    fit = !checkGroupFit(groupFootprint(*t), schedule, arch_);
  }
  std::lock_guard<std::mutex> lock(fitsMutex_);
  fitsCache_.emplace(std::move(key), fit);
  return fit;
}

void FusionSpace::repair(FusionGenome &g) const {
  setForcedCuts(g);
  unsigned n = g.order.size();
  for (unsigned start = 0; start < n;) {
    unsigned end = start;
    while (!g.cut[end])
      ++end;
    if (end == start) {
      start = end + 1;
      continue;
    }
    std::vector<unsigned> layers(g.order.begin() + start,
                                 g.order.begin() + end + 1);
    llvm::sort(layers);
    ScheduleGene &gene = g.gene[start];
    GroupSchedule s = decode(gene, layers);
    if (fits(layers, s)) {
      start = end + 1;
      continue;
    }
    // Shorter tiles, then streamed weights, then depth first, then halves.
    if (s.rows > minTileRows(groupHeight(graph_, layers))) {
      uint8_t k = 0;
      while ((int64_t(2) << k) < s.rows)
        ++k;
      gene.rowsLog = k; // the power of two below the rows it had
    } else if (s.mode == ExecutionMode::Pipelined && choices_.depthFirst) {
      gene.pipelined = false;
      gene.rowsLog = 8;
    } else if (s.weights == WeightPolicy::Resident && choices_.streamed &&
               s.mode == ExecutionMode::DepthFirst) {
      gene.weights = WeightPolicy::Streamed;
      gene.rowsLog = 8;
    } else {
      g.cut[start + (end - start) / 2] = 1;
    }
  }
}

void FusionSpace::crossover(FusionGenome &child, const FusionGenome &other,
                            Rng &rng) const {
  unsigned n = child.order.size();
  if (n < 2 || other.order.size() != n)
    return;
  std::uniform_int_distribution<unsigned> pos(0, n - 1);
  unsigned a = pos(rng), b = pos(rng);
  if (a > b)
    std::swap(a, b);
  for (unsigned k = a; k <= b; ++k) {
    child.cut[k] = other.cut[k];
    child.gene[k] = other.gene[k];
  }
  child.cut[n - 1] = 1;
}

/// A random element of `v`, or nothing when it is empty.
static std::optional<unsigned> pick(const std::vector<unsigned> &v, Rng &rng) {
  if (v.empty())
    return std::nullopt;
  return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
}

void FusionSpace::mergeGroups(FusionGenome &g, Rng &rng) const {
  std::vector<unsigned> cuts;
  for (unsigned k = 0; k + 1 < g.order.size(); ++k)
    if (g.cut[k] && fusible_[g.order[k]] && fusible_[g.order[k + 1]])
      cuts.push_back(k);
  if (auto k = pick(cuts, rng))
    g.cut[*k] = 0;
}

void FusionSpace::splitGroup(FusionGenome &g, Rng &rng) const {
  std::vector<unsigned> inside;
  for (unsigned k = 0; k + 1 < g.order.size(); ++k)
    if (!g.cut[k])
      inside.push_back(k);
  if (auto k = pick(inside, rng)) {
    g.cut[*k] = 1;
    // The new group starts with its predecessor's genes.
    unsigned start = *k;
    while (start > 0 && !g.cut[start - 1])
      --start;
    g.gene[*k + 1] = g.gene[start];
  }
}

void FusionSpace::moveCut(FusionGenome &g, Rng &rng) const {
  unsigned n = g.order.size();
  std::vector<unsigned> cuts;
  for (unsigned k = 0; k + 1 < n; ++k)
    if (g.cut[k])
      cuts.push_back(k);
  std::optional<unsigned> k = pick(cuts, rng);
  if (!k)
    return;
  bool left = std::uniform_int_distribution<int>(0, 1)(rng);
  unsigned to = left ? (*k == 0 ? *k : *k - 1) : *k + 1;
  if (to + 1 < n && !g.cut[to]) {
    g.cut[*k] = 0;
    g.cut[to] = 1;
  }
}

void FusionSpace::mutateGene(FusionGenome &g, Rng &rng) const {
  std::vector<unsigned> starts;
  for (unsigned k = 0; k < g.order.size(); ++k)
    if ((k == 0 || g.cut[k - 1]) && !g.cut[k])
      starts.push_back(k);
  std::optional<unsigned> k = pick(starts, rng);
  if (!k)
    return;
  ScheduleGene &gene = g.gene[*k];
  switch (std::uniform_int_distribution<int>(0, 5)(rng)) {
  case 0:
    gene.rowsLog = std::clamp<int>(
        gene.rowsLog + (std::uniform_int_distribution<int>(0, 1)(rng) ? 1 : -1),
        0, 9);
    break;
  case 1:
    if (choices_.recompute)
      gene.halo = gene.halo == HaloPolicy::Keep ? HaloPolicy::Recompute
                                                : HaloPolicy::Keep;
    break;
  case 2:
    if (choices_.streamed)
      gene.weights = gene.weights == WeightPolicy::Resident
                         ? WeightPolicy::Streamed
                         : WeightPolicy::Resident;
    break;
  case 3:
    if (choices_.singleBuffer)
      gene.doubleBuffer = !gene.doubleBuffer;
    break;
  case 4:
    if (choices_.splits)
      gene.split = std::uniform_int_distribution<int>(0, 8)(rng);
    break;
  default:
    if (choices_.pipelined && choices_.depthFirst)
      gene.pipelined = !gene.pipelined;
  }
}

void FusionSpace::reorder(FusionGenome &g, Rng &rng) const {
  unsigned n = g.order.size();
  if (n < 2 || choices_.fixedOrder)
    return;
  unsigned k = std::uniform_int_distribution<unsigned>(0, n - 2)(rng);
  if (!dependsOn(g.order[k + 1], g.order[k]))
    std::swap(g.order[k], g.order[k + 1]);
}
