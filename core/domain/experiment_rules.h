#pragma once

#include <QDateTime>

#include "common/result.h"
#include "domain/experiment.h"
#include "domain/segment.h"
#include "domain/validation_issue.h"

namespace core {

// What every backend does to an experiment before writing it: normalise, validate every field
// (each problem attached to its field, in words a marketer understands), check the version the
// edit started from and stamp version, user and time. Shared by all experiment stores so they
// cannot drift apart; the stores add what only they can check (the segment exists, the key is
// free) and persist the result atomically.
//
// Once an experiment runs, who is in which arm is fixed: its segment, key, seed, arms and holdout
// can change only while it is a draft. A stopped experiment no longer changes.
class ExperimentRules
{
public:
    // Every problem of the experiment's own fields (not the segment's existence or the key's
    // uniqueness). Fields: name, key, seed, segment, arms, arms[i].name, arms[i].weight, holdout,
    // start_date, end_date.
    static ValidationIssues validate(const Experiment& experiment);

    // draft.version must be 0; an empty id gets a new UUID. segment is the experiment's segment
    // as stored (the caller refuses an unknown one); a deleted segment is refused here. The
    // advertiser is the segment's; a draft naming another one is refused.
    static Result<Experiment> prepareCreate(Experiment draft, const Segment& segment, const QString& user,
                                            const QDateTime& now);
    // edited.version is the version the edit started from: a stale one is a Conflict.
    static Result<Experiment> prepareUpdate(const Experiment& current, Experiment edited, const QString& user,
                                            const QDateTime& now);
    // Stops a draft or running experiment; its end date becomes the day it stopped (UTC) unless
    // it ended earlier.
    static Result<Experiment> prepareStop(const Experiment& current, int baseVersion, const QString& user,
                                          const QDateTime& now);

    // Letters, digits and - _ . ; starting with a letter or digit (GrowthBook's tracking keys).
    static bool isValidKey(const QString& key);

    static Error staleVersionError(const Experiment& current, int baseVersion);
    static Error keyTakenError(const QString& key, const QString& takenBy);
    static Error unknownExperiment(const QString& id);
    static Error unknownSegment(const QString& segmentId);
};

// The Error for a list of experiment validation issues: Validation, the first issue's code, its
// field in the detail; every issue in the message when there are several.
Error experimentValidationError(const ValidationIssues& issues);

} // namespace core
