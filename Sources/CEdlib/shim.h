#ifndef SITEGEN_CEDLIB_SHIM_H
#define SITEGEN_CEDLIB_SHIM_H
#include <edlib.h>
#endif
