#!/bin/sh
# Recipe: MatchIt 4.5.1 from Debian's source package with the one fix for
# upstream bug #163 (integer abs() on double distance differences in
# src/nn_matchC_vec.cpp; fixed upstream in 4.5.4), installed into a private
# R library. Usage (as root): sh build_patched_matchit.sh [/tmp/Rlib-matchit]
#
# STATUS: could not be completed on the project machine (2025-05 snapshot of
# Debian bookworm): the deb-src index is reachable and `apt-get source` works
# for other packages, but the r-cran-matchit 4.5.1 source files answer 404.
# The fixtures are therefore made with the exact work-around described in
# README.md. Kept so the reference build can be redone where the source exists;
# then run: MATCHIT_LIB=/tmp/Rlib-matchit Rscript make_matching_fixtures.R
set -eu
LIB=${1:-/tmp/Rlib-matchit}

if ! grep -rqs 'deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  cat > /etc/apt/sources.list.d/debian-src.sources <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  apt-get update
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y dpkg-dev build-essential \
  r-base-dev r-cran-rcpp r-cran-rcppprogress r-cran-backports

WORK=$(mktemp -d)
cd "$WORK"
apt-get source r-cran-matchit=4.5.1-1
cd r-cran-matchit-4.5.1
# the fix: abs( on doubles -> std::abs( (every unqualified abs( in this file
# takes a double difference: the two caliper checks and the left/right choice)
sed -i -E 's/([^:[:alnum:]_])abs\(/\1std::abs(/g' src/nn_matchC_vec.cpp
grep -n 'abs(' src/nn_matchC_vec.cpp
mkdir -p "$LIB"
R CMD INSTALL -l "$LIB" .
echo "installed patched MatchIt into $LIB"
