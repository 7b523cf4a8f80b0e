// Names of the CAMEO-compatible event codes the event stage produces
// (data/events/README.md), for listings, labels and the API.
#pragma once

#include <string>

namespace ng {

// "043" -> "host a visit"; "" for a code without a name here.
const char* cameo_name(const std::string& code);

}  // namespace ng
