#pragma once

// ExperimentAssignment and ExperimentSplit live in core/domain (domain/experiment_assignment.h),
// below the SQL builders and the stores, which compute the same arms in SQL. This header keeps
// the experiments' include path.
#include "domain/experiment_assignment.h"
