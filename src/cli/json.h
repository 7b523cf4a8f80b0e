// The JSON writer lives in core/json.h (the CLI and the HTTP API share it).
#pragma once

#include "core/json.h"
