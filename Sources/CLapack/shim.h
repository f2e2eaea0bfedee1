#ifndef EFFEKT_CLAPACK_SHIM_H
#define EFFEKT_CLAPACK_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
