//===- Pareto.cpp - Non-dominated sorting and crowding (NSGA-II) ----------===//

#include "accel/Search/Pareto.h"
#include <algorithm>
#include <limits>
#include <numeric>

using namespace accel;

bool accel::dominates(llvm::ArrayRef<double> a, llvm::ArrayRef<double> b) {
  bool better = false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] > b[i])
      return false;
    better |= a[i] < b[i];
  }
  return better;
}

std::vector<unsigned>
accel::nondominatedFronts(llvm::ArrayRef<std::vector<double>> objectives) {
  // Deb's fast non-dominated sort: O(M N^2).
  size_t n = objectives.size();
  std::vector<std::vector<unsigned>> dominated(n);
  std::vector<unsigned> dominators(n, 0), front(n, 0), current;
  for (unsigned p = 0; p < n; ++p)
    for (unsigned q = 0; q < n; ++q) {
      if (dominates(objectives[p], objectives[q]))
        dominated[p].push_back(q);
      else if (dominates(objectives[q], objectives[p]))
        ++dominators[p];
    }
  for (unsigned p = 0; p < n; ++p)
    if (dominators[p] == 0)
      current.push_back(p);
  for (unsigned level = 0; !current.empty(); ++level) {
    std::vector<unsigned> next;
    for (unsigned p : current) {
      front[p] = level;
      for (unsigned q : dominated[p])
        if (--dominators[q] == 0)
          next.push_back(q);
    }
    current = std::move(next);
  }
  return front;
}

std::vector<double>
accel::crowdingDistances(llvm::ArrayRef<std::vector<double>> objectives,
                         llvm::ArrayRef<unsigned> members) {
  size_t n = members.size();
  std::vector<double> distance(n, 0);
  if (n == 0)
    return distance;
  constexpr double kInf = std::numeric_limits<double>::infinity();
  std::vector<unsigned> order(n);
  for (size_t m = 0; m < objectives[members[0]].size(); ++m) {
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](unsigned a, unsigned b) {
      return objectives[members[a]][m] < objectives[members[b]][m];
    });
    double lo = objectives[members[order.front()]][m];
    double hi = objectives[members[order.back()]][m];
    distance[order.front()] = distance[order.back()] = kInf;
    if (hi <= lo)
      continue;
    for (size_t i = 1; i + 1 < n; ++i)
      distance[order[i]] += (objectives[members[order[i + 1]]][m] -
                             objectives[members[order[i - 1]]][m]) /
                            (hi - lo);
  }
  return distance;
}

std::vector<unsigned> accel::nsga2Order(llvm::ArrayRef<RankedPoint> points) {
  std::vector<unsigned> feasible, infeasible;
  for (unsigned i = 0; i < points.size(); ++i)
    (points[i].feasible ? feasible : infeasible).push_back(i);
  std::vector<std::vector<double>> objs;
  for (unsigned i : feasible)
    objs.push_back(points[i].objectives);
  std::vector<unsigned> front = nondominatedFronts(objs);
  std::vector<double> crowding(feasible.size(), 0);
  unsigned fronts = front.empty() ? 0 : *std::max_element(front.begin(),
                                                          front.end()) + 1;
  for (unsigned f = 0; f < fronts; ++f) {
    std::vector<unsigned> members;
    for (unsigned i = 0; i < feasible.size(); ++i)
      if (front[i] == f)
        members.push_back(i);
    std::vector<double> d = crowdingDistances(objs, members);
    for (size_t j = 0; j < members.size(); ++j)
      crowding[members[j]] = d[j];
  }
  std::vector<unsigned> byRank(feasible.size());
  std::iota(byRank.begin(), byRank.end(), 0);
  std::stable_sort(byRank.begin(), byRank.end(), [&](unsigned a, unsigned b) {
    if (front[a] != front[b])
      return front[a] < front[b];
    return crowding[a] > crowding[b];
  });
  std::vector<unsigned> order;
  for (unsigned i : byRank)
    order.push_back(feasible[i]);
  std::stable_sort(infeasible.begin(), infeasible.end(),
                   [&](unsigned a, unsigned b) {
                     return points[a].violation < points[b].violation;
                   });
  order.insert(order.end(), infeasible.begin(), infeasible.end());
  return order;
}

std::vector<unsigned> accel::paretoFront(llvm::ArrayRef<RankedPoint> points) {
  std::vector<unsigned> front;
  for (unsigned i = 0; i < points.size(); ++i) {
    if (!points[i].feasible)
      continue;
    bool keep = true;
    for (unsigned j = 0; j < points.size() && keep; ++j) {
      if (!points[j].feasible || j == i)
        continue;
      keep = !dominates(points[j].objectives, points[i].objectives) &&
             !(j < i && points[j].objectives == points[i].objectives);
    }
    if (keep)
      front.push_back(i);
  }
  return front;
}
