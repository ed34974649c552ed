// How much it would take to change a pick: the smallest change of one
// persona's weight, and a single verdict that would turn it. Pure: the
// reports are weighed again in memory, nothing is read or written.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "toolcmp/model/model.h"

namespace toolcmp {

// For the pick recommend() made from these reports (the reviews carry the
// weights in use). Searched on a 0.01 grid from 0 to 100 per persona; a
// verdict flip is looked for on the pick's own reviews first.
Sensitivity sensitivity(const std::vector<ToolReport>& reports, const std::vector<Persona>& panel,
                        const PickRule& rule);

}  // namespace toolcmp
