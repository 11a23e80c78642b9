#!/bin/bash
# Old against new, interleaved in one time window: this VM's speed drifts by
# more than a typical change between runs an hour apart.
#
#   benchmarks/ab.sh REV PROJECT [ROUNDS]
#
# REV is the old commit; PROJECT a generated project (benchmarks/generate.py).
# Each round builds from nothing and validates the whole graph, first with
# REV's code, shapes and ontology (on a copy of PROJECT's data), then with this
# checkout's. Prints one line per side and round: build seconds, validation
# seconds, validation results.
set -euo pipefail
rev=$1 project=$(realpath "$2") rounds=${3:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'git -C "$here" worktree remove --force "$work/old-code" >/dev/null 2>&1; rm -rf "$work"' EXIT
git -C "$here" worktree add -q --detach "$work/old-code" "$rev"
mkdir "$work/old-project"
cp -r "$project/data" "$project/queries" "$work/old-project/"
cp -r "$work/old-code/shapes" "$work/old-code/ontology" "$work/old-project/"

measure() {  # source folder, project folder
  cd "$2" && rm -rf .edugraph-cache dist
  PYTHONPATH=$1 python - <<'PY'
import time
from pathlib import Path
from edugraph.build import build
from edugraph.project import Project
from edugraph.validate import validate
t = time.perf_counter(); build(Project(Path("."))); b = time.perf_counter() - t
t = time.perf_counter(); r = validate(Project(Path("."))); v = time.perf_counter() - t
print(f"build {b:.2f} s  validation {v:.2f} s  {len(r.results)} results")
PY
}

for round in $(seq "$rounds"); do
  echo "round $round old: $(measure "$work/old-code/src" "$work/old-project")"
  echo "round $round new: $(measure "$here/src" "$project")"
done
