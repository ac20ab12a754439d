#!/usr/bin/env bash
# The desktop tools' own readers, which tests/integration/desktop-readers.test.ts opens the exports with:
# the Gephi toolkit (Maven Central) in .readers/gephi, and networkx, python-igraph, pydot, rdflib and
# pyoxigraph (PyPI) in the virtual environment .readers/venv. Both git-ignored; each is fetched once,
# and again when its pom.xml or requirements.txt changes.
#
#   scripts/readers/setup.sh        prints the java classpath and the venv's python, one a line
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=$(cd "$here/../.." && pwd)/.readers

log() { echo "readers/setup.sh: $*" >&2; }
die() { log "$*"; exit 1; }

# Runs "$@" to fill the folder $1 once for each version of the file $2: a marker named after the file's
# checksum is written last, so an interrupted fetch is redone, and a changed version list replaces the
# old install instead of mixing with it.
once() {
  local dir=$1 done
  done=$dir/.complete-$(sha256sum "$2" | cut -c1-16)
  shift 2
  [[ -f $done ]] && return 0
  rm -rf "$dir" && mkdir -p "$dir"
  "$@"
  touch "$done"
}

fetch_gephi() {
  command -v mvn >/dev/null || die "mvn is not on PATH (needed once, to fetch the Gephi toolkit)"
  log "fetching the Gephi toolkit with Maven into $cache/gephi ..."
  mvn -B -q -f "$here/gephi/pom.xml" dependency:copy-dependencies >"$cache/gephi-mvn.log" 2>&1 \
    || { cat "$cache/gephi-mvn.log" >&2; die "mvn failed to fetch the Gephi toolkit"; }
}

install_python() {
  local dir=$cache/venv
  command -v python3 >/dev/null || die "python3 is not on PATH (Debian: apt-get install python3 python3-venv)"
  log "installing the Python readers with pip into $dir ..."
  python3 -m venv --clear "$dir" >"$cache/venv.log" 2>&1 \
    || { cat "$cache/venv.log" >&2; die "python3 -m venv failed (Debian: apt-get install python3-venv)"; }
  "$dir/bin/pip" install -q --disable-pip-version-check -r "$here/requirements.txt" >>"$cache/venv.log" 2>&1 \
    || { cat "$cache/venv.log" >&2; die "pip failed to install scripts/readers/requirements.txt"; }
}

mkdir -p "$cache"
once "$cache/gephi" "$here/gephi/pom.xml" fetch_gephi
once "$cache/venv" "$here/requirements.txt" install_python
command -v java >/dev/null || die "java is not on PATH (it runs the Gephi toolkit)"
echo "$cache/gephi/*"
echo "$cache/venv/bin/python"
