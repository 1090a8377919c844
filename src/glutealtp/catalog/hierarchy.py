"""The region hierarchy of a dataset, checked: no cycle, not too deep, no region part of too
many others. A graph (with `also_part_of`), walked once each, iteratively, so a 10 MB dataset
of nested regions is as cheap to check as a flat one."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from glutealtp.catalog.model import Region

MAX_REGION_DEPTH = 16
"""Deepest region hierarchy accepted (the bundled one is 3 levels deep)."""
MAX_REGION_ANCESTORS = 32
"""Most regions one region may be part of, directly or not: with `also_part_of` the hierarchy
is a graph, and this keeps every region's ancestry (and so the index) small."""


def cycles(regions: Sequence[Region]) -> Iterator[str]:
    """Each loop in the region hierarchy once, and a hierarchy deeper than MAX_REGION_DEPTH.

    A region may be part of several others (`parent` and `also_part_of`), so the hierarchy is
    a graph; one depth-first pass with memoised depths keeps a 10 MB dataset of nested
    regions as cheap as a flat one, and the depth limit keeps every chain short.
    """
    index = {r.id: i for i, r in enumerate(regions)}
    parents = {
        r.id: [p for p in ([r.parent] if r.parent else []) + r.also_part_of if p in index]
        for r in regions
    }
    depth: dict[str, int] = {}
    on_path: dict[str, int] = {}
    too_deep = False
    for start in parents:
        if start in depth:
            continue
        path: list[str] = [start]
        on_path[start] = 0
        pending: list[list[str]] = [list(parents[start])]
        while path:
            if pending[-1]:
                nxt = pending[-1].pop()
                if nxt in on_path:
                    loop = path[on_path[nxt] :]
                    yield _loop(loop, nxt, index)
                    depth.update(dict.fromkeys(loop, 0))
                elif nxt not in depth:
                    on_path[nxt] = len(path)
                    path.append(nxt)
                    pending.append(list(parents[nxt]))
                continue
            node = path.pop()
            pending.pop()
            del on_path[node]
            if node not in depth:
                level = 1 + max((depth.get(p, 0) for p in parents[node]), default=0)
                depth[node] = level
                if level > MAX_REGION_DEPTH and not too_deep:
                    too_deep = True
                    yield (
                        f"regions[{index[node]}].parent: the region hierarchy is more than"
                        f" {MAX_REGION_DEPTH} levels deep"
                    )


def ancestry(regions: Sequence[Region]) -> list[str]:
    """A region may be part of at most MAX_REGION_ANCESTORS regions in all.

    Run on a hierarchy without cycles. A region reached by no `also_part_of` has a chain of
    parents as long as its depth (checked already), so only the regions at or below a second
    parent are counted, each set built once from its parents'.
    """
    index = {r.id: i for i, r in enumerate(regions)}
    parents = parents_of(regions)
    shared: dict[str, bool] = {}
    for r in regions:
        chain, node = [], r.id
        while node not in shared:
            chain.append(node)
            up = parents[node]
            if len(up) > 1 or not up:
                shared[node] = len(up) > 1
                chain.pop()
                break
            node = up[0]
        for n in reversed(chain):
            shared[n] = shared[parents[n][0]]
    found: dict[str, frozenset[str]] = {}
    for start in (r.id for r in regions if shared[r.id]):
        stack = [start]
        while stack:
            node = stack[-1]
            missing = [p for p in parents[node] if p not in found]
            if missing:
                stack.extend(missing)
                continue
            stack.pop()
            if node in found:
                continue
            out = frozenset((node,)).union(*(found[p] for p in parents[node]))
            if len(out) > MAX_REGION_ANCESTORS:
                return [
                    f"regions[{index[node]}].also_part_of: the region is part of more than"
                    f" {MAX_REGION_ANCESTORS} regions"
                ]
            found[node] = out
    return []


def parents_of(regions: Sequence[Region]) -> dict[str, list[str]]:
    """Each region's known parents: its `parent`, then those it is `also_part_of`."""
    known = {r.id for r in regions}
    return {
        r.id: [p for p in ([r.parent] if r.parent else []) + r.also_part_of if p in known]
        for r in regions
    }


def within(region: str, parents: dict[str, list[str]]) -> frozenset[str]:
    """The region and every region it is part of (a sound hierarchy: no cycle)."""
    out = {region}
    frontier = [region]
    while frontier:
        for p in parents[frontier.pop()]:
            if p not in out:
                out.add(p)
                frontier.append(p)
    return frozenset(out)


def _loop(loop: list[str], back_to: str, index: dict[str, int]) -> str:
    """A cycle, named at its smallest id and shown briefly when long."""
    shown = loop if len(loop) <= 6 else [*loop[:5], f"... ({len(loop) - 6} more)", loop[-1]]
    chain = " -> ".join([*shown, back_to])
    return f"regions[{index[min(loop)]}].parent: the region hierarchy has a cycle: {chain}"
